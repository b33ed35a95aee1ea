import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { loadFileMetrics } from "../semantic";
import { EMPTY_DEFINITIONS } from "../semantic/definitions";
import type { QueryResult } from "../sql/executor";
import { SqlExecutionError } from "../sql/sql-errors";
import { CollectingSink } from "./events";
import { type MetricEngineDeps, runMetricWorkflow } from "./metric-plan";
import type { WorkflowRequest } from "./types";

/** The metric_to_sql plan with the demo definitions and scripted execution: events, metadata, failures. */
const request = (question: string): WorkflowRequest => ({
  taskId: "m-1",
  workflow: "metric_to_sql",
  namespace: "demo",
  question,
  currentDate: "2024-06-30",
});
const rows: QueryResult = {
  columns: [{ name: "month", type: "date" }],
  rows: [{ month: "2023-01-01", product_category: "Books", revenue: 10 }],
  rowCount: 1,
  truncated: false,
  executionMs: 4,
};

function deps(
  execute: (sql: string) => Promise<QueryResult> = async () => rows,
  extra: Partial<MetricEngineDeps> = {},
): MetricEngineDeps & { executed: string[] } {
  const executed: string[] = [];
  return {
    executed,
    loadCatalog: async () => DEMO_CATALOG,
    loadDefinitions: async () => loadFileMetrics(undefined).demo!,
    executeSql: async (sql) => {
      executed.push(sql);
      return execute(sql);
    },
    ...extra,
  };
}

describe("runMetricWorkflow", () => {
  it("emits the engine's events through search_metrics, date_parser, compile_metrics, execute_sql and output", async () => {
    const sink = new CollectingSink();
    const d = deps();
    const outcome = await runMetricWorkflow(request("monthly revenue by product category in 2023"), d, sink);
    expect(outcome.status).toBe("completed");
    expect(sink.events.map((e) => e.event)).toEqual([
      "started",
      "progress",
      "node_progress",
      "node_detail",
      "node_progress",
      "node_progress",
      "node_detail",
      "node_progress",
      "node_progress",
      "node_detail",
      "node_progress",
      "sql_generated",
      "node_progress",
      "execution_complete",
      "node_progress",
      "node_progress",
      "output_ready",
      "node_progress",
      "done",
    ]);
    expect(
      sink
        .of("node_progress")
        .filter((p) => p.status === "completed")
        .map((p) => p.node),
    ).toEqual(["search_metrics", "date_parser", "compile_metrics", "execute_sql", "output"]);
    const [search, dates, compile] = sink.of("node_detail");
    expect(search!.details).toMatchObject({ metrics: ["revenue"], dimensions: ["product_category"], grain: "month" });
    expect(dates!.details).toMatchObject({
      current_date: "2024-06-30",
      date_range: { start: "2023-01-01", end: "2024-01-01", text: "in 2023" },
    });
    expect(compile!.details).toMatchObject({ grain: "month", columns: ["month", "product_category", "revenue"] });
    expect(d.executed).toEqual([outcome.sql]);
    expect(sink.of("sql_generated")[0]!.sql).toBe(outcome.sql);
    expect(outcome.metadata).toMatchObject({
      model: "semantic-layer",
      reflection_rounds: 0,
      nodes_executed: 5,
      workflow: "metric_to_sql",
      metric: "revenue",
      grain: "month",
      date_range: { start: "2023-01-01", end: "2024-01-01" },
      row_count: 1,
      tables_found: expect.arrayContaining(["order_items", "orders", "products", "product_categories"]),
    });
    expect(Object.keys(outcome.metadata.node_timings as object)).toEqual([
      "search_metrics",
      "date_parser",
      "compile_metrics",
      "execute_sql",
      "output",
    ]);
    expect(sink.of("done")[0]).toMatchObject({ task_id: "m-1", status: "completed" });
  });

  it("fails at search_metrics with the defined metrics when none matches", async () => {
    const sink = new CollectingSink();
    const outcome = await runMetricWorkflow(request("profit by planet"), deps(), sink);
    expect(outcome).toMatchObject({ status: "failed", sql: null });
    expect(outcome.error).toMatch(/No defined metric matches the question.*revenue/);
    expect(sink.of("error")[0]).toMatchObject({ node: "search_metrics" });
    expect(sink.events.at(-1)).toMatchObject({ event: "done", data: { status: "failed" } });
  });

  it("fails at date_parser and compile_metrics with what went wrong", async () => {
    const dates = await runMetricWorkflow(
      request("revenue in 2022 and compare it with Q1 2024 for Germany"),
      deps(),
      new CollectingSink(),
    );
    expect(dates.error).toMatch(/dates in the question/);
    const sink = new CollectingSink();
    const compile = await runMetricWorkflow(request("average order value by product category"), deps(), sink);
    expect(compile.error).toMatch(/cannot be broken down or filtered by 'product_category'/);
    expect(sink.of("error")[0]).toMatchObject({ node: "compile_metrics" });
  });

  it("reports a SQL failure with execution_complete failed, and a namespace without metrics", async () => {
    const sink = new CollectingSink();
    const failed = await runMetricWorkflow(
      request("revenue by month"),
      deps(async () => {
        throw new SqlExecutionError("invalid", 'relation "order_items" does not exist');
      }),
      sink,
    );
    expect(failed).toMatchObject({ status: "failed", error: 'relation "order_items" does not exist' });
    expect(failed.sql).toContain("date_trunc('month'");
    expect(sink.of("execution_complete")[0]).toMatchObject({ status: "failed" });
    const none = await runMetricWorkflow(
      request("revenue"),
      deps(undefined, { loadDefinitions: async () => EMPTY_DEFINITIONS }),
      new CollectingSink(),
    );
    expect(none.error).toMatch(/No metrics are defined for namespace 'demo'/);
  });

  it("stops when cancelled, and narrows metrics by domain", async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = await runMetricWorkflow(request("revenue"), deps(), new CollectingSink(), controller.signal);
    expect(cancelled.status).toBe("cancelled");
    const finance = await runMetricWorkflow(
      { ...request("revenue by month"), domain: "finance" },
      deps(),
      new CollectingSink(),
    );
    expect(finance.error).toMatch(/Defined metrics: payments_received/);
  });
});
