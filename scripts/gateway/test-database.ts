/**
 * A throwaway database on a real PostgreSQL server for tests: the shared server is used by other
 * suites and CI runs, so every test run works in its own uniquely named database and drops it.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_TEST_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  /** Connection string of the new database (the admin URL with the database name replaced). */
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** A URL allowed to CREATE DATABASE; default env DATUS_TEST_PG_URL, else DEFAULT_TEST_PG_URL. */
  adminUrl?: string;
  /** Name prefix, so leftovers of a crashed run are easy to spot: `<prefix>_<8 hex chars>`. */
  prefix?: string;
  /** Fills the new database before it is handed out (e.g. scripts/demo-data's loadDemoData). */
  load?: (client: pg.Client) => Promise<unknown>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? process.env.DATUS_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;
  const name = `${options.prefix ?? "datus_gw"}_${randomBytes(4).toString("hex")}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid test database name ${name}`);
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    name,
    url: url.toString(),
    // FORCE (PostgreSQL 13+) ends sessions still open in pools that were not closed.
    drop: () =>
      withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
  const load = options.load;
  if (load) {
    try {
      await withAdmin(database.url, load);
    } catch (error) {
      await database.drop().catch(() => {});
      throw error;
    }
  }
  return database;
}
