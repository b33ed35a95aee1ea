import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { linkSchema } from "../linking";
import { AiSqlGenerator } from "../llm/ai";
import { BuiltinSqlGenerator } from "../llm/builtin/sql-generator";
import type { QueryResult } from "../sql/executor";
import { SqlExecutionError } from "../sql/sql-errors";
import { runWorkflow } from "./engine";
import { CollectingSink } from "./events";
import type { EngineDeps, SqlGenerator, WorkflowName, WorkflowRequest } from "./types";

/** The engine with AI SDK mock models and scripted execution: plans, reflection rounds, failures. */
const request = (workflow: WorkflowName, question = "Revenue of customers in Germany"): WorkflowRequest => ({
  taskId: "t-1",
  workflow,
  namespace: "demo",
  question,
  currentDate: "2024-06-30",
});

const rows = (n: number): QueryResult => ({
  columns: [{ name: "revenue", type: "numeric" }],
  rows: Array.from({ length: n }, (_, i) => ({ revenue: 100 + i })),
  rowCount: n,
  truncated: false,
  executionMs: 3,
});

/** A mock model answering the scripted SQL in turn, recording every prompt it was sent. */
function scriptedModel(sqls: string[], options: { usage?: [number, number]; taskTokenBudget?: number } = {}) {
  const prompts: string[] = [];
  const answerCaps: (number | undefined)[] = [];
  const promptChars: number[] = [];
  const [input, output] = options.usage ?? [10, 5];
  let call = 0;
  const model = new MockLanguageModelV4({
    provider: "mock",
    modelId: "scripted",
    doGenerate: async (options) => {
      prompts.push(JSON.stringify(options.prompt));
      answerCaps.push(options.maxOutputTokens);
      promptChars.push(
        options.prompt
          .flatMap((m) =>
            typeof m.content === "string" ? [m.content] : m.content.map((p) => ("text" in p ? p.text : "")),
          )
          .join("").length,
      );
      const sql = sqls[Math.min(call++, sqls.length - 1)]!;
      return {
        content: [{ type: "text", text: JSON.stringify({ explanation: "scripted", sql, tables: ["orders"] }) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: output, text: output, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  const generator = new AiSqlGenerator({
    model,
    label: "mock:scripted",
    timeoutMs: 5000,
    maxRetries: 0,
    maxOutputTokens: 256,
    taskTokenBudget: options.taskTokenBudget,
  });
  return { generator, prompts, answerCaps, promptChars };
}

function deps(
  generator: SqlGenerator,
  execute: (sql: string) => Promise<QueryResult>,
  extra: Partial<EngineDeps> = {},
): EngineDeps {
  return {
    loadCatalog: async () => DEMO_CATALOG,
    executeSql: execute,
    link: (catalog, question, options) => linkSchema(catalog, question, options),
    generator,
    rowLimit: 100,
    ...extra,
  };
}

const BAD = "SELECT revenu FROM orders";
const EMPTY = "SELECT total_amount FROM orders WHERE false";
const GOOD = "SELECT sum(total_amount) AS revenue FROM orders";

function executor(): (sql: string) => Promise<QueryResult> {
  return async (sql) => {
    if (sql === BAD) throw new SqlExecutionError("invalid", 'column "revenu" does not exist', "42703");
    if (sql === EMPTY) return rows(0);
    return rows(1);
  };
}

describe("workflow plans", () => {
  it("fixed: link → generate → execute → output, no retry", async () => {
    const { generator } = scriptedModel([BAD, GOOD]);
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("fixed"), deps(generator, executor()), sink);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toContain("revenu");
    expect(sink.of("sql_generated")).toHaveLength(1);
    expect(sink.events.map((e) => e.event).slice(-2)).toEqual(["error", "done"]);
  });

  it("nl2sql: one automatic repair with the error in the prompt", async () => {
    const { generator, prompts } = scriptedModel([BAD, GOOD]);
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("nl2sql"), deps(generator, executor()), sink);
    expect(outcome).toMatchObject({ status: "completed", sql: GOOD, error: null });
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toContain("revenu");
    expect(prompts[1]).toContain("does not exist");
    expect(outcome.metadata).toMatchObject({ reflection_rounds: 0, model: "mock:scripted" });
  });

  it("reflection: rounds are counted, visible as events, and change strategy", async () => {
    const { generator, prompts } = scriptedModel([BAD, EMPTY, GOOD]);
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("reflection"), deps(generator, executor()), sink);
    expect(outcome.status).toBe("completed");
    expect(outcome.metadata.reflection_rounds).toBe(2);
    const reflections = sink.of("node_detail").filter((d) => d.node === "reflect");
    expect(reflections.map((r) => r.details.strategy)).toEqual(["regenerate_with_error", "widen_schema"]);
    expect(sink.of("sql_generated").map((s) => s.sql)).toEqual([BAD, EMPTY, GOOD]);
    expect(sink.of("execution_complete").map((e) => e.status)).toEqual(["failed", "success", "success"]);
    expect(prompts[2]).toContain("no rows");
  });

  it("reflection: stops after the configured rounds and keeps an empty answer", async () => {
    const { generator, prompts } = scriptedModel([EMPTY]);
    const outcome = await runWorkflow(
      request("reflection"),
      deps(generator, executor(), { maxReflectionRounds: 2 }),
      new CollectingSink(),
    );
    expect(prompts).toHaveLength(3);
    expect(outcome).toMatchObject({ status: "completed", result: [] });
    expect(outcome.metadata.reflection_rounds).toBe(2);
  });

  it("reports the task's LLM token usage in metadata", async () => {
    const { generator } = scriptedModel([BAD, GOOD], { usage: [1200, 80] });
    const outcome = await runWorkflow(request("nl2sql"), deps(generator, executor()), new CollectingSink());
    expect(outcome.metadata.llm_usage).toEqual({ input_tokens: 2400, output_tokens: 160, calls: 2 });
  });

  it("reflection stops at the task's LLM token budget with a clear error, and done", async () => {
    // Each call spends 2,500 of 5,000 tokens: a third round cannot be paid for.
    const { generator, prompts, answerCaps } = scriptedModel([BAD], { usage: [2400, 100], taskTokenBudget: 5000 });
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("reflection"), deps(generator, executor()), sink);
    expect(prompts).toHaveLength(2);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe(
      "The task used its LLM token budget (5000 tokens, LLM_TASK_TOKEN_BUDGET) over 2 call(s) before a query succeeded",
    );
    expect(outcome.metadata.llm_usage).toEqual({ input_tokens: 4800, output_tokens: 200, calls: 2 });
    expect(sink.of("error")[0]).toMatchObject({ node: "generate_sql" });
    expect(sink.events.at(-1)?.event).toBe("done");
    expect(answerCaps).toEqual([256, 256]);
  });

  it("lowers the answer's cap to what the budget leaves after the prompt", async () => {
    const probe = scriptedModel([GOOD]);
    await runWorkflow(request("fixed"), deps(probe.generator, executor()), new CollectingSink());
    const promptTokens = Math.ceil(probe.promptChars[0]! / 4);
    const { generator, answerCaps } = scriptedModel([GOOD], { taskTokenBudget: promptTokens + 150 });
    expect((await runWorkflow(request("fixed"), deps(generator, executor()), new CollectingSink())).status).toBe(
      "completed",
    );
    expect(answerCaps[0]).toBeGreaterThanOrEqual(64);
    expect(answerCaps[0]).toBeLessThan(256);
  });

  it("does not call the model when the budget cannot pay for the prompt", async () => {
    const { generator, prompts } = scriptedModel([BAD], { usage: [2900, 50], taskTokenBudget: 3000 });
    const outcome = await runWorkflow(request("nl2sql"), deps(generator, executor()), new CollectingSink());
    expect(prompts).toHaveLength(1);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/LLM token budget is spent: 50 tokens left/);
  });

  it("a provider failure ends the task with a clear error, and done", async () => {
    const model = new MockLanguageModelV4({
      provider: "mock",
      modelId: "down",
      doGenerate: async () => {
        throw new APICallError({
          message: "boom",
          url: "https://llm.test/v1/chat/completions",
          requestBodyValues: {},
          statusCode: 500,
        });
      },
    });
    const generator = new AiSqlGenerator({
      model,
      label: "mock:down",
      timeoutMs: 5000,
      maxRetries: 0,
      maxOutputTokens: 256,
    });
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("nl2sql"), deps(generator, executor()), sink);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe("The language model provider answered 500 Internal Server Error");
    expect(sink.of("error")[0]).toMatchObject({ node: "generate_sql" });
    expect(sink.of("done")[0]).toMatchObject({ status: "failed" });
  });

  it("metadata carries node timings, tables found and the model", async () => {
    const sink = new CollectingSink();
    const outcome = await runWorkflow(
      request("fixed", "How many orders are there?"),
      deps(new BuiltinSqlGenerator(), async () => rows(1)),
      sink,
    );
    expect(outcome.status).toBe("completed");
    expect(outcome.metadata).toMatchObject({ model: "builtin", nodes_executed: 4, reflection_rounds: 0 });
    expect(outcome.metadata.tables_found).toContain("orders");
    expect(Object.keys(outcome.metadata.node_timings as object)).toEqual([
      "schema_linking",
      "generate_sql",
      "execute_sql",
      "output",
    ]);
    expect(
      sink
        .of("node_progress")
        .filter((p) => p.status === "completed")
        .map((p) => p.node),
    ).toEqual(["schema_linking", "generate_sql", "execute_sql", "output"]);
  });

  it("a cancelled signal stops at the next node boundary", async () => {
    const controller = new AbortController();
    const generator: SqlGenerator = {
      model: "x",
      generate: async () => {
        controller.abort();
        return { ok: true, sql: GOOD, explanation: "" };
      },
    };
    const sink = new CollectingSink();
    const outcome = await runWorkflow(request("fixed"), deps(generator, executor()), sink, controller.signal);
    expect(outcome.status).toBe("cancelled");
    expect(sink.of("done")[0]!.status).toBe("cancelled");
    expect(sink.of("execution_complete")).toHaveLength(0);
  });
});
