import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireAccess } from "../../auth/access";
import { ApiError } from "../../shared/errors";
import { TaskIndex } from "../../store/task-index";
import type { App, AppEnv } from "../app";
import { problemResponses, TaskId, TaskView } from "../schemas";
import { resumeAfter, sameEndUser, streamEvents, type TaskRoomClient, taskKey, taskStub } from "./workflows";

const TaskParams = z.object({ task_id: TaskId.openapi({ param: { name: "task_id", in: "path" } }) });

const notFound = () => new ApiError(404, "No such task for this client", { kind: "task-not-found" });

const statusRoute = createRoute({
  method: "get",
  path: "/workflows/tasks/{task_id}",
  tags: ["tasks"],
  summary: "A task's status, SQL, result and metadata",
  security: [{ bearer: [] }],
  request: { params: TaskParams },
  responses: {
    200: { description: "The task", content: { "application/json": { schema: TaskView } } },
    ...problemResponses(401, 403, 404),
  },
});

const eventsRoute = createRoute({
  method: "get",
  path: "/workflows/tasks/{task_id}/events",
  tags: ["tasks"],
  summary: "The task's events as Server-Sent Events, resumable with Last-Event-ID (or ?after=)",
  description:
    "Replays stored events after the given id, then follows live ones until `done`. 204 when the task finished and everything was delivered.",
  security: [{ bearer: [] }],
  request: {
    params: TaskParams,
    query: z.object({ after: z.string().optional() }),
    headers: z.object({ "last-event-id": z.string().optional() }),
  },
  responses: {
    200: { description: "text/event-stream", content: { "text/event-stream": { schema: z.string() } } },
    204: { description: "Finished and fully delivered: stop reconnecting" },
    ...problemResponses(400, 401, 403, 404),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/workflows/tasks/{task_id}/cancel",
  tags: ["tasks"],
  summary: "Cancel a pending or running task (stops at the next node boundary, aborts the in-flight call)",
  security: [{ bearer: [] }],
  request: { params: TaskParams },
  responses: {
    200: { description: "The task after cancelling", content: { "application/json": { schema: TaskView } } },
    ...problemResponses(401, 403, 404),
  },
});

// Enough for a dashboard page; larger pages would make one D1 read unbounded.
const MAX_PAGE = 100;

const listRoute = createRoute({
  method: "get",
  path: "/workflows/tasks",
  tags: ["tasks"],
  summary: "The caller's recent tasks, newest first, paged",
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
      cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of tasks",
      content: {
        "application/json": {
          schema: z.object({
            tasks: z.array(
              z.object({
                task_id: z.string(),
                workflow: z.string(),
                namespace: z.string(),
                task: z.string(),
                status: z.string(),
                sql: z.string().nullable(),
                created_at: z.string(),
                updated_at: z.string(),
              }),
            ),
            next_cursor: z.string().nullable(),
          }),
        },
      },
    },
    ...problemResponses(400, 401),
  },
});

/**
 * The caller's task, once auth/ allows it the task's namespace: a grant taken away after the task
 * ran closes its results too (403 naming task_id).
 */
async function grantedTask(c: Context<AppEnv>, stub: TaskRoomClient, taskId: string): Promise<TaskView> {
  // With its key: a sync run the Worker answered gets its TaskRoom from D1 here, on first need.
  const task = await stub.status(taskKey(c, taskId));
  if (!task || !sameEndUser(c, task)) throw notFound();
  requireAccess(c.var.access, "query", task.namespace, "task_id");
  return task;
}

export function registerTasks(app: App): void {
  app.openapi(statusRoute, async (c) => {
    const { task_id } = c.req.valid("param");
    const task = await grantedTask(c, taskStub(c, task_id), task_id);
    return c.json(task, 200);
  });

  app.openapi(eventsRoute, async (c) => {
    const after = resumeAfter(c.req.valid("header")["last-event-id"], c.req.valid("query").after);
    const { task_id } = c.req.valid("param");
    const stub = taskStub(c, task_id);
    await grantedTask(c, stub, task_id);
    return streamEvents(stub, after, taskKey(c, task_id)) as never;
  });

  app.openapi(cancelRoute, async (c) => {
    const { task_id } = c.req.valid("param");
    const stub = taskStub(c, task_id);
    await grantedTask(c, stub, task_id);
    const task = await stub.cancel();
    if (!task) throw notFound();
    return c.json(task, 200);
  });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const before = cursor ? parseCursor(cursor) : undefined;
    const rows = await new TaskIndex(c.env.DB).list(
      c.var.clientId,
      limit + 1,
      before,
      c.var.access.namespaceFilter(),
      c.var.endUser?.sub ?? null,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? btoa(JSON.stringify([last.createdAt, last.taskId])) : null;
    return c.json(
      {
        tasks: page.map((t) => ({
          task_id: t.taskId,
          workflow: t.workflow,
          namespace: t.namespace,
          task: t.question,
          status: t.status,
          sql: t.sql,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })),
        next_cursor: next,
      },
      200,
    );
  });
}

/** A next_cursor of this API, `[createdAt, taskId]`; anything else (`MQ==` is `1`) is the client's error, not a 500. */
function parseCursor(cursor: string): { createdAt: string; taskId: string } {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { createdAt: value[0], taskId: value[1] };
    }
  } catch {
    // refused below
  }
  throw new ApiError(400, "cursor is not a next_cursor value from this API", {
    kind: "validation-error",
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });
}
