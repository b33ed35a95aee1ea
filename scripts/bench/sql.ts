/**
 * SQL path costs: (1) per-query latency of the same small statement straight through `pg`, through the
 * real `neon()` HTTP driver against the local Neon-protocol gateway, and through our executor
 * (`runReadOnly`: read-only transaction + settings + row cap), on a real PostgreSQL database and on the
 * embedded PGlite one; (2) catalog introspection of a generated 500-table schema through the gateway.
 *
 * The gateway runs in this process (`startGateway`), so client and gateway share one event loop: the
 * figures are the local dev/test set-up, not Neon's proxy. Prints figures; asserts nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { neon, neonConfig } from "@neondatabase/serverless";
import pg from "pg";
import { introspectCatalog } from "../../src/sql/catalog.ts";
import type { Catalog } from "../../src/sql/catalog.types.ts";
import { runReadOnly, useGateway } from "../../src/sql/executor.ts";
import { DEFAULT_MAX_RESULT_BYTES, type SqlTarget } from "../../src/sql/namespaces.ts";
import {
  createTestDatabase,
  EMBEDDED_CONNECTION_STRING,
  type Gateway,
  startGateway,
  type TestDatabase,
} from "../gateway/index.ts";

const WARMUP = 50;
const ITERATIONS = 500;
/** Per path in an interleaved run: stops early past this, so a slow machine still finishes in bounded time. */
const SERIES_BUDGET_MS = 4000;
const SMALL_ORDERS = 1000;

const CATALOG_TABLES = 500;
const CATALOG_WARM_RUNS = 4;
const CATALOG_BUDGET_MS = 25_000;

// ---------------------------------------------------------------------------------------------------
// measurement helpers

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p99: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: pct(0.5), p99: pct(0.99) };
}

/**
 * Sequential, interleaved: each round runs every path once (rotating which goes first), so drift
 * (JIT, GC, pool growth, CPU frequency) lands on all paths alike instead of on whichever ran first.
 * Warm-up rounds first, then up to ITERATIONS timed rounds (fewer if the time budget runs out).
 */
async function interleaved(fns: (() => Promise<unknown>)[]): Promise<Stats[]> {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) await fn();
  const samples: number[][] = fns.map(() => []);
  const deadline = performance.now() + SERIES_BUDGET_MS * fns.length;
  for (let round = 0; round < ITERATIONS && performance.now() < deadline; round++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (round + k) % fns.length;
      const t0 = performance.now();
      await (fns[j] as () => Promise<unknown>)();
      (samples[j] as number[]).push(performance.now() - t0);
    }
  }
  return samples.map(stats);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

const ms = (x: number, digits = 2) => `${x.toFixed(digits)} ms`;
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

function statLine(label: string, s: Stats, base?: Stats): string {
  const cols = `mean ${s.mean.toFixed(3).padStart(7)}  p50 ${s.p50.toFixed(3).padStart(7)}  p99 ${s.p99.toFixed(3).padStart(7)} ms`;
  const over = base ? `   overhead ${signed(s.mean - base.mean)} ms mean, ${signed(s.p50 - base.p50)} ms p50` : "";
  return `    ${label.padEnd(46)} ${cols}  (n=${s.n})${over}`;
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function targetFor(url: string, database: string, kind: SqlTarget["kind"] = "postgres"): SqlTarget {
  return {
    namespace: "bench",
    kind,
    connectionString: url,
    database,
    defaultSchema: "public",
    allowedSchemas: ["public"],
    rowLimit: 1000,
    maxResultBytes: DEFAULT_MAX_RESULT_BYTES,
    statementTimeoutMs: 15_000,
  };
}

/** pg sends parameterless statements with the simple protocol unless told; the gateway and Neon never do. */
function extended(text: string): pg.QueryConfig & { queryMode: "extended" } {
  return { text, queryMode: "extended" };
}

// ---------------------------------------------------------------------------------------------------
// 1. per-query overhead

const SELECT_ONE = "SELECT 1";
/** Same text on every path (runReadOnly takes no parameters): a primary-key lookup returning one row. */
const ORDER_LOOKUP = "SELECT order_id, total_amount FROM orders WHERE order_id = 42";

async function perQuery(lines: string[], db: TestDatabase): Promise<void> {
  const setup = new pg.Client({ connectionString: db.url });
  await setup.connect();
  let version = "";
  try {
    version = ((await setup.query("SHOW server_version")).rows[0] as { server_version: string }).server_version;
    await setup.query(`
      CREATE TABLE orders (order_id integer PRIMARY KEY, customer_id integer NOT NULL, order_date date NOT NULL,
                           status text NOT NULL, total_amount numeric(12,2) NOT NULL);
      INSERT INTO orders SELECT g, 1 + g % 97, date '2024-01-01' + g % 365,
                                (ARRAY['pending','shipped','delivered'])[1 + g % 3], round((g * 13.37)::numeric % 900, 2)
      FROM generate_series(1, ${SMALL_ORDERS}) g;
      ANALYZE orders;`);
  } finally {
    await setup.end();
  }

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const http = neon(db.url, { fullResults: true });
    const target = targetFor(db.url, db.name);
    lines.push(
      `per-query latency, sequential and interleaved, ${ITERATIONS} timed rounds after ${WARMUP} warm-up (real PostgreSQL ${version} on loopback; gateway in this process):`,
    );
    for (const [name, text] of [
      ["SELECT 1", SELECT_ONE],
      [`1-row PK lookup on orders (${SMALL_ORDERS} rows)`, ORDER_LOOKUP],
    ] as const) {
      lines.push(`  ${name}:`);
      const [direct, viaNeon, viaExecutor] = (await interleaved([
        () => client.query(extended(text)),
        () => http.query(text),
        () => runReadOnly(target, text),
      ])) as [Stats, Stats, Stats];
      lines.push(statLine("(a) pg.Client, extended protocol", direct));
      lines.push(statLine("(b) neon() HTTP → gateway → pg pool", viaNeon, direct));
      lines.push(statLine("(c) runReadOnly (RO txn + set_config + cap)", viaExecutor, direct));
    }
  } finally {
    await client.end();
  }

  // The same through the embedded PGlite demo database (it has the same `orders` columns).
  const embedded = targetFor(EMBEDDED_CONNECTION_STRING, "demo", "embedded");
  const httpEmbedded = neon(EMBEDDED_CONNECTION_STRING, { fullResults: true });
  lines.push(
    `embedded PGlite through the same gateway (host 'embedded', demo data; one WASM session in this process, so no direct baseline):`,
  );
  for (const [name, text] of [
    ["SELECT 1", SELECT_ONE],
    ["1-row PK lookup on demo orders", ORDER_LOOKUP],
  ] as const) {
    lines.push(`  ${name}:`);
    const [viaNeon, viaExecutor] = (await interleaved([
      () => httpEmbedded.query(text),
      () => runReadOnly(embedded, text),
    ])) as [Stats, Stats];
    lines.push(statLine("(b) neon() HTTP → gateway → PGlite", viaNeon));
    lines.push(statLine("(c) runReadOnly", viaExecutor, viaNeon).replace("overhead", "vs (b)"));
  }
}

// ---------------------------------------------------------------------------------------------------
// 2. catalog introspection of a 500-table schema

/** mulberry32: deterministic, so every run builds the same schema. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ColumnKind {
  name: string;
  type: string;
  /** Value for row number `g` in an INSERT ... SELECT ... FROM generate_series. */
  gen: string;
  comment?: string;
}

const COLUMN_KINDS: ColumnKind[] = [
  { name: "name", type: "text NOT NULL", gen: `'item ' || g`, comment: "Display name" },
  {
    name: "status",
    type: "text NOT NULL",
    gen: `(ARRAY['active','inactive','pending','archived'])[1 + g % 4]`,
    comment: "Lifecycle state",
  },
  {
    name: "country_code",
    type: "char(2)",
    gen: `(ARRAY['DE','FR','US','GB','JP','BR','IN','ES'])[1 + g % 8]`,
    comment: "ISO 3166-1 alpha-2",
  },
  { name: "region", type: "varchar(32)", gen: `(ARRAY['EMEA','AMER','APAC'])[1 + g % 3]` },
  {
    name: "category",
    type: "text",
    gen: `(ARRAY['hardware','software','services','training','support','other'])[1 + g % 6]`,
  },
  { name: "channel", type: "text", gen: `(ARRAY['web','mobile','store','partner'])[1 + g % 4]` },
  { name: "email", type: "varchar(255)", gen: `'user' || g || '@example.com'`, comment: "Contact address" },
  { name: "description", type: "text", gen: `'generated row ' || g || ' of the benchmark'` },
  {
    name: "amount",
    type: "numeric(12,2) NOT NULL DEFAULT 0",
    gen: `round((g * 7.31)::numeric % 1000, 2)`,
    comment: "Amount in EUR, VAT included",
  },
  { name: "quantity", type: "integer", gen: `g % 50` },
  { name: "score", type: "double precision", gen: `g / 7.0` },
  { name: "is_active", type: "boolean NOT NULL DEFAULT true", gen: `g % 3 <> 0` },
  {
    name: "created_at",
    type: "timestamptz NOT NULL DEFAULT now()",
    gen: `timestamptz '2024-01-01' + g * interval '37 minutes'`,
    comment: "Creation time (UTC)",
  },
  { name: "updated_at", type: "timestamptz", gen: `timestamptz '2024-02-01' + g * interval '11 minutes'` },
  { name: "valid_from", type: "date", gen: `date '2024-01-01' + g % 365` },
  { name: "attributes", type: "jsonb", gen: `jsonb_build_object('rank', g % 10)` },
  { name: "external_ref", type: "uuid", gen: `md5(g::text)::uuid` },
  { name: "priority", type: "smallint", gen: `(g % 5)::smallint` },
  { name: "currency", type: "char(3)", gen: `(ARRAY['EUR','USD','GBP'])[1 + g % 3]` },
  { name: "weight_kg", type: "real", gen: `(g % 200) / 10.0` },
];

const DOMAINS = ["sales", "crm", "billing", "inventory", "hr", "marketing", "support", "logistics", "finance", "web"];
const ENTITIES = [
  "account",
  "contact",
  "invoice",
  "shipment",
  "ticket",
  "campaign",
  "product",
  "warehouse",
  "employee",
  "session",
  "payment",
  "order",
  "lead",
  "contract",
  "asset",
];

interface GeneratedSchema {
  ddl: string;
  inserts: string[];
  tables: number;
  columns: number;
  fks: number;
  comments: number;
  rowsInserted: number;
}

function generateSchema(tableCount: number): GeneratedSchema {
  const rnd = prng(0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ddl: string[] = [];
  const inserts: string[] = [];
  const rowsOf: number[] = [];
  let columns = 0;
  let fks = 0;
  let comments = 0;
  let rowsInserted = 0;
  const names: string[] = [];
  for (let i = 0; i < tableCount; i++) {
    const name = `${pick(DOMAINS)}_${pick(ENTITIES)}_${String(i).padStart(3, "0")}`;
    names.push(name);
    const total = 5 + Math.floor(rnd() * 11); // 5..15 columns, `id` included
    // Foreign keys only to earlier tables, so creation and insertion order is simply the index order.
    const fkCount = i === 0 ? 0 : Math.min(total - 2, Math.floor(rnd() * 4)); // 0..3
    const parents = Array.from({ length: fkCount }, () => Math.floor(rnd() * i));
    const kinds = [...COLUMN_KINDS].sort(() => rnd() - 0.5).slice(0, total - 1 - fkCount);
    const cols: string[] = [`  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY`];
    const colComments: string[] = [];
    const insertCols: string[] = ["id"];
    const insertGens: string[] = ["g"];
    parents.forEach((p, k) => {
      const parent = names[p] as string;
      const col = `${parent.replace(/_\d+$/, "")}_id${k ? `_${k + 1}` : ""}_${p}`;
      cols.push(`  ${col} bigint REFERENCES ${parent} (id)`);
      colComments.push(`COMMENT ON COLUMN ${name}.${col} IS 'References ${parent}.id';`);
      const parentRows = rowsOf[p] ?? 0;
      insertCols.push(col);
      insertGens.push(parentRows > 0 ? `1 + g % ${parentRows}` : "NULL");
      fks++;
    });
    for (const kind of kinds) {
      cols.push(`  ${kind.name} ${kind.type}`);
      if (kind.comment && rnd() < 0.5) colComments.push(`COMMENT ON COLUMN ${name}.${kind.name} IS '${kind.comment}';`);
      insertCols.push(kind.name);
      insertGens.push(kind.gen);
    }
    columns += cols.length;
    comments += colComments.length + 1;
    ddl.push(`CREATE TABLE ${name} (\n${cols.join(",\n")}\n);`);
    ddl.push(
      `COMMENT ON TABLE ${name} IS 'The ${name.replace(/_\d+$/, "").replace("_", " ")} records (generated table ${i})';`,
    );
    ddl.push(...colComments);
    // A quarter of the tables hold 200-400 rows, so pg_stats has most-common values to sample.
    const rows = i % 4 === 0 ? 200 + Math.floor(rnd() * 201) : 0;
    rowsOf.push(rows);
    if (rows) {
      inserts.push(
        `INSERT INTO ${name} (${insertCols.join(", ")}) SELECT ${insertGens.join(", ")} FROM generate_series(1, ${rows}) g;`,
      );
      rowsInserted += rows;
    }
  }
  return { ddl: ddl.join("\n"), inserts, tables: tableCount, columns, fks, comments, rowsInserted };
}

async function catalogIntrospection(lines: string[]): Promise<void> {
  const db = await createTestDatabase({ prefix: "datus_bench_catalog" });
  try {
    const schema = generateSchema(CATALOG_TABLES);
    const setup = new pg.Client({ connectionString: db.url });
    await setup.connect();
    let createMs: number;
    let insertMs: number;
    let analyzeMs: number;
    try {
      [, createMs] = await timed(() => setup.query(`BEGIN;\n${schema.ddl}\nCOMMIT;`));
      [, insertMs] = await timed(() => setup.query(`BEGIN;\n${schema.inserts.join("\n")}\nCOMMIT;`));
      [, analyzeMs] = await timed(() => setup.query("ANALYZE"));
    } finally {
      await setup.end();
    }
    lines.push(
      `catalog introspection, generated schema (real PostgreSQL, fresh database ${db.name}):`,
      `  schema: ${schema.tables} tables, ${schema.columns} columns, ${schema.fks} foreign keys, ${schema.comments} comments, ${schema.rowsInserted} rows in ${schema.inserts.length} tables`,
      `  set-up: CREATE+COMMENT ${ms(createMs, 0)}, INSERT ${ms(insertMs, 0)}, ANALYZE ${ms(analyzeMs, 0)}`,
    );

    // Wraps the driver's fetch to see what goes over HTTP: the statement (to replay it with pg) and
    // the response size. Restored before anything else uses the driver.
    let captured: { body: string; responseBytes: number } | undefined;
    const previousFetch = neonConfig.fetchFunction as typeof fetch | undefined;
    neonConfig.fetchFunction = async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      const text = await res.clone().arrayBuffer();
      captured = { body: String(init?.body ?? ""), responseBytes: text.byteLength };
      return res;
    };
    const target = targetFor(db.url, db.name);
    const runs: number[] = [];
    let catalog: Catalog | undefined;
    try {
      const started = performance.now();
      for (let i = 0; i <= CATALOG_WARM_RUNS && (i === 0 || performance.now() - started < CATALOG_BUDGET_MS); i++) {
        const [result, elapsed] = await timed(() => introspectCatalog(target));
        catalog = result;
        runs.push(elapsed);
      }
    } finally {
      neonConfig.fetchFunction = previousFetch;
    }
    if (!catalog) throw new Error("no catalog");
    const warm = stats(runs.slice(1));
    const found = {
      tables: catalog.tables.length,
      columns: catalog.tables.reduce((s, t) => s + t.columns.length, 0),
      fks: catalog.tables.reduce((s, t) => s + t.foreignKeys.length, 0),
      commented: catalog.tables.reduce(
        (s, t) => s + (t.comment ? 1 : 0) + t.columns.filter((c) => c.comment).length,
        0,
      ),
      sampled: catalog.tables.reduce((s, t) => s + t.columns.filter((c) => c.samples?.length).length, 0),
    };
    const json = Buffer.byteLength(JSON.stringify(catalog));
    lines.push(
      `  introspectCatalog via runReadOnly → neon() → gateway (one statement, one round trip):`,
      `    first run (new gateway pool connection, cold backend caches)  ${ms(runs[0] ?? NaN, 1)}`,
      runs.length > 1
        ? `    warm runs (n=${warm.n})  mean ${ms(warm.mean, 1)}  min ${ms(Math.min(...runs.slice(1)), 1)}  max ${ms(Math.max(...runs.slice(1)), 1)}`
        : `    warm runs skipped (first run used the ${CATALOG_BUDGET_MS / 1000} s budget)`,
      `    found: ${found.tables} tables, ${found.columns} columns, ${found.fks} foreign keys, ${found.commented} comments, ${found.sampled} columns with sample values`,
      `    catalog JSON ${bytes(json)} (${json} bytes); gateway HTTP response ${bytes(captured?.responseBytes ?? 0)}`,
    );

    // Server-side share: replay exactly the transaction the executor sent, straight through pg.
    if (captured) {
      const { queries } = JSON.parse(captured.body) as { queries: { query: string; params: (string | null)[] }[] };
      const replay = new pg.Client({ connectionString: db.url });
      await replay.connect();
      try {
        const once = async () => {
          await replay.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          for (const q of queries)
            await replay.query({ text: q.query, values: q.params, queryMode: "extended" } as pg.QueryConfig);
          await replay.query("COMMIT");
        };
        const [, first] = await timed(once);
        const replays: number[] = [];
        for (let i = 0; i < 3; i++) replays.push((await timed(once))[1]);
        lines.push(
          `    same statements straight through pg (server execution + pg parsing): first ${ms(first, 1)}, warm mean ${ms(stats(replays).mean, 1)} (n=3)`,
        );
      } finally {
        await replay.end();
      }
    }
  } finally {
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------------------

export async function benchSql(): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), "datus-bench-pglite-"));
  const previousEndpoint = neonConfig.fetchEndpoint;
  const gatewayLog: string[] = [];
  let gateway: Gateway | undefined;
  let db: TestDatabase | undefined;
  try {
    const [started, coldMs] = await timed(() =>
      startGateway({ port: 0, dataDir, embedded: true, log: (line) => gatewayLog.push(line) }),
    );
    gateway = started;
    useGateway(gateway.url);
    const loaded = gatewayLog.find((l) => l.startsWith("demo data"));
    lines.push(
      `gateway start with embedded PGlite, empty data dir (cold: initdb + demo data): ${ms(coldMs, 0)} (${gateway.embedded}${loaded ? `; ${loaded}` : ""})`,
    );

    db = await createTestDatabase({ prefix: "datus_bench_sql" });
    await perQuery(lines, db);
    await db.drop();
    db = undefined;

    await catalogIntrospection(lines);

    await gateway.close();
    gateway = undefined;
    // Reopening the store the cold start wrote: what every later `npm start` pays.
    const [again, warmMs] = await timed(() => startGateway({ port: 0, dataDir, embedded: true }));
    gateway = again;
    lines.push(
      `gateway restart on the same data dir (store reused, no demo load): ${ms(warmMs, 0)} (${gateway.embedded})`,
    );
  } finally {
    neonConfig.fetchEndpoint = previousEndpoint;
    await gateway?.close().catch((e: unknown) => lines.push(`gateway close failed: ${String(e)}`));
    await db?.drop().catch((e: unknown) => lines.push(`dropping ${db?.name} failed: ${String(e)}`));
    await rm(dataDir, { recursive: true, force: true });
  }
  return lines;
}
