import type { TaskIndexEntry } from "../store/task-index";
import { TaskRecords } from "../store/task-records";
import type { TaskStatus } from "../workflow/events";
import type { FinishedTask } from "./execute";
import type { TaskRequest } from "./task-room";
import type { PendingEvent, TaskRecord } from "./task-store";

/**
 * Where a sync run the Worker answered itself is kept (issue 18): D1, in one batch with its index
 * entry, instead of a new TaskRoom per task — in this local runtime a new SQLite file per run, about
 * a third of the run's CPU. Most such tasks are never asked for again; the few that are get their
 * TaskRoom created from this record on first need (TaskRoom.load), and it serves them from then on.
 */

export interface TaskKey {
  clientId: string;
  taskId: string;
}

// How often an isolate sweeps expired records with a write: a sweep is two more statements in the
// batch, so most writes skip it; records outlive their retention by at most this long unswept, and
// are never loaded once expired (recordedWorkerRun).
const SWEEP_EVERY_MS = 60_000;
let nextSweepAt = 0;

/**
 * The finished task, its events and its index entry, written together; expired records are swept
 * with it once a minute per isolate (`sweep` forces or skips that, for a test).
 */
export async function keepWorkerRun(
  db: D1Database,
  finished: FinishedTask,
  retentionMs: number,
  { now = Date.now(), sweep = now >= nextSweepAt }: { now?: number; sweep?: boolean } = {},
): Promise<void> {
  const { record, events } = finished;
  const finishedAt = record.finishedAt ?? record.createdAt;
  if (sweep) nextSweepAt = now + SWEEP_EVERY_MS;
  await new TaskRecords(db).keep(
    {
      clientId: record.clientId,
      taskId: record.taskId,
      task: JSON.stringify(record),
      events: JSON.stringify(events),
      finishedAt,
    },
    indexEntry(record, record.status, record.sql, finishedAt),
    sweep ? new Date(now - retentionMs).toISOString() : undefined,
  );
}

/** The task the Worker ran under this key, unless there is none or its retention has passed. */
export async function recordedWorkerRun(
  db: D1Database,
  key: TaskKey,
  retentionMs: number,
  now = Date.now(),
): Promise<FinishedTask | undefined> {
  const row = await new TaskRecords(db).get(key.clientId, key.taskId);
  if (!row || Date.parse(row.finishedAt) + retentionMs <= now) return undefined;
  return { record: JSON.parse(row.task) as TaskRecord, events: JSON.parse(row.events) as PendingEvent[] };
}

/** Dropped once its TaskRoom holds the task: the object is the source of truth from then on. */
export async function forgetWorkerRun(db: D1Database, key: TaskKey): Promise<void> {
  await new TaskRecords(db).remove(key.clientId, key.taskId);
}

/** The D1 index's copy of a task, as of `updatedAt`. */
export function indexEntry(
  task: TaskRecord,
  status: TaskStatus,
  sql: string | null,
  updatedAt: string,
): TaskIndexEntry {
  const request = task.request as TaskRequest;
  return {
    clientId: task.clientId,
    taskId: task.taskId,
    workflow: request.workflow,
    namespace: request.namespace,
    question: request.task,
    status,
    sql,
    createdAt: task.createdAt,
    updatedAt,
    endUser: task.endUser?.sub ?? null,
  };
}
