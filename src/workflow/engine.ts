import { withProbedValues } from "../linking";
import type { Catalog } from "../sql/catalog.types";
import type { QueryResult } from "../sql/executor";
import { SqlExecutionError } from "../sql/sql-errors";
import type { EventSink } from "./events";
import { executionFailed, executionSucceeded, resultMetadata } from "./execution-events";
import { NodeRunner, TaskFailure } from "./node-runner";
import { runPlan } from "./plan";
import { type Judgement, judgeOutcome, strategyFor } from "./reflect";
import { TokenBudget } from "./token-budget";
import type {
  AskedQuestion,
  Attempt,
  EngineDeps,
  LinkedSchema,
  ReflectionStrategy,
  WorkflowOutcome,
  WorkflowRequest,
} from "./types";

export const DEFAULT_REFLECTION_ROUNDS = 3;
/**
 * About 6,000 characters of DDL: every table of a schema of a dozen tables, or the relevant part of
 * a large one. On the public Defog set (11 schemas of 3-24 tables) every table a gold query reads is
 * linked for 313 of 314 questions at this budget, 7.2 tables on average.
 */
export const DEFAULT_LINK_BUDGET_TOKENS = 1500;
// Widening on reflection: enough to bring in a missed dimension table without flooding the prompt.
const WIDEN_FACTOR = 2;

/**
 * Runs one workflow over a request: plans are the contract's `fixed`, `nl2sql` and `reflection`
 * (metric_to_sql has its own compiler). Emits the contract's events through `sink` and always ends
 * with `done`. Knows no HTTP, no Durable Object: the TaskRoom (sync and async tasks) and tests call it.
 */
export async function runWorkflow(
  request: WorkflowRequest,
  deps: EngineDeps,
  sink: EventSink,
  signal?: AbortSignal,
): Promise<WorkflowOutcome> {
  const now = deps.now ?? (() => Date.now());
  const started = now();
  let reflectionRounds = 0;
  let sql: string | null = null;
  let explanation: string | undefined;
  let linked: LinkedSchema | undefined;
  let exampleUsed: string | undefined;
  let result: QueryResult | undefined;

  const runner = new NodeRunner(sink, signal, now, deps.reportError);
  const tokens = new TokenBudget(deps.generator.taskTokenBudget);
  const node = runner.run.bind(runner);

  const metadata = (): Record<string, unknown> => ({
    execution_time: (now() - started) / 1000,
    nodes_executed: runner.nodesExecuted,
    reflection_rounds: reflectionRounds,
    workflow: request.workflow,
    model: deps.generator.model,
    tables_found: linked?.tables.map((t) => t.table.name) ?? [],
    node_timings: runner.timings,
    ...resultMetadata(result),
    ...(tokens.report() ? { llm_usage: tokens.report() } : {}),
    ...(explanation ? { explanation } : {}),
    ...(exampleUsed ? { example_used: exampleUsed } : {}),
  });

  const steps = async (): Promise<{ sql: string; rows: Record<string, unknown>[] }> => {
    // The examples do not depend on the linked schema: looked up (a D1 read) while it is linked,
    // not after it, so the read is off the answer's path (issue 18). Marked handled so a failed
    // linking does not leave it unhandled; a failed lookup still fails the task where it is awaited.
    const examplesSoon = deps.findExamples?.(request.question);
    examplesSoon?.catch(() => {});
    const catalog = await node("schema_linking", 20, async () => {
      let catalog = await deps.loadCatalog(signal);
      const budgetTokens = deps.linkBudgetTokens ?? DEFAULT_LINK_BUDGET_TOKENS;
      linked = deps.link(catalog, request.question, { budgetTokens, context: request.knowledge });
      const looked = deps.probeValues
        ? await deps.probeValues(
            catalog,
            request.question,
            linked.tables.map((t) => t.qualifiedName),
            signal,
          )
        : [];
      if (looked.length > 0) {
        // Found in the data: from here on they are values like sampled ones, for linking and generators.
        catalog = withProbedValues(catalog, looked);
        linked = deps.link(catalog, request.question, { budgetTokens, context: request.knowledge });
      }
      const wasLooked = (v: { table: string; column: string; value: string }) =>
        looked.some((l) => l.table === v.table && l.column === v.column && l.value === v.value);
      await sink.emit("node_detail", {
        node: "schema_linking",
        description: "Analyzing user query and finding relevant tables",
        details: {
          tables_found: linked.tables.map((t) => t.table.name),
          columns: Object.fromEntries(
            linked.tables.map((t) => [t.table.name, t.columns.slice(0, 8).map((c) => c.column.name)]),
          ),
          matched_values: linked.matchedValues.map((v) => ({
            table: v.table,
            column: v.column,
            value: v.value,
            ...(wasLooked(v) ? { looked_up: true } : {}),
          })),
        },
      });
      return catalog;
    });
    const examples = (await examplesSoon) ?? [];

    const attempts: Attempt[] = [];
    const maxRepairs =
      request.workflow === "fixed"
        ? 0
        : request.workflow === "nl2sql"
          ? 1
          : (deps.maxReflectionRounds ?? DEFAULT_REFLECTION_ROUNDS);
    let strategy: ReflectionStrategy | undefined;
    let linkBudget = deps.linkBudgetTokens ?? DEFAULT_LINK_BUDGET_TOKENS;

    for (let round = 0; ; round++) {
      if (strategy === "widen_schema") {
        linkBudget *= WIDEN_FACTOR;
        linked = deps.link(catalog, request.question, { budgetTokens: linkBudget, context: request.knowledge });
      }
      if (tokens.exhausted) throw new TaskFailure(tokens.exhaustedMessage(), "generate_sql");
      const generated = await node("generate_sql", 40, () =>
        deps.generator.generate(
          {
            ...askedQuestion(request),
            catalog,
            linked: linked!,
            dialect: "postgres",
            previousAttempts: attempts,
            strategy,
            rowLimit: deps.rowLimit,
            examples,
            tokenBudget: tokens.remaining,
          },
          signal,
        ),
      );
      tokens.spend(generated.usage);
      if (!generated.ok) {
        // "Cannot answer" is final unless reflection may still widen the schema it looked at.
        if (request.workflow === "reflection" && round < maxRepairs && strategy !== "widen_schema") {
          reflectionRounds++;
          strategy = "widen_schema";
          await reflectDetail(sink, round + 1, { verdict: "cannot_generate", reason: generated.reason }, strategy);
          continue;
        }
        throw new TaskFailure(generated.reason, "generate_sql");
      }
      sql = generated.sql;
      explanation = generated.explanation;
      if (generated.source) exampleUsed = generated.source;
      await sink.emit("sql_generated", { sql: generated.sql, ...(round > 0 ? { round } : {}) });

      let failure: SqlExecutionError | undefined;
      result = undefined;
      await node("execute_sql", 60, async () => {
        try {
          result = await deps.executeSql(generated.sql, signal);
          await sink.emit("execution_complete", executionSucceeded(result));
        } catch (error) {
          if (!(error instanceof SqlExecutionError)) throw error;
          failure = error;
          await sink.emit("execution_complete", executionFailed(error));
        }
      });
      if (failure?.kind === "cancelled" || signal?.aborted)
        throw new TaskFailure("The task was cancelled", "execute_sql", true);
      if (failure?.kind === "unavailable") throw new TaskFailure(failure.message, "execute_sql");

      let judgement: Judgement;
      if (request.workflow === "reflection") {
        judgement = await node("reflect", 70, async () => judgeOutcome(result, failure));
      } else {
        judgement = failure ? { verdict: "error", reason: failure.message } : { verdict: "ok" };
      }
      if (judgement.verdict === "ok") break;
      // An empty or odd-looking result is still an answer when no repair is left.
      const hasAnswer = result !== undefined;
      if (round >= maxRepairs) {
        if (hasAnswer) break;
        throw new TaskFailure(failure ? `The SQL failed: ${failure.message}` : judgement.reason, "execute_sql");
      }
      attempts.push({ sql: generated.sql, error: judgement.reason });
      strategy = request.workflow === "reflection" ? strategyFor(judgement, strategy) : "regenerate_with_error";
      if (request.workflow === "reflection") {
        reflectionRounds++;
        await reflectDetail(sink, round + 1, judgement, strategy);
      }
    }

    return { sql: sql!, rows: (result as QueryResult | undefined)?.rows ?? [] };
  };
  return runPlan({ request, sink, runner, now, started }, { run: steps, metadata, sqlSoFar: () => sql });
}

async function reflectDetail(
  sink: EventSink,
  round: number,
  judgement: Judgement | { verdict: string; reason: string },
  strategy: ReflectionStrategy,
) {
  await sink.emit("node_detail", {
    node: "reflect",
    description: `Reflection round ${round}: ${describeStrategy(strategy)}`,
    details: {
      round,
      verdict: judgement.verdict,
      reason: "reason" in judgement ? judgement.reason : undefined,
      strategy,
    },
  });
}

function describeStrategy(strategy: ReflectionStrategy): string {
  switch (strategy) {
    case "regenerate_with_error":
      return "regenerating the SQL with the error";
    case "widen_schema":
      return "widening schema linking";
    case "step_by_step":
      return "reasoning step by step";
  }
}

export type { Catalog };

/** The question and its context, as the request carries them (llm/types.ts AskedQuestion). */
function askedQuestion(request: WorkflowRequest): AskedQuestion {
  const { question, currentDate, knowledge, domain, layer1, layer2 } = request;
  return { question, currentDate, knowledge, domain, layer1, layer2 };
}
