import { ConfigError } from "../config/yaml-config";
import { type DateRange, readDateRange } from "../dates";
import {
  type CompiledMetricQuery,
  compileMetricQuery,
  METRIC_DATES,
  MetricCompileError,
  type MetricDefinitions,
  type MetricSearchResult,
  metricPhraseTexts,
  SemanticIndex,
  searchMetrics,
} from "../semantic";
import type { QueryResult } from "../sql/executor";
import { SqlExecutionError } from "../sql/sql-errors";
import type { EventSink, NodeName } from "./events";
import { executionFailed, executionSucceeded, resultMetadata } from "./execution-events";
import { NodeRunner, TaskFailure } from "./node-runner";
import { runPlan } from "./plan";
import type { EngineDeps, WorkflowOutcome, WorkflowRequest } from "./types";

/** What metric_to_sql needs: the namespace's definitions instead of a generator and a linker. */
export interface MetricEngineDeps extends Pick<EngineDeps, "loadCatalog" | "executeSql" | "now" | "reportError"> {
  loadDefinitions(signal?: AbortSignal): Promise<MetricDefinitions>;
}

/** Shown in metadata.model: the answer comes from definitions, not from a model. */
export const SEMANTIC_LAYER_MODEL = "semantic-layer";

/**
 * The metric_to_sql plan: search_metrics → date_parser → compile_metrics → execute_sql → output.
 * The SQL is compiled from the namespace's definitions, never generated, so the same metric means
 * the same SQL in every answer. Emits the same events as the engine (workflow/engine.ts) and always
 * ends with `done`.
 */
export async function runMetricWorkflow(
  request: WorkflowRequest,
  deps: MetricEngineDeps,
  sink: EventSink,
  signal?: AbortSignal,
): Promise<WorkflowOutcome> {
  const now = deps.now ?? (() => Date.now());
  const started = now();
  let search: MetricSearchResult | undefined;
  let range: DateRange | undefined;
  let compiled: CompiledMetricQuery | undefined;
  let result: QueryResult | undefined;
  let dates: ReturnType<typeof readDateRange> | undefined;

  const runner = new NodeRunner(sink, signal, now, deps.reportError, classifyMetricFailure);
  const node = runner.run.bind(runner);

  const dateRange = () => (range ? { start: range.start ?? null, end: range.end ?? null, text: range.text } : null);
  const metadata = (): Record<string, unknown> => ({
    execution_time: (now() - started) / 1000,
    nodes_executed: runner.nodesExecuted,
    reflection_rounds: 0,
    workflow: request.workflow,
    model: SEMANTIC_LAYER_MODEL,
    tables_found: compiled?.tables ?? [],
    node_timings: runner.timings,
    metric: search?.query.metrics[0] ?? null,
    metrics: search?.query.metrics ?? [],
    dimensions: search?.query.dimensions ?? [],
    filters: search?.query.filters ?? [],
    grain: compiled?.grain ?? search?.query.grain ?? null,
    date_range: dateRange(),
    ...resultMetadata(result),
  });

  const steps = async (): Promise<{ sql: string; rows: Record<string, unknown>[] }> => {
    const { defs, index } = await node("search_metrics", 20, async () => {
      const [defs, catalog] = await Promise.all([deps.loadDefinitions(signal), deps.loadCatalog(signal)]);
      if (Object.keys(defs.metrics).length === 0)
        throw new TaskFailure(
          `No metrics are defined for namespace '${request.namespace}': define them (PUT /namespaces/${request.namespace}/metrics) or use nl2sql`,
          "search_metrics",
        );
      const index = new SemanticIndex(defs);
      const keep = metricPhraseTexts(index).map((p) => p.text);
      // Date words are not metric words ("sales in May"): search reads the question without them.
      // Metric names are not dates: "trailing 3 month revenue" is a metric, not the last 3 months.
      dates = readDateRange(request.question, request.currentDate, { ...METRIC_DATES, keep });
      const found = searchMetrics(dates.ok ? dates.rest : request.question, index, {
        catalog,
        allowMetric: tagFilter(defs, request),
      });
      if (!found.ok) throw new TaskFailure(found.reason, "search_metrics");
      search = found.result;
      await sink.emit("node_detail", {
        node: "search_metrics",
        description: `Matched metric ${search.query.metrics.join(", ")}`,
        details: {
          metrics: search.query.metrics,
          dimensions: search.query.dimensions,
          grain: search.query.grain ?? null,
          filters: search.query.filters,
          ...(search.query.orderBy ? { order_by: search.query.orderBy, limit: search.query.limit ?? null } : {}),
          matches: search.matches,
        },
      });
      return { defs, index };
    });

    await node("date_parser", 35, async () => {
      // Read once, in search_metrics; this node reports it (or why it could not be read).
      const parsed = dates!;
      if (!parsed.ok)
        throw new TaskFailure(`Could not read the dates in the question: ${parsed.reason}`, "date_parser");
      range = parsed.range;
      await sink.emit("node_detail", {
        node: "date_parser",
        description: range
          ? `Date range "${range.text}": [${range.start ?? "…"}, ${range.end ?? "…"})`
          : "No date range in the question: all dates",
        details: { current_date: request.currentDate, date_range: dateRange() },
      });
    });

    const sql = await node("compile_metrics", 50, async () => {
      const query = { ...search!.query, dateRange: range ? { start: range.start, end: range.end } : undefined };
      compiled = compileMetricQuery(defs, query, index);
      await sink.emit("node_detail", {
        node: "compile_metrics",
        description: `Compiled ${query.metrics.join(", ")}${query.dimensions.length ? ` by ${query.dimensions.join(", ")}` : ""}${compiled.grain ? ` per ${compiled.grain}` : ""}`,
        details: {
          metrics: query.metrics,
          dimensions: query.dimensions,
          grain: compiled.grain ?? null,
          date_range: dateRange(),
          filters: query.filters,
          columns: compiled.columns,
          tables: compiled.tables,
          sql: compiled.sql,
        },
      });
      return compiled.sql;
    });
    await sink.emit("sql_generated", { sql });

    await node("execute_sql", 60, async () => {
      try {
        result = await deps.executeSql(sql, signal);
      } catch (error) {
        if (error instanceof SqlExecutionError) {
          await sink.emit("execution_complete", executionFailed(error));
        }
        throw error;
      }
      await sink.emit("execution_complete", executionSucceeded(result));
    });

    return { sql, rows: result?.rows ?? [] };
  };
  return runPlan(
    { request, sink, runner, now, started },
    { run: steps, metadata, sqlSoFar: () => compiled?.sql ?? null },
  );
}

/** The request's domain/layer1/layer2 narrow the metrics a question may pick, when given. */
function tagFilter(defs: MetricDefinitions, request: WorkflowRequest): ((name: string) => boolean) | undefined {
  const wanted = { domain: request.domain, layer1: request.layer1, layer2: request.layer2 };
  if (!wanted.domain && !wanted.layer1 && !wanted.layer2) return undefined;
  return (name) => {
    const m = defs.metrics[name];
    return (
      !!m &&
      (Object.keys(wanted) as (keyof typeof wanted)[]).every(
        (k) => !wanted[k] || m[k] === undefined || m[k] === wanted[k],
      )
    );
  };
}

/** metric_to_sql's own errors with messages a user can act on. */
function classifyMetricFailure(error: unknown, node: NodeName | undefined): TaskFailure | undefined {
  if (error instanceof MetricCompileError) return new TaskFailure(error.message, node ?? "compile_metrics");
  if (error instanceof ConfigError)
    return new TaskFailure(`The metric definitions are invalid: ${error.message}`, node);
  return undefined;
}
