import { followUpOf, readFollowUp } from "../llm/builtin/follow-up";
import type { ConversationTurn, GenerationInput, SqlGenerator } from "../llm/types";
import { type ConversationOwner, ConversationStore, type TurnRow } from "../store/conversations";
import type { EventName, EventPayloads, EventSink } from "../workflow/events";
import type { EngineDeps, WorkflowOutcome } from "../workflow/types";
import {
  answerTo,
  clarificationFor,
  clarificationFromModel,
  type PendingClarification,
  publicClarification,
} from "./clarification";
import { summarizeRows } from "./summary";

/**
 * One task that is a turn of a conversation (issue 16). The TaskRoom opens it before the run and
 * closes it after; in between it only decorates what the engine already uses — the generator (which
 * is given the earlier turns), schema linking (which reads a follow-up with the question it edits)
 * and the event sink (which carries the conversation's parts) — so the engine knows nothing of it.
 */
export interface TurnOpening {
  db: D1Database;
  conversationId: string;
  namespace: string;
  workflow: string;
  owner: ConversationOwner;
  taskId: string;
  question: string;
  at: string;
}

// How many earlier turns a generator is given: the prompt bounds them again by size.
const MAX_CONTEXT_TURNS = 8;

export async function openTurn(opening: TurnOpening): Promise<ConversationTurnRun> {
  const store = new ConversationStore(opening.db);
  const earlier = (await store.turns(opening.conversationId)).filter((t) => t.taskId !== opening.taskId);
  await store.startTurn(
    opening.owner,
    { id: opening.conversationId, namespace: opening.namespace },
    { taskId: opening.taskId, question: opening.question, at: opening.at },
  );
  return new ConversationTurnRun(store, opening, earlier);
}

export class ConversationTurnRun {
  /** The question the workflow is asked: the original question completed by a clarification, or as asked. */
  readonly question: string;
  readonly turn: number;
  private readonly turns: ConversationTurn[];
  /** The follow-up read as a standalone question from its words alone (any generator; metric_to_sql). */
  private readonly textReading: string | undefined;
  private readonly answersClarification: boolean;
  private readAs: string | undefined;
  private pending: PendingClarification | undefined;
  private heldDone: (() => void | Promise<void>) | undefined;

  constructor(
    private readonly store: ConversationStore,
    private readonly opening: TurnOpening,
    earlier: TurnRow[],
  ) {
    this.turn = earlier.length + 1;
    this.turns = earlier.slice(-MAX_CONTEXT_TURNS).map((t) => ({
      question: t.question,
      standalone: t.standalone ?? undefined,
      status: t.status as ConversationTurn["status"],
      sql: t.sql,
      summary: t.summary,
    }));
    const last = earlier[earlier.length - 1];
    const asked = last?.clarification ? (JSON.parse(last.clarification) as PendingClarification) : undefined;
    const completed = asked ? answerTo(opening.question, asked) : undefined;
    this.answersClarification = completed !== undefined;
    const previous = [...this.turns].reverse().find((t) => t.status === "completed");
    this.textReading =
      completed ??
      (previous ? readFollowUp(opening.question, previous.standalone ?? previous.question)?.question : undefined);
    // metric_to_sql has no generator to read the follow-up: it is given the reading itself.
    this.question =
      completed ?? (opening.workflow === "metric_to_sql" ? (this.textReading ?? opening.question) : opening.question);
  }

  /** The engine's dependencies with the generator and linking made aware of the conversation. */
  deps<D extends Partial<Pick<EngineDeps, "generator" | "link">>>(deps: D): D {
    const out = { ...deps };
    if (deps.generator) out.generator = this.generator(deps.generator);
    if (deps.link) {
      const link = deps.link;
      out.link = (catalog, question, options) =>
        link(catalog, question === this.question ? (this.textReading ?? question) : question, options);
    }
    return out;
  }

  private generator(real: SqlGenerator): SqlGenerator {
    return {
      model: real.model,
      taskTokenBudget: real.taskTokenBudget,
      generate: async (input: GenerationInput, signal?: AbortSignal) => {
        const result = await real.generate({ ...input, conversation: this.turns }, signal);
        if (result.ok) {
          this.readAs = result.readAs;
          this.pending = undefined;
        } else {
          const reading = followUpOf({ ...input, conversation: this.turns })?.question ?? input.question;
          this.pending = result.clarification
            ? clarificationFromModel(result.clarification, reading)
            : clarificationFor(result.reason, input, reading);
        }
        return result;
      },
    };
  }

  /** How the question was read, when that differs from how it was asked. */
  private reading(): string | undefined {
    const read = this.readAs ?? this.textReading ?? this.question;
    return read !== this.opening.question ? read : undefined;
  }

  private metadata(failed: boolean): Record<string, unknown> {
    const read = this.reading();
    return {
      conversation_id: this.opening.conversationId,
      conversation_turn: this.turn,
      ...(read ? { read_as: read } : {}),
      ...(this.answersClarification ? { answers_clarification: true } : {}),
      ...(failed && this.pending ? { clarification: publicClarification(this.pending) } : {}),
    };
  }

  private asking(): string | undefined {
    if (!this.pending) return undefined;
    const labels = this.pending.options.map((o) => `"${o.label}"`).join(", ");
    return `${this.pending.question} Reply in this conversation with one of ${labels} (or "clarification: <option id>").`;
  }

  /** The sink with the conversation's parts: the context used, the clarification, the conversation id. */
  sink(sink: EventSink): EventSink {
    return {
      emit: <K extends EventName>(event: K, data: EventPayloads[K]) => {
        if (event === "output_ready") {
          const ready = data as EventPayloads["output_ready"];
          return sink.emit("output_ready", { ...ready, metadata: { ...ready.metadata, ...this.metadata(false) } });
        }
        if (event === "error" && this.pending) {
          const error = data as EventPayloads["error"];
          return sink.emit("error", {
            ...error,
            error: this.asking() ?? error.error,
            clarification: publicClarification(this.pending),
          });
        }
        // `done` waits until the turn is recorded: a follow-up sent on `done` then finds it.
        if (event === "done") {
          this.heldDone = () => sink.emit(event, data);
          return;
        }
        const emitted = sink.emit(event, data);
        if (event !== "started") return emitted;
        return Promise.resolve(emitted).then(() =>
          sink.emit("node_detail", {
            node: "schema_linking",
            description: "Reading the question in its conversation",
            details: {
              conversation_id: this.opening.conversationId,
              turn: this.turn,
              earlier_turns: this.turns.length,
              context: this.turns.map((t) => t.standalone ?? t.question),
              ...(this.textReading && this.textReading !== this.opening.question ? { read_as: this.textReading } : {}),
              ...(this.answersClarification ? { answers_clarification: true } : {}),
            },
          }),
        );
      },
    };
  }

  /** The outcome as the conversation tells it, recorded as this turn. */
  async finish(outcome: WorkflowOutcome, at: string): Promise<WorkflowOutcome> {
    const failed = outcome.status !== "completed";
    const asking = failed ? this.asking() : undefined;
    const finished: WorkflowOutcome = {
      ...outcome,
      metadata: { ...outcome.metadata, ...this.metadata(failed) },
      ...(asking ? { error: asking } : {}),
    };
    await this.store.finishTurn(this.opening.conversationId, this.opening.taskId, {
      status: outcome.status,
      standalone: this.readAs ?? this.textReading ?? this.question,
      sql: outcome.sql,
      summary: summarizeRows(outcome.result),
      clarification: failed && this.pending ? JSON.stringify(this.pending) : null,
      at,
    });
    await this.heldDone?.();
    return finished;
  }
}
