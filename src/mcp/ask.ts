import type { z } from "@hono/zod-openapi";
import type { TaskView } from "../api/schemas";
import { type ApiClient, ApiProblem, expectOk } from "./api-client";
import { describeEvent, taskEvents } from "./task-events";
import { type AskInput, type AskOutput, DEFAULT_TOOL_ROWS, type TaskOutput } from "./tool-schemas";

export type AskArgs = z.output<typeof AskInput>;

export interface AskOptions {
  /** The task id to run under: derived from the MCP request so a cancellation can find it (session.ts). */
  taskId: string;
  /** Aborted when the client cancels this request (in this isolate). */
  signal: AbortSignal;
  /** Called per task event; set when the client asked for progress (a progressToken). */
  progress?: (progress: number, message: string) => Promise<void>;
}

const taskPath = (taskId: string) => `/workflows/tasks/${encodeURIComponent(taskId)}`;

/**
 * A question through `POST /workflows/run` in async mode: the route admits it (grants, rate limit,
 * concurrent-task slot) and the caller's TaskRoom runs it; its event stream drives the progress
 * notifications, and the finished task is read back as `GET /workflows/tasks/{id}` shows it.
 */
export async function ask(api: ApiClient, args: AskArgs, options: AskOptions): Promise<AskOutput> {
  const { question, max_rows, ...rest } = args;
  const res = await expectOk(
    await api.request(
      "POST",
      "/workflows/run",
      { ...rest, task: question, mode: "async", task_id: options.taskId },
      { accept: "text/event-stream" },
    ),
  );
  const onAbort = () => api.waitUntil(cancelTask(api, options.taskId));
  options.signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const event of taskEvents(res.body!)) {
      // A client that went away must not fail the task: progress is best effort.
      await options.progress?.(event.id, describeEvent(event)).catch(() => {});
      if (event.event === "done") break;
    }
  } finally {
    options.signal.removeEventListener("abort", onAbort);
  }
  const task = await api.json<TaskView>("GET", taskPath(options.taskId));
  if (task.status === "pending" || task.status === "running") {
    // The stream reached its lifetime limit (MAX_STREAM_MINUTES) before the task finished.
    throw new ApiProblem(
      504,
      `Task ${task.task_id} is still ${task.status}; call get_task with this task_id for its answer`,
    );
  }
  const { rows, row_count, truncated } = boundRows(task, max_rows);
  return {
    task_id: task.task_id,
    status: task.status,
    workflow: task.workflow as AskOutput["workflow"],
    sql: task.sql,
    metadata: task.metadata ?? {},
    error: task.error,
    rows: rows ?? [],
    row_count,
    truncated,
    conversation_id: task.metadata?.conversation_id ?? null,
    clarification: task.metadata?.clarification ?? null,
  };
}

export async function getTask(api: ApiClient, taskId: string, maxRows: number | undefined): Promise<TaskOutput> {
  const task = await api.json<TaskView>("GET", taskPath(taskId));
  const { result: _all, ...view } = task;
  return { ...view, ...boundRows(task, maxRows) };
}

/** Cancels the caller's task through the route (a task already finished, or never created, is left as it is). */
export async function cancelTask(api: ApiClient, taskId: string): Promise<void> {
  const res = await api.request("POST", `${taskPath(taskId)}/cancel`);
  if (res.status !== 404) await expectOk(res);
}

/** At most `maxRows` rows; `truncated` also when the namespace's row or size limit cut the result. */
export function boundRows(task: Pick<TaskView, "result" | "metadata">, maxRows = DEFAULT_TOOL_ROWS) {
  const all = task.result;
  const counted = task.metadata?.row_count;
  const row_count = typeof counted === "number" ? counted : (all?.length ?? 0);
  if (!all) return { rows: null, row_count, truncated: task.metadata?.truncated === true };
  const rows = all.slice(0, maxRows);
  return { rows, row_count, truncated: rows.length < all.length || task.metadata?.truncated === true };
}
