import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../../shared/errors";
import { namespacesFor, SqlExecutionError } from "../../sql";
import { catalogFor } from "../../wiring/engine-deps";
import type { App } from "../app";
import { grantedTarget, visibleNamespaces } from "../namespace-target";
import { NamespaceList, problemResponses } from "../schemas";

const NamespaceParam = z.object({
  ns: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "ns", in: "path" }, example: "demo" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/namespaces",
  tags: ["namespaces"],
  summary: "The configured namespaces (database targets)",
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: "Namespaces",
      content: {
        "application/json": {
          schema: NamespaceList,
        },
      },
    },
    ...problemResponses(401),
  },
});

const catalogRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/catalog",
  tags: ["namespaces"],
  summary: "The introspected schema of a namespace (cached; ?refresh=true reloads it)",
  security: [{ bearer: [] }],
  request: { params: NamespaceParam, query: z.object({ refresh: z.enum(["true", "false"]).optional() }) },
  responses: {
    200: {
      description:
        "The catalog: tables (partitions and inheritance children folded in), views and materialized views (kind, viewOf), columns (domains with baseType, enums with all labels), keys, comments, row estimates, sample values",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    ...problemResponses(401, 403, 404, 502),
  },
});

export function registerNamespaces(app: App): void {
  app.openapi(listRoute, (c) => {
    const registry = namespacesFor(c.var.config);
    // Only the namespaces granted to the caller: the others are not its to know about.
    const namespaces = visibleNamespaces(c).map((name) => {
      const found = registry.resolve(name);
      if (!found.ok) throw new Error("listed namespace does not resolve");
      const t = found.target;
      // Never the connection string: it carries credentials.
      return {
        name,
        kind: t.kind,
        database: t.database,
        schemas: t.allowedSchemas,
        row_limit: t.rowLimit,
        max_result_bytes: t.maxResultBytes,
        statement_timeout_ms: t.statementTimeoutMs,
      };
    });
    return c.json({ namespaces }, 200);
  });

  app.openapi(catalogRoute, async (c) => {
    const { ns } = c.req.valid("param");
    const target = grantedTarget(c, "read", ns);
    try {
      const catalog = await catalogFor(c.env, target, c.req.valid("query").refresh === "true");
      return c.json(catalog as unknown as Record<string, unknown>, 200);
    } catch (error) {
      if (error instanceof SqlExecutionError)
        throw new ApiError(502, `The namespace's database could not be introspected: ${error.message}`, {
          kind: "database-error",
        });
      throw error;
    }
  });
}
