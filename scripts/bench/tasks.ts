/**
 * The whole task path over HTTP against `wrangler dev` with the embedded PGlite demo database behind
 * the local Neon-protocol gateway, the built-in generator and the `fixed` workflow:
 *   1. sync runs: latency and throughput at concurrency 1 and 16, and the service's own overhead
 *      (latency minus the SQL time the response reports in `metadata.sql_execution_ms`);
 *   2. async runs, one at a time: time to the first `started` frame and to `done`;
 *   3. many async streams open at once (each its own task, so its own Durable Object): ramped
 *      100 → 1,000, checking every stream delivered every event id 1..n and ended with `done`, with
 *      the RSS of the workerd processes and of this client.
 *
 * The gateway runs in a child process (its CLI), not in this one: PGlite executes queries synchronously
 * on its event loop, which would stall the SSE client here and mix its memory into the client's RSS.
 * The Worker runs on a snapshot of the sources (tasks-worker.ts): an edit under src/ or to
 * wrangler.toml during the run would otherwise restart it mid-measurement. Prints figures; asserts nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "./lib.ts";
import {
  countBy,
  descendants,
  f1,
  formatStreamLevel,
  loadAverage,
  mb,
  openStream,
  pcts,
  probeFailed,
  rssKiB,
  type StreamResult,
  stats,
  streamLevel,
  taskErrors,
} from "./tasks-streams.ts";
import { type SnapshotWorker, startSnapshotWorker } from "./tasks-worker.ts";

const CURRENT_DATE = "2024-12-31";
const QUESTIONS = [
  "How many orders are there per status?",
  "total revenue",
  "revenue by country",
  "average order value by channel",
  "how many customers per country",
  "top 5 products by revenue",
];
const SYNC_WARMUP = 6;
const SYNC_DURATION_MS = 10_000;
const SYNC_CONCURRENCY = [1, 16];
const ASYNC_RUNS = 50;
const ASYNC_BUDGET_MS = 30_000;
const STREAM_LEVELS = [100, 250, 500, 1000];
/**
 * Per level: streams still open after this are cut and counted as failed. Scaled to the level and
 * the previous level's rate (twice the time it should need), so a slow machine reports "slow", not
 * "broken"; never more than LEVEL_TIMEOUT_MAX_MS.
 */
const LEVEL_TIMEOUT_MIN_MS = 60_000;
const LEVEL_TIMEOUT_MAX_MS = 480_000;
const GATEWAY_START_MS = 120_000;

// ---------------------------------------------------------------------------------------------------
// helpers

export interface GatewayProcess {
  url: string;
  pid: number;
  /** Its log lines (it logs only start-up and failures), at most the first 1,000. */
  log: string[];
  stop(): Promise<void>;
}

/** `scripts/gateway/main.ts` on this Node with tsx's loader flags; resolves on its "listening" line. */
export async function startGatewayProcess(dataDir: string): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, resolve(ROOT, "scripts/gateway/main.ts"), "--port", "0", "--data-dir", dataDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => log.length < 1000 && log.push(line));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gateway did not start within ${GATEWAY_START_MS / 1000} s`)),
        GATEWAY_START_MS,
      );
      child.once("exit", (code) => reject(new Error(`gateway exited (${code}): ${log.slice(-20).join("\n")}`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const m = /gateway listening on (\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1] as string);
        }
      });
    });
    return { url, pid: child.pid as number, log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function runBody(task: string, mode: "sync" | "async", taskId?: string): string {
  return JSON.stringify({
    workflow: "fixed",
    namespace: "demo",
    task,
    mode,
    current_date: CURRENT_DATE,
    ...(taskId ? { task_id: taskId } : {}),
  });
}

interface SyncSample {
  latency: number;
  httpStatus: number;
  taskStatus: string;
  sqlMs: number | undefined;
  timings: Record<string, number>;
  error: string | null;
}

async function syncRun(url: string, token: string, task: string): Promise<SyncSample> {
  const t0 = performance.now();
  const res = await fetch(`${url}/workflows/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: runBody(task, "sync"),
  });
  const body = (await res.json()) as {
    status?: string;
    error?: string | null;
    metadata?: { sql_execution_ms?: number; node_timings?: Record<string, number> };
  };
  return {
    latency: performance.now() - t0,
    httpStatus: res.status,
    taskStatus: body.status ?? "?",
    sqlMs: body.metadata?.sql_execution_ms,
    timings: body.metadata?.node_timings ?? {},
    error: body.error ?? null,
  };
}

/** Closed loop like lib.ts's `load`, keeping each response's own SQL time beside its latency. */
async function syncLoop(url: string, token: string, concurrency: number, durationMs: number) {
  const samples: SyncSample[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const task = QUESTIONS[next++ % QUESTIONS.length] as string;
        try {
          samples.push(await syncRun(url, token, task));
        } catch {
          errors++;
        }
      }
    }),
  );
  return { samples, errors, elapsedS: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------

export async function benchTasks(): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), "datus-bench-tasks-pglite-"));
  let gateway: GatewayProcess | undefined;
  let worker: SnapshotWorker | undefined;
  lines.push(`load average at start (other processes share these cores): ${loadAverage()}`);
  try {
    const g0 = performance.now();
    gateway = await startGatewayProcess(dataDir);
    const startup = gateway.log.map((l) => l.replace(/^\[gateway\] /, "")).join("; ");
    lines.push(
      `gateway (child process, embedded PGlite, empty temp data dir): up in ${(performance.now() - g0).toFixed(0)} ms at ${gateway.url} (${startup})`,
    );
    const w0 = performance.now();
    worker = await startSnapshotWorker({ NEON_GATEWAY_URL: gateway.url });
    lines.push(
      `wrangler dev on a snapshot of src/ and wrangler.toml (edits elsewhere cannot restart it; --log-level warn; own --persist-to): healthy in ${((performance.now() - w0) / 1000).toFixed(1)} s at ${worker.url}`,
    );
    const url = worker.url;
    const workerd = descendants(process.pid).filter((p) => p.comm === "workerd");
    lines.push(
      `workerd processes under this one: ${workerd.map((p) => `${p.pid} (${mb(rssKiB(p.pid))})`).join(", ") || "none found"}; gateway RSS ${mb(rssKiB(gateway.pid))}`,
    );

    const tokenRes = await fetch(`${url}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;

    // ---- 1. sync
    lines.push("");
    lines.push(
      `sync: POST /workflows/run {workflow: fixed, namespace: demo, mode: sync}, built-in generator, ${QUESTIONS.length} questions cycling:`,
    );
    for (const q of QUESTIONS) lines.push(`  - ${q}`);
    const first = await syncRun(url, token, QUESTIONS[0] as string);
    lines.push(
      `  first run after start (catalog introspection, cold isolate): ${f1(first.latency)} ms, ${first.httpStatus}/${first.taskStatus}, node_timings ${JSON.stringify(first.timings)}`,
    );
    for (let i = 0; i < SYNC_WARMUP; i++) await syncRun(url, token, QUESTIONS[i % QUESTIONS.length] as string);
    for (const concurrency of SYNC_CONCURRENCY) {
      const { samples, errors, elapsedS } = await syncLoop(url, token, concurrency, SYNC_DURATION_MS);
      const latency = stats(samples.map((s) => s.latency));
      const withSql = samples.filter((s) => s.sqlMs !== undefined);
      const sql = stats(withSql.map((s) => s.sqlMs as number));
      const overhead = stats(withSql.map((s) => s.latency - (s.sqlMs as number)));
      const nodes = ["schema_linking", "generate_sql", "execute_sql", "output"].map((n) => {
        const xs = samples.map((s) => s.timings[n]).filter((x): x is number => x !== undefined);
        return `${n} ${f1(stats(xs).mean)}`;
      });
      lines.push(
        `  concurrency ${String(concurrency).padStart(2)} (${SYNC_DURATION_MS / 1000} s): ${(samples.length / elapsedS).toFixed(1)} runs/s, ${samples.length} runs, HTTP ${countBy(samples, (s) => String(s.httpStatus))}, task ${countBy(samples, (s) => s.taskStatus)}, errors ${errors}`,
      );
      lines.push(`    latency                              ${pcts(latency)}`);
      lines.push(`    sql_execution_ms (reported)          ${pcts(sql)}  (n=${sql.n})`);
      lines.push(`    overhead = latency − sql_execution_ms ${pcts(overhead)}`);
      lines.push(`    node_timings means (ms): ${nodes.join(", ")}`);
      const failed = samples.filter((s) => s.taskStatus !== "completed");
      if (failed.length)
        lines.push(
          `    not completed: ${countBy(failed, (s) => `${s.httpStatus} ${s.error ?? s.taskStatus}`.slice(0, 160))}`,
        );
    }

    // Where a sync run's overhead goes, one request at a time: the stack's floor, then the whole
    // request path without the task's work (a finished task asked again: auth, validation, the
    // limiter and the TaskRoom round trip), against the full run above.
    const sequential = async (request: () => Promise<Response>, n = 100) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await (await request()).arrayBuffer();
        xs.push(performance.now() - t0);
      }
      return stats(xs);
    };
    const floor = await sequential(() => fetch(`${url}/health`));
    const again = runBody(QUESTIONS[0] as string, "sync", "bench-finished-task");
    const resubmit = () =>
      fetch(`${url}/workflows/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: again,
      });
    await (await resubmit()).arrayBuffer();
    const path = await sequential(resubmit);
    lines.push(`  one request at a time: GET /health ${pcts(floor)}`);
    lines.push(`    sync run of a finished task (auth, limiter, TaskRoom round trip; no work) ${pcts(path)}`);

    // ---- 2. async, one at a time
    lines.push("");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const singles: StreamResult[] = [];
    const deadline = performance.now() + ASYNC_BUDGET_MS;
    for (let i = 0; i < ASYNC_RUNS && performance.now() < deadline; i++) {
      singles.push(
        await openStream(url, token, runBody(QUESTIONS[i % QUESTIONS.length] as string, "async"), agent, 30_000),
      );
    }
    agent.destroy();
    const okSingles = singles.filter((s) => s.complete);
    lines.push(
      `async: mode async (SSE), one run at a time, ${singles.length} runs (${okSingles.length} complete streams, task ${countBy(okSingles, (s) => s.doneStatus ?? "?")}):`,
    );
    lines.push(`  response headers            ${pcts(stats(okSingles.map((s) => s.tHeaders as number)))}`);
    lines.push(`  first \`event: started\`      ${pcts(stats(okSingles.map((s) => s.tStarted as number)))}`);
    lines.push(`  \`event: done\`               ${pcts(stats(okSingles.map((s) => s.tDone as number)))}`);
    lines.push(`  events per stream: ${countBy(okSingles, (s) => String(s.events.length))}`);
    const badSingles = singles.filter((s) => !s.complete);
    if (badSingles.length)
      lines.push(
        `  incomplete: ${badSingles
          .map((s) => s.error ?? "?")
          .slice(0, 5)
          .join("; ")}`,
      );
    lines.push(...taskErrors(okSingles).map((l) => l.slice(2)));

    // ---- 3. concurrent open streams
    lines.push("");
    lines.push(
      `concurrent streams: N async runs opened at once (one task = one Durable Object each), node:http Agent maxSockets N, no keep-alive; a stream succeeds when its ids are 1..n without gaps and it ends with \`done\`; timeout per level 2 × N / (previous level's tasks/s), ${LEVEL_TIMEOUT_MIN_MS / 1000}-${LEVEL_TIMEOUT_MAX_MS / 1000} s:`,
    );
    let highest = 0;
    let rate = 0;
    for (const n of STREAM_LEVELS) {
      const timeoutMs = Math.round(
        Math.min(LEVEL_TIMEOUT_MAX_MS, Math.max(LEVEL_TIMEOUT_MIN_MS, rate > 0 ? (2 * n * 1000) / rate : 0)),
      );
      // Our own task ids: a stream that failed can then be looked up afterwards.
      const runTag = Date.now().toString(36);
      const level = await streamLevel(
        url,
        token,
        n,
        (i) => `bench-${runTag}-${n}-${i}`,
        (i, taskId) => runBody(QUESTIONS[i % QUESTIONS.length] as string, "async", taskId),
        timeoutMs,
      );
      rate = level.succeeded / (level.wallMs / 1000);
      lines.push(
        ...formatStreamLevel(level).map((l, i) => (i === 0 ? `${l}; timeout ${(timeoutMs / 1000).toFixed(0)} s` : l)),
      );
      if (level.succeeded < n) lines.push(...(await probeFailed(url, token, level)));
      if (level.succeeded === n) highest = n;
      else {
        lines.push(`  stopping the ramp: ${n} did not deliver every event on every stream`);
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    lines.push(`  highest level where every stream delivered every event: ${highest || "none"}`);
    lines.push(
      `  gateway RSS at the end: ${mb(rssKiB(gateway.pid))}; local state of the run: ${countFiles(worker.stateDir)} files (removed)`,
    );
    lines.push(`load average at the end: ${loadAverage()}`);
    const failures = gateway.log.filter((l) => !/ready in|demo data|listening/.test(l));
    const kinds = countBy(failures, (l) =>
      l
        .replace(/^\[gateway\] /, "")
        .replace(/\d+/g, "#")
        .slice(0, 100),
    );
    lines.push(`gateway failure lines during the run: ${failures.length}${failures.length ? ` ${kinds}` : ""}`);
  } finally {
    await worker?.stop();
    await gateway?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return lines;
}

function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}
