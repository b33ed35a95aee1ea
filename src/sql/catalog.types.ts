/**
 * The shape of an introspected database: what schema linking, the generators and the prompt see.
 * Plain data (JSON-serialisable) so it can be cached, stored and built by hand in tests. Optional
 * fields are omitted when they say nothing (a plain table has no `kind`, a column no `baseType`), so
 * the catalog stays small and hand-built catalogs stay valid.
 */
export interface CatalogColumn {
  name: string;
  /**
   * Postgres type as `format_type` prints it, e.g. `integer`, `numeric(12,2)`, `timestamp with time
   * zone`; for a domain or an enum, the type's own name.
   */
  type: string;
  /** Set for a domain only: the type under it (through domains over domains), e.g. `numeric(12,2)`. */
  baseType?: string;
  /** Set for an enum only: `samples` then hold every label, in the enum's order — the complete list. */
  enum?: true;
  nullable: boolean;
  comment?: string;
  /**
   * Values a filter can name ("in Germany"): every label of an enum; for a low-cardinality text
   * column, its distinct values from the planner's statistics.
   */
  samples?: string[];
}

export interface CatalogForeignKey {
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

/** What a catalog entry is; introspection omits `kind` for a table (partitioned or not). */
export type TableKind = "table" | "view" | "materialized_view" | "foreign_table";

export interface CatalogTable {
  schema: string;
  name: string;
  /** Absent for a table. */
  kind?: TableKind;
  comment?: string;
  /**
   * Approximate row count from pg_class.reltuples (-1 when never analysed, and for a view); for a
   * table with partitions or inheritance children, the sum over the whole tree.
   */
  rowEstimate: number;
  columns: CatalogColumn[];
  primaryKey: string[];
  foreignKeys: CatalogForeignKey[];
  /**
   * `schema.name` of every partition and inheritance child folded into this table (all levels):
   * they are not entries of their own, since querying the table reads them. Absent when none.
   */
  partitions?: string[];
  /**
   * Views and materialized views: `schema.name` of the relations the view's query reads directly
   * (tables, or other views with their own `viewOf`; a partition is named by its root).
   */
  viewOf?: string[];
}

export interface Catalog {
  namespace: string;
  dialect: "postgres";
  tables: CatalogTable[];
  /** ISO timestamp of the introspection. */
  loadedAt: string;
  /** Set when the database had more tables than introspection keeps (see MAX_TABLES). */
  truncated?: boolean;
}
