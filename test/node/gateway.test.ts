// The local Neon-protocol gateway, exercised through the real `@neondatabase/serverless` driver
// against both routes: the embedded PGlite demo database and a fresh database on a real PostgreSQL.
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NeonDbError, neon, neonConfig } from "@neondatabase/serverless";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoRowCounts, loadDemoData } from "../../scripts/demo-data/index.ts";
import {
  createTestDatabase,
  EMBEDDED_CONNECTION_STRING,
  type Gateway,
  startGateway,
  type TestDatabase,
} from "../../scripts/gateway/index.ts";

let gateway: Gateway;
let dataDir: string;
let realDb: TestDatabase;
let realCounts: DemoRowCounts;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "datus-gw-"));
  const [started, created] = await Promise.all([
    startGateway({ port: 0, dataDir: join(dataDir, "pglite") }),
    createTestDatabase(),
  ]);
  gateway = started;
  realDb = created;
  const client = new pg.Client({ connectionString: realDb.url });
  await client.connect();
  try {
    realCounts = await loadDemoData(client);
  } finally {
    await client.end();
  }
  // What the Worker does in dev: every neon() call goes to the local gateway, whatever the host.
  neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
});

afterAll(async () => {
  await gateway?.close();
  await realDb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Runs `fn` expecting a NeonDbError and returns it. */
async function dbError(fn: () => Promise<unknown>): Promise<NeonDbError> {
  const err = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NeonDbError);
  return err as NeonDbError;
}

const backends = [
  { name: "embedded PGlite", url: () => EMBEDDED_CONNECTION_STRING },
  { name: "real PostgreSQL", url: () => realDb.url },
];

describe.each(backends)("through the neon driver: $name", ({ url }) => {
  const sql = () => neon(url());

  it("binds params and returns every common type in a form the driver parses", async () => {
    const [row] = await sql().query(
      `SELECT $1::int AS i, $2::numeric AS n, $3::date AS d, $4::timestamptz AS ts, $5::bool AS b,
              $6::text AS t, $7::text AS nothing, $8::jsonb AS j, ARRAY[1, 2, 3] AS ints,
              ARRAY['a', NULL, 'c"q'] AS texts, 9007199254740993::int8 AS big`,
      [42, "1.50", "2024-02-29", "2024-01-01T12:00:00Z", true, "it's", null, { a: [1, 2] }],
    );
    expect(row).toMatchObject({
      i: 42,
      n: "1.50",
      b: true,
      t: "it's",
      nothing: null,
      j: { a: [1, 2] },
      ints: [1, 2, 3],
      texts: ["a", null, 'c"q'],
      big: "9007199254740993",
    });
    expect((row!.ts as Date).toISOString()).toBe("2024-01-01T12:00:00.000Z");
    const d = row!.d as Date; // pg-types parses date as local midnight
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2024, 2, 29]);
  });

  it("answers full results with command, rowCount and typed fields", async () => {
    const r = await sql().query("SELECT order_id, total_amount FROM orders ORDER BY order_id LIMIT 3", [], {
      fullResults: true,
    });
    expect(r.command).toBe("SELECT");
    expect(r.rowCount).toBe(3);
    expect(r.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["order_id", 23],
      ["total_amount", 1700],
    ]);
    expect(r.rows.map((x) => x.order_id)).toEqual([1, 2, 3]);
  });

  it("serves the same demo data on both routes", async () => {
    const rows =
      await sql()`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_items)::int AS items,
      (SELECT sum(total_amount) FROM orders WHERE status = 'delivered')::text AS delivered`;
    expect(rows[0]).toEqual({
      orders: realCounts.orders,
      items: realCounts.order_items,
      delivered: expect.any(String),
    });
    const real = await neon(
      realDb.url,
    )`SELECT sum(total_amount)::text AS delivered FROM orders WHERE status = 'delivered'`;
    expect(rows[0]!.delivered).toBe(real[0]!.delivered);
  });

  it("describes every demo table and column with a comment (used for schema linking)", async () => {
    const rows = await sql()`
      SELECT c.relname AS table_name, a.attname AS column_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)`;
    expect(rows).toEqual([]);
    const [t] = await sql()`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`;
    expect(t).toEqual({ n: 7 });
  });

  it("rejects an INSERT in a read-only transaction with SQLSTATE 25006", async () => {
    const s = sql();
    const err = await dbError(() =>
      s.transaction([s`SELECT 1`, s`INSERT INTO countries VALUES ('XX', 'Nowhere', 'Europe')`], { readOnly: true }),
    );
    expect(err.code).toBe("25006");
    expect(err.severity).toBe("ERROR");
  });

  it("applies isolation level, read-only and deferrable to the transaction", async () => {
    const s = sql();
    const results = await s.transaction(
      [s`SHOW transaction_isolation`, s`SHOW transaction_read_only`, s`SHOW transaction_deferrable`],
      { isolationLevel: "Serializable", readOnly: true, deferrable: true },
    );
    expect(results.map((r) => Object.values(r[0]!)[0])).toEqual(["serializable", "on", "on"]);
    const plain = await s.transaction([s`SHOW transaction_isolation`]);
    expect(plain).toEqual([[{ transaction_isolation: "read committed" }]]);
  });

  it("rolls the whole transaction back when one statement fails", async () => {
    const s = sql();
    const err = await dbError(() => s.transaction([s`CREATE TABLE gw_probe (x int)`, s`SELECT 1 / 0`]));
    expect(err.code).toBe("22012");
    const [row] = await s`SELECT to_regclass('gw_probe')::text AS t`;
    expect(row).toEqual({ t: null });
  });

  it("maps a syntax error to NeonDbError 42601 with its position", async () => {
    const err = await dbError(() => sql().query("SELECT 1 FROM WHERE"));
    expect(err.code).toBe("42601");
    expect(err.position).toBe("15");
    expect(err.message).toMatch(/syntax error at or near "WHERE"/);
  });

  it("runs each query with the extended protocol, so two statements are refused", async () => {
    const err = await dbError(() => sql().query("SELECT 1; SELECT 2"));
    expect(err.code).toBe("42601");
  });

  it("passes the detail fields of a constraint violation", async () => {
    const err = await dbError(() => sql().query("INSERT INTO countries VALUES ('DE', 'Germany', 'Europe')"));
    expect(err).toMatchObject({
      code: "23505",
      schema: "public",
      table: "countries",
      constraint: "countries_pkey",
      detail: "Key (country_code)=(DE) already exists.",
    });
  });

  it("starts every request with a clean session", async () => {
    const s = sql();
    const [before] = await s.query("SHOW search_path");
    await s.query("SET search_path = nowhere");
    // A transaction left open by one request must not swallow the next one.
    await s.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
    const [row] = await s.query("SELECT current_setting($1) AS search_path, current_setting($2) AS isolation", [
      "search_path",
      "transaction_isolation",
    ]);
    expect(row).toEqual({ search_path: before!.search_path, isolation: "read committed" });
  });

  it("serves concurrent requests", async () => {
    const s = sql();
    const sums = await Promise.all(Array.from({ length: 12 }, (_, i) => s.query("SELECT $1::int * 2 AS v", [i])));
    expect(sums.map((r) => r[0]!.v)).toEqual(Array.from({ length: 12 }, (_, i) => i * 2));
  });
});

describe("real PostgreSQL only", () => {
  it("enforces SET LOCAL statement_timeout with SQLSTATE 57014", async () => {
    const s = neon(realDb.url);
    const err = await dbError(() => s.transaction([s`SET LOCAL statement_timeout = 200`, s`SELECT pg_sleep(2)`]));
    expect(err.code).toBe("57014");
  });

  it("reports an unknown database as a Postgres error (3D000)", async () => {
    const url = new URL(realDb.url);
    url.pathname = "/datus_gw_does_not_exist";
    const err = await dbError(() => neon(url.toString())`SELECT 1`);
    expect(err.code).toBe("3D000");
  });

  it("reports an unreachable server as HTTP 502, not as a SQL error", async () => {
    const err = await dbError(() => neon("postgres://postgres@127.0.0.1:1/x")`SELECT 1`);
    expect(err.code).toBeUndefined();
    expect(err.message).toMatch(/^Server error \(HTTP status 502\): .*database unreachable/);
  });
});

describe("HTTP surface", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/sql`, {
      method: "POST",
      body,
      headers: { "Neon-Connection-String": EMBEDDED_CONNECTION_STRING, ...headers },
    });

  it("answers GET /health", async () => {
    const res = await fetch(`${gateway.url}/health`);
    expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
  });

  it.each([
    [
      "missing connection string",
      () => fetch(`${gateway.url}/sql`, { method: "POST", body: '{"query":"SELECT 1"}' }),
      /Neon-Connection-String/,
    ],
    ["invalid JSON", () => post('{"query":'), /not valid JSON/],
    ["non-object body", () => post("[1]"), /JSON object/],
    ["query not a string", () => post('{"query":1}'), /query must be a string/],
    ["params not an array", () => post('{"query":"SELECT 1","params":"x"}'), /params must be an array/],
    ["bad isolation level", () => post('{"queries":[]}', { "Neon-Batch-Isolation-Level": "Chaos" }), /Isolation-Level/],
    ["bad boolean header", () => post('{"query":"SELECT 1"}', { "Neon-Array-Mode": "yes" }), /Neon-Array-Mode/],
    [
      "connection string not a URL",
      () => post('{"query":"SELECT 1"}', { "Neon-Connection-String": "nope" }),
      /not a valid URL/,
    ],
  ])("refuses %s with 400 and a message", async (_name, send, message) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it("follows Neon-Array-Mode and Neon-Raw-Text-Output when they are off", async () => {
    const res = await post(
      JSON.stringify({ query: "SELECT 1 AS i, true AS b, '[1]'::jsonb AS j, 2.5::numeric AS n, ARRAY[1,2] AS a" }),
    );
    expect(await res.json()).toMatchObject({
      rowAsArray: false,
      rows: [{ i: 1, b: true, j: [1], n: "2.5", a: [1, 2] }],
    });
  });

  it("refuses requests from browsers", async () => {
    const res = await post('{"query":"SELECT 1"}', { Origin: "https://example.com" });
    expect(res.status).toBe(403);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await post(JSON.stringify({ query: "SELECT 1", params: ["x".repeat(9 * 1024 * 1024)] }));
    expect(res.status).toBe(413);
  });

  it("answers malformed HTTP with 400 and keeps serving", async () => {
    const { port } = gateway;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (d) => (data += d.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });

  it("answers unknown routes with 404 and keeps serving", async () => {
    expect((await fetch(`${gateway.url}/nope`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/sql`)).status).toBe(405);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
