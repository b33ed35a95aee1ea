import type { Config } from "../config";
import { AnswerExplainer, openTurn } from "../conversations";
import { generatorFor } from "../llm";
import { loadEffectiveDefinitions } from "../semantic";
import type { Logger } from "../shared/log";
import { SqlExecutionError, type SqlTarget } from "../sql";
import { engineDeps } from "../wiring/engine-deps";
import { runWorkflow } from "../workflow/engine";
import type { EventName, EventPayloads, EventSink } from "../workflow/events";
import { runMetricWorkflow } from "../workflow/metric-plan";
import type { EngineDeps } from "../workflow/types";
import type { TaskRequest } from "./task-room";
import type { PendingEvent, TaskEndUser, TaskRecord } from "./task-store";

/** The task being run: who asked, what, and the namespace the route resolved for it (issue 19). */
export interface TaskToRun {
  clientId: string;
  taskId: string;
  request: TaskRequest;
  endUser: TaskEndUser | null;
  /** Resolved and granted once, by the route; the end user is already on it when there is one. */
  target: SqlTarget;
}

/** What running a task needs from the edge that runs it (the Worker or a TaskRoom). */
export interface ExecutionEdge {
  env: Pick<Env, "DB">;
  config: Config;
  log: Logger;
  /** The engine's I/O for the target: a TaskRoom lets a test swap parts of it. */
  dependencies: (target: SqlTarget) => EngineDeps;
}

/** The Worker's own edge, for a task it runs itself: the same I/O a TaskRoom's run gets. */
export function workerEdge(env: Env, config: Config, log: Logger): ExecutionEdge {
  return { env, config, log, dependencies: (target) => engineDeps(env, target, generatorFor(config.llm)) };
}

export interface TaskOutcome {
  status: "completed" | "failed" | "cancelled";
  sql: string | null;
  result: unknown;
  metadata: unknown;
  error: string | null;
  executionTime: number;
}

// What a crash tells the caller: nothing internal; the request id in the logs finds the details.
export const CRASH_MESSAGE = "The task failed unexpectedly; the request id in our logs identifies it";

/**
 * Runs a task's workflow to its outcome, emitting the contract's events into `sink`. The same code
 * runs a task in its TaskRoom (async, or sync with a task_id) and in the Worker (sync without one).
 * Throws only when something outside the workflow's own error handling failed (a crash).
 */
export async function executeTask(
  task: TaskToRun,
  edge: ExecutionEdge,
  sink: EventSink,
  signal: AbortSignal,
): Promise<TaskOutcome> {
  const { request } = task;
  const log = edge.log.child({ task_id: task.taskId, client_id: task.clientId });
  const deps = withLogging(edge.dependencies(task.target), log);
  // A turn of a conversation (issue 16): read with the earlier turns, recorded as one.
  const turn = request.conversation_id
    ? await openTurn({
        db: edge.env.DB,
        conversationId: request.conversation_id,
        namespace: request.namespace,
        workflow: request.workflow,
        owner: { clientId: task.clientId, endUser: task.endUser?.sub ?? null },
        taskId: task.taskId,
        question: request.task,
        at: new Date().toISOString(),
      })
    : undefined;
  const workflowRequest = {
    taskId: task.taskId,
    workflow: request.workflow,
    namespace: request.namespace,
    question: turn?.question ?? request.task,
    currentDate: request.current_date ?? new Date().toISOString().slice(0, 10),
    knowledge: request.ext_knowledge,
    domain: request.domain,
    layer1: request.layer1,
    layer2: request.layer2,
  };
  // metric_to_sql compiles SQL from the namespace's metric definitions instead of generating it.
  // Every completed answer explains itself: assumptions, sources, suggestions, chart (issue 16).
  const explainer = new AnswerExplainer(workflowRequest.question, workflowRequest.currentDate);
  const runSink = turn?.sink(explainer.sink(sink)) ?? explainer.sink(sink);
  const ran =
    request.workflow === "metric_to_sql"
      ? await runMetricWorkflow(
          workflowRequest,
          { ...deps, loadDefinitions: () => metricDefinitions(edge, request.namespace) },
          runSink,
          signal,
        )
      : await runWorkflow(workflowRequest, explainer.deps(turn?.deps(deps) ?? deps), runSink, signal);
  const outcome = explainer.finish(turn ? await turn.finish(ran, new Date().toISOString()) : ran);
  log.info("task finished", {
    status: outcome.status,
    seconds: outcome.executionTime,
    node_timings: outcome.metadata.node_timings,
  });
  return outcome;
}

/** The engine's I/O with its failures logged: the user sees "could not be reached", the logs the reason. */
function withLogging(base: EngineDeps, log: Logger): EngineDeps {
  return {
    ...base,
    executeSql: (sql, signal) =>
      base.executeSql(sql, signal).catch((error: unknown) => {
        if (error instanceof SqlExecutionError && error.kind === "unavailable")
          log.warn("database unavailable", {
            cause: String(error.cause).replace(/postgres(ql)?:\/\/\S+/gi, "<connection>"),
          });
        throw error;
      }),
    reportError: (error, node) =>
      log.error("node failed unexpectedly", {
        node,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
  };
}

async function metricDefinitions(edge: ExecutionEdge, namespace: string) {
  const sources = { db: edge.env.DB, metricsYaml: edge.config.metricsYaml };
  return (await loadEffectiveDefinitions(sources, namespace)).defs;
}

/**
 * A task's events numbered in memory, for a run nobody can stream (the Worker's sync path): the
 * TaskRoom writes them as they are, with the finished task, in one transaction. `started` comes
 * first, as a TaskRoom writes it with the task; the engine's own `started` is the same event again.
 */
export class EventLog implements EventSink {
  readonly events: PendingEvent[] = [];

  constructor(task: Pick<TaskToRun, "taskId" | "request">) {
    this.emit("started", { task_id: task.taskId, workflow: task.request.workflow });
  }

  emit<K extends EventName>(name: K, data: EventPayloads[K]): void {
    if (name === "started" && this.events.length > 0) return;
    this.events.push({ seq: this.events.length + 1, name, data: JSON.stringify(data), at: new Date().toISOString() });
  }
}

/** A task run to its end by the Worker, ready to be kept in D1 (tasks/worker-runs.ts). */
export interface FinishedTask {
  record: TaskRecord;
  events: PendingEvent[];
}

/**
 * Runs a sync task without a task_id in the Worker itself (issue 18): its id was generated, so
 * nobody can stream, resume or cancel it before the answer tells them the id; a TaskRoom would be
 * a round trip for nothing. The finished task is kept in D1 after the answer, and gets a TaskRoom
 * only if it is asked for again (docs/tasks-and-streams.md says what that trades away). Never throws: a crash is a failed task.
 */
export async function runInWorker(
  task: TaskToRun & { requestHash: string },
  edge: ExecutionEdge,
  // Nobody can cancel it (nobody knows its id yet): the signal only serves a test.
  signal: AbortSignal = new AbortController().signal,
): Promise<FinishedTask> {
  const createdAt = new Date().toISOString();
  const log = new EventLog(task);
  let outcome: TaskOutcome;
  try {
    outcome = await executeTask(task, edge, log, signal);
  } catch (error) {
    edge.log.error("task crashed", {
      task_id: task.taskId,
      client_id: task.clientId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    outcome = crashed(task.taskId, log, createdAt);
  }
  return { record: finishedRecord(task, createdAt, outcome), events: log.events };
}

/** The contract's closing events and outcome for a run that crashed. */
function crashed(taskId: string, log: EventLog, createdAt: string): TaskOutcome {
  const total = (Date.now() - Date.parse(createdAt)) / 1000;
  log.emit("error", { error: CRASH_MESSAGE });
  log.emit("done", { task_id: taskId, status: "failed", total_time: total });
  return { status: "failed", sql: null, result: null, metadata: {}, error: CRASH_MESSAGE, executionTime: total };
}

function finishedRecord(
  task: TaskToRun & { requestHash: string },
  createdAt: string,
  outcome: TaskOutcome,
): TaskRecord {
  return {
    clientId: task.clientId,
    taskId: task.taskId,
    requestHash: task.requestHash,
    request: task.request,
    status: outcome.status,
    createdAt,
    startedAt: createdAt,
    finishedAt: new Date().toISOString(),
    runs: 1,
    sql: outcome.sql,
    result: outcome.result as TaskRecord["result"],
    metadata: outcome.metadata as TaskRecord["metadata"],
    error: outcome.error,
    executionTime: outcome.executionTime,
    endUser: task.endUser,
  };
}
