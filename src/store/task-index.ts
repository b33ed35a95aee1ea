import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { tasks } from "./schema";

/**
 * The D1 index of tasks: lets a client list its recent tasks and lets feedback check ownership
 * without waking each task's Durable Object. The TaskRoom is the source of truth; this is a copy
 * kept in step at creation and at the end of a run.
 */
export interface TaskIndexEntry {
  clientId: string;
  taskId: string;
  workflow: string;
  namespace: string;
  question: string;
  status: string;
  sql: string | null;
  createdAt: string;
  updatedAt: string;
  /** The end user's `sub`; null or absent when the task answered for none. */
  endUser?: string | null;
}

/** The entry written or brought up to date: a query, so a batch (store/task-records.ts) can hold it. */
export function upsertEntry(db: DrizzleD1Database, entry: TaskIndexEntry) {
  return db
    .insert(tasks)
    .values(entry)
    .onConflictDoUpdate({
      target: [tasks.clientId, tasks.taskId],
      set: { status: entry.status, sql: entry.sql, updatedAt: entry.updatedAt },
    });
}

export class TaskIndex {
  private readonly db;

  constructor(d1: D1Database) {
    this.db = drizzle(d1);
  }

  async record(entry: TaskIndexEntry): Promise<void> {
    await upsertEntry(this.db, entry);
  }

  async update(
    clientId: string,
    taskId: string,
    change: { status: string; sql: string | null; updatedAt: string },
  ): Promise<void> {
    await this.db
      .update(tasks)
      .set(change)
      .where(and(eq(tasks.clientId, clientId), eq(tasks.taskId, taskId)));
  }

  async get(clientId: string, taskId: string): Promise<TaskIndexEntry | undefined> {
    const rows = await this.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.clientId, clientId), eq(tasks.taskId, taskId)))
      .limit(1);
    return rows[0];
  }

  async remove(clientId: string, taskId: string): Promise<void> {
    await this.db.delete(tasks).where(and(eq(tasks.clientId, clientId), eq(tasks.taskId, taskId)));
  }

  /**
   * Newest first; `before` is the cursor returned with the previous page (`createdAt|taskId`);
   * `namespaces` keeps only tasks of those namespaces (`"*"`: all); `endUser` only the tasks of
   * that end user (null: those asked for none), when given.
   */
  async list(
    clientId: string,
    limit: number,
    before?: { createdAt: string; taskId: string },
    namespaces: "*" | string[] = "*",
    endUser?: string | null,
  ): Promise<TaskIndexEntry[]> {
    const cursor = before
      ? or(
          lt(tasks.createdAt, before.createdAt),
          and(eq(tasks.createdAt, before.createdAt), lt(tasks.taskId, before.taskId)),
        )
      : undefined;
    return this.db
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.clientId, clientId),
          cursor,
          namespaces === "*" ? undefined : inArray(tasks.namespace, namespaces),
          endUser === undefined ? undefined : endUser === null ? isNull(tasks.endUser) : eq(tasks.endUser, endUser),
        ),
      )
      .orderBy(desc(tasks.createdAt), desc(tasks.taskId))
      .limit(limit);
  }
}
