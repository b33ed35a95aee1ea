import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { taskRecords, tasks } from "./schema";
import { type TaskIndexEntry, upsertEntry } from "./task-index";

/** A sync run the Worker answered itself, as D1 keeps it until its TaskRoom is needed (issue 18). */
export interface StoredTaskRecord {
  clientId: string;
  taskId: string;
  /** The task as JSON (tasks/task-store.ts TaskRecord). */
  task: string;
  /** Its numbered events as JSON. */
  events: string;
  finishedAt: string;
}

// Expired rows removed by one sweep: enough to keep up with one isolate's answers between two
// sweeps (tasks/worker-runs.ts sweeps once a minute per isolate), few enough for one batch.
const SWEEP_ROWS = 1_000;

export class TaskRecords {
  private readonly db;

  constructor(d1: D1Database) {
    this.db = drizzle(d1);
  }

  /**
   * The record and its index entry in one batch (one D1 round trip, one transaction). With
   * `expiredBefore`, the batch first sweeps up to SWEEP_ROWS records finished before it, and their
   * index entries: a task the Worker ran is listed and deleted like one its TaskRoom keeps. A
   * second record of the same task changes nothing.
   */
  async keep(record: StoredTaskRecord, entry: TaskIndexEntry, expiredBefore?: string): Promise<void> {
    const write = [
      upsertEntry(this.db, entry),
      this.db.insert(taskRecords).values(record).onConflictDoNothing(),
    ] as const;
    if (expiredBefore === undefined) {
      await this.db.batch(write);
      return;
    }
    const expired = sql`SELECT rowid FROM task_records WHERE finished_at < ${expiredBefore} ORDER BY finished_at LIMIT ${SWEEP_ROWS}`;
    await this.db.batch([
      this.db
        .delete(tasks)
        .where(sql`(client_id, task_id) IN (SELECT client_id, task_id FROM task_records WHERE rowid IN (${expired}))`),
      this.db.delete(taskRecords).where(sql`rowid IN (${expired})`),
      ...write,
    ]);
  }

  async get(clientId: string, taskId: string): Promise<StoredTaskRecord | undefined> {
    const rows = await this.db
      .select()
      .from(taskRecords)
      .where(and(eq(taskRecords.clientId, clientId), eq(taskRecords.taskId, taskId)))
      .limit(1);
    return rows[0];
  }

  async remove(clientId: string, taskId: string): Promise<void> {
    await this.db.delete(taskRecords).where(and(eq(taskRecords.clientId, clientId), eq(taskRecords.taskId, taskId)));
  }
}
