/**
 * Benchmark helpers: start the Worker under `wrangler dev` on a loopback port and drive it with a
 * bounded closed-loop load (fixed concurrency, fixed duration). Prints figures; asserts nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readDevConfig, toDotenv } from "../lib/dev-config.ts";
import {
  freePort,
  isHealthy,
  killGroup,
  OFFLINE_ENV,
  runWrangler,
  spawnGroup,
  waitFor,
  wranglerCommand,
} from "../lib/processes.ts";

export { freePort };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningWorker {
  url: string;
  stop(): Promise<void>;
}

/** `wrangler dev` with `--log-level warn`: the per-request log line would halve throughput. */
export async function startWorker(vars: Record<string, string> = {}): Promise<RunningWorker> {
  const port = await freePort();
  const config = readDevConfig(ROOT);
  const envFile = resolve(ROOT, ".wrangler", `bench-${port}.env`);
  mkdirSync(dirname(envFile), { recursive: true });
  writeFileSync(
    envFile,
    toDotenv({ AUTH_CLIENTS: config.authClients, NAMESPACES: config.namespaces, LOG_LEVEL: "warn", ...vars }),
    {
      mode: 0o600,
    },
  );
  const env = { ...process.env, ...OFFLINE_ENV };
  await runWrangler(["d1", "migrations", "apply", "DB", "--local"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const [cmd, args] = wranglerCommand([
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--env-file",
    envFile,
    "--log-level",
    "warn",
    "--show-interactive-dev-session=false",
    "--inspector-port",
    String(await freePort()),
  ]);
  const child = spawnGroup(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitFor(() => isHealthy(url), 60_000, 200))) {
    killGroup(child.pid, "SIGKILL");
    throw new Error("wrangler dev did not start");
  }
  return {
    url,
    async stop() {
      killGroup(child.pid, "SIGTERM");
      await waitFor(async () => child.exitCode !== null || child.signalCode !== null, 5000, 100);
      killGroup(child.pid, "SIGKILL");
    },
  };
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  rps: number;
  p50: number;
  p99: number;
}

/** Closed loop: `concurrency` clients each send the next request when the previous answered. */
export async function load(
  makeRequest: () => Promise<Response>,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await makeRequest();
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    statuses,
    rps: latencies.length / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
  };
}

export function formatLoad(name: string, r: LoadResult): string {
  return `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} requests, statuses ${JSON.stringify(r.statuses)}, errors ${r.errors})`;
}

/** Times `fn` for at least `minMs`, returns operations per second. */
export async function opsPerSecond(fn: () => Promise<unknown>, minMs = 1500): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up (JIT, key import caches)
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}
