import type { Catalog } from "../sql/catalog.types";
import type { EventName, EventPayloads, EventSink } from "../workflow/events";
import type { EngineDeps, GenerationInput, SqlGenerator, WorkflowOutcome } from "../workflow/types";
import { answerableOn } from "./answerable";
import { chooseChart } from "./chart";
import { assumptionsOf, sourcesOf, suggestionsFor, type UsedExample } from "./explain";

/**
 * Adds the explanation of issue 16 to every completed answer — `assumptions`, `sources`,
 * `suggestions`, `chart` in metadata, in `output_ready` and in the stored task alike. Like a
 * conversation's turn it only decorates what the engine already uses: it watches the generator
 * (for the catalog and the verified example used) and the events (for the SQL that ran).
 */
export class AnswerExplainer {
  private sql: string | null = null;
  private catalog: Catalog | undefined;
  private example: UsedExample | undefined;
  /** The last explanation, by SQL and question: `output_ready` and the outcome explain the same answer. */
  private explained:
    | { key: string; assumptions: string[]; sources: ReturnType<typeof sourcesOf>; suggestions: string[] }
    | undefined;

  constructor(
    private readonly question: string,
    private readonly currentDate: string,
  ) {}

  deps<D extends Partial<Pick<EngineDeps, "generator">>>(deps: D): D {
    if (!deps.generator) return deps;
    const real: SqlGenerator = deps.generator;
    return {
      ...deps,
      generator: {
        model: real.model,
        taskTokenBudget: real.taskTokenBudget,
        generate: async (input: GenerationInput, signal?: AbortSignal) => {
          this.catalog = input.catalog;
          const result = await real.generate(input, signal);
          const example =
            result.ok && result.source === "verified_example"
              ? input.examples?.find((e) => e.sql === result.sql)
              : undefined;
          this.example = example ? { id: example.id, question: example.question } : undefined;
          return result;
        },
      },
    };
  }

  sink(sink: EventSink): EventSink {
    return {
      emit: <K extends EventName>(event: K, data: EventPayloads[K]) => {
        if (event === "sql_generated") this.sql = (data as EventPayloads["sql_generated"]).sql;
        if (event !== "output_ready") return sink.emit(event, data);
        const ready = data as EventPayloads["output_ready"];
        return sink.emit("output_ready", {
          ...ready,
          metadata: { ...ready.metadata, ...this.explain(this.sql, ready.result, ready.metadata) },
        });
      },
    };
  }

  finish(outcome: WorkflowOutcome): WorkflowOutcome {
    if (outcome.status !== "completed") return outcome;
    return {
      ...outcome,
      metadata: { ...outcome.metadata, ...this.explain(outcome.sql, outcome.result, outcome.metadata) },
    };
  }

  private explain(sql: string | null, rows: Record<string, unknown>[] | null, metadata: Record<string, unknown>) {
    const question = typeof metadata.read_as === "string" ? metadata.read_as : this.question;
    const key = JSON.stringify([sql, question, metadata.metrics ?? null]);
    if (this.explained?.key !== key) {
      const catalog = this.catalog;
      // The built-in generator answers a suggestion or it is not made: "the service can answer it".
      const answerable = catalog ? answerableOn(catalog, this.currentDate) : () => true;
      this.explained = {
        key,
        assumptions: assumptionsOf(sql),
        sources: sourcesOf(sql, metadata, this.example),
        suggestions: suggestionsFor(question, sql, this.currentDate, answerable),
      };
    }
    const { key: _, ...explanation } = this.explained;
    return { ...explanation, chart: chooseChart(rows) };
  }
}
