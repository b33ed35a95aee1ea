/**
 * Runs the gold SQL of a question set. Values go through the same path as the service's own results
 * (neon() driver over the local Neon-protocol gateway, the service's type parsers, UTC, ISO dates),
 * so gold and predicted values have the same JSON shapes before the comparison even normalises them.
 *
 * The gateway runs in this process only while gold results are computed: PGlite blocks the event loop
 * while a query runs, which would otherwise inflate the latencies measured against the service.
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { JSON_TYPES, toJsonValue } from "../../src/sql/pg-values.ts";
import { EMBEDDED_CONNECTION_STRING, startGateway } from "../gateway/index.ts";

export interface GoldResult {
  columns: string[];
  rows: unknown[][];
}

export interface GoldOptions {
  /** A real PostgreSQL URL holding the demo data (see loadDemoData); default the embedded PGlite copy. */
  goldUrl?: string | undefined;
  /** PGlite data directory for the embedded copy; kept between runs so only the first run loads the data. */
  dataDir?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

/** Same session settings as the service's executor, so date_trunc and timestamps render alike. */
const SETTINGS: [string, string][] = [
  ["TimeZone", "UTC"],
  ["DateStyle", "ISO"],
  ["statement_timeout", "60000"],
];

export type GoldOutcome = { ok: true; result: GoldResult } | { ok: false; error: string };

/** Executes every statement (in order, one at a time) and returns one outcome per statement. */
export async function runGoldQueries(statements: string[], options: GoldOptions = {}): Promise<GoldOutcome[]> {
  const gateway = await startGateway({
    port: 0,
    // A real server needs no PGlite at all; the gateway then only proxies to it.
    embedded: !options.goldUrl,
    dataDir: options.dataDir ?? ".data/pglite-eval",
    log: options.log ?? false,
  });
  const previous = neonConfig.fetchEndpoint;
  neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
  try {
    const sql = neon(options.goldUrl ?? EMBEDDED_CONNECTION_STRING, {
      fullResults: true,
      arrayMode: true,
      types: JSON_TYPES,
    });
    const outcomes: GoldOutcome[] = [];
    for (const statement of statements) {
      try {
        const results = await sql.transaction(
          [
            sql.query(
              `SELECT ${SETTINGS.map((_, i) => `set_config($${i * 2 + 1}, $${i * 2 + 2}, true)`).join(", ")}`,
              SETTINGS.flat(),
            ),
            sql.query(statement, [], { types: JSON_TYPES }),
          ],
          { readOnly: true, fullResults: true, arrayMode: true },
        );
        const r = results[1];
        if (!r) throw new Error("no result");
        outcomes.push({
          ok: true,
          result: {
            columns: r.fields.map((f) => f.name),
            rows: (r.rows as unknown[][]).map((row) => row.map(toJsonValue)),
          },
        });
      } catch (error) {
        outcomes.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return outcomes;
  } finally {
    neonConfig.fetchEndpoint = previous;
    await gateway.close();
  }
}
