import { neon, neonConfig } from "@neondatabase/serverless";
import type { SqlTarget } from "./namespaces";
import { JSON_TYPES, toJsonValue, TYPE_NAMES } from "./pg-values";
import { SqlExecutionError, toSqlError } from "./sql-errors";

export interface ResultColumn {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  rowCount: number;
  /** True when the query produced more than the namespace's row limit and the rest was cut. */
  truncated: boolean;
  executionMs: number;
}

export interface ExecuteOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the namespace's row limit downwards (never upwards). */
  rowLimit?: number | undefined;
  /**
   * Sends the statement without the row-cap wrapper (rows beyond the limit are then dropped here).
   * For tests that prove the READ ONLY transaction on its own: wrapped, DML is already a syntax error.
   */
  raw?: boolean | undefined;
}

/**
 * Points the neon driver at the local Neon-protocol gateway. The driver's endpoint setting is
 * global to the isolate; the gateway URL comes from env, which is the same for the whole isolate.
 */
export function useGateway(gatewayUrl: string | undefined): void {
  if (!gatewayUrl) return;
  const base = gatewayUrl.replace(/\/+$/, "");
  neonConfig.fetchEndpoint = () => `${base}/sql`;
}

/** Attempts for a query that could not reach the database (a dropped connection, a gateway blip). */
const TRANSIENT_ATTEMPTS = 3;
// Exponential with full jitter: concurrent tasks that failed together do not retry together.
const BACKOFF_BASE_MS = 100;

function backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  const ms = Math.random() * BACKOFF_BASE_MS * 2 ** (attempt - 1);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Runs one already-checked statement in a READ ONLY transaction with a statement timeout, UTC
 * timestamps, the namespace's search_path and a row cap (one extra row tells us rows were cut).
 *
 * Module-private to sql/: callers outside go through `runQuestionSql` (guard first) or the catalog
 * (fixed introspection statements), so nothing unchecked reaches a database.
 */
export async function runReadOnly(target: SqlTarget, statement: string, options: ExecuteOptions = {}): Promise<QueryResult> {
  const rowLimit = Math.max(1, Math.min(options.rowLimit ?? target.rowLimit, target.rowLimit));
  const sql = neon(target.connectionString, {
    fullResults: true,
    arrayMode: true,
    types: JSON_TYPES,
    fetchOptions: options.signal ? { signal: options.signal } : {},
  });
  const settings = [
    ["statement_timeout", String(target.statementTimeoutMs)],
    // Locks would let one question queue behind a writer for the whole timeout.
    ["lock_timeout", String(Math.min(target.statementTimeoutMs, 5000))],
    ["search_path", target.allowedSchemas.map(quoteIdent).join(", ")],
    ["TimeZone", "UTC"],
    ["DateStyle", "ISO"],
  ];
  // The cap is applied around the statement so the database stops producing rows, not us.
  const capped = `SELECT * FROM (\n${statement}\n) AS datus_result LIMIT ${rowLimit + 1}`;
  const started = Date.now();
  const statements = () => [
    sql.query(`SELECT ${settings.map((_, i) => `set_config($${i * 2 + 1}, $${i * 2 + 2}, true)`).join(", ")}`, settings.flat()),
    // Type parsers must be given per query: the driver ignores neon()'s `types` in a transaction.
    sql.query(options.raw ? statement : capped, [], { types: JSON_TYPES }),
  ];
  let results;
  for (let attempt = 1; ; attempt++) {
    try {
      results = await sql.transaction(statements(), { readOnly: true, isolationLevel: "RepeatableRead", fullResults: true, arrayMode: true });
      break;
    } catch (error) {
      const failure = toSqlError(error, { timeoutMs: target.statementTimeoutMs });
      // Only a failure to reach the database is transient; a read-only query is safe to resend.
      if (!failure.retryable || attempt >= TRANSIENT_ATTEMPTS || options.signal?.aborted) throw failure;
      await backoff(attempt, options.signal);
    }
  }
  const executionMs = Date.now() - started;
  const result = results[1];
  if (!result) throw new SqlExecutionError("unavailable", "The database returned no result");
  const columns = uniqueColumns(result.fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? `oid:${f.dataTypeID}` })));
  const raw = result.rows as unknown[][];
  const truncated = raw.length > rowLimit;
  const rows = (truncated ? raw.slice(0, rowLimit) : raw).map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => (row[column.name] = toJsonValue(values[i])));
    return row;
  });
  return { columns, rows, rowCount: rows.length, truncated, executionMs };
}

/** `SELECT a.id, b.id` gives two `id` columns; rows are objects, so the second becomes `id_2`. */
function uniqueColumns(columns: ResultColumn[]): ResultColumn[] {
  const used = new Set<string>();
  return columns.map((column) => {
    let name = column.name;
    // `SELECT 1 AS id, 2 AS id, 3 AS id_2`: the suffix must not collide with a real column either.
    for (let n = 2; used.has(name); n++) name = `${column.name}_${n}`;
    used.add(name);
    return name === column.name ? column : { ...column, name };
  });
}
