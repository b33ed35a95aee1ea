import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { conversations, conversationTurns } from "./schema";

/**
 * Conversations and their turns in D1 (issue 16). Every read and write names the owner — the client
 * and the end user (null: none) — so another owner's conversation is simply not found.
 */
export interface ConversationOwner {
  clientId: string;
  endUser: string | null;
}

export interface ConversationRow {
  id: string;
  clientId: string;
  endUser: string | null;
  namespace: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface TurnRow {
  conversationId: string;
  turn: number;
  taskId: string;
  question: string;
  standalone: string | null;
  status: string;
  sql: string | null;
  summary: string | null;
  clarification: string | null;
  createdAt: string;
  updatedAt: string;
}

export class ConversationStore {
  private readonly db;

  constructor(d1: D1Database) {
    this.db = drizzle(d1);
  }

  private owned(owner: ConversationOwner) {
    return and(
      eq(conversations.clientId, owner.clientId),
      owner.endUser === null ? isNull(conversations.endUser) : eq(conversations.endUser, owner.endUser),
    );
  }

  /** The owner's conversation, unless it expired (`notBefore`: updated at or after it). */
  async get(owner: ConversationOwner, id: string, notBefore: string): Promise<ConversationRow | undefined> {
    const rows = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), this.owned(owner), sql`${conversations.updatedAt} >= ${notBefore}`))
      .limit(1);
    return rows[0];
  }

  /** Newest activity first; `before` is the last row of the previous page. */
  async list(
    owner: ConversationOwner,
    limit: number,
    notBefore: string,
    before?: { updatedAt: string; id: string },
    namespaces: "*" | string[] = "*",
  ): Promise<ConversationRow[]> {
    const cursor = before
      ? or(
          lt(conversations.updatedAt, before.updatedAt),
          and(eq(conversations.updatedAt, before.updatedAt), lt(conversations.id, before.id)),
        )
      : undefined;
    return this.db
      .select()
      .from(conversations)
      .where(
        and(
          this.owned(owner),
          cursor,
          sql`${conversations.updatedAt} >= ${notBefore}`,
          namespaces === "*" ? undefined : inArray(conversations.namespace, namespaces),
        ),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(limit);
  }

  async turns(id: string): Promise<TurnRow[]> {
    return this.db
      .select()
      .from(conversationTurns)
      .where(eq(conversationTurns.conversationId, id))
      .orderBy(asc(conversationTurns.turn));
  }

  /** Deletes the owner's conversation and its turns; false when there was none. */
  async delete(owner: ConversationOwner, id: string): Promise<boolean> {
    const gone = await this.db
      .delete(conversations)
      .where(and(eq(conversations.id, id), this.owned(owner)))
      .returning({ id: conversations.id });
    if (gone.length === 0) return false;
    await this.db.delete(conversationTurns).where(eq(conversationTurns.conversationId, id));
    return true;
  }

  /**
   * Records a turn as started: creates the conversation on its first turn (the owner's), numbers the
   * turn after the existing ones. The task id is unique in a conversation, so a re-run task keeps its turn.
   */
  async startTurn(
    owner: ConversationOwner,
    conversation: { id: string; namespace: string },
    turn: { taskId: string; question: string; at: string },
  ): Promise<void> {
    await this.db
      .insert(conversations)
      .values({
        id: conversation.id,
        ...owner,
        namespace: conversation.namespace,
        title: turn.question.slice(0, 200),
        createdAt: turn.at,
        updatedAt: turn.at,
      })
      .onConflictDoUpdate({ target: conversations.id, set: { updatedAt: turn.at } });
    await this.db.run(sql`INSERT INTO conversation_turns
        (conversation_id, turn, task_id, question, status, created_at, updated_at)
      SELECT ${conversation.id}, COALESCE(MAX(turn), 0) + 1, ${turn.taskId}, ${turn.question}, 'running', ${turn.at}, ${turn.at}
        FROM conversation_turns WHERE conversation_id = ${conversation.id}
      ON CONFLICT (conversation_id, task_id) DO NOTHING`);
  }

  async finishTurn(
    conversationId: string,
    taskId: string,
    change: {
      status: string;
      standalone: string | null;
      sql: string | null;
      summary: string | null;
      clarification: string | null;
      at: string;
    },
  ): Promise<void> {
    const { at, ...rest } = change;
    await this.db
      .update(conversationTurns)
      .set({ ...rest, updatedAt: at })
      .where(and(eq(conversationTurns.conversationId, conversationId), eq(conversationTurns.taskId, taskId)));
    await this.db.update(conversations).set({ updatedAt: at }).where(eq(conversations.id, conversationId));
  }

  /** Drops the owner's conversations older than `notBefore` (retention), with their turns. */
  async purge(owner: ConversationOwner, notBefore: string): Promise<void> {
    const old = await this.db
      .delete(conversations)
      .where(and(this.owned(owner), lt(conversations.updatedAt, notBefore)))
      .returning({ id: conversations.id });
    for (const { id } of old) await this.db.delete(conversationTurns).where(eq(conversationTurns.conversationId, id));
  }
}
