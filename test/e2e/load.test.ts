/**
 * A bounded load test over loopback against the real service (gateway + `wrangler dev`, local D1 and
 * Durable Objects): 16 concurrent clients, each with its own token, mix sync and async runs on the
 * embedded `demo` namespace (PGlite) and on a `pg` namespace (a fresh database on the real PostgreSQL
 * server), re-read finished tasks and their event logs, and re-submit task ids (one after the other
 * and at the same moment). Pass/fail on correctness only: no 5xx, no network error, no lost,
 * duplicated or reordered event, every task `completed`. Timeouts only catch hangs; nothing here
 * measures speed.
 */
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../scripts/demo-data/index.ts";
import { createTestDatabase, type TestDatabase } from "../../scripts/gateway/index.ts";
import { type Service, startService } from "../../scripts/lib/local-service.ts";

const CLIENTS = 16;
/** Each client runs its script this many times, one round after the other (a fresh token each). */
const ROUNDS = 2;
/** The two clients of auth_clients.example.yml: task ids are scoped per client id. */
const CREDENTIALS = [
  { id: "demo-client", secret: "demo-secret" },
  { id: "your_client_id", secret: "your_client_secret" },
];
/** Questions the built-in generator answers on the demo data (eval/demo.jsonl), on both namespaces. */
const QUESTIONS = [
  "How many orders are there?",
  "How many customers do we have?",
  "How many orders are there per status?",
  "Number of customers by segment",
  "What is the total revenue?",
  "Average order value by channel",
  "How many customers per country?",
  "How many payments were made with each payment method?",
];
const CURRENT_DATE = "2024-12-31";
/** Per request (a whole SSE stream included): catches a hang, never measures speed. */
const REQUEST_TIMEOUT_MS = 120_000;
/** Every request of the load phase and the final check is aborted after this; the report follows. */
const OVERALL_DEADLINE_MS = 200_000;
const TEST_TIMEOUT_MS = 240_000;

let service: Service | undefined;
let database: TestDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "datus_load", load: loadDemoData });
  const namespaces = ["namespaces:", "  pg:", "    type: postgres", `    url: ${database.url}`, ""].join("\n");
  // Its own PGlite directory: a browser test run elsewhere in this checkout may hold .data/pglite-e2e.
  service = await startService({ namespaces, pgliteDir: ".data/pglite-e2e-load" });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------------
// Recording every request

interface SseEvent {
  id: number;
  event: string;
  data: JsonObject;
}

/** A JSON object from the wire, read field by field. */
type JsonObject = Record<string, unknown>;

class Recorder {
  /** route → status code → count */
  readonly statuses = new Map<string, Map<number, number>>();
  readonly networkErrors: string[] = [];
  readonly failures: string[] = [];
  requests = 0;
  readonly deadline = AbortSignal.timeout(OVERALL_DEADLINE_MS);

  record(route: string, status: number): void {
    const byStatus = this.statuses.get(route) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(route, byStatus);
  }

  fail(message: string): void {
    this.failures.push(message);
  }

  count(predicate: (status: number) => boolean): number {
    let n = 0;
    for (const byStatus of this.statuses.values()) for (const [status, c] of byStatus) if (predicate(status)) n += c;
    return n;
  }

  summary(): string {
    const routes = [...this.statuses].map(
      ([route, byStatus]) =>
        `  ${route}: ${[...byStatus]
          .sort(([a], [b]) => a - b)
          .map(([s, c]) => `${s}×${c}`)
          .join(", ")}`,
    );
    return [
      `requests: ${this.requests}, 5xx: ${this.count((s) => s >= 500)}, 429: ${this.count((s) => s === 429)}, network errors: ${this.networkErrors.length}, failures: ${this.failures.length}`,
      "status codes by route:",
      ...routes,
    ].join("\n");
  }

  /**
   * One request: the response (body unread) and the signal bounding it, or null after a network
   * error (recorded). Every status code is recorded under `route`.
   */
  async send(route: string, url: string, init: RequestInit): Promise<Response | null> {
    this.requests++;
    const signal = AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), this.deadline]);
    try {
      const res = await fetch(url, { ...init, signal });
      this.record(route, res.status);
      return res;
    } catch (error) {
      this.networkErrors.push(`${route} ${url}: ${describeError(error)}`);
      return null;
    }
  }

  /** The body as JSON, or null (recorded) when it cannot be read or parsed. */
  async json(route: string, res: Response): Promise<JsonObject | null> {
    let text = "";
    try {
      text = await res.text();
      return JSON.parse(text);
    } catch (error) {
      this.networkErrors.push(
        `${route}: reading the JSON body (${res.status}): ${describeError(error)} ${text.slice(0, 200)}`,
      );
      return null;
    }
  }

  /** Every SSE event of the body until it ends; null (recorded) when the stream breaks or hangs. */
  async events(route: string, res: Response): Promise<SseEvent[] | null> {
    const events: SseEvent[] = [];
    try {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseFrame(frame);
          if (event) events.push(event);
        }
      }
      if (buffer.trim() !== "")
        this.fail(`${route}: the stream ended inside a frame: ${JSON.stringify(buffer.slice(0, 200))}`);
      return events;
    } catch (error) {
      this.networkErrors.push(`${route}: reading the stream after ${events.length} events: ${describeError(error)}`);
      return null;
    }
  }
}

/** One SSE frame: its event, or null for comments (heartbeats) and the `retry:` frame. */
function parseFrame(frame: string): SseEvent | null {
  const fields: Record<string, string> = {};
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    fields[name] = fields[name] === undefined ? value : `${fields[name]}\n${value}`;
  }
  if (fields.event === undefined && fields.data === undefined) return null;
  return { id: Number(fields.id), event: fields.event ?? "message", data: JSON.parse(fields.data ?? "null") };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause ? `${error.name}: ${error.message} (cause: ${describeError(cause)})` : `${error.name}: ${error.message}`;
}

/**
 * The contract's event log of one finished task: ids 1..n without gaps or repeats, `started` first
 * (once), `done` last (once) with status `completed` and this task id. Returns what is wrong.
 */
function checkEventLog(taskId: string, events: SseEvent[]): string[] {
  const problems: string[] = [];
  if (events.length === 0) return ["no events"];
  const gap = events.findIndex((e, i) => e.id !== i + 1);
  if (gap >= 0)
    problems.push(
      `event #${gap + 1} has id ${events[gap]!.id}: ids ${events.map((x) => x.id).join(",")}, expected 1..${events.length}`,
    );
  if (events[0]!.event !== "started") problems.push(`first event is ${events[0]!.event}, not started`);
  else if (events[0]!.data?.task_id !== taskId) problems.push(`started names task ${events[0]!.data?.task_id}`);
  const last = events[events.length - 1]!;
  if (last.event !== "done") problems.push(`last event is ${last.event}, not done`);
  const count = (name: string) => events.filter((e) => e.event === name).length;
  if (count("started") !== 1) problems.push(`${count("started")} started events`);
  if (count("done") !== 1) problems.push(`${count("done")} done events`);
  if (count("error") !== 0)
    problems.push(`error event: ${JSON.stringify(events.find((e) => e.event === "error")?.data)}`);
  if (last.event === "done" && (last.data?.status !== "completed" || last.data?.task_id !== taskId))
    problems.push(`done carries ${JSON.stringify(last.data)}`);
  for (const name of ["sql_generated", "execution_complete", "output_ready"])
    if (count(name) === 0) problems.push(`no ${name} event`);
  return problems;
}

/** The SQL of the last `sql_generated` event (a repair or reflection round may generate again). */
function lastSql(events: SseEvent[]): string | undefined {
  const sql = events.filter((e) => e.event === "sql_generated").at(-1)?.data?.sql;
  return typeof sql === "string" ? sql : undefined;
}

// ---------------------------------------------------------------------------------------------------
// One client

interface RunBody {
  workflow: "fixed" | "nl2sql" | "reflection";
  namespace: string;
  task: string;
  current_date: string;
  task_id?: string;
}

/** What the load phase learnt about a task, checked again after everything ran. */
interface KnownTask {
  client: number;
  clientId: string;
  namespace: string;
  taskId: string;
  sql: string;
  /** The events as streamed live (async runs); sync runs have none. */
  live?: SseEvent[];
}

class Client {
  private token = "";
  readonly clientId: string;
  private readonly secret: string;

  constructor(
    readonly index: number,
    private readonly rec: Recorder,
    private readonly url: string,
    private readonly tasks: KnownTask[],
    private readonly runTag: string,
  ) {
    const credentials = CREDENTIALS[index % CREDENTIALS.length]!;
    this.clientId = credentials.id;
    this.secret = credentials.secret;
  }

  private label(what: string): string {
    return `client ${this.index} (${this.clientId}) ${what}`;
  }

  async signIn(): Promise<boolean> {
    const res = await this.rec.send("POST /auth/token", `${this.url}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.clientId,
        client_secret: this.secret,
      }),
    });
    if (!res) return false;
    const body = await this.rec.json("POST /auth/token", res);
    if (res.status !== 200 || typeof body?.access_token !== "string") {
      this.rec.fail(this.label(`token: ${res.status} ${JSON.stringify(body)}`));
      return false;
    }
    this.token = body.access_token;
    return true;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, ...extra };
  }

  taskId(round: number, kind: string): string {
    return `load-${this.runTag}-c${this.index}-r${round}-${kind}`;
  }

  /** A sync run: 200, `completed`, SQL and rows. Returns the response body. */
  async runSync(body: RunBody, what: string): Promise<JsonObject | null | undefined> {
    const route = "POST /workflows/run (sync)";
    const res = await this.rec.send(route, `${this.url}/workflows/run`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ ...body, mode: "sync" }),
    });
    if (!res) return null;
    const json = await this.rec.json(route, res);
    if (res.status !== 200) return void this.rec.fail(this.label(`${what}: ${res.status} ${JSON.stringify(json)}`));
    if (json?.status !== "completed")
      return void this.rec.fail(this.label(`${what}: status ${json?.status}, error ${json?.error}`));
    if (typeof json.sql !== "string" || json.sql.trim() === "") this.rec.fail(this.label(`${what}: no sql`));
    if (!Array.isArray(json.result) || json.result.length === 0)
      this.rec.fail(this.label(`${what}: no rows (${JSON.stringify(json.result)})`));
    if (body.task_id && json.task_id !== body.task_id)
      this.rec.fail(this.label(`${what}: answered task ${json.task_id}, asked ${body.task_id}`));
    return json;
  }

  /** An async run read to the end of its stream; returns its events when the log is whole. */
  async runAsync(body: RunBody & { task_id: string }, what: string): Promise<SseEvent[] | null> {
    const route = "POST /workflows/run (async)";
    const res = await this.rec.send(route, `${this.url}/workflows/run`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json", accept: "text/event-stream" }),
      body: JSON.stringify({ ...body, mode: "async" }),
    });
    if (!res) return null;
    if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("text/event-stream")) {
      this.rec.fail(
        this.label(
          `${what}: ${res.status} ${res.headers.get("content-type")} ${(await res.text().catch(() => "")).slice(0, 300)}`,
        ),
      );
      return null;
    }
    const events = await this.rec.events(route, res);
    if (!events) return null;
    const problems = checkEventLog(body.task_id, events);
    if (problems.length > 0) {
      this.rec.fail(this.label(`${what} ${body.task_id}: ${problems.join("; ")}`));
      return null;
    }
    return events;
  }

  /** GET /workflows/tasks/{id}: 200 and `completed`; returns the task view. */
  async status(taskId: string, what: string, namespace: string): Promise<JsonObject | null | undefined> {
    const route = "GET /workflows/tasks/{id}";
    const res = await this.rec.send(route, `${this.url}/workflows/tasks/${encodeURIComponent(taskId)}`, {
      headers: this.headers(),
    });
    if (!res) return null;
    const json = await this.rec.json(route, res);
    if (res.status !== 200)
      return void this.rec.fail(this.label(`${what} ${taskId}: ${res.status} ${JSON.stringify(json)}`));
    if (json?.task_id !== taskId || json?.status !== "completed" || json?.namespace !== namespace)
      return void this.rec.fail(this.label(`${what} ${taskId}: ${JSON.stringify(json).slice(0, 300)}`));
    if (typeof json.sql !== "string" || !Array.isArray(json.result) || json.result.length === 0)
      this.rec.fail(this.label(`${what} ${taskId}: no sql or rows`));
    return json;
  }

  /**
   * GET /workflows/tasks/{id}/events after `after` (Last-Event-ID, or ?after= when `viaQuery`):
   * the events, or `"204"` when the server says everything was delivered.
   */
  async replay(taskId: string, after: number, what: string, viaQuery = false): Promise<SseEvent[] | "204" | null> {
    const route = "GET /workflows/tasks/{id}/events";
    const path = `/workflows/tasks/${encodeURIComponent(taskId)}/events${viaQuery ? `?after=${after}` : ""}`;
    const headers = this.headers(after > 0 && !viaQuery ? { "last-event-id": String(after) } : {});
    const res = await this.rec.send(route, `${this.url}${path}`, { headers });
    if (!res) return null;
    if (res.status === 204) return "204";
    if (res.status !== 200) {
      this.rec.fail(
        this.label(
          `${what} ${taskId} after ${after}: ${res.status} ${(await res.text().catch(() => "")).slice(0, 300)}`,
        ),
      );
      return null;
    }
    return this.rec.events(route, res);
  }

  /** Checks a full replay of a finished task's events: whole, and identical to `live` when given. */
  async checkReplay(task: KnownTask, what: string): Promise<void> {
    const replay = await this.replay(task.taskId, 0, what);
    if (replay === null) return;
    if (replay === "204")
      return void this.rec.fail(this.label(`${what} ${task.taskId}: 204 for a replay from the start`));
    const problems = checkEventLog(task.taskId, replay);
    if (problems.length > 0) return void this.rec.fail(this.label(`${what} ${task.taskId}: ${problems.join("; ")}`));
    if (lastSql(replay) !== task.sql)
      this.rec.fail(this.label(`${what} ${task.taskId}: replayed SQL ${lastSql(replay)} is not ${task.sql}`));
    if (task.live && !isDeepStrictEqual(replay, task.live)) {
      this.rec.fail(
        this.label(
          `${what} ${task.taskId}: replay differs from the live stream (${replay.length} vs ${task.live.length} events)`,
        ),
      );
    }
  }

  /**
   * One round of the client's fixed script: 6 runs (2 sync and 2 async on new tasks, a sync and an
   * async re-submission of earlier task ids), re-reads of a finished task, and for every 4th client
   * a duplicate of one async run sent at the same moment.
   */
  async script(round: number): Promise<void> {
    if (!(await this.signIn())) return;
    const c = this.index;
    // Half the clients on PGlite, half on real PostgreSQL; both client ids on both.
    const namespace = c % 4 < 2 ? "demo" : "pg";
    const question = (k: number) => QUESTIONS[(c + k) % QUESTIONS.length]!;
    const body = (workflow: RunBody["workflow"], k: number, taskId?: string): RunBody => ({
      workflow,
      namespace,
      task: question(k),
      current_date: CURRENT_DATE,
      ...(taskId ? { task_id: taskId } : {}),
    });
    const known = (taskId: string, sql: unknown, live?: SseEvent[]): KnownTask | null => {
      if (typeof sql !== "string" || !sql) return null;
      const task: KnownTask = { client: c, clientId: this.clientId, namespace, taskId, sql, ...(live ? { live } : {}) };
      this.tasks.push(task);
      return task;
    };

    // 1. sync `fixed`, client-chosen task id.
    const bodyA = body("fixed", 0, this.taskId(round, "a"));
    const a = await this.runSync(bodyA, "sync run A");
    const taskA = a ? known(bodyA.task_id!, a.sql) : null;

    // 2. async `nl2sql`, read live to `done`.
    const bodyB = body("nl2sql", 1, this.taskId(round, "b")) as RunBody & { task_id: string };
    const liveB = await this.runAsync(bodyB, "async run B");
    const taskB = liveB ? known(bodyB.task_id, lastSql(liveB), liveB) : null;

    // 3. async `fixed`; every 4th client sends the same request twice at the same moment: one task,
    //    two identical, whole streams.
    const bodyC = body("fixed", 2, this.taskId(round, "c")) as RunBody & { task_id: string };
    if (c % 4 === 0) {
      const [first, second] = await Promise.all([
        this.runAsync(bodyC, "async run C"),
        this.runAsync(bodyC, "async run C (simultaneous duplicate)"),
      ]);
      if (first && second && !isDeepStrictEqual(first, second))
        this.rec.fail(this.label(`C ${bodyC.task_id}: simultaneous duplicates streamed different events`));
      if (first) known(bodyC.task_id, lastSql(first), first);
    } else {
      const liveC = await this.runAsync(bodyC, "async run C");
      if (liveC) known(bodyC.task_id, lastSql(liveC), liveC);
    }

    // 4. sync `reflection` without a task id: the server names the task.
    const d = await this.runSync(body("reflection", 3), "sync run D (generated id)");
    if (d) {
      if (typeof d.task_id !== "string" || !d.task_id.startsWith(`${this.clientId}_`))
        this.rec.fail(this.label(`D: generated task id ${d.task_id}`));
      else known(d.task_id, d.sql);
    }

    // 5. Re-read the finished async task B: status, a full replay equal to the live stream, a
    //    resume from the middle (Last-Event-ID and ?after=), and 204 once everything was delivered.
    if (taskB && liveB) {
      const view = await this.status(taskB.taskId, "status of B", namespace);
      if (view && view.sql !== taskB.sql)
        this.rec.fail(this.label(`status of B: sql ${view.sql} is not the streamed ${taskB.sql}`));
      await this.checkReplay(taskB, "replay of B");
      const middle = Math.floor(liveB.length / 2);
      for (const viaQuery of [false, true]) {
        const tail = await this.replay(
          taskB.taskId,
          middle,
          `resume of B (${viaQuery ? "?after=" : "Last-Event-ID"})`,
          viaQuery,
        );
        if (tail === "204") this.rec.fail(this.label(`resume of B after ${middle} of ${liveB.length}: 204`));
        else if (tail && !isDeepStrictEqual(tail, liveB.slice(middle))) {
          this.rec.fail(
            this.label(
              `resume of B after ${middle}: got ids ${tail.map((e) => e.id).join(",")}, expected ${middle + 1}..${liveB.length}`,
            ),
          );
        }
      }
      const end = await this.replay(taskB.taskId, liveB.length, "reconnect to B after done");
      if (end !== null && end !== "204")
        this.rec.fail(this.label(`reconnect to B after done: ${end.length} events instead of 204`));
    }

    // 6. Re-submit A (sync): the stored task, not a new run.
    if (taskA && a) {
      const again = await this.runSync(bodyA, "sync re-submission of A");
      if (
        again &&
        (again.sql !== a.sql ||
          !isDeepStrictEqual(again.result, a.result) ||
          !isDeepStrictEqual(again.metadata, a.metadata))
      ) {
        this.rec.fail(this.label(`re-submission of A answered differently: ${JSON.stringify(again).slice(0, 300)}`));
      }
    }

    // 7. Re-submit B (async): a replay identical to the live stream.
    if (taskB && liveB) {
      const replayed = await this.runAsync(bodyB, "async re-submission of B");
      if (replayed && !isDeepStrictEqual(replayed, liveB))
        this.rec.fail(this.label(`async re-submission of B replayed different events`));
    }
  }

  /** After the load: every task of this client is still there, completed, with its whole event log. */
  async verify(task: KnownTask): Promise<void> {
    const view = await this.status(task.taskId, "final status", task.namespace);
    if (view && view.sql !== task.sql)
      this.rec.fail(this.label(`final status ${task.taskId}: sql ${view.sql} is not ${task.sql}`));
    await this.checkReplay(task, "final replay");
  }

  /** The client id's task list (paged): every task this client id created is listed. */
  async listed(): Promise<Set<string> | null> {
    const route = "GET /workflows/tasks";
    const ids = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query = new URLSearchParams({ limit: "100", ...(cursor ? { cursor } : {}) });
      const res = await this.rec.send(route, `${this.url}/workflows/tasks?${query}`, { headers: this.headers() });
      if (!res) return null;
      const json = await this.rec.json(route, res);
      if (res.status !== 200 || !Array.isArray(json?.tasks)) {
        this.rec.fail(this.label(`task list: ${res.status} ${JSON.stringify(json).slice(0, 300)}`));
        return null;
      }
      for (const t of json.tasks) ids.add(t.task_id);
      cursor = typeof json.next_cursor === "string" ? json.next_cursor : null;
      if (!cursor) return ids;
    }
    this.rec.fail(this.label("task list: more than 20 pages"));
    return null;
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------

describe(`load over loopback: ${CLIENTS} concurrent clients`, () => {
  it(
    "answers no 5xx and loses no events (sync and async runs on PGlite and PostgreSQL, re-reads, re-submissions)",
    async () => {
      const url = service!.url;
      const rec = new Recorder();
      const tasks: KnownTask[] = [];
      const runTag = Math.random().toString(36).slice(2, 8);
      const clients = Array.from({ length: CLIENTS }, (_, i) => new Client(i, rec, url, tasks, runTag));
      const started = Date.now();

      // The load: every client's rounds at once. A script never throws on a bad answer (it records
      // it), so one client's failure does not stop the others.
      const rounds = async (client: Client) => {
        for (let round = 0; round < ROUNDS; round++) await client.script(round);
      };
      const crashes = (await Promise.allSettled(clients.map(rounds))).flatMap((r, i) =>
        r.status === "rejected" ? [`client ${i} crashed: ${describeError(r.reason)}`] : [],
      );
      for (const crash of crashes) rec.fail(crash);
      const loadMs = Date.now() - started;

      // After the fact, still 16 at a time: every task is completed with its whole event log, and
      // listed for its client id.
      await pool(tasks, CLIENTS, (task) => clients[task.client]!.verify(task));
      for (const credentials of CREDENTIALS) {
        const lister = clients.find((client) => client.clientId === credentials.id)!;
        const listed = await lister.listed();
        if (!listed) continue;
        const missing = tasks
          .filter((t) => t.clientId === credentials.id && !listed.has(t.taskId))
          .map((t) => t.taskId);
        if (missing.length > 0)
          rec.fail(`task list of ${credentials.id} misses ${missing.length} tasks: ${missing.join(", ")}`);
      }

      // Every client did its 4 new tasks a round: none fell out of the books because a step failed.
      const expectedTasks = CLIENTS * ROUNDS * 4;
      if (tasks.length !== expectedTasks)
        rec.fail(`${tasks.length} tasks completed and checked, expected ${expectedTasks}`);

      const report = [
        rec.summary(),
        `tasks checked: ${tasks.length} (${tasks.filter((t) => t.live).length} with live streams), load phase ${(loadMs / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...(rec.networkErrors.length ? ["network errors:", ...rec.networkErrors.slice(0, 20)] : []),
        ...(rec.failures.length ? ["failures:", ...rec.failures.slice(0, 40)] : []),
      ].join("\n");
      console.log(report);
      const problems =
        rec.count((s) => s >= 500) + rec.count((s) => s === 429) + rec.networkErrors.length + rec.failures.length;
      const message = `${report}\n--- service log (tail) ---\n${service!.log().slice(-4000)}`;
      expect(
        rec.count((s) => s >= 500),
        message,
      ).toBe(0);
      expect(rec.networkErrors, message).toEqual([]);
      // 429 is not expected with wrangler.toml's local limits (MAX_CONCURRENT_TASKS 1000): a finding.
      expect(
        rec.count((s) => s === 429),
        message,
      ).toBe(0);
      expect(rec.failures, message).toEqual([]);
      expect(problems).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
