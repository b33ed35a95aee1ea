/**
 * `npm run bench -- profile`: where the Worker's CPU goes, per kind of request (issue 18). Starts the
 * same Worker as `targets` (a snapshot of the sources, not minified so functions keep their names,
 * a real PostgreSQL namespace through the gateway), takes a V8 CPU profile through wrangler's
 * inspector while it serves a fixed number of one kind of request, and prints the functions and
 * modules that held the CPU, self and inclusive, per request. `BENCH_PROFILE=token,sync` picks the
 * kinds (default: health, token, sync), `BENCH_PROFILE_TOP=60` how many functions each list shows.
 * Wall clock does not enter: the figures are sampled CPU.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDemoData } from "../demo-data/index.ts";
import { createTestDatabase, type TestDatabase } from "../gateway/index.ts";
import { type GatewayProcess, startGatewayProcess } from "./tasks.ts";
import { loadAverage } from "./tasks-streams.ts";
import { type SnapshotWorker, startSnapshotWorker } from "./tasks-worker.ts";

const NAMESPACE = "bench_pg";
const REQUESTS = 400;
const CONCURRENCY = 4;
const WARMUP = 40;
const TOP = Number(process.env.BENCH_PROFILE_TOP) || 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One DevTools protocol session over wrangler's inspector proxy. */
async function inspector(
  port: number,
): Promise<{ send: (method: string, params?: object) => Promise<unknown>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const target = targets[0];
  if (!target) throw new Error("the inspector lists no Worker");
  // Node 22's WebSocket (npm run puts the project's Node first on the PATH). wrangler's inspector
  // proxy refuses a connection without a local Origin; undici's WebSocket sends none unless told.
  const ws = new WebSocket(target.webSocketDebuggerUrl, {
    headers: { origin: "http://127.0.0.1" },
  } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined)
      pending.get(message.id)?.(message.error ? Promise.reject(message.error) : message.result);
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Self and inclusive microseconds per function (name + place) and self per module. */
function summarise(profile: CpuProfile, requests: number, sources: Map<string, string[]>): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // An anonymous function is named by the start of its line in the bundle.
  const label = (n: ProfileNode) => {
    const { functionName, scriptId, url, lineNumber } = n.callFrame;
    const line = functionName ? "" : ` ${(sources.get(scriptId)?.[lineNumber] ?? "").trim().slice(0, 70)}`;
    return `${functionName || "(anonymous)"} ${url.replace(/^.*\//, "")}:${lineNumber + 1}${line}`;
  };
  const selfBy = new Map<string, number>();
  const inclusiveBy = new Map<string, number>();
  let total = 0;
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    total += us;
    const name = node.callFrame.functionName;
    if (name === "(idle)") continue;
    busy += us;
    selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + us);
    // Inclusive: every distinct frame on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusiveBy.set(l, (inclusiveBy.get(l) ?? 0) + us);
    }
  }
  const perRequest = (us: number) => `${(us / 1000 / requests).toFixed(3).padStart(7)} ms`;
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([l, us]) => `    ${perRequest(us)}  ${l}`);
  return [
    `  sampled: ${(total / 1000).toFixed(0)} ms, busy (not idle) ${(busy / 1000).toFixed(0)} ms = ${perRequest(busy)} per request`,
    "  self time per request:",
    ...top(selfBy, TOP),
    "  inclusive time per request:",
    ...top(inclusiveBy, TOP * 2),
  ];
}

async function drive(request: () => Promise<Response>, n: number): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let left = n;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const res = await request();
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

export async function benchProfile(): Promise<string[]> {
  const kinds = (process.env.BENCH_PROFILE ?? "health,token,sync").split(",");
  const lines = [`load average at start: ${loadAverage()}`];
  const dataDir = await mkdtemp(join(tmpdir(), "datus-bench-profile-pglite-"));
  let db: TestDatabase | undefined;
  let gateway: GatewayProcess | undefined;
  let worker: SnapshotWorker | undefined;
  try {
    db = await createTestDatabase({ prefix: "datus_bench", load: (c) => loadDemoData(c) });
    gateway = await startGatewayProcess(dataDir);
    const namespaces = ["namespaces:", `  ${NAMESPACE}:`, "    type: postgres", `    url: ${db.url}`, ""].join("\n");
    worker = await startSnapshotWorker({ NEON_GATEWAY_URL: gateway.url, NAMESPACES: namespaces }, { minify: false });
    const url = worker.url;
    const tokenRequest = () =>
      fetch(`${url}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
      });
    const token = ((await (await tokenRequest()).json()) as { access_token: string }).access_token;
    let i = 0;
    const questions = ["How many orders are there per status?", "total revenue", "revenue by country"];
    const requests: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${url}/health`),
      token: tokenRequest,
      sync: () =>
        fetch(`${url}/workflows/run`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            workflow: "fixed",
            namespace: NAMESPACE,
            task: questions[i++ % questions.length],
            mode: "sync",
            current_date: "2024-12-31",
          }),
        }),
    };
    const session = await inspector(worker.inspectorPort);
    await session.send("Profiler.enable");
    await session.send("Debugger.enable");
    const sources = new Map<string, string[]>();
    await session.send("Profiler.setSamplingInterval", { interval: 100 });
    for (const kind of kinds) {
      const request = requests[kind];
      if (!request) throw new Error(`unknown kind '${kind}' (known: ${Object.keys(requests).join(", ")})`);
      await drive(request, WARMUP);
      await session.send("Profiler.start");
      const statuses = await drive(request, REQUESTS);
      const { profile } = (await session.send("Profiler.stop")) as { profile: CpuProfile };
      lines.push("", `${kind}: ${REQUESTS} requests, ${CONCURRENCY} at a time, statuses ${JSON.stringify(statuses)}`);
      for (const id of new Set(profile.nodes.map((n) => n.callFrame.scriptId)))
        if (id !== "0" && !sources.has(id))
          sources.set(
            id,
            (
              (await session
                .send("Debugger.getScriptSource", { scriptId: id })
                .catch(() => ({ scriptSource: "" }))) as {
                scriptSource: string;
              }
            ).scriptSource.split("\n"),
          );
      lines.push(...summarise(profile, REQUESTS, sources));
    }
    session.close();
    lines.push(`load average at the end: ${loadAverage()}`);
  } finally {
    await worker?.stop();
    await gateway?.stop();
    await db?.drop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
  return lines;
}
