import { neon, neonConfig } from "@neondatabase/serverless";
import type { SqlTarget } from "./namespaces";
import { JSON_TYPES, TYPE_NAMES, toJsonValue } from "./pg-values";
import type { PoliciesApplied } from "./policy-types";
import { SqlExecutionError, toSqlError } from "./sql-errors";

export interface ResultColumn {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  rowCount: number;
  /** True when the query produced more than the namespace allows and the rest was cut. */
  truncated: boolean;
  /** Which limit cut it: the namespace's `row_limit` or its `max_result_bytes`. */
  truncatedBy?: "row_limit" | "max_result_bytes";
  executionMs: number;
  /** Set when the namespace has row and column policies: which this query was read through (run.ts). */
  policiesApplied?: PoliciesApplied;
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
  /** More transaction-local settings (name → value), for the fixed statements of sql/ (introspection). */
  settings?: Readonly<Record<string, string>> | undefined;
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
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Runs one already-checked statement in a READ ONLY transaction with a statement timeout, UTC
 * timestamps, the namespace's search_path and a row cap (one extra row tells us rows were cut).
 *
 * Exported for sql/ itself only (sql/index.ts does not re-export it): callers outside go through
 * `runQuestionSql` (guard first) or the catalog (fixed introspection statements), so nothing
 * unchecked reaches a database.
 */
export async function runReadOnly(
  target: SqlTarget,
  statement: string,
  options: ExecuteOptions = {},
): Promise<QueryResult> {
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
    ...Object.entries(options.settings ?? {}),
  ];
  const maxBytes = target.maxResultBytes;
  const started = Date.now();
  const statements = () => [
    sql.query(
      `SELECT ${settings.map((_, i) => `set_config($${i * 2 + 1}, $${i * 2 + 2}, true)`).join(", ")}`,
      settings.flat(),
    ),
    // Type parsers must be given per query: the driver ignores neon()'s `types` in a transaction.
    sql.query(options.raw ? statement : capped(statement, rowLimit, maxBytes), [], { types: JSON_TYPES }),
  ];
  const transaction = () =>
    sql.transaction(statements(), {
      readOnly: true,
      isolationLevel: "RepeatableRead",
      fullResults: true,
      arrayMode: true,
    });
  let results: Awaited<ReturnType<typeof transaction>>;
  for (let attempt = 1; ; attempt++) {
    try {
      results = await transaction();
      break;
    } catch (error) {
      const failure = atStatementPosition(
        toSqlError(error, { timeoutMs: target.statementTimeoutMs }),
        options.raw ? 0 : CAPPED_PREFIX.length,
      );
      // Only a failure to reach the database is transient; a read-only query is safe to resend.
      if (!failure.retryable || attempt >= TRANSIENT_ATTEMPTS || options.signal?.aborted) throw failure;
      await backoff(attempt, options.signal);
    }
  }
  const executionMs = Date.now() - started;
  const result = results[1];
  if (!result) throw new SqlExecutionError("unavailable", "The database returned no result");
  if (options.raw) {
    const raw = result.rows as unknown[][];
    return toResult(
      result.fields,
      raw.slice(0, rowLimit),
      raw.length > rowLimit ? "row_limit" : undefined,
      executionMs,
    );
  }
  // The wrapper's two trailing columns: each kept row's running size, and how many rows there were.
  const fields = result.fields.slice(0, -2);
  const all = result.rows as unknown[][];
  const total = Number(all[0]?.[fields.length + 1] ?? 0);
  const kept = all[0]?.[fields.length] == null ? [] : all;
  if (total > 0 && kept.length === 0) {
    throw new SqlExecutionError(
      "too_large",
      `A single row of the result is larger than the namespace's max_result_bytes (${maxBytes} bytes as JSON); select fewer or narrower columns`,
    );
  }
  const rows = kept.slice(0, rowLimit);
  const cutBy =
    rows.length >= total ? undefined : kept.length < Math.min(total, rowLimit) ? "max_result_bytes" : "row_limit";
  return toResult(fields, rows, cutBy, executionMs);
}

// What `capped` puts before the statement: error positions are shifted back by its length.
const CAPPED_PREFIX = "WITH datus_rows AS MATERIALIZED (SELECT * FROM (\n";

/**
 * Both caps are applied in the database, so it stops producing rows and we never hold more than
 * the limits in memory: the row cap by LIMIT (one extra row tells us rows were cut), the byte cap by
 * a running sum of each row's JSON size (`row_to_json`, close to what the API sends). The count of
 * rows comes back even when no row fits, which tells "empty" from "one row too large".
 */
function capped(statement: string, rowLimit: number, maxBytes: number): string {
  return `${CAPPED_PREFIX}${statement}\n) AS datus_result LIMIT ${rowLimit + 1}),
datus_sized AS (SELECT datus_rows.*, sum(octet_length(row_to_json(datus_rows)::text)) OVER (ROWS UNBOUNDED PRECEDING) AS datus_bytes FROM datus_rows)
SELECT datus_kept.*, datus_count.n AS datus_count FROM (SELECT count(*) AS n FROM datus_rows) AS datus_count
LEFT JOIN (SELECT * FROM datus_sized WHERE datus_bytes <= ${maxBytes}) AS datus_kept ON true`;
}

/** Postgres counts an error's position in the wrapped statement; the caller wrote only the inner one. */
function atStatementPosition(failure: SqlExecutionError, offset: number): SqlExecutionError {
  if (failure.position === undefined || offset === 0) return failure;
  const position = failure.position > offset ? failure.position - offset : undefined;
  return new SqlExecutionError(failure.kind, failure.message, failure.sqlstate, position, { cause: failure.cause });
}

function toResult(
  fields: { name: string; dataTypeID: number }[],
  raw: unknown[][],
  cutBy: QueryResult["truncatedBy"],
  executionMs: number,
): QueryResult {
  const columns = uniqueColumns(
    fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? `oid:${f.dataTypeID}` })),
  );
  const rows = raw.map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      row[column.name] = toJsonValue(values[i]);
    });
    return row;
  });
  return {
    columns,
    rows,
    rowCount: rows.length,
    truncated: cutBy !== undefined,
    ...(cutBy ? { truncatedBy: cutBy } : {}),
    executionMs,
  };
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
