import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app";

export const SERVICE_VERSION = "0.1.0";

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["service"],
  summary: "Liveness: answers without touching a database or a model",
  responses: {
    200: {
      description: "The service is up",
      content: { "application/json": { schema: z.object({ status: z.literal("ok"), version: z.string() }) } },
    },
  },
});

export function registerHealth(app: App): void {
  app.openapi(route, (c) => c.json({ status: "ok" as const, version: SERVICE_VERSION }, 200));
}
