import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireAccess } from "../../auth/access";
import { authServiceFor } from "../../auth/auth-service";
import { rateLimitsFor } from "../../limits";
import { ApiError } from "../../shared/errors";
import { describeSqlState, namespacesFor, runQuestionSql, SqlExecutionError, useGateway } from "../../sql";
import { type ExampleChanges, type FeedbackEntry, FeedbackStore } from "../../store/feedback";
import { TaskIndex, type TaskIndexEntry } from "../../store/task-index";
import type { App, AppEnv } from "../app";
import { forEndUser } from "../namespace-target";
import { FeedbackHistory, FeedbackRequest, FeedbackResponse, problemResponses, TaskId } from "../schemas";
import { taskKey, taskStub } from "./workflows";

const submitRoute = createRoute({
  method: "post",
  path: "/workflows/feedback",
  tags: ["feedback"],
  summary: "Say whether a task's answer was right; verified answers teach later runs",
  description:
    "Only the client that ran the task may give feedback; feedback again replaces the current verdict and keeps the history. " +
    "`success` on a completed task teaches its question and SQL; `corrected_sql` (checked by the SQL guard and executed first, " +
    "which counts as a run for the rate limit and the concurrent-task cap: 429 as for runs; 422 with the guard's reason or the " +
    "database's error class and position when refused or failing) is taught instead. From a curator or admin this is a verified " +
    "example of the namespace; from an analyst a proposal that becomes one when a curator verifies it " +
    "(POST /namespaces/{ns}/examples/proposals/{id}/verify). `failed` withdraws the task's proposal and takes back examples the " +
    "caller verified (a curator's: also examples the task was answered from). Later tasks in the namespace get the most similar " +
    "verified examples as few-shot examples, and the built-in generator answers a question that matches one with its SQL.",
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { "application/json": { schema: FeedbackRequest } } } },
  responses: {
    200: { description: "Recorded", content: { "application/json": { schema: FeedbackResponse } } },
    ...problemResponses(400, 401, 403, 404, 409, 415, 422, 429, 503),
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/workflows/feedback",
  tags: ["feedback"],
  summary: "The caller's feedback on one of its tasks: the current verdict and every earlier one, newest first",
  security: [{ bearer: [] }],
  request: { query: z.object({ task_id: TaskId }) },
  responses: {
    200: { description: "The feedback history", content: { "application/json": { schema: FeedbackHistory } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

const FINISHED = new Set(["completed", "failed", "cancelled"]);

// The same answer for an unknown task and another client's: whether a task id exists is not for others to learn.
const taskNotFound = () =>
  new ApiError(404, "No such task for this client", {
    kind: "task-not-found",
    errors: [{ path: "task_id", message: "no task with this id for this client" }],
  });

/** ISO-8601 UTC with seconds precision, as the contract's example "2024-01-15T14:30:15Z". */
export function recordedAt(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The corrected SQL as the guard normalised it, once it passed the guard and ran read-only on the
 * task's namespace. Running it is a run: it takes the client's run rate and a concurrent-task slot
 * (429 as for /workflows/run). A refusal or a database error is the client's to fix (422, with the
 * guard's words or the database's error class and position, never its message: that can quote the
 * data); an unreachable database is ours (503): nothing is stored either way.
 */
async function checkedCorrection(
  c: Context<AppEnv>,
  task: TaskIndexEntry,
  sql: string,
): Promise<{ sql: string; headers: Record<string, string> }> {
  const lookup = namespacesFor(c.var.config).resolve(task.namespace);
  if (!lookup.ok) {
    throw new ApiError(
      409,
      `The task's namespace '${task.namespace}' is no longer configured, so corrected_sql cannot be checked`,
      { kind: "unknown-namespace" },
    );
  }
  const clientId = c.var.clientId;
  const ticket = await rateLimitsFor(c.env, c.var.config.limits).admitRun({
    clientId,
    taskId: `feedback:${task.taskId}:${crypto.randomUUID()}`,
    own: authServiceFor(c.var.config).limitsOf(clientId),
    log: c.var.log,
  });
  useGateway(c.env.NEON_GATEWAY_URL);
  try {
    // The end user's row and column policies apply to the corrected SQL as to any other (issue 15).
    return { sql: (await runQuestionSql(forEndUser(c, lookup.target), sql)).sql, headers: ticket.headers };
  } catch (error) {
    if (!(error instanceof SqlExecutionError)) throw error;
    throw correctionProblem(error);
  } finally {
    await ticket.release();
  }
}

/**
 * The task as the D1 index has it, or as its TaskRoom (the source of truth) has it while the index
 * entry is still on its way: the TaskRoom writes it after the answer (issue 18), so a client giving
 * feedback right after a sync answer may arrive before it.
 */
async function taskEntry(c: Context<AppEnv>, taskId: string): Promise<TaskIndexEntry | undefined> {
  const indexed = await new TaskIndex(c.env.DB).get(c.var.clientId, taskId);
  if (indexed && FINISHED.has(indexed.status)) return indexed;
  const live = await taskStub(c, taskId).status(taskKey(c, taskId));
  if (!live) return indexed;
  return {
    clientId: c.var.clientId,
    taskId: live.task_id,
    workflow: live.workflow,
    namespace: live.namespace,
    question: live.task,
    status: live.status,
    sql: live.sql,
    createdAt: live.created_at,
    updatedAt: live.finished_at ?? live.created_at,
    endUser: live.end_user,
  };
}

/** A task answered for an end user is theirs alone; one answered for none, the client's without one. */
function ownTask(c: Context<AppEnv>, task: TaskIndexEntry): boolean {
  return (task.endUser ?? null) === (c.var.endUser?.sub ?? null);
}

function correctionProblem(error: SqlExecutionError): ApiError {
  if (error.kind === "unavailable" || error.kind === "cancelled") {
    return new ApiError(503, `corrected_sql could not be checked right now: ${error.message}`, {
      kind: "database-unavailable",
      headers: { "retry-after": "5" },
    });
  }
  const at = error.position !== undefined ? ` at position ${error.position}` : "";
  if (error.kind === "refused") {
    return new ApiError(422, `corrected_sql was refused by the SQL guard: ${error.message}`, {
      kind: "corrected-sql-refused",
      errors: [{ path: "corrected_sql", message: error.message }],
    });
  }
  // Postgres' own message may quote a value of the data (a failed cast prints it): only its class.
  const message = error.kind === "invalid" ? `${describeSqlState(error.sqlstate)}${at}` : error.message;
  return new ApiError(422, `corrected_sql failed to execute: ${message}`, {
    kind: "corrected-sql-failed",
    errors: [{ path: "corrected_sql", message }],
    extensions: {
      ...(error.sqlstate ? { sqlstate: error.sqlstate } : {}),
      ...(error.position !== undefined ? { position: error.position } : {}),
    },
  });
}

function entryJson(entry: FeedbackEntry) {
  return {
    status: entry.status,
    comment: entry.comment,
    corrected_sql: entry.correctedSql,
    recorded_at: entry.recordedAt,
  };
}

export function registerFeedback(app: App): void {
  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid("json");
    const clientId = c.var.clientId;
    const task = await taskEntry(c, body.task_id);
    if (!task || !ownTask(c, task)) throw taskNotFound();
    if (!FINISHED.has(task.status)) {
      throw new ApiError(409, `The task is still ${task.status}; give feedback once it has finished`, {
        kind: "task-not-finished",
      });
    }
    requireAccess(c.var.access, "query", task.namespace, "task_id");
    const checked = body.corrected_sql ? await checkedCorrection(c, task, body.corrected_sql) : undefined;

    const store = new FeedbackStore(c.env.DB);
    const at = recordedAt();
    // success teaches the task's own SQL (when it produced one); a correction teaches whatever the verdict.
    const taughtSql = checked?.sql ?? (body.status === "success" && task.status === "completed" ? task.sql : null);
    // A curator's (or admin's) verdict is a verification; anyone else's a proposal that waits for one,
    // and their `failed` takes back only what they verified themselves.
    const curator = c.var.access.hasRole("curate_examples");
    const example = taughtSql
      ? { namespace: task.namespace, question: task.question, sql: taughtSql, sourceTaskId: task.taskId, clientId, at }
      : undefined;
    const changes: ExampleChanges = {
      forget: body.status === "failed" ? await store.examples.idsToForget(task, curator ? undefined : clientId) : [],
      verify: curator && example ? { ...example, verifiedBy: clientId } : undefined,
      propose: !curator ? example : undefined,
      withdraw: body.status === "failed" && !example,
    };
    await store.record(
      {
        clientId,
        taskId: task.taskId,
        status: body.status,
        comment: body.comment ?? null,
        correctedSql: body.corrected_sql ?? null,
        recordedAt: at,
      },
      changes,
    );
    c.var.log.info("feedback recorded", {
      task_id: task.taskId,
      client_id: clientId,
      status: body.status,
      verified: Boolean(changes.verify),
      proposed: Boolean(changes.propose),
      forgotten: changes.forget.length,
    });
    return c.json({ task_id: task.taskId, acknowledged: true as const, recorded_at: at }, 200, checked?.headers ?? {});
  });

  app.openapi(historyRoute, async (c) => {
    const { task_id } = c.req.valid("query");
    const task = await taskEntry(c, task_id);
    if (!task || !ownTask(c, task)) throw taskNotFound();
    requireAccess(c.var.access, "query", task.namespace, "task_id");
    const history = (await new FeedbackStore(c.env.DB).history(c.var.clientId, task_id)).map(entryJson);
    return c.json({ task_id, current: history[0] ?? null, history }, 200);
  });
}
