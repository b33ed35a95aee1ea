/**
 * Postgres text values → JSON values that keep their meaning: integers and numerics as numbers
 * when a double holds them exactly, dates and timestamps as ISO-8601 strings, json as JSON, null as
 * null. (The original server returned every value as a string.)
 */
import { types as pgTypes } from "@neondatabase/serverless";

type Parser = (text: string) => unknown;

// Type OIDs from pg_type.dat (stable across Postgres versions).
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
  money: 790,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  json: 114,
  jsonb: 3802,
  bytea: 17,
} as const;

export const TYPE_NAMES: Record<number, string> = {
  16: "boolean",
  20: "bigint",
  21: "smallint",
  23: "integer",
  25: "text",
  700: "real",
  701: "double precision",
  1042: "char",
  1043: "varchar",
  1082: "date",
  1083: "time",
  1114: "timestamp",
  1184: "timestamptz",
  1186: "interval",
  1700: "numeric",
  114: "json",
  3802: "jsonb",
  2950: "uuid",
  17: "bytea",
  19: "name",
  26: "oid",
};

/** A number when the double represents the decimal text exactly enough to round-trip; else the text. */
function exactNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text; // NaN, Infinity: keep Postgres' spelling
  const digits = text
    .replace(/^-/, "")
    .replace(/^0+(?=\d)/, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return digits.length <= 15 ? n : text;
}

function integer(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** `2024-01-15 14:30:15.123+00` (session TimeZone UTC) → `2024-01-15T14:30:15.123Z`. */
function timestamptz(text: string): string {
  const d = new Date(text.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

const PARSERS: Record<number, Parser> = {
  [OID.bool]: (t) => t === "t",
  [OID.int2]: integer,
  [OID.int4]: integer,
  [OID.int8]: integer,
  [OID.oid]: integer,
  [OID.float4]: exactNumber,
  [OID.float8]: exactNumber,
  [OID.numeric]: exactNumber,
  [OID.money]: (t) => t,
  [OID.date]: (t) => t, // already ISO (DateStyle ISO); `infinity` stays as is
  [OID.timestamp]: (t) => t.replace(" ", "T"),
  [OID.timestamptz]: timestamptz,
  [OID.json]: (t) => JSON.parse(t),
  [OID.jsonb]: (t) => JSON.parse(t),
  [OID.bytea]: (t) => t, // `\x…` hex form
};

/** Type parsers for the neon driver: ours first, pg-types' for the rest (arrays, intervals...). */
export const JSON_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary"): Parser {
    return PARSERS[oid] ?? (pgTypes.getTypeParser(oid, format ?? "text") as Parser);
  },
};

/** Makes any remaining driver value JSON-friendly (pg-types may give Dates inside arrays). */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}
