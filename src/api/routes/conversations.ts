import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireAccess } from "../../auth/access";
import { conversationCutoff, newConversationId } from "../../conversations";
import { Clarification } from "../../shared/answer";
import { ApiError } from "../../shared/errors";
import { type ConversationOwner, type ConversationRow, ConversationStore } from "../../store/conversations";
import type { App, AppEnv } from "../app";
import { problemResponses } from "../schemas";

/**
 * Conversations (issue 16): GET /conversations (the caller's, newest activity first, paged),
 * GET /conversations/{id} (its turns with their task ids), DELETE /conversations/{id}. A conversation
 * belongs to its client and end user: anyone else's is a 404, as if it did not exist.
 */
const ConversationPath = z.object({
  conversation_id: z
    .string()
    .regex(/^conv_[0-9a-f]{24}$/, "not a conversation id")
    .openapi({ param: { name: "conversation_id", in: "path" }, example: "conv_5f0c2a9e11d45f0c2a9e11d4" }),
});

const Turn = z
  .object({
    turn: z.number().int(),
    task_id: z.string(),
    question: z.string().openapi({ description: "As asked" }),
    read_as: z.string().nullable().openapi({ description: "As read with the earlier turns" }),
    status: z.string(),
    sql: z.string().nullable(),
    summary: z.string().nullable().openapi({ description: "Rows, columns and first values of the result" }),
    clarification: Clarification.nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ConversationTurn");

const ConversationSummary = z
  .object({
    conversation_id: z.string(),
    namespace: z.string(),
    title: z.string().openapi({ description: "The first question" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ConversationSummary");

const Conversation = ConversationSummary.extend({ turns: z.array(Turn) }).openapi("Conversation");

const ConversationsPage = z
  .object({ conversations: z.array(ConversationSummary), next_cursor: z.string().nullable() })
  .openapi("ConversationsPage");

const MAX_PAGE = 100;

const listRoute = createRoute({
  method: "get",
  path: "/conversations",
  tags: ["conversations"],
  summary: "The caller's conversations, newest activity first, paged",
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
      cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
    }),
  },
  responses: {
    200: { description: "A page of conversations", content: { "application/json": { schema: ConversationsPage } } },
    ...problemResponses(400, 401),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/conversations/{conversation_id}",
  tags: ["conversations"],
  summary: "A conversation's turns, each with its task id, how it was read, its SQL and clarification",
  security: [{ bearer: [] }],
  request: { params: ConversationPath },
  responses: {
    200: { description: "The conversation", content: { "application/json": { schema: Conversation } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/conversations/{conversation_id}",
  tags: ["conversations"],
  summary: "Delete a conversation (its tasks stay until their own retention ends)",
  security: [{ bearer: [] }],
  request: { params: ConversationPath },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(400, 401, 404),
  },
});

const notFound = () =>
  new ApiError(404, "No such conversation for this client", {
    kind: "conversation-not-found",
    errors: [{ path: "conversation_id", message: "no such conversation" }],
  });

function ownerOf(c: Context<AppEnv>): ConversationOwner {
  return { clientId: c.var.clientId, endUser: c.var.endUser?.sub ?? null };
}

/**
 * The conversation a run request names: "new" gets a fresh id; any other id must be the caller's,
 * unexpired and on the same namespace. Undefined when the request names none (the seed contract).
 */
export async function conversationFor(
  c: Context<AppEnv>,
  request: { conversation_id?: string | undefined; namespace: string },
): Promise<string | undefined> {
  const id = request.conversation_id;
  if (id === undefined) return undefined;
  if (id === "new") return newConversationId();
  const found = await new ConversationStore(c.env.DB).get(
    ownerOf(c),
    id,
    conversationCutoff(c.var.config.taskRetentionMs),
  );
  if (!found) throw notFound();
  if (found.namespace !== request.namespace)
    throw new ApiError(400, `conversation ${id} asks about namespace '${found.namespace}'`, {
      kind: "validation-error",
      errors: [{ path: "namespace", message: `must be '${found.namespace}', the conversation's namespace` }],
    });
  return id;
}

function summary(row: ConversationRow) {
  return {
    conversation_id: row.id,
    namespace: row.namespace,
    title: row.title,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function registerConversations(app: App): void {
  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const store = new ConversationStore(c.env.DB);
    const cutoff = conversationCutoff(c.var.config.taskRetentionMs);
    await store.purge(ownerOf(c), cutoff);
    const rows = await store.list(
      ownerOf(c),
      limit + 1,
      cutoff,
      cursor ? parseCursor(cursor) : undefined,
      c.var.access.namespaceFilter(),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? btoa(JSON.stringify([last.updatedAt, last.id])) : null;
    return c.json({ conversations: page.map(summary), next_cursor: next }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { conversation_id } = c.req.valid("param");
    const store = new ConversationStore(c.env.DB);
    const found = await store.get(ownerOf(c), conversation_id, conversationCutoff(c.var.config.taskRetentionMs));
    if (!found) throw notFound();
    requireAccess(c.var.access, "query", found.namespace, "conversation_id");
    const turns = await store.turns(conversation_id);
    return c.json(
      {
        ...summary(found),
        turns: turns.map((t) => {
          const asked = t.clarification ? (JSON.parse(t.clarification) as Clarification) : null;
          return {
            turn: t.turn,
            task_id: t.taskId,
            question: t.question,
            read_as: t.standalone,
            status: t.status,
            sql: t.sql,
            summary: t.summary,
            clarification: asked ? { question: asked.question, options: asked.options } : null,
            created_at: t.createdAt,
            updated_at: t.updatedAt,
          };
        }),
      },
      200,
    );
  });

  app.openapi(deleteRoute, async (c) => {
    const deleted = await new ConversationStore(c.env.DB).delete(ownerOf(c), c.req.valid("param").conversation_id);
    if (!deleted) throw notFound();
    return c.body(null, 204);
  });
}

/** A next_cursor of this API, `[updatedAt, id]`; anything else is the client's error, not a 500. */
function parseCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string")
      return { updatedAt: value[0], id: value[1] };
  } catch {
    // refused below
  }
  throw new ApiError(400, "cursor is not a next_cursor value from this API", {
    kind: "validation-error",
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });
}
