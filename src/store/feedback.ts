import { and, desc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type ExampleToStore, type ProposalToStore, VerifiedExampleStore } from "./examples";
import { feedback } from "./schema";

/**
 * Feedback on tasks (table `feedback`): every verdict is a new row, the newest per task is the
 * current one, so a changed mind never erases what was said before.
 */
export type FeedbackStatus = "success" | "failed";

export interface FeedbackEntry {
  id: number;
  status: FeedbackStatus;
  comment: string | null;
  correctedSql: string | null;
  recordedAt: string;
}

export interface NewFeedback {
  clientId: string;
  taskId: string;
  status: FeedbackStatus;
  comment: string | null;
  correctedSql: string | null;
  recordedAt: string;
}

/**
 * What the verdict teaches: examples to take back (by id), one to store as verified (a curator's
 * verdict) or one to propose for a curator (anyone else's), and whether the task's pending
 * proposal is withdrawn.
 */
export interface ExampleChanges {
  forget: number[];
  verify?: ExampleToStore | undefined;
  propose?: ProposalToStore | undefined;
  withdraw?: boolean;
}

// A history longer than this is someone scripting verdicts; the newest ones are what matter.
export const MAX_HISTORY = 100;

export class FeedbackStore {
  private readonly db: DrizzleD1Database;
  readonly examples: VerifiedExampleStore;

  constructor(d1: D1Database) {
    this.db = drizzle(d1);
    this.examples = new VerifiedExampleStore(this.db);
  }

  /**
   * Records the verdict and applies what it teaches in one D1 batch (a transaction): the examples
   * never disagree with the feedback that changed them, even if the Worker dies half-way.
   * Deletes run before the insert so a correction of the same question replaces the old row.
   */
  async record(entry: NewFeedback, changes: ExampleChanges): Promise<void> {
    const statements: BatchItem<"sqlite">[] = [this.db.insert(feedback).values(entry)];
    if (changes.forget.length > 0) statements.push(this.examples.deleteStatement(changes.forget));
    if (changes.withdraw)
      statements.push(this.examples.withdrawStatement(entry.clientId, entry.taskId, entry.recordedAt));
    if (changes.verify) statements.push(this.examples.upsertStatement(changes.verify));
    if (changes.propose) statements.push(this.examples.proposeStatement(changes.propose));
    await this.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }

  /** The task's verdicts, newest (= current) first. */
  async history(clientId: string, taskId: string, limit = MAX_HISTORY): Promise<FeedbackEntry[]> {
    // Ordered by id, not recorded_at: two verdicts in the same second keep the order they arrived in.
    return this.db
      .select({
        id: feedback.id,
        status: feedback.status,
        comment: feedback.comment,
        correctedSql: feedback.correctedSql,
        recordedAt: feedback.recordedAt,
      })
      .from(feedback)
      .where(and(eq(feedback.clientId, clientId), eq(feedback.taskId, taskId)))
      .orderBy(desc(feedback.id))
      .limit(limit);
  }
}
