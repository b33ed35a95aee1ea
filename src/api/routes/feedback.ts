import { createRoute, z } from "@hono/zod-openapi";
import { namespacesFor, runQuestionSql, SqlExecutionError, useGateway } from "../../sql";
import { ApiError } from "../../shared/errors";
import { type ExampleChanges, type FeedbackEntry, FeedbackStore } from "../../store/feedback";
import { TaskIndex, type TaskIndexEntry } from "../../store/task-index";
import type { App } from "../app";
import { FeedbackHistory, FeedbackRequest, FeedbackResponse, problemResponses, TaskId } from "../schemas";

const submitRoute = createRoute({
  method: "post",
  path: "/workflows/feedback",
  tags: ["feedback"],
  summary: "Say whether a task's answer was right; verified answers teach later runs",
  description:
    "Only the client that ran the task may give feedback; feedback again replaces the current verdict and keeps the history. " +
    "`success` on a completed task stores its question and SQL as a verified example of the namespace; `corrected_sql` " +
    "(checked by the SQL guard and executed first: 422 when refused or failing) is stored instead. `failed` takes the task's " +
    "SQL back out of the examples. Later tasks in the namespace get the most similar examples as few-shot examples, and the " +
    "built-in generator answers a question that matches a verified one with its verified SQL.",
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { "application/json": { schema: FeedbackRequest } } } },
  responses: {
    200: { description: "Recorded", content: { "application/json": { schema: FeedbackResponse } } },
    ...problemResponses(400, 401, 404, 409, 415, 422, 503),
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
    ...problemResponses(400, 401, 404),
  },
});

const FINISHED = new Set(["completed", "failed", "cancelled"]);

// The same answer for an unknown task and another client's: whether a task id exists is not for others to learn.
const taskNotFound = () =>
  new ApiError(404, "No such task for this client", { kind: "task-not-found", errors: [{ path: "task_id", message: "no task with this id for this client" }] });

/** ISO-8601 UTC with seconds precision, as the contract's example "2024-01-15T14:30:15Z". */
export function recordedAt(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The corrected SQL as the guard normalised it, once it passed the guard and ran read-only on the
 * task's namespace. A refusal or a database error is the client's to fix (422, with the guard's or
 * the database's words); an unreachable database is ours (503): nothing is stored either way.
 */
async function checkedCorrection(env: Env, task: TaskIndexEntry, sql: string): Promise<string> {
  const lookup = namespacesFor(env).resolve(task.namespace);
  if (!lookup.ok) {
    throw new ApiError(409, `The task's namespace '${task.namespace}' is no longer configured, so corrected_sql cannot be checked`, { kind: "unknown-namespace" });
  }
  useGateway(env.NEON_GATEWAY_URL);
  try {
    return (await runQuestionSql(lookup.target, sql)).sql;
  } catch (error) {
    if (!(error instanceof SqlExecutionError)) throw error;
    if (error.kind === "unavailable" || error.kind === "cancelled") {
      throw new ApiError(503, `corrected_sql could not be checked right now: ${error.message}`, { kind: "database-unavailable", headers: { "retry-after": "5" } });
    }
    const refused = error.kind === "refused";
    const detail = refused ? `corrected_sql was refused by the SQL guard: ${error.message}` : `corrected_sql failed to execute: ${error.message}`;
    throw new ApiError(422, detail, {
      kind: refused ? "corrected-sql-refused" : "corrected-sql-failed",
      errors: [{ path: "corrected_sql", message: error.message }],
    });
  }
}

function entryJson(entry: FeedbackEntry) {
  return { status: entry.status, comment: entry.comment, corrected_sql: entry.correctedSql, recorded_at: entry.recordedAt };
}

export function registerFeedback(app: App): void {
  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid("json");
    const clientId = c.var.clientId;
    const task = await new TaskIndex(c.env.DB).get(clientId, body.task_id);
    if (!task) throw taskNotFound();
    if (!FINISHED.has(task.status)) {
      throw new ApiError(409, `The task is still ${task.status}; give feedback once it has finished`, { kind: "task-not-finished" });
    }
    const corrected = body.corrected_sql ? await checkedCorrection(c.env, task, body.corrected_sql) : null;

    const store = new FeedbackStore(c.env.DB);
    const at = recordedAt();
    // success verifies the task's own SQL (when it produced one); a correction is verified whatever the verdict.
    const verifiedSql = corrected ?? (body.status === "success" && task.status === "completed" ? task.sql : null);
    const changes: ExampleChanges = {
      forget: body.status === "failed" ? await store.examples.idsToForget(task) : [],
      verify: verifiedSql ? { namespace: task.namespace, question: task.question, sql: verifiedSql, sourceTaskId: task.taskId, clientId, at } : undefined,
    };
    await store.record(
      { clientId, taskId: task.taskId, status: body.status, comment: body.comment ?? null, correctedSql: body.corrected_sql ?? null, recordedAt: at },
      changes,
    );
    c.var.log.info("feedback recorded", { task_id: task.taskId, client_id: clientId, status: body.status, verified: Boolean(changes.verify), forgotten: changes.forget.length });
    return c.json({ task_id: task.taskId, acknowledged: true as const, recorded_at: at }, 200);
  });

  app.openapi(historyRoute, async (c) => {
    const { task_id } = c.req.valid("query");
    const task = await new TaskIndex(c.env.DB).get(c.var.clientId, task_id);
    if (!task) throw taskNotFound();
    const history = (await new FeedbackStore(c.env.DB).history(c.var.clientId, task_id)).map(entryJson);
    return c.json({ task_id, current: history[0] ?? null, history }, 200);
  });
}
