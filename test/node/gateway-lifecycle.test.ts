// Start-up and shutdown of the gateway: the persisted PGlite store, demo-data versioning, and the CLI.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DATA_VERSION } from "../../scripts/demo-data/index.ts";
import { DATA_DIR_OWNER_MARKER } from "../../scripts/gateway/embedded.ts";
import { EMBEDDED_CONNECTION_STRING, type Gateway, startGateway } from "../../scripts/gateway/index.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "datus-gw-life-"));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function withGateway<T>(dataDir: string, fn: (gw: Gateway) => Promise<T>): Promise<T> {
  const gw = await startGateway({ port: 0, dataDir });
  neonConfig.fetchEndpoint = () => `${gw.url}/sql`;
  try {
    return await fn(gw);
  } finally {
    await gw.close();
  }
}

describe("persisted embedded database", () => {
  it("recreates its own unreadable store, reloads stale demo data and reuses a current one", async () => {
    // A store this gateway wrote but cannot open (e.g. from another PGlite version) is only a cache.
    const dataDir = join(root, "store");
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, "PG_VERSION"), "99\n");
    await writeFile(join(dataDir, DATA_DIR_OWNER_MARKER), "");
    const sql = neon(EMBEDDED_CONNECTION_STRING);

    await withGateway(dataDir, async (gw) => {
      expect(gw.embedded).toBe("loaded");
      await sql`UPDATE datus_internal.demo_data SET version = 'stale'`;
    });
    await withGateway(dataDir, async (gw) => {
      expect(gw.embedded).toBe("loaded");
      expect(await sql`SELECT version FROM datus_internal.demo_data`).toEqual([{ version: DEMO_DATA_VERSION }]);
    });
    await withGateway(dataDir, async (gw) => {
      expect(gw.embedded).toBe("reused");
      expect(await sql`SELECT count(*)::int AS n FROM orders`).toEqual([{ n: 25_000 }]);
    });
  });

  it("never deletes a data directory it did not create", async () => {
    const dataDir = join(root, "foreign");
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, "PG_VERSION"), "99\n");
    await expect(startGateway({ port: 0, dataDir })).rejects.toThrow();
    expect(await readFile(join(dataDir, "PG_VERSION"), "utf8")).toBe("99\n");
  });
});

describe("CLI", () => {
  it("prints its URL when ready and exits cleanly on SIGTERM", async () => {
    // process.execPath is the Node 22 that npx put first on PATH; tsx loads the TypeScript entry.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/gateway/main.ts", "--port", "0", "--no-embedded", "--quiet"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
      const url = /^gateway listening on (http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{48})$/.exec(line)?.[1];
      expect(url).toBeDefined();
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
