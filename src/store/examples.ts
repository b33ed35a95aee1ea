import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { answersSameQuestion, type ExampleCandidate, questionKey, questionTerms } from "../learning";
import { verifiedExamples } from "./schema";

/**
 * Verified question/SQL pairs in D1 (table `verified_examples`). Reads are here; writes are built as
 * statements so FeedbackStore can commit them in one batch with the feedback row that caused them.
 */
export type VerifiedExample = typeof verifiedExamples.$inferSelect;

/**
 * How many of a namespace's newest examples a task scores. Bounds one D1 read and the in-memory
 * scoring per task; a team that verifies more than this keeps its most recent knowledge.
 */
export const RETRIEVAL_WINDOW = 500;
// Rows a `failed` verdict looks at when searching for examples with the task's SQL.
const FORGET_SCAN_LIMIT = 100;

export interface ExampleToStore {
  namespace: string;
  question: string;
  sql: string;
  sourceTaskId: string;
  clientId: string;
  at: string;
}

/** The task a `failed` verdict is about, as the D1 tasks index knows it. */
export interface FailedTask {
  clientId: string;
  taskId: string;
  namespace: string;
  question: string;
  sql: string | null;
}

export class VerifiedExampleStore {
  private readonly db: DrizzleD1Database;

  constructor(d1: D1Database | DrizzleD1Database) {
    this.db = "select" in d1 ? d1 : drizzle(d1);
  }

  /** The namespace's newest examples, for rankExamples. */
  async recent(namespace: string, limit = RETRIEVAL_WINDOW): Promise<ExampleCandidate[]> {
    return this.db
      .select({ id: verifiedExamples.id, question: verifiedExamples.question, sql: verifiedExamples.sql })
      .from(verifiedExamples)
      .where(eq(verifiedExamples.namespace, namespace))
      .orderBy(desc(verifiedExamples.updatedAt), desc(verifiedExamples.id))
      .limit(limit);
  }

  /** Newest first; `before` is the last row of the previous page. */
  async page(namespace: string, limit: number, before?: { updatedAt: string; id: number }): Promise<VerifiedExample[]> {
    const t = verifiedExamples;
    const cursor = before ? or(lt(t.updatedAt, before.updatedAt), and(eq(t.updatedAt, before.updatedAt), lt(t.id, before.id))) : undefined;
    return this.db
      .select()
      .from(t)
      .where(cursor ? and(eq(t.namespace, namespace), cursor) : eq(t.namespace, namespace))
      .orderBy(desc(t.updatedAt), desc(t.id))
      .limit(limit);
  }

  /**
   * Examples a `failed` verdict on `task` takes back: the one this task verified, and any example
   * whose SQL the task returned for the same question (the built-in generator answered from it
   * directly, so the verdict says that example is wrong). Another question that merely shares the
   * SQL keeps its example: the SQL may be right there.
   */
  async idsToForget(task: FailedTask): Promise<number[]> {
    const t = verifiedExamples;
    const fromTask = and(eq(t.clientId, task.clientId), eq(t.sourceTaskId, task.taskId));
    const rows = await this.db
      .select({ id: t.id, question: t.question, sourceTaskId: t.sourceTaskId, clientId: t.clientId })
      .from(t)
      .where(and(eq(t.namespace, task.namespace), task.sql === null ? fromTask : or(fromTask, eq(t.sql, task.sql))))
      .limit(FORGET_SCAN_LIMIT);
    const asked = questionTerms(task.question);
    return rows
      .filter((r) => (r.clientId === task.clientId && r.sourceTaskId === task.taskId) || answersSameQuestion(asked, questionTerms(r.question)))
      .map((r) => r.id);
  }

  /** Insert, or replace the SQL of the same question in the namespace (the newest verdict wins). */
  upsertStatement(example: ExampleToStore) {
    const row = {
      namespace: example.namespace,
      question: example.question,
      questionKey: questionKey(example.question),
      sql: example.sql,
      sourceTaskId: example.sourceTaskId,
      clientId: example.clientId,
      createdAt: example.at,
      updatedAt: example.at,
    };
    return this.db
      .insert(verifiedExamples)
      .values(row)
      .onConflictDoUpdate({
        target: [verifiedExamples.namespace, verifiedExamples.questionKey],
        set: { question: row.question, sql: row.sql, sourceTaskId: row.sourceTaskId, clientId: row.clientId, updatedAt: row.updatedAt },
      });
  }

  deleteStatement(ids: number[]) {
    return this.db.delete(verifiedExamples).where(inArray(verifiedExamples.id, ids));
  }
}
