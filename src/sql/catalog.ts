import type { Catalog, CatalogTable } from "./catalog.types";
import { runReadOnly } from "./executor";
import type { SqlTarget } from "./namespaces";

/**
 * Introspection of a namespace in one round trip: tables and views of the allowed schemas with
 * columns, types, keys, comments, row estimates, and sample values for low-cardinality text columns
 * taken from the planner's statistics (pg_stats.most_common_vals: no table scan, however large).
 */
// A text column with at most this many distinct values is a dimension worth sampling ("in Germany"),
// and all of its values are kept: a value missing from the samples is a filter no generator can see.
const MAX_SAMPLED_DISTINCT = 60;
const MAX_SAMPLES = MAX_SAMPLED_DISTINCT;

const INTROSPECTION_SQL = `
WITH rels AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
         c.reltuples::bigint AS row_estimate
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[]) AND NOT c.relispartition
),
cols AS (
  SELECT a.attrelid, json_agg(json_build_object(
           'name', a.attname,
           'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
           'nullable', NOT a.attnotnull,
           'comment', col_description(a.attrelid, a.attnum),
           'samples', (
             -- Frequent values first; a column whose values are all distinct (8 category names)
             -- has none, and its values sit in histogram_bounds instead.
             SELECT to_json((COALESCE(s.most_common_vals::text::text[], '{}') || COALESCE(s.histogram_bounds::text::text[], '{}'))[1:${MAX_SAMPLES}])
             FROM pg_catalog.pg_stats s
             WHERE s.schemaname = r.schema AND s.tablename = r.name AND s.attname = a.attname AND NOT s.inherited
               AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)
               AND (CASE WHEN s.n_distinct < 0 THEN -s.n_distinct * GREATEST(r.row_estimate, 0) ELSE s.n_distinct END)
                   BETWEEN 1 AND ${MAX_SAMPLED_DISTINCT}
           )
         ) ORDER BY a.attnum) AS columns
  FROM pg_catalog.pg_attribute a JOIN rels r ON r.oid = a.attrelid
  WHERE a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid
),
pks AS (
  SELECT con.conrelid, json_agg(a.attname ORDER BY k.ord) AS columns
  FROM pg_catalog.pg_constraint con
  CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  WHERE con.contype = 'p' AND con.conrelid IN (SELECT oid FROM rels)
  GROUP BY con.conrelid
),
fks AS (
  SELECT con.conrelid, json_agg(json_build_object(
           'columns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
           'refSchema', rn.nspname,
           'refTable', rc.relname,
           'refColumns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
         )) AS fks
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.contype = 'f' AND con.conrelid IN (SELECT oid FROM rels)
  GROUP BY con.conrelid
)
SELECT json_build_object(
  'schema', r.schema, 'name', r.name, 'comment', r.comment, 'rowEstimate', r.row_estimate,
  'columns', COALESCE(cols.columns, '[]'::json), 'primaryKey', COALESCE(pks.columns, '[]'::json),
  'foreignKeys', COALESCE(fks.fks, '[]'::json)
) AS t
FROM rels r
LEFT JOIN cols ON cols.attrelid = r.oid
LEFT JOIN pks ON pks.conrelid = r.oid
LEFT JOIN fks ON fks.conrelid = r.oid
ORDER BY r.schema, r.name`;

// Enough for catalogs of thousands of tables; the caps protect the Worker's memory (and Neon answers
// at most 10 MB over HTTP).
const MAX_TABLES = 5000;
const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

export async function introspectCatalog(target: SqlTarget, signal?: AbortSignal): Promise<Catalog> {
  // Schema names are plain identifiers (validated in config), but quote them properly anyway.
  const array = `{${target.allowedSchemas.map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  const literal = `'${array.replace(/'/g, "''")}'::text[]`;
  const statement = INTROSPECTION_SQL.replace("$1::text[]", () => literal);
  const result = await runReadOnly(
    { ...target, rowLimit: MAX_TABLES, maxResultBytes: MAX_CATALOG_BYTES, statementTimeoutMs: Math.max(target.statementTimeoutMs, 30_000) },
    statement,
    { signal },
  );
  const tables = result.rows.map((row) => normaliseTable(row.t as CatalogTable));
  const catalog: Catalog = { namespace: target.namespace, dialect: "postgres", tables, loadedAt: new Date().toISOString() };
  if (result.truncated) catalog.truncated = true;
  return catalog;
}

function normaliseTable(table: CatalogTable): CatalogTable {
  const out: CatalogTable = {
    schema: table.schema,
    name: table.name,
    rowEstimate: Number(table.rowEstimate),
    columns: table.columns.map((c) => {
      const column: CatalogTable["columns"][number] = { name: c.name, type: c.type, nullable: c.nullable };
      if (c.comment) column.comment = c.comment;
      if (c.samples?.length) column.samples = c.samples.filter((s): s is string => typeof s === "string");
      return column;
    }),
    primaryKey: table.primaryKey,
    foreignKeys: table.foreignKeys,
  };
  if (table.comment) out.comment = table.comment;
  return out;
}

/**
 * Per-isolate catalog cache with a TTL: introspection costs a round trip and some database work,
 * and schemas change rarely. `refresh` forces a reload (after a migration, say).
 */
export const CATALOG_TTL_MS = 5 * 60_000;

export class CatalogCache {
  private readonly entries = new Map<string, { catalog: Promise<Catalog>; expires: number }>();

  constructor(
    private readonly load: (target: SqlTarget, signal?: AbortSignal) => Promise<Catalog> = introspectCatalog,
    private readonly ttlMs = CATALOG_TTL_MS,
    private readonly now = () => Date.now(),
  ) {}

  get(target: SqlTarget, options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<Catalog> {
    const key = `${target.namespace}\u0000${target.connectionString}\u0000${target.allowedSchemas.join(",")}`;
    const hit = this.entries.get(key);
    if (hit && !options.refresh && hit.expires > this.now()) return hit.catalog;
    // The promise is cached, so concurrent requests share one introspection.
    const catalog = this.load(target, options.signal);
    this.entries.set(key, { catalog, expires: this.now() + this.ttlMs });
    catalog.catch(() => this.entries.delete(key));
    return catalog;
  }
}
