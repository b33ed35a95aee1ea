import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TaskView } from "../../src/api/schemas";
import { loadConfig } from "../../src/config";
import { namespacesFor } from "../../src/sql";
import { TaskIndex } from "../../src/store/task-index";
import { TaskRecords } from "../../src/store/task-records";
import { couldBeGenerated, generateTaskId } from "../../src/tasks/task-keys";
import { TaskStore } from "../../src/tasks/task-store";
import { keepWorkerRun } from "../../src/tasks/worker-runs";
import {
  call,
  payloadsOf,
  readEvents,
  taskRoom as room,
  runWorkflow,
  streamText,
  tokenFor,
  uniqueTaskId,
  untilRunning,
  waitForCancel,
  withGenerator,
} from "./helpers";

const QUESTION = { workflow: "fixed", namespace: "demo", task: "How many orders are there per status?" };
const SSE = { accept: "text/event-stream" };

function events(token: string, taskId: string, headers: Record<string, string> = {}, query = "") {
  return call(`/workflows/tasks/${taskId}/events${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}

describe("async mode (SSE)", () => {
  it("streams the contract's events in order, each with an id, ending with done", async () => {
    const res = await runWorkflow(await tokenFor(), { ...QUESTION, mode: "async", task_id: uniqueTaskId() }, SSE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const all = await readEvents(res);
    const names = all.map((e) => e.event);
    expect(names[0]).toBe("started");
    expect(names).toEqual(
      expect.arrayContaining([
        "progress",
        "node_progress",
        "node_detail",
        "sql_generated",
        "execution_complete",
        "output_ready",
      ]),
    );
    expect(names.at(-1)).toBe("done");
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(payloadsOf(all, "node_detail")[0]!.details.tables_found).toContain("orders");
    const complete = payloadsOf(all, "execution_complete")[0]!;
    expect(complete).toMatchObject({ status: "success" });
    expect(complete.row_count).toBe(complete.rows_affected);
    expect(all.at(-1)!.data).toMatchObject({ status: "completed" });
  });

  it("streams without an Accept header, and refuses a client that accepts only JSON with 406", async () => {
    const token = await tokenFor();
    const plain = await runWorkflow(token, { ...QUESTION, mode: "async", task_id: uniqueTaskId() });
    expect(plain.headers.get("content-type")).toContain("text/event-stream");
    expect((await readEvents(plain)).at(-1)!.event).toBe("done");
    const json = await runWorkflow(token, { ...QUESTION, mode: "async" }, { accept: "application/json" });
    expect(json.status).toBe(406);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
  });

  it("resumes after a disconnect with Last-Event-ID: no gap, no duplicate, ends with done", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId();
    const first = await readEvents(await runWorkflow(token, { ...QUESTION, mode: "async", task_id: taskId }, SSE), 2);
    expect(first.map((e) => e.id)).toEqual([1, 2]);
    const rest = await readEvents(await events(token, taskId, { "last-event-id": "2" }));
    expect(rest[0]!.id).toBe(3);
    expect(rest.map((e) => e.id)).toEqual(rest.map((_, i) => i + 3));
    expect(rest.at(-1)!.event).toBe("done");
    // ?after= works the same; re-sending the run request with Last-Event-ID too.
    expect((await readEvents(await events(token, taskId, {}, "?after=5")))[0]!.id).toBe(6);
    const again = await readEvents(
      await runWorkflow(token, { ...QUESTION, mode: "async", task_id: taskId }, { ...SSE, "last-event-id": "4" }),
    );
    expect(again[0]!.id).toBe(5);
    // Everything delivered: a reconnect is told to stop.
    const last = rest.at(-1)!.id;
    expect((await events(token, taskId, { "last-event-id": String(last) })).status).toBe(204);
  });
});

describe("incremental streaming", () => {
  it("delivers events while the task is still running, not at the end", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId("live");
    const stub = room("client-a", taskId);
    // This object's generator waits until the task is cancelled: the run cannot finish on its own.
    await withGenerator(stub, waitForCancel);
    const res = await runWorkflow(token, { ...QUESTION, mode: "async", task_id: taskId }, SSE);
    const stream = streamText(res);
    let text = await stream.until('"node":"generate_sql","status":"processing"');
    expect(text).toContain('"node":"generate_sql","status":"processing"');
    // The events so far arrived while the task is running.
    const status = await runInDurableObject(stub, (instance) => instance.status());
    expect(status!.status).toBe("running");
    expect(text).toContain("event: started");
    expect(text).not.toContain("event: done");
    await call(`/workflows/tasks/${taskId}/cancel`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    text = await stream.until("event: done");
    expect(text).toMatch(/event: done\ndata: \{[^}]*"status":"cancelled"/);
  });
});

describe("idempotent task_id", () => {
  it("executes 8 simultaneous identical submissions once", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId("dup");
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => runWorkflow(token, { ...QUESTION, task_id: taskId })),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      task_id: string;
      status: string;
      sql: string;
    }[];
    expect(new Set(bodies.map((b) => b.task_id))).toEqual(new Set([taskId]));
    expect(new Set(bodies.map((b) => b.sql)).size).toBe(1);
    expect(bodies.every((b) => b.status === "completed")).toBe(true);
    const runs = await runInDurableObject(
      room("client-a", taskId),
      (_instance, state) => state.storage.sql.exec<{ runs: number }>("SELECT runs FROM task").one().runs,
    );
    expect(runs).toBe(1);
    const started = await runInDurableObject(
      room("client-a", taskId),
      (_instance, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM events WHERE name = 'started'").one().n,
    );
    expect(started).toBe(1);
  });

  it("returns the stored result to a repeated sync request and replays events to an async one", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId();
    const first = (await (await runWorkflow(token, { ...QUESTION, task_id: taskId })).json()) as Record<
      string,
      unknown
    >;
    const second = (await (await runWorkflow(token, { ...QUESTION, task_id: taskId })).json()) as Record<
      string,
      unknown
    >;
    expect(second).toEqual(first);
    const replay = await readEvents(await runWorkflow(token, { ...QUESTION, mode: "async", task_id: taskId }, SSE));
    expect(replay[0]).toMatchObject({ id: 1, event: "started" });
    expect(replay.at(-1)!.event).toBe("done");
  });

  it("answers 409 for the same task_id with a different request", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId();
    expect((await runWorkflow(token, { ...QUESTION, task_id: taskId })).status).toBe(200);
    const res = await runWorkflow(token, { ...QUESTION, task: "How many customers are there?", task_id: taskId });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("task_id");
  });

  it("generates readable, unique task ids", async () => {
    const token = await tokenFor();
    const ids = await Promise.all(
      Array.from(
        { length: 3 },
        async () => ((await (await runWorkflow(token, QUESTION)).json()) as { task_id: string }).task_id,
      ),
    );
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^client-a_\d{14}_[0-9a-f]{12}$/);
  });
});

describe("task ownership, status, listing", () => {
  it("gives client B a 404 for client A's task, its events and its cancel", async () => {
    const a = await tokenFor("client-a", "secret-a");
    const b = await tokenFor("client-b", "secret-b");
    const taskId = uniqueTaskId();
    await runWorkflow(a, { ...QUESTION, task_id: taskId });
    const auth = { authorization: `Bearer ${b}` };
    expect((await call(`/workflows/tasks/${taskId}`, { headers: auth })).status).toBe(404);
    expect((await events(b, taskId)).status).toBe(404);
    expect((await call(`/workflows/tasks/${taskId}/cancel`, { method: "POST", headers: auth })).status).toBe(404);
    // The same id is simply another task for client B.
    expect((await runWorkflow(b, { ...QUESTION, task: "How many products are there?", task_id: taskId })).status).toBe(
      200,
    );
  });

  it("shows a finished task's status with sql, result and metadata", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId();
    await runWorkflow(token, { ...QUESTION, task_id: taskId });
    const res = await call(`/workflows/tasks/${taskId}`, { headers: { authorization: `Bearer ${token}` } });
    const task = (await res.json()) as TaskView;
    expect(task).toMatchObject({
      task_id: taskId,
      status: "completed",
      workflow: "fixed",
      namespace: "demo",
      error: null,
    });
    expect(task.sql).toContain("SELECT");
    expect(task.result!.length).toBeGreaterThan(0);
    expect(task.metadata!.nodes_executed).toBeGreaterThan(0);
    expect(Date.parse(task.finished_at!)).toBeGreaterThanOrEqual(Date.parse(task.created_at));
  });

  it("lists the caller's tasks newest first, paged", async () => {
    const token = await tokenFor("client-c", "secret-c");
    const ids = [uniqueTaskId("l1"), uniqueTaskId("l2"), uniqueTaskId("l3")];
    for (const id of ids) await runWorkflow(token, { ...QUESTION, task_id: id });
    // Each task's index entry follows its answer (issue 18): the list shows it a moment later.
    const index = new TaskIndex(env.DB);
    for (const id of ids)
      for (let i = 0; i < 100 && !(await index.get("client-c", id)); i++) await new Promise((r) => setTimeout(r, 20));
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const page1 = (await (await call("/workflows/tasks?limit=2", auth)).json()) as {
      tasks: { task_id: string }[];
      next_cursor: string;
    };
    expect(page1.tasks.map((t) => t.task_id)).toEqual([ids[2], ids[1]]);
    const page2 = (await (
      await call(`/workflows/tasks?limit=2&cursor=${encodeURIComponent(page1.next_cursor)}`, auth)
    ).json()) as { tasks: { task_id: string }[]; next_cursor: string | null };
    expect(page2.tasks.map((t) => t.task_id)).toEqual([ids[0]]);
    expect(page2.next_cursor).toBeNull();
  });
});

describe("a sync run without a task_id, run by the Worker (issue 18)", () => {
  /** The record follows the answer (waitUntil): waits for its D1 row as a client polling would. */
  async function kept(clientId: string, taskId: string) {
    const records = new TaskRecords(env.DB);
    for (let i = 0; i < 100; i++) {
      const row = await records.get(clientId, taskId);
      if (row) return row;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("the task was never recorded");
  }

  /** What the task's Durable Object holds: nothing until someone asks for the task. */
  function roomHolds(clientId: string, taskId: string) {
    return runInDurableObject(room(clientId, taskId), async (_i, state) => ({
      tasks: state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM task").one().n,
      runs: state.storage.sql.exec<{ runs: number }>("SELECT runs FROM task").toArray()[0]?.runs,
      alarm: await state.storage.getAlarm(),
    }));
  }

  async function answered(token: string) {
    const res = await runWorkflow(token, QUESTION);
    expect(res.status).toBe(200);
    return (await res.json()) as { task_id: string; status: string; sql: string; result: unknown[] };
  }

  it("keeps the finished task and its index entry in D1, creating no Durable Object for it", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    expect(answer).toMatchObject({ status: "completed", error: null });
    const row = await kept("client-a", answer.task_id);
    expect(JSON.parse(row.task)).toMatchObject({ status: "completed", sql: answer.sql, runs: 1, endUser: null });
    expect(await new TaskIndex(env.DB).get("client-a", answer.task_id)).toMatchObject({
      status: "completed",
      sql: answer.sql,
    });
    expect((await roomHolds("client-a", answer.task_id)).tasks).toBe(0);
  });

  it("serves its status from a TaskRoom created from D1 on first need, which keeps it from then on", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    await kept("client-a", answer.task_id);
    const status = await call(`/workflows/tasks/${answer.task_id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: "completed", sql: answer.sql, result: answer.result });
    const held = await roomHolds("client-a", answer.task_id);
    expect(held).toMatchObject({ tasks: 1, runs: 1 });
    // Kept for the retention period, then deleted like any task.
    expect(held.alarm).toBeGreaterThan(Date.now() + 3_600_000);
    // The object is the source of truth now: the D1 record goes.
    const records = new TaskRecords(env.DB);
    for (let i = 0; i < 100 && (await records.get("client-a", answer.task_id)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await records.get("client-a", answer.task_id)).toBeUndefined();
    const again = await call(`/workflows/tasks/${answer.task_id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await again.json()) as TaskView).sql).toBe(answer.sql);
  });

  it("replays and resumes its events from D1 before its TaskRoom exists: every event once, in order", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    await kept("client-a", answer.task_id);
    // The first request for the task is a resume: the object is created from D1 by it.
    const resumed = await readEvents(await events(token, answer.task_id, { "last-event-id": "2" }));
    const all = await readEvents(await events(token, answer.task_id));
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]).toMatchObject({ event: "started", data: { task_id: answer.task_id, workflow: "fixed" } });
    expect(all.filter((e) => e.event === "started")).toHaveLength(1);
    expect(all.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    expect(resumed).toEqual(all.slice(2));
    // Everything delivered: the client is told to stop reconnecting.
    expect((await events(token, answer.task_id, { "last-event-id": String(all.length) })).status).toBe(204);
  });

  it("loads it once for simultaneous first requests", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    await kept("client-a", answer.task_id);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const views = await Promise.all(
      Array.from({ length: 6 }, () => call(`/workflows/tasks/${answer.task_id}`, auth).then((r) => r.json())),
    );
    for (const v of views) expect(v).toMatchObject({ task_id: answer.task_id, status: "completed" });
    const all = await readEvents(await events(token, answer.task_id));
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all.filter((e) => e.event === "done")).toHaveLength(1);
  });

  it("keeps the task idempotent: its id sent back with the same request returns it, not a new run", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    await kept("client-a", answer.task_id);
    const again = await runWorkflow(token, { ...QUESTION, task_id: answer.task_id });
    expect(await again.json()).toMatchObject({ task_id: answer.task_id, status: "completed", sql: answer.sql });
    expect((await roomHolds("client-a", answer.task_id)).runs).toBe(1);
    const conflict = await runWorkflow(token, { ...QUESTION, task: "How many products?", task_id: answer.task_id });
    expect(conflict.status).toBe(409);
  });

  it("answers a cancel of the finished task with the task, and takes feedback on it", async () => {
    const token = await tokenFor();
    const answer = await answered(token);
    await kept("client-a", answer.task_id);
    const auth = { authorization: `Bearer ${token}` };
    const feedback = await call("/workflows/feedback", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ task_id: answer.task_id, status: "failed", comment: "not what I meant" }),
    });
    expect(feedback.status).toBe(200);
    const cancel = await call(`/workflows/tasks/${answer.task_id}/cancel`, { method: "POST", headers: auth });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ task_id: answer.task_id, status: "completed" });
  });

  it("keeps another client's task and its end user's apart: 404 for them", async () => {
    const answer = await answered(await tokenFor());
    await kept("client-a", answer.task_id);
    const other = await tokenFor("client-b", "secret-b");
    const res = await call(`/workflows/tasks/${answer.task_id}`, { headers: { authorization: `Bearer ${other}` } });
    expect(res.status).toBe(404);
  });

  it("records a task once, sweeps records past retention with their index entries, and never loads an expired one", async () => {
    const retention = loadConfig(env).taskRetentionMs;
    const finished = (taskId: string, finishedAt: string, sql = "SELECT 1") => ({
      record: {
        clientId: "client-a",
        taskId,
        requestHash: "h",
        request: QUESTION,
        status: "completed" as const,
        createdAt: finishedAt,
        startedAt: finishedAt,
        finishedAt,
        runs: 1,
        sql,
        result: [],
        metadata: {},
        error: null,
        executionTime: 0.01,
        endUser: null,
      },
      events: [{ seq: 1, name: "started" as const, data: "{}", at: finishedAt }],
    });
    const old = generateTaskId("client-a");
    const longAgo = new Date(Date.now() - retention - 60_000).toISOString();
    await keepWorkerRun(env.DB, finished(old, longAgo), retention, { now: Date.parse(longAgo) + 1000, sweep: false });
    expect(
      await runInDurableObject(room("client-a", old), (i) => i.status({ clientId: "client-a", taskId: old })),
    ).toBeNull();

    const fresh = generateTaskId("client-a");
    const now = new Date().toISOString();
    await keepWorkerRun(env.DB, finished(fresh, now), retention, { sweep: true });
    await keepWorkerRun(env.DB, finished(fresh, now, "SELECT 2"), retention, { sweep: false });
    expect(await new TaskRecords(env.DB).get("client-a", old)).toBeUndefined();
    expect(await new TaskIndex(env.DB).get("client-a", old)).toBeUndefined();
    expect(
      (await runInDurableObject(room("client-a", fresh), (i) => i.status({ clientId: "client-a", taskId: fresh })))
        ?.sql,
    ).toBe("SELECT 1");
  });

  it("looks up only ids shaped like the ones it generates, and only when asked with the key", async () => {
    const id = generateTaskId("client-a");
    expect(couldBeGenerated("client-a", id)).toBe(true);
    expect(couldBeGenerated("client-b", id)).toBe(false);
    expect(couldBeGenerated("client-a", "my-own-id")).toBe(false);
    await keepWorkerRun(
      env.DB,
      {
        record: {
          clientId: "client-a",
          taskId: id,
          requestHash: "h",
          request: QUESTION,
          status: "completed",
          createdAt: new Date().toISOString(),
          startedAt: null,
          finishedAt: new Date().toISOString(),
          runs: 1,
          sql: "SELECT 1",
          result: [],
          metadata: {},
          error: null,
          executionTime: 0,
          endUser: null,
        },
        events: [],
      },
      loadConfig(env).taskRetentionMs,
    );
    // The limiter asks whether a leased task still runs without a key: D1 is not woken for it.
    expect(await runInDurableObject(room("client-a", id), (i) => i.status())).toBeNull();
    expect(
      (await runInDurableObject(room("client-a", id), (i) => i.status({ clientId: "client-a", taskId: id })))?.status,
    ).toBe("completed");
  });
});

describe("the task's lifecycle in its Durable Object", () => {
  const submission = (taskId: string) => ({
    clientId: "client-a",
    taskId,
    request: { workflow: "fixed" as const, namespace: "demo", task: "How many orders are there?" },
    requestHash: "h",
  });

  it("cancels a pending task", async () => {
    const taskId = uniqueTaskId();
    const stub = room("client-a", taskId);
    const view = await runInDurableObject(stub, async (instance) => {
      await instance.submit(submission(taskId));
      return instance.cancel();
    });
    expect(view?.status).toBe("cancelled");
    const names = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql
        .exec<{ name: string }>("SELECT name FROM events ORDER BY seq")
        .toArray()
        .map((r) => r.name),
    );
    expect(names.slice(-2)).toEqual(["error", "done"]);
  });

  it("cancels a running task at its in-flight call, and the stream ends with done cancelled", async () => {
    const taskId = uniqueTaskId();
    const stub = room("client-a", taskId);
    // A generator that waits until it is aborted, like a slow model call.
    await withGenerator(stub, waitForCancel);
    await runInDurableObject(stub, (instance) => instance.submit(submission(taskId)));
    const running = runDurableObjectAlarm(stub);
    const token = await tokenFor();
    // Wait until the run reached the generator, then cancel through the API.
    await untilRunning(stub);
    const res = await call(`/workflows/tasks/${taskId}/cancel`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await res.json()) as { status: string }).status).toBe("cancelled");
    await running;
    const all = await readEvents(await events(token, taskId));
    expect(all.at(-2)).toMatchObject({ event: "error" });
    expect(all.at(-1)).toMatchObject({ event: "done", data: { status: "cancelled" } });
  });

  it("runs a sync task in the submitting call; its watchdog alarm leaves a live run alone", async () => {
    const taskId = uniqueTaskId();
    const stub = room("client-a", taskId);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The model call waits for the test: the run is in progress while the alarm fires.
    await withGenerator(stub, (real) => ({
      model: real.model,
      generate: async (input, signal) => {
        await gate;
        return real.generate(input, signal);
      },
    }));
    const answered = runInDurableObject(stub, (instance) => instance.submitAndWait(submission(taskId)));
    await untilRunning(stub);
    // The watchdog fires mid-run: the run is alive in this instance, so it only re-arms.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await runInDurableObject(stub, (instance) => instance.status()))?.status).toBe("running");
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
    release();
    const { state, task } = await answered;
    expect(state).toBe("created");
    expect(task).toMatchObject({ status: "completed", error: null });
    const runs = await runInDurableObject(
      stub,
      (_i, s) => s.storage.sql.exec<{ runs: number }>("SELECT runs FROM task").one().runs,
    );
    expect(runs).toBe(1);
  });

  it("runs with the namespace the submitting call resolved, never looking it up again (issue 19)", async () => {
    const taskId = uniqueTaskId();
    const lookup = namespacesFor(loadConfig(env)).resolve("demo");
    if (!lookup.ok) throw new Error("the demo namespace is not configured");
    // The request names a namespace this configuration does not know: a second lookup would fail the task.
    const request = { ...submission(taskId).request, namespace: "resolved-by-the-route" };
    const { task } = await runInDurableObject(room("client-a", taskId), (instance) =>
      instance.submitAndWait({ ...submission(taskId), request, target: lookup.target }),
    );
    expect(task).toMatchObject({ status: "completed", error: null });
  });

  it("fails an interrupted task cleanly instead of leaving it running", async () => {
    const taskId = uniqueTaskId();
    const stub = room("client-a", taskId);
    await runInDurableObject(stub, async (_instance, state) => {
      // What an eviction mid-run leaves behind: status running, a few events, an alarm retry due.
      const store = new TaskStore(state.storage.sql);
      store.create({ ...submission(taskId), createdAt: new Date().toISOString() });
      store.markRunning(new Date().toISOString());
      store.appendEvent("started", { task_id: taskId, workflow: "fixed" }, new Date().toISOString());
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const view = await runInDurableObject(stub, (instance) => instance.status());
    expect(view).toMatchObject({ status: "failed" });
    expect(view!.error).toContain("interrupted");
    const all = await readEvents(await events(await tokenFor(), taskId));
    expect(all.map((e) => e.event)).toEqual(["started", "error", "done"]);
    expect(all.at(-1)!.data.status).toBe("failed");
  });

  it("deletes a finished task after the retention period", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId();
    await runWorkflow(token, { ...QUESTION, task_id: taskId });
    const stub = room("client-a", taskId);
    // Not yet expired: the alarm only re-arms.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await call(`/workflows/tasks/${taskId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    await runInDurableObject(stub, async (_i, state) => {
      state.storage.sql.exec("UPDATE task SET finished_at = ?", new Date(Date.now() - 25 * 3_600_000).toISOString());
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await call(`/workflows/tasks/${taskId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      404,
    );
    const listed = (await (
      await call("/workflows/tasks?limit=100", { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { tasks: { task_id: string }[] };
    expect(listed.tasks.map((t) => t.task_id)).not.toContain(taskId);
  });
});
