import { Scalar } from "@scalar/hono-api-reference";
import type { App } from "../app";
import { SERVICE_VERSION } from "./health";

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
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "datus-edge API reference" }));
}
