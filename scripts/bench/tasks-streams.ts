/**
 * Helpers of the `tasks` benchmark: a minimal SSE client over node:http that timestamps the frames
 * of one run and checks its event ids, a level of N such streams opened at once with memory sampled
 * from /proc while they run, and the figures' formatting.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

// ---------------------------------------------------------------------------------------------------
// figures

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: pct(0.5), p99: pct(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export const f1 = (x: number) => x.toFixed(1);
export const pcts = (s: Stats) =>
  `p50 ${f1(s.p50).padStart(7)} ms  p99 ${f1(s.p99).padStart(7)} ms  mean ${f1(s.mean).padStart(7)} ms`;
export const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;

export function countBy<T>(xs: T[], key: (x: T) => string): string {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return JSON.stringify(out);
}

// ---------------------------------------------------------------------------------------------------
// processes (Linux /proc)

export interface ProcessInfo {
  pid: number;
  ppid: number;
  comm: string;
}

function processes(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // comm is in parentheses and may itself contain spaces or parentheses: split after the last ')'.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      out.push({ pid: Number(entry), ppid, comm });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** Every process below `root` (children, grandchildren, …). */
export function descendants(root: number): ProcessInfo[] {
  const all = processes();
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

/** CPU time (user + system) a process has used, in seconds (Linux clock ticks are 1/100 s). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident set size in KiB (0 when the process is gone). */
export const rssKiB = (pid: number) => statusField(pid, "VmRSS");
/** Peak resident set size since the process started, KiB. */
export const hwmKiB = (pid: number) => statusField(pid, "VmHWM");

// ---------------------------------------------------------------------------------------------------
// one SSE stream

export interface SseEvent {
  id: number | undefined;
  name: string;
  data: string;
}

export interface StreamResult {
  /** Set by the caller when it chose the task id. */
  taskId?: string;
  httpStatus?: number;
  /** ms from the request's start. */
  tHeaders?: number;
  tStarted?: number;
  tDone?: number;
  events: SseEvent[];
  doneStatus?: string;
  /** The task's own `error` event (the task failed; the stream may still be complete). */
  taskError?: string;
  /** Every id 1..n in order without gaps, and the last event is `done`. */
  complete: boolean;
  error?: string;
}

function checkIds(events: SseEvent[]): string | undefined {
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.id !== i + 1) return `event ${i + 1} has id ${events[i]?.id} (gap or reorder)`;
  }
  if (events.length === 0) return "no events";
  if (events[events.length - 1]?.name !== "done") return `last event is ${events[events.length - 1]?.name}, not done`;
  return undefined;
}

export interface StreamHooks {
  onOpen?(): void;
  onClose?(): void;
}

/** POSTs an async run and reads its SSE stream to the end (or the timeout). Never rejects. */
export function openStream(
  url: string,
  token: string,
  body: string,
  agent: http.Agent,
  timeoutMs: number,
  hooks: StreamHooks = {},
): Promise<StreamResult> {
  return new Promise((resolveResult) => {
    const t0 = performance.now();
    const result: StreamResult = { events: [], complete: false };
    let buffer = "";
    let settled = false;
    let opened = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (opened) hooks.onClose?.();
      const idProblem = checkIds(result.events);
      result.complete = error === undefined && idProblem === undefined && result.httpStatus === 200;
      if (!result.complete) result.error = error ?? idProblem ?? `HTTP ${result.httpStatus}`;
      resolveResult(result);
    };
    const req = http.request(`${url}/workflows/run`, {
      method: "POST",
      agent,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "text/event-stream",
        "content-length": Buffer.byteLength(body),
      },
    });
    const timer = setTimeout(() => {
      finish(`timeout (${result.events.length} events received${result.httpStatus ? "" : ", no response headers"})`);
      req.destroy();
    }, timeoutMs);
    req.on("response", (res) => {
      result.httpStatus = res.statusCode;
      result.tHeaders = performance.now() - t0;
      opened = true;
      hooks.onOpen?.();
      res.setEncoding("utf8");
      if (res.statusCode !== 200) {
        let text = "";
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => finish(`HTTP ${res.statusCode}: ${text.slice(0, 120)}`));
        res.on("error", (e: NodeJS.ErrnoException) => finish(`HTTP ${res.statusCode}, then ${e.code ?? e.message}`));
        return;
      }
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id: number | undefined;
          let name: string | undefined;
          const data: string[] = [];
          for (const line of frame.split("\n")) {
            if (line.startsWith(":") || line.startsWith("retry:")) continue;
            if (line.startsWith("id:")) id = Number(line.slice(3).trim());
            else if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (name === undefined && data.length === 0) continue; // heartbeat or retry
          const event: SseEvent = { id, name: name ?? "message", data: data.join("\n") };
          result.events.push(event);
          const now = performance.now() - t0;
          if (event.name === "started" && result.tStarted === undefined) result.tStarted = now;
          if (event.name === "error") {
            try {
              const { error, node } = JSON.parse(event.data) as { error?: unknown; node?: unknown };
              result.taskError = `${node ? `${String(node)}: ` : ""}${String(error)}`;
            } catch {
              result.taskError = event.data.slice(0, 200);
            }
          }
          if (event.name === "done") {
            result.tDone = now;
            try {
              result.doneStatus = (JSON.parse(event.data) as { status?: string }).status;
            } catch {
              result.doneStatus = "unparseable";
            }
          }
        }
      });
      res.on("end", () =>
        finish(
          result.tDone === undefined ? `stream ended after ${result.events.length} events without done` : undefined,
        ),
      );
      res.on("error", (e: NodeJS.ErrnoException) =>
        finish(`response ${e.code ?? e.message} after ${result.events.length} events`),
      );
    });
    req.on("error", (e: NodeJS.ErrnoException) => finish(`request ${e.code ?? e.message}`));
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------
// N streams at once

export interface Memory {
  workerdKiB: number;
  clientKiB: number;
}

export interface StreamLevel {
  n: number;
  results: StreamResult[];
  succeeded: number;
  wallMs: number;
  /** Most streams that had their response headers and had not yet finished, at one moment. */
  peakOpen: number;
  workerdPids: number[];
  before: Memory;
  peak: Memory;
  after: Memory;
  /** After a 3 s pause: what the idle objects keep. */
  settled: Memory;
  samples: number;
  /** Per workerd process: peak RSS (KiB) and CPU seconds used during the level. */
  perProcess: { pid: number; peakKiB: number; cpuS: number }[];
}

function memory(workerdPids: number[]): Memory {
  return {
    workerdKiB: workerdPids.reduce((s, pid) => s + rssKiB(pid), 0),
    clientKiB: Math.round(process.memoryUsage().rss / 1024),
  };
}

export async function streamLevel(
  url: string,
  token: string,
  n: number,
  taskIdFor: (i: number) => string,
  bodyFor: (i: number, taskId: string) => string,
  timeoutMs: number,
): Promise<StreamLevel> {
  const workerdPids = descendants(process.pid)
    .filter((p) => p.comm === "workerd")
    .map((p) => p.pid);
  const agent = new http.Agent({ keepAlive: false, maxSockets: n + 100 });
  const before = memory(workerdPids);
  const peak = { ...before };
  const cpuBefore = workerdPids.map(cpuSeconds);
  const peakByPid = workerdPids.map(rssKiB);
  let samples = 0;
  const sampler = setInterval(() => {
    const m = memory(workerdPids);
    peak.workerdKiB = Math.max(peak.workerdKiB, m.workerdKiB);
    peak.clientKiB = Math.max(peak.clientKiB, m.clientKiB);
    workerdPids.forEach((pid, k) => {
      peakByPid[k] = Math.max(peakByPid[k] ?? 0, rssKiB(pid));
    });
    samples++;
  }, 100);
  let open = 0;
  let peakOpen = 0;
  const hooks: StreamHooks = {
    onOpen: () => (peakOpen = Math.max(peakOpen, ++open)),
    onClose: () => open--,
  };
  const t0 = performance.now();
  let results: StreamResult[];
  try {
    results = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const taskId = taskIdFor(i);
        return { ...(await openStream(url, token, bodyFor(i, taskId), agent, timeoutMs, hooks)), taskId };
      }),
    );
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const wallMs = performance.now() - t0;
  const after = memory(workerdPids);
  const perProcess = workerdPids.map((pid, k) => ({
    pid,
    peakKiB: peakByPid[k] ?? 0,
    cpuS: cpuSeconds(pid) - (cpuBefore[k] ?? NaN),
  }));
  peak.workerdKiB = Math.max(peak.workerdKiB, after.workerdKiB);
  peak.clientKiB = Math.max(peak.clientKiB, after.clientKiB);
  await new Promise((r) => setTimeout(r, 3000));
  const settled = memory(workerdPids);
  return {
    n,
    results,
    succeeded: results.filter((r) => r.complete).length,
    wallMs,
    peakOpen,
    workerdPids,
    before,
    peak,
    after,
    settled,
    samples,
    perProcess,
  };
}

/** Complete streams of tasks that failed: the reasons, grouped. */
export function taskErrors(results: StreamResult[]): string[] {
  const reasons: Record<string, number> = {};
  for (const r of results)
    if (r.doneStatus !== "completed")
      reasons[r.taskError ?? "(no error event)"] = (reasons[r.taskError ?? "(no error event)"] ?? 0) + 1;
  return Object.entries(reasons).map(([reason, count]) => `    task failed ×${count}: ${reason.slice(0, 200)}`);
}

/** "timeout (3 events received)" and "timeout (5 events received)" count as one failure mode. */
const failureKind = (error: string) => error.replace(/\d+/g, "#");

export function formatStreamLevel(level: StreamLevel): string[] {
  const ok = level.results.filter((r) => r.complete);
  const lines = [
    `  N=${String(level.n).padStart(4)}: ${level.succeeded}/${level.n} streams complete in ${(level.wallMs / 1000).toFixed(1)} s wall (${(level.succeeded / (level.wallMs / 1000)).toFixed(1)} tasks/s); at most ${level.peakOpen} streams open at one moment; task ${countBy(ok, (r) => r.doneStatus ?? "?")}`,
    `    response headers   ${pcts(stats(ok.map((r) => r.tHeaders as number)))}`,
    `    \`started\` frame    ${pcts(stats(ok.map((r) => r.tStarted as number)))}`,
    `    \`done\` frame       ${pcts(stats(ok.map((r) => r.tDone as number)))}`,
    `    workerd RSS (${level.workerdPids.length} process${level.workerdPids.length === 1 ? "" : "es"}): before ${mb(level.before.workerdKiB)}, peak ${mb(level.peak.workerdKiB)}, after ${mb(level.after.workerdKiB)}, 3 s later ${mb(level.settled.workerdKiB)}` +
      ` | client (this Node) RSS: before ${mb(level.before.clientKiB)}, peak ${mb(level.peak.clientKiB)}, after ${mb(level.after.clientKiB)}  (${level.samples} samples, every 100 ms)`,
    `    per workerd process: ${level.perProcess.map((p) => `pid ${p.pid} peak ${mb(p.peakKiB)}, CPU ${p.cpuS.toFixed(1)} s (${((100 * p.cpuS) / (level.wallMs / 1000)).toFixed(0)}% of one core)`).join("; ")}`,
  ];
  lines.push(...taskErrors(ok));
  const failed = level.results.filter((r) => !r.complete);
  if (failed.length) {
    const kinds: Record<string, { count: number; example: string }> = {};
    for (const r of failed) {
      const kind = failureKind(r.error ?? "?");
      kinds[kind] = { count: (kinds[kind]?.count ?? 0) + 1, example: kinds[kind]?.example ?? (r.error as string) };
    }
    for (const { count, example } of Object.values(kinds).sort((a, b) => b.count - a.count))
      lines.push(`    failed ×${count}: ${example}`);
  }
  return lines;
}

/**
 * After a level with failed streams: for up to PROBE_MAX of them, the task's status (GET
 * /workflows/tasks/{id}) and how many stored events a replay after the last delivered id returns
 * (GET …/events?after=), which tells "the task stalled" from "its events were not delivered".
 */
const PROBE_MAX = 40;

export async function probeFailed(url: string, token: string, level: StreamLevel): Promise<string[]> {
  const failed = level.results.filter((r) => !r.complete && r.taskId !== undefined).slice(0, PROBE_MAX);
  if (failed.length === 0) return [];
  const headers = { authorization: `Bearer ${token}` };
  const probes = await Promise.all(
    failed.map(async (r) => {
      const id = encodeURIComponent(r.taskId as string);
      let status = "?";
      try {
        const res = await fetch(`${url}/workflows/tasks/${id}`, { headers, signal: AbortSignal.timeout(15_000) });
        status = res.ok ? (((await res.json()) as { status?: string }).status ?? "?") : `HTTP ${res.status}`;
      } catch (e) {
        status = (e as Error).name;
      }
      const seen = r.events.length;
      let replayed = 0;
      let endedWithDone = false;
      try {
        const res = await fetch(`${url}/workflows/tasks/${id}/events?after=${seen}`, {
          headers,
          signal: AbortSignal.timeout(5_000),
        });
        if (res.status === 204) endedWithDone = true;
        const reader = res.body?.getReader();
        let text = "";
        while (reader) {
          const { done, value } = await reader.read();
          if (done) break;
          text += Buffer.from(value).toString("utf8");
        }
        replayed = (text.match(/^event: /gm) ?? []).length;
        endedWithDone ||= /event: done/.test(text);
      } catch {
        /* cut by the timeout: a task still running */
      }
      return { status, seen, replayed, endedWithDone };
    }),
  );
  return [
    `    probe of ${probes.length} failed stream(s) afterwards: task status ${countBy(probes, (p) => p.status)}; ` +
      `events delivered before the cut ${countBy(probes, (p) => String(p.seen))}; ` +
      `stored events a replay after them returns (5 s) ${countBy(probes, (p) => `${p.replayed}${p.endedWithDone ? "+done" : ""}`)}`,
  ];
}
