/**
 * The SQL-over-HTTP protocol of Neon's proxy as `@neondatabase/serverless` 1.2.0 speaks it
 * (see the `execute` function in its index.mjs): request parsing, result shaping and error bodies.
 * Pure functions, no I/O: the backends (PGlite, pg) produce `RawResult`s in Postgres text form.
 */
import pg from "pg";

export type IsolationLevel = "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";
const ISOLATION_SQL: Record<IsolationLevel, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** A statement and its parameters in Postgres text form (null is SQL NULL). */
export interface SqlQuery {
  query: string;
  params: (string | null)[];
}

export interface BatchOptions {
  isolationLevel?: IsolationLevel;
  readOnly?: boolean;
  deferrable?: boolean;
}

export interface OutputOptions {
  arrayMode: boolean;
  rawTextOutput: boolean;
}

export type GatewayRequest =
  | { kind: "single"; query: SqlQuery; connectionString: string; output: OutputOptions }
  | { kind: "batch"; queries: SqlQuery[]; options: BatchOptions; connectionString: string; output: OutputOptions };

/** A column as the driver reads it: it only needs `name` and `dataTypeID` (the type OID). */
export interface FieldDescription {
  name: string;
  dataTypeID: number;
  tableID?: number;
  columnID?: number;
  dataTypeSize?: number;
  dataTypeModifier?: number;
  format?: string;
}

/** One statement's outcome, every value in Postgres text output form. */
export interface RawResult {
  command: string | null;
  rowCount: number | null;
  fields: FieldDescription[];
  rows: (string | null)[][];
}

/** Where queries run: the embedded PGlite demo database or a real PostgreSQL server. */
export interface SqlBackend {
  query(query: SqlQuery): Promise<RawResult>;
  /** Runs all queries in one transaction with the given modes; rolls back and rethrows on error. */
  transaction(queries: SqlQuery[], options: BatchOptions): Promise<RawResult[]>;
  close(): Promise<void>;
}

/** A request the gateway refuses before touching a database: always HTTP 400 with `{message}`. */
export class BadRequestError extends Error {
  override name = "BadRequestError";
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function booleanHeader(headers: Headers, name: string): boolean | undefined {
  const v = header(headers, name);
  if (v === undefined) return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new BadRequestError(`header ${name} must be "true" or "false", got ${JSON.stringify(v)}`);
}

/**
 * Params arrive as strings or null: the driver runs each value through pg's `prepareValue` (dates,
 * arrays, objects and buffers become text). Plain JSON numbers and booleans from other clients are
 * accepted as their text form too.
 */
function toParam(v: unknown, i: number): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return pgArrayLiteral(v);
  if (typeof v === "object") return JSON.stringify(v);
  throw new BadRequestError(`params[${i}] has unsupported type ${typeof v}`);
}

function pgArrayLiteral(items: unknown[]): string {
  const elem = (x: unknown): string => {
    if (x === null || x === undefined) return "NULL";
    if (Array.isArray(x)) return pgArrayLiteral(x);
    const s = typeof x === "object" ? JSON.stringify(x) : String(x);
    return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  };
  return `{${items.map(elem).join(",")}}`;
}

function toQuery(v: unknown, where: string): SqlQuery {
  if (typeof v !== "object" || v === null) throw new BadRequestError(`${where} must be an object`);
  const { query, params } = v as { query?: unknown; params?: unknown };
  if (typeof query !== "string") throw new BadRequestError(`${where}.query must be a string`);
  if (params !== undefined && params !== null && !Array.isArray(params)) {
    throw new BadRequestError(`${where}.params must be an array`);
  }
  return { query, params: (params ?? []).map(toParam) };
}

/** Validates headers and the JSON body of `POST /sql`; throws BadRequestError with a readable reason. */
export function parseGatewayRequest(headers: Headers, body: unknown): GatewayRequest {
  const connectionString = header(headers, "Neon-Connection-String");
  if (!connectionString) throw new BadRequestError("missing Neon-Connection-String header");
  // Neon's proxy defaults both to false; the 1.x driver always sends "true" for both.
  const output: OutputOptions = {
    arrayMode: booleanHeader(headers, "Neon-Array-Mode") ?? false,
    rawTextOutput: booleanHeader(headers, "Neon-Raw-Text-Output") ?? false,
  };
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError("request body must be a JSON object");
  }
  const { queries } = body as { queries?: unknown };
  if (queries === undefined) return { kind: "single", query: toQuery(body, "body"), connectionString, output };
  if (!Array.isArray(queries)) throw new BadRequestError("queries must be an array");

  const level = header(headers, "Neon-Batch-Isolation-Level");
  if (level !== undefined && !Object.hasOwn(ISOLATION_SQL, level)) {
    throw new BadRequestError(`Neon-Batch-Isolation-Level must be one of ${Object.keys(ISOLATION_SQL).join(", ")}`);
  }
  const options: BatchOptions = {
    isolationLevel: level as IsolationLevel | undefined,
    readOnly: booleanHeader(headers, "Neon-Batch-Read-Only"),
    deferrable: booleanHeader(headers, "Neon-Batch-Deferrable"),
  };
  return {
    kind: "batch",
    queries: queries.map((q, i) => toQuery(q, `queries[${i}]`)),
    options,
    connectionString,
    output,
  };
}

/** Transaction modes as SQL, e.g. `ISOLATION LEVEL SERIALIZABLE, READ ONLY`; '' when none were asked for. */
export function transactionModes(options: BatchOptions): string {
  const modes: string[] = [];
  if (options.isolationLevel) modes.push(`ISOLATION LEVEL ${ISOLATION_SQL[options.isolationLevel]}`);
  if (options.readOnly !== undefined) modes.push(options.readOnly ? "READ ONLY" : "READ WRITE");
  if (options.deferrable !== undefined) modes.push(options.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  return modes.join(", ");
}

/**
 * Without Neon-Raw-Text-Output the proxy converts a few types to JSON values (bool, int2/int4,
 * float4/float8, json/jsonb, and arrays of them) and leaves everything else as text.
 */
const JSON_SCALARS = new Set([16, 21, 23, 700, 701, 114, 3802]);
const JSON_ARRAYS = new Set([1000, 1005, 1007, 1021, 1022, 199, 3807]);
/** text[]: its parser splits any one-dimensional or nested array literal into strings. */
const TEXT_ARRAY_OID: number = 1009;
const TEXT_ARRAYS = new Set([TEXT_ARRAY_OID, 1015, 1016, 1182, 1115, 1185, 1231, 2951, 1014]);

function textToJson(value: string, oid: number): unknown {
  if (JSON_SCALARS.has(oid)) {
    if (oid === 16) return value === "t";
    if (oid === 114 || oid === 3802) return JSON.parse(value) as unknown;
    const n = Number(value);
    return Number.isFinite(n) ? n : value; // NaN and Infinity have no JSON form
  }
  if (JSON_ARRAYS.has(oid)) return pg.types.getTypeParser(oid)(value) as unknown;
  if (TEXT_ARRAYS.has(oid)) return pg.types.getTypeParser(TEXT_ARRAY_OID)(value) as unknown;
  return value;
}

/** The JSON the driver's `processQueryResult` expects for one statement. */
export function shapeResult(result: RawResult, output: OutputOptions): Record<string, unknown> {
  const convert = output.rawTextOutput
    ? (row: (string | null)[]) => row
    : (row: (string | null)[]) =>
        row.map((v, i) => (v === null ? null : textToJson(v, result.fields[i]?.dataTypeID ?? 0)));
  const rows = result.rows.map((row) => {
    const values = convert(row);
    return output.arrayMode ? values : Object.fromEntries(result.fields.map((f, i) => [f.name, values[i]]));
  });
  return {
    command: result.command,
    rowCount: result.rowCount,
    rowAsArray: output.arrayMode,
    fields: result.fields,
    rows,
  };
}

/** The ErrorResponse fields the driver copies onto NeonDbError (its `hi` list), plus `message`. */
const PG_ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

/**
 * The 400 body for a Postgres error (pg's and PGlite's DatabaseError carry the ErrorResponse fields
 * as strings), or null when `err` is not one: a socket error such as ECONNREFUSED has no severity.
 */
export function postgresErrorBody(err: unknown): Record<string, string> | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & Record<string, unknown>;
  if (typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== "string") return null;
  const body: Record<string, string> = { message: e.message };
  for (const f of PG_ERROR_FIELDS) {
    const v = e[f];
    if (v !== undefined && v !== null) body[f] = String(v);
  }
  return body;
}
