/**
 * The embedded demo database's session: PGlite (Postgres compiled to WASM) persisted to a data
 * directory and filled from the demo-data generator. It runs inside a worker thread
 * (embedded-worker.ts): PGlite blocks its thread while a query runs and ignores statement_timeout,
 * so only the gateway's thread can stop a query, by ending the worker (embedded.ts). One request at
 * a time; each leaves the session as it found it.
 */
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";
import { DEMO_DATA_VERSION, demoDataSql } from "../demo-data/index.ts";
import { type BatchOptions, type RawResult, type SqlBackend, type SqlQuery, transactionModes } from "./protocol.ts";

export interface EmbeddedDatabaseOptions {
  /** A directory path (created if missing) or `memory://` for a throwaway database. */
  dataDir: string;
  log: (line: string) => void;
}

export interface EmbeddedSession extends SqlBackend {
  /** What start-up did: opened an up-to-date store, or (re)loaded the demo data into it. */
  readonly startup: "reused" | "loaded";
}

/** Written into data directories this gateway created, so only those are ever deleted on a bad open. */
export const DATA_DIR_OWNER_MARKER = ".datus-gateway";

async function openStore(dataDir: string, log: (line: string) => void): Promise<PGlite> {
  if (dataDir.startsWith("memory://")) return PGlite.create(dataDir);
  const dir = resolve(dataDir);
  await mkdir(dirname(dir), { recursive: true });
  try {
    const db = await PGlite.create({ dataDir: dir });
    await writeFile(
      join(dir, DATA_DIR_OWNER_MARKER),
      "PGlite data directory of the datus-edge gateway; safe to delete.\n",
    );
    return db;
  } catch (err) {
    // A store written by another PGlite (Postgres) version cannot be opened; it is only a cache of
    // generated data, so start over, but never delete a directory the gateway did not create.
    if (!existsSync(join(dir, DATA_DIR_OWNER_MARKER))) throw err;
    log(`cannot open ${dir} (${String(err)}); recreating it`);
    await rm(dir, { recursive: true, force: true });
    return openStore(dataDir, log);
  }
}

async function storedVersion(db: PGlite): Promise<string | undefined> {
  try {
    const r = await db.query<{ version: string }>("SELECT version FROM datus_internal.demo_data");
    return r.rows[0]?.version;
  } catch {
    return undefined; // a fresh store has no bookkeeping schema yet
  }
}

async function loadDemo(db: PGlite): Promise<void> {
  const scripts = demoDataSql();
  // One transaction: a crash mid-load leaves the previous version (or nothing) and the marker unchanged.
  await db.transaction(async (tx) => {
    for (const script of scripts) await tx.exec(script);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS datus_internal;
      COMMENT ON SCHEMA datus_internal IS 'Bookkeeping of the local gateway; not part of the demo data';
      CREATE TABLE IF NOT EXISTS datus_internal.demo_data (version text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());
      DELETE FROM datus_internal.demo_data;`);
    await tx.query("INSERT INTO datus_internal.demo_data (version) VALUES ($1)", [DEMO_DATA_VERSION]);
  });
}

function toRawResult(r: Results<unknown>): RawResult {
  return {
    command: r.command ?? null,
    rowCount: r.rowCount ?? null,
    // PGlite keeps only name and type OID of the RowDescription; they are all the driver reads.
    fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: r.rows as (string | null)[][],
  };
}

export async function openEmbeddedSession({ dataDir, log }: EmbeddedDatabaseOptions): Promise<EmbeddedSession> {
  const db = await openStore(dataDir, log);
  let startup: EmbeddedSession["startup"] = "reused";
  const found = await storedVersion(db);
  if (found !== DEMO_DATA_VERSION) {
    const started = performance.now();
    await loadDemo(db);
    startup = "loaded";
    log(
      `demo data ${DEMO_DATA_VERSION} loaded in ${Math.round(performance.now() - started)} ms (was ${found ?? "empty"})`,
    );
  }

  // Identity parsers/serializers for every type PGlite knows: values travel as Postgres text both ways,
  // exactly as the wire protocol has them (PGlite would otherwise turn int8 into number, json into objects).
  const identity = (x: string): string => x;
  const raw: QueryOptions = {
    rowMode: "array",
    parsers: Object.fromEntries(Object.keys(db.parsers).map((k) => [k, identity])),
    serializers: Object.fromEntries(Object.keys(db.serializers).map((k) => [k, identity])),
  };

  // Each request starts from a clean session, as a fresh pooled connection would: a stray `BEGIN` or
  // `SET search_path` in one request must not leak into the next.
  const resetSession = async (): Promise<void> => {
    try {
      if (db.isInTransaction()) await db.exec("ROLLBACK");
      await db.exec("DISCARD ALL");
    } catch (err) {
      log(`resetting the embedded session failed: ${String(err)}`); // must not hide the query's own error
    }
  };

  return {
    startup,
    query: async (q: SqlQuery) => {
      try {
        return toRawResult(await db.query(q.query, q.params, raw));
      } finally {
        await resetSession();
      }
    },
    transaction: async (queries: SqlQuery[], options: BatchOptions) => {
      try {
        return await db.transaction(async (tx) => {
          const modes = transactionModes(options);
          if (modes) await tx.exec(`SET TRANSACTION ${modes}`);
          const results: RawResult[] = [];
          for (const q of queries) results.push(toRawResult(await tx.query(q.query, q.params, raw)));
          return results;
        });
      } finally {
        await resetSession();
      }
    },
    close: () => db.close(),
  };
}
