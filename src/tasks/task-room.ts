import { DurableObject } from "cloudflare:workers";
import { type Config, loadConfig } from "../config";
import { releaseTaskSlot } from "../limits";
import { generatorFor } from "../llm";
import type { RunWorkflowRequest, TaskView } from "../shared/contract";
import { createLogger } from "../shared/log";
import { namespacesFor, type SqlTarget } from "../sql";
import { TaskIndex } from "../store/task-index";
import { engineDeps } from "../wiring/engine-deps";
import type { EventName, EventPayloads, EventSink, TaskStatus } from "../workflow/events";
import type { EngineDeps } from "../workflow/types";
import { EventBuffer } from "./event-buffer";
import { taskEventStream } from "./event-stream";
import { CRASH_MESSAGE, executeTask, type TaskOutcome } from "./execute";
import { couldBeGenerated } from "./task-keys";
import { type TaskEndUser, type TaskRecord, TaskStore } from "./task-store";
import { forgetWorkerRun, indexEntry, recordedWorkerRun, type TaskKey } from "./worker-runs";

/** The request as stored: everything but `mode`, which only decides how the answer is delivered. */
export type TaskRequest = Omit<RunWorkflowRequest, "mode" | "task_id">;

export interface TaskSubmission {
  clientId: string;
  taskId: string;
  request: TaskRequest;
  requestHash: string;
  /** The end user (X-End-User) the task answers for: its row policies apply, and only they read it back. */
  endUser?: TaskEndUser | undefined;
  /**
   * The namespace as the route resolved and granted it (issue 19: once per request), kept in memory
   * for the run and never stored: it carries the connection string.
   */
  target?: SqlTarget | undefined;
  /** Its id was generated for this request: nothing can have been kept under it (no D1 look-up). */
  generated?: boolean | undefined;
}

export type SubmitResult = { state: "created" | "existing"; task: TaskView } | { state: "conflict"; task: TaskView };

const FINISHED: ReadonlySet<TaskStatus> = new Set(["completed", "failed", "cancelled"]);
// How often the alarm checks on a task run outside it (sync mode): a dead instance's task is
// ended as interrupted within this long.
const RUN_WATCHDOG_MS = 30_000;

/**
 * One Durable Object per (client, task_id): it runs the workflow itself (from its alarm, so the
 * work survives the request that started it), keeps the event log and result in SQLite, serves
 * every stream of the task, and makes task_id idempotent — it is single-threaded, so the first of
 * any number of simultaneous identical submissions creates the task and the rest find it. A sync
 * run without a task_id is the exception: the Worker runs it and keeps it in D1, and this object is
 * created from that record only when someone asks for the task (`load`, tasks/worker-runs.ts).
 */
export class TaskRoom extends DurableObject<Env> {
  private store: TaskStore;
  private events: EventBuffer;
  private readonly listeners = new Set<(seq: number, name: EventName, data: string) => void>();
  private readonly waiters = new Set<() => void>();
  private abort: AbortController | undefined;
  /** The submitting call's resolved namespace, until the run it was handed for has begun. */
  private target: SqlTarget | undefined;
  /** The index writes and the slot release, one after another, off the answer's path. */
  private bookkeeping: Promise<void> = Promise.resolve();
  /** The one look-up of a task the Worker kept in D1, shared by the calls that arrive meanwhile. */
  private loading: Promise<void> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new TaskStore(ctx.storage.sql);
    this.events = this.eventBuffer();
  }

  private eventBuffer(): EventBuffer {
    return new EventBuffer(
      () => this.store.lastSeq(),
      (events, alongside) =>
        this.ctx.storage.transactionSync(() => {
          this.store.appendEvents(events);
          alongside?.();
        }),
      (events) => {
        for (const event of events) for (const listener of this.listeners) listener(event.seq, event.name, event.data);
      },
    );
  }

  /**
   * Creates the task or finds the existing one; a different request under the same id conflicts.
   * The new task runs from the alarm, so it outlives the request that created it (async mode).
   */
  async submit(submission: TaskSubmission): Promise<SubmitResult> {
    return this.create(submission, "alarm");
  }

  /**
   * Sync mode: creates the task and runs it within this call, then answers the finished task (an
   * existing one is awaited). The caller waits anyway; running here saves the alarm's dispatch. The
   * alarm still stands as a watchdog: if this instance dies mid-run, it ends the task cleanly.
   */
  async submitAndWait(submission: TaskSubmission): Promise<SubmitResult> {
    const submitted = await this.create(submission, "here");
    if (submitted.state === "conflict") return submitted;
    const task = this.store.get();
    // Created by this call: it is ours to run (create marked it running already).
    if (submitted.state === "created" && task?.status === "running") await this.run(task);
    return { state: submitted.state, task: (await this.result()) ?? submitted.task };
  }

  private async create(submission: TaskSubmission, runFrom: "alarm" | "here"): Promise<SubmitResult> {
    // The same task_id as a sync run the Worker answered: that task, not a new one (idempotency).
    const existing = submission.generated ? this.store.get() : await this.load(submission);
    if (existing) {
      const state = existing.requestHash === submission.requestHash ? "existing" : "conflict";
      return { state, task: view(existing) };
    }
    const createdAt = new Date().toISOString();
    const { target, ...stored } = submission;
    this.target = target;
    // The task and its `started` event in one transaction: a stream opened right after this call
    // shows `started` at once, before the run (from the alarm) has begun. A sync task starts running
    // in the same transaction: one write fewer before its answer.
    this.append("started", { task_id: submission.taskId, workflow: submission.request.workflow });
    this.events.flush(() => {
      this.store.create({ ...stored, createdAt });
      if (runFrom === "here") this.store.markRunning(createdAt);
    });
    // Alarm first: once it is set the task runs (or ends cleanly) even if everything after this line is lost.
    await this.ctx.storage.setAlarm(runFrom === "alarm" ? Date.now() : Date.now() + RUN_WATCHDOG_MS);
    const task = this.store.get()!;
    // A sync task is indexed once, when it ends; an async one is listed while it runs.
    if (runFrom === "alarm") this.later(() => this.index().record(indexEntry(task, "pending", null, createdAt)));
    return { state: "created", task: view(task) };
  }

  /** The task, or null; `key` names it for the look-up of a sync run the Worker kept in D1. */
  async status(key?: TaskKey): Promise<TaskView | null> {
    const task = await this.load(key);
    return task ? view(task) : null;
  }

  /**
   * The task this object holds; when it holds none and `key` could name a sync run the Worker
   * answered itself, that run's record from D1, written here first (its task, events, retention
   * alarm) and then dropped from D1: from then on this object serves it like any task. Callers
   * without a key (the limiter asking whether a leased task still runs) never wake D1.
   */
  private async load(key?: TaskKey): Promise<TaskRecord | undefined> {
    const held = this.store.get();
    if (held || !key || !couldBeGenerated(key.clientId, key.taskId)) return held;
    // D1 is outside this object's input gate: calls arriving meanwhile wait for the same look-up.
    this.loading ??= this.adopt(key).finally(() => {
      this.loading = undefined;
    });
    await this.loading;
    return this.store.get();
  }

  private async adopt(key: TaskKey): Promise<void> {
    const finished = await recordedWorkerRun(this.env.DB, key, this.retentionMs());
    if (!finished || this.store.get()) return;
    const { record, events } = finished;
    this.ctx.storage.transactionSync(() => {
      this.store.put(record);
      this.store.appendEvents(events);
    });
    // Numbered by the Worker: this object's buffer reads the last id from storage again.
    this.events = this.eventBuffer();
    await this.ctx.storage.setAlarm(Date.parse(record.finishedAt ?? record.createdAt) + this.retentionMs());
    this.later(() => forgetWorkerRun(this.env.DB, key));
  }

  /** Resolves when the task has finished (sync mode); at once if it already has. */
  async result(): Promise<TaskView | null> {
    const task = this.store.get();
    if (!task || FINISHED.has(task.status)) return task ? view(task) : null;
    await new Promise<void>((resolve) => this.waiters.add(resolve));
    return this.status();
  }

  /** Stops the task at the next node boundary and aborts the in-flight model call or query. */
  async cancel(key?: TaskKey): Promise<TaskView | null> {
    const task = await this.load(key);
    if (!task || FINISHED.has(task.status)) return task ? view(task) : null;
    if (task.status === "pending" || !this.abort) {
      // Not running in this instance (pending, or interrupted): end it here.
      await this.finishWithoutRun(task, "cancelled", "The task was cancelled");
      return this.status();
    }
    this.abort.abort();
    await new Promise<void>((resolve) => this.waiters.add(resolve));
    return this.status();
  }

  /** GET …/events?after=&client=&task=: the SSE stream after `after` (Last-Event-ID); the key as for `status`. */
  override async fetch(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const [clientId, taskId] = [params.get("client"), params.get("task")];
    const task = await this.load(clientId !== null && taskId !== null ? { clientId, taskId } : undefined);
    if (!task) return new Response(null, { status: 404 });
    // A reader sees every event appended so far: what is pending is written before the replay.
    this.events.flush();
    const after = Number(params.get("after") ?? "0") || 0;
    // A reconnect after `done` was delivered: 204 tells EventSource (and every SSE client) to stop.
    if (FINISHED.has(task.status) && after >= this.events.lastSeq()) return new Response(null, { status: 204 });
    const stream = taskEventStream(
      {
        eventsAfter: (seq) => this.store.eventsAfter(seq, 100_000),
        subscribe: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
      after,
      { maxLifetimeMs: this.config().requestBounds.streamLifetimeMs },
    );
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
      },
    });
  }

  /** Runs a pending task; ends an interrupted one cleanly; deletes a finished one after retention. */
  override async alarm(): Promise<void> {
    const task = this.store.get();
    if (!task) return;
    if (FINISHED.has(task.status)) {
      const expires = Date.parse(task.finishedAt ?? task.createdAt) + this.retentionMs();
      if (Date.now() >= expires) {
        await this.index()
          .remove(task.clientId, task.taskId)
          .catch(() => {});
        await this.ctx.storage.deleteAll();
        // deleteAll drops the tables too; this instance may still answer (a 404 then).
        this.store = new TaskStore(this.ctx.storage.sql);
        this.events = this.eventBuffer();
      } else {
        await this.ctx.storage.setAlarm(expires);
      }
      return;
    }
    if (task.status === "running") {
      // Still running in this instance (a sync run started by submitAndWait): look again later.
      if (this.abort) {
        await this.ctx.storage.setAlarm(Date.now() + RUN_WATCHDOG_MS);
        return;
      }
      // A run was cut off (the object was evicted or restarted mid-way). Re-running could repeat
      // half-delivered events, so the task fails with a clear error instead of hanging in `running`.
      await this.finishWithoutRun(
        task,
        "failed",
        "The task was interrupted by a service restart; run it again with a new task_id",
      );
      return;
    }
    await this.run(task);
  }

  private async run(task: TaskRecord): Promise<void> {
    if (task.status !== "running") this.store.markRunning(new Date().toISOString());
    const request = task.request as TaskRequest;
    this.abort = new AbortController();
    const sink: EventSink = { emit: (name, data) => this.append(name, data) };
    try {
      const target = this.target ?? this.resolveAgain(request);
      const outcome = await executeTask(
        { clientId: task.clientId, taskId: task.taskId, request, endUser: task.endUser, target },
        { env: this.env, config: this.config(), log: this.log(), dependencies: (t) => this.dependencies(t) },
        sink,
        this.abort.signal,
      );
      await this.complete(task, { ...outcome, at: new Date().toISOString() });
    } catch (error) {
      this.log().error("task crashed", {
        task_id: task.taskId,
        client_id: task.clientId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      await this.finishWithoutRun(task, "failed", CRASH_MESSAGE);
    } finally {
      this.abort = undefined;
      this.target = undefined;
    }
  }

  /**
   * The target when the submitting call's is gone: an async task whose alarm runs in an instance
   * restarted since the submission. The route granted it then; this is the same lookup, not a new
   * decision (the end user's policies travel with the task).
   */
  private resolveAgain(request: TaskRequest): SqlTarget {
    const lookup = namespacesFor(this.config()).resolve(request.namespace, request);
    if (!lookup.ok) throw new Error(`namespace ${request.namespace} is no longer configured`);
    const endUser = this.store.get()?.endUser;
    return endUser ? { ...lookup.target, endUser } : lookup.target;
  }

  /** The workflow's I/O. A method so a test can hand one object slow or failing parts. */
  dependencies(target: SqlTarget): EngineDeps {
    return engineDeps(this.env, target, generatorFor(this.config().llm));
  }

  private append<K extends EventName>(name: K, data: EventPayloads[K]): void {
    // `started` was written when the task was created; the engine's own is the same event again.
    if (name === "started" && this.events.lastSeq() > 0) return;
    this.events.append({ name, data: JSON.stringify(data), at: new Date().toISOString() }, this.listeners.size > 0);
  }

  /** Ends a task that is not running here, with the contract's closing events. */
  private async finishWithoutRun(task: TaskRecord, status: "failed" | "cancelled", message: string): Promise<void> {
    const started = Date.parse(task.startedAt ?? task.createdAt);
    const total = (Date.now() - started) / 1000;
    if (this.events.lastSeq() === 0)
      this.append("started", { task_id: task.taskId, workflow: (task.request as TaskRequest).workflow });
    this.append("error", { error: message });
    this.append("done", { task_id: task.taskId, status, total_time: total });
    await this.complete(task, {
      status,
      sql: task.sql,
      result: null,
      metadata: task.metadata ?? {},
      error: message,
      executionTime: total,
      at: new Date().toISOString(),
    });
  }

  private async complete(task: TaskRecord, outcome: TaskOutcome & { at: string }): Promise<void> {
    // The last events and the result in one transaction; streams get `done` once both are written.
    this.events.flush(() => this.store.finish(outcome));
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
    await this.ctx.storage.setAlarm(Date.parse(outcome.at) + this.retentionMs());
    // The client's concurrent-task slot and the index entry follow the answer instead of delaying it
    // (issue 18). Both are best effort already: a slot missed here comes back by reconciliation at
    // the cap or by lease expiry (limits/README.md), and the index is a copy of this object's state.
    this.later(() =>
      Promise.all([
        releaseTaskSlot(this.env, this.config().limits, task.clientId, task.taskId),
        this.index().record(indexEntry(task, outcome.status, outcome.sql, outcome.at)),
      ]),
    );
  }

  /** Runs `work` after the bookkeeping queued before it, without anyone waiting for it; failures are logged. */
  private later(work: () => Promise<unknown>): void {
    this.bookkeeping = this.bookkeeping.then(work).then(
      () => undefined,
      (error: unknown) => this.log().warn("task bookkeeping failed", { error: String(error) }),
    );
    this.ctx.waitUntil(this.bookkeeping);
  }

  private retentionMs(): number {
    return this.config().taskRetentionMs;
  }

  /** The configuration, parsed once per isolate; the routes refused the request had it been bad. */
  private config(): Config {
    return loadConfig(this.env);
  }

  private index(): TaskIndex {
    return new TaskIndex(this.env.DB);
  }

  private log() {
    return createLogger(this.env.LOG_LEVEL, { component: "TaskRoom" });
  }
}

/** The task as the API shows it (GET /workflows/tasks/{id}, the sync answer). */
export function view(task: TaskRecord): TaskView {
  const request = task.request as TaskRequest;
  return {
    task_id: task.taskId,
    status: task.status,
    workflow: request.workflow,
    namespace: request.namespace,
    task: request.task,
    created_at: task.createdAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
    sql: task.sql,
    result: task.result,
    metadata: task.metadata,
    error: task.error,
    execution_time: task.executionTime,
    end_user: task.endUser?.sub ?? null,
  };
}
