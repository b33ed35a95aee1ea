/**
 * The shape of an introspected database: what schema linking, the generators and the prompt see.
 * Plain data (JSON-serialisable) so it can be cached, stored and built by hand in tests.
 */
export interface CatalogColumn {
  name: string;
  /** Postgres type as `format_type` prints it, e.g. `integer`, `numeric(12,2)`, `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  comment?: string;
  /** A few distinct values, only for low-cardinality text columns: they let "in Germany" become a filter. */
  samples?: string[];
}

export interface CatalogForeignKey {
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface CatalogTable {
  schema: string;
  name: string;
  comment?: string;
  /** Approximate row count from pg_class.reltuples (-1 when never analysed). */
  rowEstimate: number;
  columns: CatalogColumn[];
  primaryKey: string[];
  foreignKeys: CatalogForeignKey[];
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
