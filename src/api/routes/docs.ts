import type { App } from "../app";
import { SERVICE_VERSION } from "./health";

/**
 * GET /openapi.json, generated from the routes' zod schemas. Its reader, the API reference UI at
 * /docs, is a static asset (public/docs.html) that loads Scalar's standalone build from this origin.
 */
export function registerDocs(app: App): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "datus-edge Workflow API",
      version: SERVICE_VERSION,
      description: "Natural language to SQL: the Datus Agent Workflow API on Cloudflare Workers.",
    },
  });
}
