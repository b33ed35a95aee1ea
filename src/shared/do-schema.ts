/**
 * Versioned Durable Object SQLite schemas: step N of `migrations` runs once, in order, and the
 * version is stored beside the tables, so an established object skips its DDL on every start.
 * Append steps; never edit one that shipped.
 */
export function migrateSchema(sql: SqlStorage, migrations: readonly string[]): void {
  sql.exec("CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const row = sql.exec<{ value: number }>("SELECT value FROM schema_meta WHERE key = 'version'").toArray()[0];
  for (let v = row?.value ?? 0; v < migrations.length; v++) {
    sql.exec(migrations[v]!);
    sql.exec("INSERT OR REPLACE INTO schema_meta (key, value) VALUES ('version', ?)", v + 1);
  }
}
