import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/bench/lib.ts";
import { toDotenv } from "../../scripts/lib/dev-config.ts";
import { parseServerFlags } from "../../scripts/lib/flags.ts";
import { isAlive } from "../../scripts/lib/processes.ts";

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, "../..");

describe("the seed server's flags", () => {
  it("has the seed's defaults", () => {
    expect(parseServerFlags([])).toMatchObject({
      host: "127.0.0.1",
      port: 8000,
      reload: true,
      debug: false,
      daemon: false,
      workers: undefined,
    });
  });

  it("takes every flag", () => {
    const flags = parseServerFlags([
      "--host",
      "0.0.0.0",
      "--port",
      "9000",
      "--workers",
      "4",
      "--debug",
      "--daemon",
      "--no-reload",
    ]);
    expect(flags).toMatchObject({ host: "0.0.0.0", port: 9000, workers: 4, debug: true, daemon: true, reload: false });
  });

  it("refuses bad values and unknown flags with a message", () => {
    expect(() => parseServerFlags(["--port", "http"])).toThrow(/--port/);
    expect(() => parseServerFlags(["--workers", "0"])).toThrow(/--workers/);
    expect(() => parseServerFlags(["--colour"])).toThrow();
  });
});

describe("secrets handed to wrangler", () => {
  // dotenv (inside wrangler) reads a quoted value literally up to the same quote kind.
  it("quotes each value with a quote kind it does not contain", () => {
    expect(toDotenv({ A: "a: 'x'\nb", B: `say "hi" and 'bye'`, C: "" })).toBe(
      `A="a: 'x'\nb"\nB=\`say "hi" and 'bye'\`\nC=''\n`,
    );
    expect(() => toDotenv({ D: `' " \`` })).toThrow(/D:/);
  });
});

describe("npm start --daemon / npm stop", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "datus-launcher-"));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it("starts in the background, answers, and stops everything it started", async () => {
    const port = await freePort();
    const tsx = require.resolve("tsx/cli");
    const env = { ...process.env, DATUS_STATE_DIR: stateDir };
    const started = spawnSync(
      process.execPath,
      [tsx, "scripts/start.ts", "--daemon", "--port", String(port), "--no-reload"],
      { cwd: ROOT, env, encoding: "utf8", timeout: 150_000 },
    );
    expect(started.status, started.stderr + started.stdout).toBe(0);
    expect(started.stdout).toContain(`http://127.0.0.1:${port}`);
    const pids = JSON.parse(readFileSync(join(stateDir, "datus-edge.pid"), "utf8")) as {
      launcher: number;
      wrangler: number;
    };
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(isAlive(pids.wrangler)).toBe(true);

    const stopped = spawnSync(process.execPath, [tsx, "scripts/start.ts", "--stop"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(stopped.status).toBe(0);
    expect(isAlive(pids.launcher)).toBe(false);
    // The whole group went: no wrangler, no workerd holding the port.
    const leftovers = spawnSync("pgrep", ["-g", String(pids.wrangler)], { encoding: "utf8" }).stdout.trim();
    expect(leftovers).toBe("");
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it("stops everything on SIGTERM in the foreground", async () => {
    const port = await freePort();
    const tsx = require.resolve("tsx/cli");
    const child = spawn(process.execPath, [tsx, "scripts/start.ts", "--port", String(port), "--no-reload"], {
      cwd: ROOT,
      env: { ...process.env, DATUS_STATE_DIR: stateDir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready: ${output}`)), 150_000);
      child.stdout.on("data", () => {
        if (output.includes("is ready at")) {
          clearTimeout(timer);
          resolveReady();
        }
      });
    });
    const workerd = spawnSync("pgrep", ["-f", `entry=127.0.0.1:${port}`], { encoding: "utf8" }).stdout.trim();
    expect(workerd).not.toBe("");
    process.kill(child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
    for (let i = 0; i < 50 && spawnSync("pgrep", ["-f", `entry=127.0.0.1:${port}`]).status === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(spawnSync("pgrep", ["-f", `entry=127.0.0.1:${port}`], { encoding: "utf8" }).stdout.trim()).toBe("");
  });
});
