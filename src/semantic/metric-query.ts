import type { Filter, Grain } from "./definitions";

/** What a question asks of the semantic layer: the input of the compiler, the output of search. */
export interface MetricQuery {
  metrics: string[];
  /** Categorical dimensions to group by. */
  dimensions: string[];
  /** Time bucket on each measure's time dimension; cumulative metrics default to their dimension's. */
  grain?: Grain | undefined;
  /** Half-open [start, end) of ISO dates on each measure's time dimension; a missing bound is open. */
  dateRange?: { start?: string | undefined; end?: string | undefined } | undefined;
  filters: Filter[];
  /** "top 5 countries by revenue": order by a metric and keep the first rows. */
  orderBy?: { metric: string; descending: boolean } | undefined;
  limit?: number | undefined;
}

export interface CompiledMetricQuery {
  sql: string;
  /** Result columns in order: the time bucket (named after the grain), dimensions, metrics. */
  columns: string[];
  /** Tables read, for metadata.tables_found. */
  tables: string[];
  grain: Grain | undefined;
}

/** A question the definitions cannot answer as asked; the message says why and is shown to the user. */
export class MetricCompileError extends Error {
  /** The engine shows `expose`d messages to the user (see workflow/node-runner.ts toTaskFailure). */
  readonly expose = true;
  constructor(message: string) {
    super(message);
    this.name = "MetricCompileError";
  }
}
