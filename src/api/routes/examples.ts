import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../../shared/errors";
import { namesHiddenColumn } from "../../sql";
import { type ExampleProposal as StoredProposal, VerifiedExampleStore } from "../../store/examples";
import type { App } from "../app";
import { grantedTarget } from "../namespace-target";
import { ExampleProposalsPage, problemResponses, VerifiedExample, VerifiedExamplesPage } from "../schemas";

// A review page; larger pages would make one D1 read unbounded.
const MAX_PAGE = 200;

const Namespace = z
  .string()
  .min(1)
  .max(128)
  .openapi({ param: { name: "ns", in: "path" }, example: "demo" });

const examplesRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/examples",
  tags: ["namespaces", "feedback"],
  summary: "The namespace's verified examples (question → SQL learned from feedback), newest first, paged",
  description:
    "What later tasks in the namespace are taught with: export them to review, and give `failed` feedback on a source task to take one back. " +
    "No other client's id is shown: `verified_by` and `source_task_id` are set only on the caller's own.",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ ns: Namespace }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
      cursor: z.string().max(512).optional().openapi({ description: "next_cursor of the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of verified examples",
      content: { "application/json": { schema: VerifiedExamplesPage } },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

const proposalsRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/examples/proposals",
  tags: ["namespaces", "feedback"],
  summary:
    "Examples proposed by analysts' feedback, newest first: a curator sees all of the namespace's, anyone else only their own",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ ns: Namespace }),
    query: z.object({
      status: z.enum(["pending", "verified", "withdrawn"]).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
      cursor: z.string().max(64).optional().openapi({ description: "next_cursor of the previous page" }),
    }),
  },
  responses: {
    200: { description: "A page of proposals", content: { "application/json": { schema: ExampleProposalsPage } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/namespaces/{ns}/examples/proposals/{id}/verify",
  tags: ["namespaces", "feedback"],
  summary:
    "Verify a proposed example (curator or admin role): it becomes the namespace's verified example for its question, used for every client",
  security: [{ bearer: [] }],
  request: {
    params: z.object({
      ns: Namespace,
      id: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: "id", in: "path" }, example: 7 }),
    }),
  },
  responses: {
    200: { description: "The verified example", content: { "application/json": { schema: VerifiedExample } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

function invalidCursor(): ApiError {
  return new ApiError(400, "cursor is not a next_cursor value from this API", {
    kind: "validation-error",
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });
}

function parseCursor(cursor: string): { updatedAt: string; id: number } {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value) && typeof value[0] === "string" && Number.isInteger(value[1]))
      return { updatedAt: value[0], id: value[1] as number };
  } catch {
    // refused below
  }
  throw invalidCursor();
}

/** Another client's id never leaves the service: it is shown only to that client. */
function exampleJson(
  e: {
    id: number;
    question: string;
    sql: string;
    sourceTaskId: string;
    clientId: string;
    verifiedBy: string | null;
    createdAt: string;
    updatedAt: string;
  },
  caller: string,
) {
  const verifiedBy = e.verifiedBy ?? e.clientId;
  return {
    id: e.id,
    question: e.question,
    sql: e.sql,
    source_task_id: e.clientId === caller ? e.sourceTaskId : null,
    verified_by: verifiedBy === caller ? caller : null,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

function proposalJson(p: StoredProposal, caller: string) {
  const mine = p.clientId === caller;
  return {
    id: p.id,
    question: p.question,
    sql: p.sql,
    status: p.status,
    mine,
    source_task_id: mine ? p.sourceTaskId : null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function registerExamples(app: App): void {
  app.openapi(examplesRoute, async (c) => {
    const { ns } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const target = grantedTarget(c, "read", ns);
    const rows = await new VerifiedExampleStore(c.env.DB).page(ns, limit + 1, cursor ? parseCursor(cursor) : undefined);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    // An end user under policies is not shown examples naming a hidden column (the page may be shorter; the cursor is the same).
    const shown = page.filter((e) => !namesHiddenColumn(e.sql, target.policies ?? []));
    return c.json(
      {
        namespace: ns,
        examples: shown.map((e) => exampleJson(e, c.var.clientId)),
        next_cursor: rows.length > limit && last ? btoa(JSON.stringify([last.updatedAt, last.id])) : null,
      },
      200,
    );
  });

  app.openapi(proposalsRoute, async (c) => {
    const { ns } = c.req.valid("param");
    const { status, limit, cursor } = c.req.valid("query");
    const target = grantedTarget(c, "read", ns);
    const beforeId = cursor === undefined ? undefined : Number(cursor);
    if (beforeId !== undefined && (!Number.isInteger(beforeId) || beforeId < 1)) throw invalidCursor();
    const curator = c.var.access.hasRole("curate_examples");
    const rows = await new VerifiedExampleStore(c.env.DB).proposals(ns, {
      ...(status ? { status } : {}),
      ...(curator ? {} : { clientId: c.var.clientId }),
      limit: limit + 1,
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const shown = page.filter((p) => !namesHiddenColumn(p.sql, target.policies ?? []));
    return c.json(
      {
        namespace: ns,
        proposals: shown.map((p) => proposalJson(p, c.var.clientId)),
        next_cursor: rows.length > limit && last ? String(last.id) : null,
      },
      200,
    );
  });

  app.openapi(verifyRoute, async (c) => {
    const { ns, id } = c.req.valid("param");
    grantedTarget(c, "curate_examples", ns);
    const store = new VerifiedExampleStore(c.env.DB);
    const proposal = await store.proposal(ns, id);
    if (!proposal)
      throw new ApiError(404, `No proposal ${id} in namespace ${ns}`, {
        kind: "unknown-proposal",
        errors: [{ path: "id", message: "no such proposal" }],
      });
    if (proposal.status === "withdrawn") {
      throw new ApiError(409, "The proposal was withdrawn by a later verdict on its task", {
        kind: "proposal-withdrawn",
        errors: [{ path: "id", message: "withdrawn" }],
      });
    }
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    await store.verifyProposal(proposal, c.var.clientId, at);
    const example = await store.byQuestion(ns, proposal.question);
    c.var.log.info("example verified", { namespace: ns, proposal: id, curator: c.var.clientId });
    if (!example) throw new Error("verified example not found after verification");
    return c.json(exampleJson(example, c.var.clientId), 200);
  });
}
