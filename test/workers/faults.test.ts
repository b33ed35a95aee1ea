import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { BuiltinSqlGenerator } from "../../src/llm";
import { createAiSqlGenerator } from "../../src/llm/ai";
import type { SqlTarget } from "../../src/sql";
import { engineDeps } from "../../src/wiring/engine-deps";
import { runWorkflow } from "../../src/workflow/engine";
import { CollectingSink } from "../../src/workflow/events";
import type { SqlGenerator, WorkflowRequest } from "../../src/workflow/types";
import {
  call,
  namespaceTarget,
  readEvents,
  taskRoom as room,
  runWorkflow as runOverHttp,
  streamText,
  tokenFor,
  uniqueTaskId,
  waitForCancel,
  withGenerator,
} from "./helpers";

/**
 * Fault injection in the Workers runtime: each dependency of a task fails in the way it fails in
 * production (a database that is down, a query that runs too long, a model provider that throttles
 * or hangs, a client that goes away, an object that restarts), and the task must still end — with
 * `done`, a status and an error a user can act on — never hang or leak internals.
 */
const stubUrl = inject("llmStubUrl");
const QUESTION = { workflow: "fixed", namespace: "demo", task: "How many orders are there per status?" };
const SSE = { accept: "text/event-stream" };

const target = namespaceTarget;

function request(overrides: Partial<WorkflowRequest> = {}): WorkflowRequest {
  return {
    taskId: uniqueTaskId("fault"),
    workflow: "fixed",
    namespace: "pg",
    question: "How many customers are there per country?",
    currentDate: "2024-06-30",
    ...overrides,
  };
}

/** Runs the engine with the real dependencies of `t` (catalog, guard, executor, linker) and `generator`. */
async function run(t: SqlTarget, generator: SqlGenerator, overrides: Partial<WorkflowRequest> = {}) {
  const sink = new CollectingSink();
  const outcome = await runWorkflow(
    request({ namespace: t.namespace, ...overrides }),
    engineDeps(env, t, generator),
    sink,
  );
  return { outcome, events: sink.events };
}

/** A model that always answers `sql`: the fault under test is elsewhere. */
function answering(sql: string): SqlGenerator {
  return { model: "fixed-answer", generate: async () => ({ ok: true, sql, explanation: "test" }) };
}

/** The loopback OpenAI-compatible stub; the model name picks its behaviour, `:<uuid>` keeps per-test state apart. */
function stubModel(model: string, timeoutMs = 10_000): SqlGenerator {
  return createAiSqlGenerator({
    provider: "openai-compatible",
    model,
    baseURL: stubUrl,
    timeoutMs,
    maxRetries: 2,
    maxOutputTokens: 512,
  });
}

async function stubRequests(model: string): Promise<unknown[]> {
  return (await (await fetch(`${stubUrl}/__stub/requests?model=${encodeURIComponent(model)}`)).json()) as unknown[];
}

function expectEndedWithDone(events: { event: string; data: unknown }[], status: string): void {
  expect(events.at(-1)).toMatchObject({ event: "done", data: { status } });
  if (status === "failed") expect(events.at(-2)?.event).toBe("error");
}

describe("the database", () => {
  it("unreachable: the task fails at once with a clear error, without the URL, and ends with done", async () => {
    // Port 1 on loopback: nothing listens, the connection is refused. A namespace name of its own
    // keeps the catalog cache from answering for the real database.
    const down: SqlTarget = {
      ...target("pg"),
      namespace: `pg_down_${crypto.randomUUID()}`,
      connectionString: "postgres://reader:hunter2@127.0.0.1:1/none",
    };
    const { outcome, events } = await run(down, new BuiltinSqlGenerator());
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe("The database could not be reached; try again shortly");
    expect(JSON.stringify(events)).not.toContain("hunter2");
    expectEndedWithDone(events, "failed");
  });

  it("a slow query is cut by the namespace's statement timeout with a clear error", async () => {
    const { outcome, events } = await run(
      target("pg_tight"),
      answering("SELECT count(*) FROM generate_series(1, 10000000000) AS g"),
    );
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe("The SQL failed: The query ran longer than 500 ms and was cancelled");
    expect(events.find((e) => e.event === "execution_complete")?.data).toMatchObject({ status: "failed" });
    expectEndedWithDone(events, "failed");
  });
});

describe("the language model provider", () => {
  it("answers 429 once: the call is retried and the task completes", async () => {
    const model = `stub-429-once:${crypto.randomUUID()}`;
    const { outcome, events } = await run(target("pg"), stubModel(model));
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("completed");
    expect(await stubRequests(model)).toHaveLength(2);
    expect(outcome.result!.length).toBeGreaterThan(0);
    expectEndedWithDone(events, "completed");
  });

  it("hangs: the task fails with the timeout message instead of waiting forever", async () => {
    const { outcome, events } = await run(target("pg"), stubModel(`stub-hang:${crypto.randomUUID()}`, 500));
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe("The language model did not answer within 0.5 s");
    expect(events.at(-2)).toMatchObject({ event: "error", data: { node: "generate_sql" } });
    expectEndedWithDone(events, "failed");
  });
});

describe("the task's Durable Object", () => {
  it("finishes a task whose client disconnected mid-stream, and stores its result", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId("gone");
    const first = await readEvents(await runOverHttp(token, { ...QUESTION, mode: "async", task_id: taskId }, SSE), 2);
    // readEvents cancelled the reader after 2 events: the client is gone.
    expect(first.map((e) => e.event)).toEqual(["started", "progress"]);
    // result() resolves when the task has finished, whether or not anyone is listening.
    expect((await runInDurableObject(room("client-a", taskId), (instance) => instance.result()))?.status).toBe(
      "completed",
    );
    const res = await call(`/workflows/tasks/${taskId}`, { headers: { authorization: `Bearer ${token}` } });
    const task = (await res.json()) as { status: string; sql: string; result: unknown[]; error: string | null };
    expect(task).toMatchObject({ status: "completed", error: null });
    expect(task.sql).toContain("SELECT");
    expect(task.result.length).toBeGreaterThan(0);
    expect(
      (
        await readEvents(
          await call(`/workflows/tasks/${taskId}/events?after=2`, { headers: { authorization: `Bearer ${token}` } }),
        )
      ).at(-1),
    ).toMatchObject({
      event: "done",
      data: { status: "completed" },
    });
  });

  it("fails a task cleanly when its object restarts mid-run, and does not run it again", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId("restart");
    const stub = room("client-a", taskId);
    // The run stops in the model call until the object is reset.
    await withGenerator(stub, waitForCancel);
    const res = await runOverHttp(token, { ...QUESTION, mode: "async", task_id: taskId }, SSE);
    const stream = streamText(res);
    expect(await stream.until('"node":"generate_sql","status":"processing"')).toContain(
      '"node":"generate_sql","status":"processing"',
    );
    // The restart: the instance and its in-memory run are gone; storage says `running`.
    await runInDurableObject(stub, (_instance, state) => state.abort("test: restart mid-task")).catch(() => {});
    await stream.cancel();
    // A stub of the reset object is broken; a new one reaches the new instance. The platform
    // retries the interrupted alarm, and the new instance ends the task instead of re-running it.
    const restarted = room("client-a", taskId);
    expect(await runDurableObjectAlarm(restarted)).toBe(true);
    const view = await runInDurableObject(restarted, (instance) => instance.status());
    expect(view).toMatchObject({ status: "failed" });
    expect(view!.error).toContain("interrupted");
    const all = await readEvents(
      await call(`/workflows/tasks/${taskId}/events`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(all.slice(-2).map((e) => e.event)).toEqual(["error", "done"]);
    expect(all.at(-1)!.data.status).toBe("failed");
    expect(all.filter((e) => e.event === "started")).toHaveLength(1);
    const runs = await runInDurableObject(
      restarted,
      (_i, state) => state.storage.sql.exec<{ runs: number }>("SELECT runs FROM task").one().runs,
    );
    expect(runs).toBe(1);
  });
});
