import { migrateSchema } from "../shared/do-schema";
import type { BucketState } from "./token-bucket";

/**
 * A RateLimiter's SQLite storage: its buckets and its task leases. The schema is versioned in code
 * like TaskStore: an established object skips the DDL; append a step to MIGRATIONS, never edit one
 * that shipped.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS buckets (
     name TEXT PRIMARY KEY,
     tokens REAL NOT NULL,
     at INTEGER NOT NULL,
     full_at INTEGER NOT NULL
   );
   CREATE TABLE IF NOT EXISTS leases (
     task_id TEXT PRIMARY KEY,
     acquired_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
];

export interface Lease {
  taskId: string;
  acquiredAt: number;
}

export class LimiterStore {
  constructor(private readonly sql: SqlStorage) {
    migrateSchema(sql, MIGRATIONS);
  }

  bucket(name: string): BucketState | undefined {
    const row = this.sql
      .exec<{ tokens: number; at: number }>("SELECT tokens, at FROM buckets WHERE name = ?", name)
      .toArray()[0];
    return row ? { tokens: row.tokens, at: row.at } : undefined;
  }

  /** `fullAt`: when the bucket holds its capacity again, i.e. when this row may be forgotten. */
  saveBucket(name: string, state: BucketState, fullAt: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO buckets (name, tokens, at, full_at) VALUES (?, ?, ?, ?)",
      name,
      state.tokens,
      state.at,
      Math.ceil(fullAt),
    );
  }

  /** Leases not yet expired; expired ones are dropped on the way (a crashed task's slot comes back). */
  activeLeases(now: number): Lease[] {
    this.sql.exec("DELETE FROM leases WHERE expires_at <= ?", now);
    return this.sql
      .exec<{ task_id: string; acquired_at: number }>("SELECT task_id, acquired_at FROM leases ORDER BY acquired_at")
      .toArray()
      .map((r) => ({ taskId: r.task_id, acquiredAt: r.acquired_at }));
  }

  addLease(taskId: string, now: number, ttlMs: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO leases (task_id, acquired_at, expires_at) VALUES (?, ?, ?)",
      taskId,
      now,
      now + ttlMs,
    );
  }

  removeLease(taskId: string): boolean {
    return this.sql.exec("DELETE FROM leases WHERE task_id = ?", taskId).rowsWritten > 0;
  }

  /** When everything stored is back to its resting state (buckets full, leases expired); 0 if empty. */
  restingAt(): number {
    const row = this.sql
      .exec<{ at: number | null }>(
        "SELECT max(at) AS at FROM (SELECT max(full_at) AS at FROM buckets UNION ALL SELECT max(expires_at) FROM leases)",
      )
      .one();
    return row.at ?? 0;
  }

  hasLeases(): boolean {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM leases").one().n > 0;
  }
}
