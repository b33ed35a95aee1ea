import { createRoute } from "@hono/zod-openapi";
import { ApiError } from "../../shared/errors";
import type { App } from "../app";
import { problemResponses, RunWorkflowRequest, RunWorkflowResponse } from "../schemas";

const runRoute = createRoute({
  method: "post",
  path: "/workflows/run",
  tags: ["workflows"],
  summary: "Run a workflow: natural language in, SQL and rows out (sync JSON or async SSE)",
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { "application/json": { schema: RunWorkflowRequest } } },
  },
  responses: {
    200: {
      description: "Sync: the finished task. Async: a text/event-stream of the task's events",
      content: { "application/json": { schema: RunWorkflowResponse } },
    },
    ...problemResponses(400, 401, 404, 409, 415),
  },
});

export function registerWorkflows(app: App): void {
  app.openapi(runRoute, (c) => {
    const request = c.req.valid("json");
    throw new ApiError(501, `Workflow '${request.workflow}' is not available yet`, { kind: "workflow-unavailable" });
  });
}
