import { createRoute, z } from "@hono/zod-openapi";
import { namespacesFor } from "../../sql";
import { ApiError } from "../../shared/errors";
import { VerifiedExampleStore } from "../../store/examples";
import type { App } from "../app";
import { problemResponses, VerifiedExamplesPage } from "../schemas";

// A review page; larger pages would make one D1 read unbounded.
const MAX_PAGE = 200;

const examplesRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/examples",
  tags: ["namespaces", "feedback"],
  summary: "The namespace's verified examples (question → SQL learned from feedback), newest first, paged",
  description: "What later tasks in the namespace are taught with: export them to review, and give `failed` feedback on a source task to take one back.",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ ns: z.string().min(1).max(128).openapi({ param: { name: "ns", in: "path" }, example: "demo" }) }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
      cursor: z.string().max(512).optional().openapi({ description: "next_cursor of the previous page" }),
    }),
  },
  responses: {
    200: { description: "A page of verified examples", content: { "application/json": { schema: VerifiedExamplesPage } } },
    ...problemResponses(400, 401, 404),
  },
});

function parseCursor(cursor: string): { updatedAt: string; id: number } {
  try {
    const [updatedAt, id] = JSON.parse(atob(cursor)) as unknown[];
    if (typeof updatedAt === "string" && Number.isInteger(id)) return { updatedAt, id: id as number };
  } catch {
    // fall through to the refusal below
  }
  throw new ApiError(400, "cursor is not a next_cursor value from this API", { kind: "validation-error", errors: [{ path: "cursor", message: "invalid cursor" }] });
}

export function registerExamples(app: App): void {
  app.openapi(examplesRoute, async (c) => {
    const { ns } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const lookup = namespacesFor(c.env).resolve(ns);
    if (!lookup.ok) {
      throw new ApiError(404, `Unknown namespace; known: ${lookup.known.join(", ") || "(none configured)"}`, { kind: "unknown-namespace", extensions: { known: lookup.known } });
    }
    const rows = await new VerifiedExampleStore(c.env.DB).page(ns, limit + 1, cursor ? parseCursor(cursor) : undefined);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        namespace: ns,
        examples: page.map((e) => ({
          id: e.id,
          question: e.question,
          sql: e.sql,
          source_task_id: e.sourceTaskId,
          verified_by: e.clientId,
          created_at: e.createdAt,
          updated_at: e.updatedAt,
        })),
        next_cursor: rows.length > limit && last ? btoa(JSON.stringify([last.updatedAt, last.id])) : null,
      },
      200,
    );
  });
}
