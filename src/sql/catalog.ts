import type { Catalog, CatalogColumn, CatalogTable } from "./catalog.types";
import { introspectionSql } from "./catalog-query";
import { runReadOnly } from "./executor";
import type { SqlTarget } from "./namespaces";

// Enough for catalogs of thousands of tables (partitions fold into their table, so they do not
// count); the caps protect the Worker's memory (and Neon answers at most 10 MB over HTTP).
const MAX_TABLES = 5000;
const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

// The statement's many small subqueries make the planner's cost estimate high enough to trigger JIT
// compilation, which then takes seconds for a query that runs in a fraction of one.
const INTROSPECTION_SETTINGS = { jit: "off" } as const;

/** Introspection of a namespace in one round trip (the statement and what it folds: catalog-query.ts). */
export async function introspectCatalog(target: SqlTarget, signal?: AbortSignal): Promise<Catalog> {
  const result = await runReadOnly(
    {
      ...target,
      rowLimit: MAX_TABLES,
      maxResultBytes: MAX_CATALOG_BYTES,
      statementTimeoutMs: Math.max(target.statementTimeoutMs, 30_000),
    },
    introspectionSql(target.allowedSchemas),
    { signal, settings: INTROSPECTION_SETTINGS },
  );
  const tables = result.rows.map((row) => normaliseTable(row.t as IntrospectedTable));
  const catalog: Catalog = {
    namespace: target.namespace,
    dialect: "postgres",
    tables,
    loadedAt: new Date().toISOString(),
  };
  if (result.truncated) catalog.truncated = true;
  return catalog;
}

/** A row as the statement builds it: the catalog's shape, with samples as pg_stats gave them. */
type IntrospectedColumn = Omit<CatalogColumn, "samples"> & { samples?: unknown[] };
type IntrospectedTable = Omit<CatalogTable, "columns"> & { columns: IntrospectedColumn[] };

function normaliseColumn(c: IntrospectedColumn): CatalogColumn {
  const column: CatalogColumn = { name: c.name, type: c.type, nullable: c.nullable };
  if (c.baseType) column.baseType = c.baseType;
  if (c.enum) column.enum = true;
  if (c.comment) column.comment = c.comment;
  const samples = (c.samples ?? []).filter((s): s is string => typeof s === "string");
  if (samples.length) column.samples = samples;
  return column;
}

// Keys in a fixed order, empty ones left out: the catalog endpoint shows what the database has.
function normaliseTable(table: IntrospectedTable): CatalogTable {
  return {
    schema: table.schema,
    name: table.name,
    ...(table.kind && table.kind !== "table" ? { kind: table.kind } : {}),
    ...(table.comment ? { comment: table.comment } : {}),
    rowEstimate: Number(table.rowEstimate),
    columns: table.columns.map(normaliseColumn),
    primaryKey: table.primaryKey,
    foreignKeys: table.foreignKeys,
    ...(table.partitions?.length ? { partitions: table.partitions } : {}),
    ...(table.viewOf?.length ? { viewOf: table.viewOf } : {}),
  };
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
