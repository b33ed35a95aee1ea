/**
 * Loads the benchmark folder's databases (Defog's copy: 11) into a PostgreSQL server as `defog_<name>`, with the `.json`
 * column descriptions as `COMMENT ON COLUMN` (a real schema carries such text) and fresh planner
 * statistics (the catalog's sample values come from pg_stats). A database is reloaded only when its
 * files changed: a hash of both files is kept as the database's comment.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { type DefogDatabase, listDefogDatabases } from "./questions.ts";

export const databaseName = (db: DefogDatabase): string => `defog_${db}`;

/** The schema a database's tables live in (one of them does not use `public`). */
export function schemaOf(dir: string, db: DefogDatabase): string {
  const sql = readFileSync(resolve(dir, "databases", `${db}.sql`), "utf8");
  return /CREATE SCHEMA IF NOT EXISTS (\w+)/i.exec(sql)?.[1]?.toLowerCase() ?? "public";
}

/** `postgres://…/postgres` → the same server, another database. */
export function urlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

interface ColumnMeta {
  column_name: string;
  column_description?: string;
}

/** COMMENT statements for every described column (identifiers in the .sql files are unquoted, so lower case). */
export function commentStatements(metadataJson: string, defaultSchema: string): string[] {
  const meta = JSON.parse(metadataJson) as { table_metadata?: Record<string, ColumnMeta[]> };
  const statements: string[] = [];
  for (const [qualified, columns] of Object.entries(meta.table_metadata ?? {})) {
    const [schema, table] = qualified.includes(".")
      ? qualified.toLowerCase().split(".", 2)
      : [defaultSchema, qualified.toLowerCase()];
    for (const c of columns) {
      const text = (c.column_description ?? "").trim();
      if (text === "") continue;
      const target = `${quoteIdent(schema as string)}.${quoteIdent(table as string)}.${quoteIdent(c.column_name.toLowerCase())}`;
      statements.push(`COMMENT ON COLUMN ${target} IS ${quoteLiteral(text)}`);
    }
  }
  return statements;
}

export interface LoadOptions {
  dir: string;
  adminUrl: string;
  databases?: readonly DefogDatabase[];
  log?: (line: string) => void;
}

export async function loadDefogDatabases(options: LoadOptions): Promise<void> {
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    for (const db of options.databases ?? listDefogDatabases(options.dir)) {
      const sql = readFileSync(resolve(options.dir, "databases", `${db}.sql`), "utf8");
      const json = readFileSync(resolve(options.dir, "databases", `${db}.json`), "utf8");
      const marker = `datus-edge defog ${createHash("sha256").update(sql).update(json).digest("hex").slice(0, 16)}`;
      const name = databaseName(db);
      const existing = await admin.query<{ comment: string | null }>(
        "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
        [name],
      );
      if (existing.rows[0]?.comment === marker) continue;
      options.log?.(`loading ${name}`);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      const client = new pg.Client({ connectionString: urlFor(options.adminUrl, name) });
      await client.connect();
      try {
        await client.query(sql);
        for (const statement of commentStatements(json, schemaOf(options.dir, db))) {
          // A description of a column the .sql does not create is the benchmark's, not ours: skip it.
          await client.query(statement).catch(() => undefined);
        }
        await client.query("ANALYZE");
      } finally {
        await client.end();
      }
      // Written last: an interrupted load is redone next time.
      await admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(marker)}`);
    }
  } finally {
    await admin.end();
  }
}
