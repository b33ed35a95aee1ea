import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { answersSameQuestion, type ExampleCandidate, questionKey, questionTerms } from "../examples";
import { exampleProposals, verifiedExamples } from "./schema";

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
  /** The client whose task (and feedback) it came from. */
  clientId: string;
  /** The curator or admin who made it an example for everyone. */
  verifiedBy: string;
  at: string;
}

export type ExampleProposal = typeof exampleProposals.$inferSelect;
export type ProposalToStore = Omit<ExampleToStore, "verifiedBy">;

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

  /** The namespace's example for a question (by its question key), if it has one. */
  async byQuestion(namespace: string, question: string): Promise<VerifiedExample | undefined> {
    const t = verifiedExamples;
    const rows = await this.db
      .select()
      .from(t)
      .where(and(eq(t.namespace, namespace), eq(t.questionKey, questionKey(question))))
      .limit(1);
    return rows[0];
  }

  /** Newest first; `before` is the last row of the previous page. */
  async page(namespace: string, limit: number, before?: { updatedAt: string; id: number }): Promise<VerifiedExample[]> {
    const t = verifiedExamples;
    const cursor = before
      ? or(lt(t.updatedAt, before.updatedAt), and(eq(t.updatedAt, before.updatedAt), lt(t.id, before.id)))
      : undefined;
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
   * SQL keeps its example: the SQL may be right there. With `verifiedBy` (a verdict from a client
   * who may not curate), only examples that client verified itself: nothing others verified.
   */
  async idsToForget(task: FailedTask, verifiedBy?: string): Promise<number[]> {
    const t = verifiedExamples;
    if (verifiedBy !== undefined) {
      const rows = await this.db
        .select({ id: t.id })
        .from(t)
        .where(
          and(
            eq(t.namespace, task.namespace),
            eq(t.clientId, task.clientId),
            eq(t.sourceTaskId, task.taskId),
            eq(sql`coalesce(${t.verifiedBy}, ${t.clientId})`, verifiedBy),
          ),
        );
      return rows.map((r) => r.id);
    }
    const fromTask = and(eq(t.clientId, task.clientId), eq(t.sourceTaskId, task.taskId));
    const rows = await this.db
      .select({ id: t.id, question: t.question, sourceTaskId: t.sourceTaskId, clientId: t.clientId })
      .from(t)
      .where(and(eq(t.namespace, task.namespace), task.sql === null ? fromTask : or(fromTask, eq(t.sql, task.sql))))
      .limit(FORGET_SCAN_LIMIT);
    const asked = questionTerms(task.question);
    return rows
      .filter(
        (r) =>
          (r.clientId === task.clientId && r.sourceTaskId === task.taskId) ||
          answersSameQuestion(asked, questionTerms(r.question)),
      )
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
      verifiedBy: example.verifiedBy,
      createdAt: example.at,
      updatedAt: example.at,
    };
    return this.db
      .insert(verifiedExamples)
      .values(row)
      .onConflictDoUpdate({
        target: [verifiedExamples.namespace, verifiedExamples.questionKey],
        set: {
          question: row.question,
          sql: row.sql,
          sourceTaskId: row.sourceTaskId,
          clientId: row.clientId,
          verifiedBy: row.verifiedBy,
          updatedAt: row.updatedAt,
        },
      });
  }

  /** Records (or replaces) the proposal of a client's task, pending a curator's verification. */
  proposeStatement(proposal: ProposalToStore) {
    const row = {
      ...proposal,
      status: "pending" as const,
      reviewedBy: null,
      createdAt: proposal.at,
      updatedAt: proposal.at,
    };
    const { at: _at, ...values } = row;
    return this.db
      .insert(exampleProposals)
      .values(values)
      .onConflictDoUpdate({
        target: [exampleProposals.clientId, exampleProposals.sourceTaskId],
        set: {
          question: values.question,
          sql: values.sql,
          namespace: values.namespace,
          status: "pending",
          reviewedBy: null,
          updatedAt: values.updatedAt,
        },
      });
  }

  /** A `failed` verdict withdraws the task's pending proposal (a verified one stays the curator's). */
  withdrawStatement(clientId: string, sourceTaskId: string, at: string) {
    const p = exampleProposals;
    return this.db
      .update(p)
      .set({ status: "withdrawn", updatedAt: at })
      .where(and(eq(p.clientId, clientId), eq(p.sourceTaskId, sourceTaskId), eq(p.status, "pending")));
  }

  /** The proposal a curator may verify, or undefined when the namespace has no such pending one. */
  async proposal(namespace: string, id: number): Promise<ExampleProposal | undefined> {
    const rows = await this.db
      .select()
      .from(exampleProposals)
      .where(and(eq(exampleProposals.namespace, namespace), eq(exampleProposals.id, id)))
      .limit(1);
    return rows[0];
  }

  /** A namespace's proposals, newest first; `clientId` limits them to one client's. */
  async proposals(
    namespace: string,
    options: { status?: ExampleProposal["status"]; clientId?: string; limit: number; beforeId?: number },
  ): Promise<ExampleProposal[]> {
    const p = exampleProposals;
    return this.db
      .select()
      .from(p)
      .where(
        and(
          eq(p.namespace, namespace),
          options.status ? eq(p.status, options.status) : undefined,
          options.clientId !== undefined ? eq(p.clientId, options.clientId) : undefined,
          options.beforeId !== undefined ? lt(p.id, options.beforeId) : undefined,
        ),
      )
      .orderBy(desc(p.id))
      .limit(options.limit);
  }

  /**
   * Verifies a pending proposal: it becomes the namespace's example for its question (for every
   * client), in one batch with the proposal's new status.
   */
  async verifyProposal(proposal: ExampleProposal, curator: string, at: string): Promise<void> {
    const p = exampleProposals;
    await this.db.batch([
      this.upsertStatement({
        namespace: proposal.namespace,
        question: proposal.question,
        sql: proposal.sql,
        sourceTaskId: proposal.sourceTaskId,
        clientId: proposal.clientId,
        verifiedBy: curator,
        at,
      }),
      this.db.update(p).set({ status: "verified", reviewedBy: curator, updatedAt: at }).where(eq(p.id, proposal.id)),
    ]);
  }

  deleteStatement(ids: number[]) {
    return this.db.delete(verifiedExamples).where(inArray(verifiedExamples.id, ids));
  }
}
