import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NeonDbError, neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statementTimeoutOf } from "../../scripts/gateway/embedded.ts";
import { EMBEDDED_CONNECTION_STRING, type Gateway, startGateway } from "../../scripts/gateway/index.ts";

/**
 * Threat: one question holds the embedded database (PGlite ignores statement_timeout) and every
 * other request waits behind it (issue 14, part 5). The gateway stops a query past its timeout.
 */
let gateway: Gateway;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "datus-gw-timeout-"));
  gateway = await startGateway({ port: 0, dataDir: join(dataDir, "pglite") });
  neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
});
afterAll(async () => {
  await gateway?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// Seconds of work in PGlite: far longer than the 300 ms it is given.
const SLOW = "SELECT count(*) FROM generate_series(1, 50000000) g, LATERAL (SELECT md5(g::text)) x";

describe("the embedded database has a real statement timeout", () => {
  it("reads the timeout the executor sets with set_config", () => {
    expect(
      statementTimeoutOf([
        {
          query: "SELECT set_config($1, $2, true), set_config($3, $4, true)",
          params: ["statement_timeout", "1500", "lock_timeout", "1500"],
        },
        { query: "SELECT 1", params: [] },
      ]),
    ).toBe(1500);
    expect(statementTimeoutOf([{ query: "SELECT 1", params: ["statement_timeout"] }])).toBeUndefined();
  });

  it("cancels a query past statement_timeout with SQLSTATE 57014, then answers the next one", async () => {
    const sql = neon(EMBEDDED_CONNECTION_STRING);
    const started = Date.now();
    const err = await sql
      .transaction([sql.query("SELECT set_config($1, $2, true)", ["statement_timeout", "300"]), sql.query(SLOW)], {
        readOnly: true,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(NeonDbError);
    expect((err as NeonDbError).code).toBe("57014");
    expect((err as NeonDbError).message).toBe("canceling statement due to statement timeout");
    expect(Date.now() - started).toBeLessThan(5000);
    // The database is back (a fresh worker on the same data directory), data intact.
    const [row] = await sql.query("SELECT count(*)::int AS n FROM customers");
    expect(row!.n).toBeGreaterThan(0);
  });

  it("a query within its time is not affected", async () => {
    const sql = neon(EMBEDDED_CONNECTION_STRING);
    const [, result] = await sql.transaction(
      [
        sql.query("SELECT set_config($1, $2, true)", ["statement_timeout", "5000"]),
        sql.query("SELECT count(*)::int AS n FROM orders"),
      ],
      { readOnly: true },
    );
    expect((result as unknown as { n: number }[])[0]!.n).toBeGreaterThan(0);
  });
});
