/**
 * Versioned Durable Object SQLite schemas: step N of `migrations` runs once, in order, and the
 * version is stored beside the tables, so an established object skips its DDL on every start.
 * Append steps; never edit one that shipped.
 *
 * Two statements at most (issue 18): the version is read in the call that makes sure its table
 * exists, and the steps still to run go in one call with the new version. A task's object is new
 * for every task, so its start is on every task's path; each call into SQLite costs a round trip
 * from JavaScript and its own statement.
 */
export function migrateSchema(sql: SqlStorage, migrations: readonly string[]): void {
  const row = sql
    .exec<{ value: number }>(
      `CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
       SELECT value FROM schema_meta WHERE key = 'version'`,
    )
    .toArray()[0];
  const version = row?.value ?? 0;
  if (version >= migrations.length) return;
  sql.exec(
    [
      // A step's own closing semicolon would leave an empty statement between two steps.
      ...migrations.slice(version).map((step) => step.trim().replace(/;+$/, "")),
      `INSERT OR REPLACE INTO schema_meta (key, value) VALUES ('version', ${migrations.length})`,
    ].join(";\n"),
  );
}
