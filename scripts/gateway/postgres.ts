/**
 * Real PostgreSQL servers behind the gateway, reached with `pg`: one small pool per distinct
 * connection string, values returned as text exactly as Neon's proxy forwards them.
 */
import pg from "pg";
import { type BatchOptions, type RawResult, type SqlBackend, type SqlQuery, transactionModes } from "./protocol.ts";

/** Every type parser is the identity: the driver parses the Postgres text form itself. */
const RAW_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** Connections per pool: enough for a dev server's parallel requests, small against max_connections. */
const POOL_SIZE = 5;
/** Distinct connection strings kept open; the least recently used pool is closed beyond this. */
const MAX_POOLS = 16;

type ArrayQueryConfig = pg.QueryArrayConfig<(string | null)[]> & { queryMode: "extended" };

function queryConfig(q: SqlQuery): ArrayQueryConfig {
  // Neon runs every statement with the extended protocol (Parse/Bind/Execute), even without params,
  // so `SELECT 1; SELECT 2` fails with 42601 there; pg would use the simple protocol unless told.
  return { text: q.query, values: q.params, rowMode: "array", queryMode: "extended" };
}

function toRawResult(r: pg.QueryArrayResult<(string | null)[]>): RawResult {
  return {
    command: r.command ?? null,
    rowCount: r.rowCount ?? null,
    fields: r.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: f.tableID,
      columnID: f.columnID,
      dataTypeSize: f.dataTypeSize,
      dataTypeModifier: f.dataTypeModifier,
      format: f.format,
    })),
    rows: r.rows,
  };
}

/**
 * Returns a pooled connection in a clean state: an open transaction or session settings (`SET ...`,
 * temp tables) left by one HTTP request must not be visible to the next. A connection that cannot be
 * reset is destroyed instead of reused.
 */
async function release(client: pg.PoolClient): Promise<void> {
  if (client.getTransactionStatus() !== "I") {
    client.release(new Error("connection left inside a transaction"));
    return;
  }
  try {
    await client.query("DISCARD ALL");
    client.release();
  } catch (err) {
    client.release(err instanceof Error ? err : new Error(String(err)));
  }
}

export class PostgresPools {
  readonly #pools = new Map<string, pg.Pool>();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  #pool(connectionString: string): pg.Pool {
    let pool = this.#pools.get(connectionString);
    if (pool) {
      this.#pools.delete(connectionString); // re-insert: Map order doubles as recency order
    } else {
      pool = new pg.Pool({
        connectionString,
        max: POOL_SIZE,
        types: RAW_TYPES,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        allowExitOnIdle: true,
      });
      // An idle connection dropped by the server (restart, pg_terminate_backend) is reported here;
      // without a listener it would be an unhandled 'error' event and crash the gateway.
      pool.on("error", (err) => this.#log(`idle Postgres connection failed: ${err.message}`));
    }
    this.#pools.set(connectionString, pool);
    if (this.#pools.size > MAX_POOLS) {
      const [oldest, evicted] = this.#pools.entries().next().value as [string, pg.Pool];
      this.#pools.delete(oldest);
      evicted.end().catch(() => undefined);
    }
    return pool;
  }

  backendFor(connectionString: string): Omit<SqlBackend, "close"> {
    const pool = this.#pool(connectionString);
    return {
      query: async (q) => {
        const client = await pool.connect();
        try {
          return toRawResult(await client.query(queryConfig(q)));
        } finally {
          await release(client);
        }
      },
      transaction: async (queries: SqlQuery[], options: BatchOptions) => {
        const client = await pool.connect();
        try {
          await client.query(`BEGIN ${transactionModes(options)}`);
          const results: RawResult[] = [];
          for (const q of queries) results.push(toRawResult(await client.query(queryConfig(q))));
          await client.query("COMMIT");
          return results;
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined); // the connection may be gone
          throw err;
        } finally {
          await release(client);
        }
      },
    };
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.end()));
  }
}
