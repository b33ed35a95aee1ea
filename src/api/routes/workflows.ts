import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authServiceFor } from "../../auth/auth-service";
import { rateLimitsFor } from "../../limits";
import type { TaskView } from "../../shared/contract";
import { ApiError } from "../../shared/errors";
import { runInWorker, workerEdge } from "../../tasks/execute";
import { generateTaskId, requestFingerprint, taskObjectName } from "../../tasks/task-keys";
import { type SubmitResult, type TaskRequest, type TaskRoom, view } from "../../tasks/task-room";
import { keepWorkerRun, type TaskKey } from "../../tasks/worker-runs";
import type { App, AppEnv } from "../app";
import { grantedTarget } from "../namespace-target";
import { Problem, problemResponses, RunWorkflowRequest, RunWorkflowResponse } from "../schemas";
import { conversationFor } from "./conversations";

// draft-ietf-httpapi-ratelimit-headers, for the client's run bucket (src/limits/rate-limit-headers.ts).
const RATE_LIMIT_HEADERS = {
  RateLimit: {
    schema: { type: "string" as const },
    description: 'What is left of the run quota: `"runs";r=<remaining>;t=<seconds until full>`',
  },
  "RateLimit-Policy": {
    schema: { type: "string" as const },
    description: 'The run quota: `"runs";q=<burst>;w=<seconds to refill it>`',
  },
};

const runRoute = createRoute({
  method: "post",
  path: "/workflows/run",
  tags: ["workflows"],
  summary: "Run a workflow: natural language in, SQL and rows out (sync JSON or async SSE)",
  description:
    "Sync (default) answers the finished task as JSON. Async answers text/event-stream with the task's events " +
    "(started, progress, node_progress, node_detail, sql_generated, execution_complete, output_ready, done; error on failure). " +
    "The same task_id with the same request returns the same task without running it again; with another request it is a 409.",
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { "application/json": { schema: RunWorkflowRequest } } },
    headers: z.object({ "last-event-id": z.string().optional() }),
  },
  responses: {
    200: {
      description: "Sync: the finished task. Async: a text/event-stream of the task's events",
      headers: RATE_LIMIT_HEADERS,
      content: { "application/json": { schema: RunWorkflowResponse }, "text/event-stream": { schema: z.string() } },
    },
    ...problemResponses(400, 401, 403, 404, 406, 409, 415),
    429: {
      description:
        "Too many runs per minute, or too many tasks pending or running for this client (Retry-After in seconds)",
      headers: {
        "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before retrying" },
        ...RATE_LIMIT_HEADERS,
      },
      content: { "application/problem+json": { schema: Problem } },
    },
  },
});

/**
 * The caller's TaskRoom for `taskId`. Workers RPC types turn `unknown` (result rows) into `never`,
 * so the stub is typed by the object's own method signatures instead.
 */
export interface TaskRoomClient {
  submit(submission: Parameters<TaskRoom["submit"]>[0]): Promise<SubmitResult>;
  submitAndWait(submission: Parameters<TaskRoom["submit"]>[0]): Promise<SubmitResult>;
  status(key?: TaskKey): Promise<TaskView | null>;
  result(): Promise<TaskView | null>;
  cancel(key?: TaskKey): Promise<TaskView | null>;
  fetch(input: string): Promise<Response>;
}

/** A task is read back only with the end user it answered for, or none when it answered for none. */
export function sameEndUser(c: Context<AppEnv>, task: { end_user: string | null }): boolean {
  return task.end_user === (c.var.endUser?.sub ?? null);
}

export function taskStub(c: Context<AppEnv>, taskId: string): TaskRoomClient {
  return c.env.TASKS.get(c.env.TASKS.idFromName(taskObjectName(c.var.clientId, taskId))) as unknown as TaskRoomClient;
}

/** The contract's sync response: exactly these keys. */
export function syncResponse(task: TaskView) {
  return {
    task_id: task.task_id,
    status: task.status === "completed" || task.status === "cancelled" ? task.status : ("failed" as const),
    workflow: task.workflow as RunWorkflowRequest["workflow"],
    sql: task.sql,
    result: task.result,
    metadata: task.metadata ?? {},
    error: task.error,
    execution_time: task.execution_time ?? 0,
  };
}

/**
 * `mode: async` streams whatever the Accept header says, unless the client explicitly accepts
 * only other types (then 406): the original server answered a missing Accept with a 500.
 */
function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept) return true;
  return /(^|,)\s*(text\/event-stream|text\/\*|\*\/\*)\s*(;|,|$)/i.test(accept);
}

/** SSE resume point: `Last-Event-ID` (what EventSource sends) or `?after=`. */
export function resumeAfter(lastEventId: string | undefined, after: string | undefined): number {
  const raw = lastEventId ?? after;
  if (raw === undefined || raw === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ApiError(400, "Last-Event-ID (or ?after=) must be a non-negative integer event id", {
      kind: "validation-error",
      errors: [{ path: "Last-Event-ID", message: "not an event id" }],
    });
  return n;
}

/** A Durable Object's response has immutable headers: copied when some are added. */
function withHeaders(res: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return res;
  const out = new Response(res.body, res);
  for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  return out;
}

/** The key a TaskRoom needs to find a sync run the Worker kept in D1 (tasks/worker-runs.ts). */
export function taskKey(c: Context<AppEnv>, taskId: string): TaskKey {
  return { clientId: c.var.clientId, taskId };
}

export async function streamEvents(stub: TaskRoomClient, after: number, key: TaskKey): Promise<Response> {
  const query = new URLSearchParams({ after: String(after), client: key.clientId, task: key.taskId });
  const res = await stub.fetch(`https://task-room/events?${query}`);
  if (res.status === 404) throw new ApiError(404, "No such task", { kind: "task-not-found" });
  return res;
}

/**
 * A sync run without a task_id, run by the Worker itself (issue 18): its id is generated here, so
 * nobody can stream, resume or cancel it before this answer; a TaskRoom round trip before answering
 * buys nothing. After the answer the finished task and its index entry go to D1 in one batch, then
 * the slot is given back; its TaskRoom is created from that record only if the task is asked for
 * again (tasks/worker-runs.ts). The run itself is inside waitUntil too, so a client that disconnects
 * mid-run still finds its task recorded (docs/tasks-and-streams.md: what this trades away).
 */
async function answerInWorker(
  c: Context<AppEnv>,
  ticket: { release(): Promise<void>; headers: Record<string, string> },
  task: Parameters<typeof runInWorker>[0],
): Promise<Response> {
  const finished = runInWorker(task, workerEdge(c.env, c.var.config, c.var.log));
  c.executionCtx.waitUntil(
    finished
      .then((done) => keepWorkerRun(c.env.DB, done, c.var.config.taskRetentionMs))
      .catch((error: unknown) => c.var.log.warn("task not recorded", { task_id: task.taskId, error: String(error) }))
      .finally(() => ticket.release()),
  );
  const { record } = await finished;
  c.var.log.info("task submitted", {
    task_id: task.taskId,
    client_id: task.clientId,
    state: "created",
    mode: "sync",
    workflow: task.request.workflow,
    ran_in: "worker",
  });
  return c.json(syncResponse(view(record)), 200, ticket.headers);
}

export function registerWorkflows(app: App): void {
  app.openapi(runRoute, async (c) => {
    const { mode, task_id, ...request } = c.req.valid("json");
    const { taskChars } = c.var.config.requestBounds;
    if (request.task.length > taskChars) {
      throw new ApiError(400, `task is longer than ${taskChars} characters`, {
        kind: "validation-error",
        errors: [{ path: "task", message: `Too big: expected string to have <=${taskChars} characters` }],
      });
    }
    // Resolved once for the whole request (issue 19): the run gets this target in memory.
    const target = grantedTarget(c, "query", request.namespace, { field: "namespace", narrowing: request });
    if (mode === "async" && !acceptsEventStream(c.req.header("accept"))) {
      throw new ApiError(406, "mode 'async' answers text/event-stream: accept it, or use mode 'sync' for JSON", {
        kind: "not-acceptable",
      });
    }

    // A conversation's turn stores the conversation's id ("new" resolved); the fingerprint keeps what was sent.
    const conversationId = await conversationFor(c, request);
    const taskId = task_id ?? generateTaskId(c.var.clientId);
    // One limiter call: the client's run rate and its concurrent-task slot for this task (429 when refused).
    const ticket = await rateLimitsFor(c.env, c.var.config.limits).admitRun({
      clientId: c.var.clientId,
      taskId,
      own: authServiceFor(c.var.config).limitsOf(c.var.clientId),
      log: c.var.log,
    });
    const taskRequest: TaskRequest = request;
    const storedRequest: TaskRequest = conversationId ? { ...request, conversation_id: conversationId } : request;
    let submitted: SubmitResult;
    try {
      // The end user is part of what was asked: another end user reusing a task_id is a conflict, never a replay.
      const endUser = c.var.endUser;
      const fingerprint = await requestFingerprint(endUser ? { ...taskRequest, end_user: endUser.sub } : taskRequest);
      if (mode === "sync" && task_id === undefined) {
        const task = { clientId: c.var.clientId, taskId, request: storedRequest, requestHash: fingerprint, target };
        return await answerInWorker(c, ticket, { ...task, endUser: endUser ?? null });
      }
      const submission = {
        clientId: c.var.clientId,
        taskId,
        request: storedRequest,
        requestHash: fingerprint,
        ...(endUser ? { endUser } : {}),
        target,
        generated: task_id === undefined,
      };
      // Sync runs the task inside the call and answers it finished; async runs it from the object's alarm.
      const stub = taskStub(c, taskId);
      submitted = mode === "async" ? await stub.submit(submission) : await stub.submitAndWait(submission);
    } catch (error) {
      await ticket.release();
      throw error;
    }
    // The slot is the task's: an existing task (or a conflict) that already finished gives back the
    // slot just taken for it; one still running keeps it, whichever duplicate request took it.
    // After the answer, like the TaskRoom's own release (issue 18).
    if (submitted.state !== "created" && !["pending", "running"].includes(submitted.task.status))
      c.executionCtx.waitUntil(ticket.release());
    if (submitted.state === "conflict") {
      throw new ApiError(409, `task_id '${taskId}' already names a different request; use a new task_id`, {
        kind: "task-id-conflict",
        errors: [{ path: "task_id", message: "already used for a different request" }],
      });
    }
    c.var.log.info("task submitted", {
      task_id: taskId,
      client_id: c.var.clientId,
      state: submitted.state,
      mode,
      workflow: request.workflow,
    });
    if (mode === "async") {
      const after = resumeAfter(c.req.header("last-event-id"), undefined);
      const stream = await streamEvents(taskStub(c, taskId), after, taskKey(c, taskId));
      return withHeaders(stream, ticket.headers);
    }
    return c.json(syncResponse(submitted.task), 200, ticket.headers);
  });
}
