import { migrateSchema } from "../shared/do-schema";
import type { EventName, TaskStatus, WorkflowEvent } from "../workflow/events";

/**
 * A TaskRoom's SQLite storage: one task, its event log and its result. The schema is versioned in
 * code: an established object skips the DDL, a new version migrates in place (append a step to
 * MIGRATIONS; never edit one that shipped).
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS task (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     client_id TEXT NOT NULL,
     task_id TEXT NOT NULL,
     request_hash TEXT NOT NULL,
     request TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     runs INTEGER NOT NULL DEFAULT 0,
     sql TEXT,
     result TEXT,
     metadata TEXT,
     error TEXT,
     execution_time REAL
   );
   CREATE TABLE IF NOT EXISTS events (
     seq INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     data TEXT NOT NULL,
     at TEXT NOT NULL
   );`,
  // Issue 15: the end user a task answers for (their `sub` and the attributes its policies read).
  `ALTER TABLE task ADD COLUMN end_user TEXT`,
];

export interface TaskRecord {
  clientId: string;
  taskId: string;
  requestHash: string;
  request: unknown;
  status: TaskStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  runs: number;
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown> | null;
  error: string | null;
  executionTime: number | null;
  /** The end user the task answers for; null when the client asked for itself. */
  endUser: TaskEndUser | null;
}

export interface TaskEndUser {
  sub: string;
  attributes: Record<string, string | string[]>;
}

export interface StoredEvent extends Record<string, SqlStorageValue> {
  seq: number;
  name: string;
  data: string;
}

/** An event numbered by the TaskRoom and not yet written (tasks/event-buffer.ts). */
export interface PendingEvent {
  seq: number;
  name: EventName;
  /** The payload as JSON. */
  data: string;
  at: string;
}

// Durable Object SQL binds at most 100 parameters per statement: 4 per event row.
const EVENT_ROWS_PER_INSERT = 25;

export class TaskStore {
  constructor(private readonly sql: SqlStorage) {
    migrateSchema(sql, MIGRATIONS);
  }

  get(): TaskRecord | undefined {
    const row = this.sql.exec<Record<string, SqlStorageValue>>("SELECT * FROM task WHERE id = 1").toArray()[0];
    if (!row) return undefined;
    const json = <T>(v: SqlStorageValue | undefined): T | null => (typeof v === "string" ? (JSON.parse(v) as T) : null);
    return {
      clientId: row.client_id as string,
      taskId: row.task_id as string,
      requestHash: row.request_hash as string,
      request: JSON.parse(row.request as string),
      status: row.status as TaskStatus,
      createdAt: row.created_at as string,
      startedAt: (row.started_at as string | null) ?? null,
      finishedAt: (row.finished_at as string | null) ?? null,
      runs: Number(row.runs),
      sql: (row.sql as string | null) ?? null,
      result: json(row.result),
      metadata: json(row.metadata),
      error: (row.error as string | null) ?? null,
      executionTime: row.execution_time === null ? null : Number(row.execution_time),
      endUser: json<TaskEndUser>(row.end_user),
    };
  }

  create(task: {
    clientId: string;
    taskId: string;
    requestHash: string;
    request: unknown;
    createdAt: string;
    endUser?: TaskEndUser | undefined;
  }): void {
    this.sql.exec(
      "INSERT INTO task (id, client_id, task_id, request_hash, request, status, created_at, end_user) VALUES (1, ?, ?, ?, ?, 'pending', ?, ?)",
      task.clientId,
      task.taskId,
      task.requestHash,
      JSON.stringify(task.request),
      task.createdAt,
      task.endUser ? JSON.stringify(task.endUser) : null,
    );
  }

  /** A whole task at once: one the Worker ran and kept in D1, taken over by its TaskRoom (`load`). */
  put(task: TaskRecord): void {
    this.sql.exec(
      `INSERT INTO task (id, client_id, task_id, request_hash, request, status, created_at, started_at, finished_at,
         runs, sql, result, metadata, error, execution_time, end_user)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      task.clientId,
      task.taskId,
      task.requestHash,
      JSON.stringify(task.request),
      task.status,
      task.createdAt,
      task.startedAt,
      task.finishedAt,
      task.runs,
      task.sql,
      task.result === null ? null : JSON.stringify(task.result),
      task.metadata === null ? null : JSON.stringify(task.metadata),
      task.error,
      task.executionTime,
      task.endUser ? JSON.stringify(task.endUser) : null,
    );
  }

  markRunning(at: string): number {
    this.sql.exec("UPDATE task SET status = 'running', started_at = ?, runs = runs + 1 WHERE id = 1", at);
    return this.get()?.runs ?? 0;
  }

  finish(outcome: {
    status: Exclude<TaskStatus, "pending" | "running">;
    sql: string | null;
    result: unknown;
    metadata: unknown;
    error: string | null;
    executionTime: number;
    at: string;
  }): void {
    this.sql.exec(
      "UPDATE task SET status = ?, sql = ?, result = ?, metadata = ?, error = ?, execution_time = ?, finished_at = ? WHERE id = 1",
      outcome.status,
      outcome.sql,
      outcome.result === null ? null : JSON.stringify(outcome.result),
      outcome.metadata === null ? null : JSON.stringify(outcome.metadata),
      outcome.error,
      outcome.executionTime,
      outcome.at,
    );
  }

  appendEvent(name: EventName, data: unknown, at: string): number {
    const row = this.sql
      .exec<{ seq: number }>(
        "INSERT INTO events (name, data, at) VALUES (?, ?, ?) RETURNING seq",
        name,
        JSON.stringify(data),
        at,
      )
      .one();
    return row.seq;
  }

  /** Numbered events in as few statements as the parameter limit allows (the caller holds the transaction). */
  appendEvents(events: readonly PendingEvent[]): void {
    for (let i = 0; i < events.length; i += EVENT_ROWS_PER_INSERT) {
      const rows = events.slice(i, i + EVENT_ROWS_PER_INSERT);
      this.sql.exec(
        `INSERT INTO events (seq, name, data, at) VALUES ${rows.map(() => "(?, ?, ?, ?)").join(", ")}`,
        ...rows.flatMap((e) => [e.seq, e.name, e.data, e.at]),
      );
    }
  }

  eventsAfter(seq: number, limit = 500): StoredEvent[] {
    return this.sql
      .exec<StoredEvent>("SELECT seq, name, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?", seq, limit)
      .toArray();
  }

  lastSeq(): number {
    return this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM events").one().seq ?? 0;
  }

  events(): WorkflowEvent[] {
    return this.eventsAfter(0, 100_000).map((e) => ({ event: e.name, data: JSON.parse(e.data) }) as WorkflowEvent);
  }
}
