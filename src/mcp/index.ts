import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { MiddlewareHandler } from "hono";
import type { App, AppEnv } from "../api/app";
import { ApiError } from "../shared/errors";
import { ApiClient } from "./api-client";
import { mcpCors } from "./cors";
import { MCP_PATH, registerDiscovery, withResourceMetadata } from "./protected-resource";
import { createMcpServer } from "./server";
import { newSessionId, SESSION_HEADER, sessionOf } from "./session";

export { PROTECTED_RESOURCE_PATH } from "./protected-resource";

// One JSON-RPC message: a question (MAX_TASK_CHARS) or a corrected query (20 000 characters) plus the
// envelope. The routes it becomes apply their own, smaller bounds; this only stops a large body early.
const MAX_MCP_BODY_BYTES = 128 * 1024;

export interface McpOptions {
  /** The bearer middleware the API routes use (auth/bearer.ts). */
  bearer: MiddlewareHandler<AppEnv>;
}

/**
 * The MCP front door (Streamable HTTP at /mcp), beside the API: each tool call becomes a request to
 * `app` itself with the caller's token, so auth, grants, limits and tasks are the API's own.
 *
 * Stateless: a new transport and server per HTTP request (the SDK's web-standard transport with no
 * session id generator), so any isolate answers any request and nothing lives between requests
 * but the TaskRooms the tools use. Responses to requests are SSE streams (progress notifications
 * ride on them); GET (a standalone server stream) and DELETE (session end) are 405, as the transport
 * allows for a server that sends nothing unprompted and keeps no session.
 */
export function registerMcp(app: App, options: McpOptions): void {
  registerDiscovery(app);
  // CORS before the bearer check: a browser's preflight carries no token.
  app.use(MCP_PATH, mcpCors);
  app.use(MCP_PATH, withResourceMetadata(options.bearer));
  app.on(["GET", "DELETE"], MCP_PATH, () => {
    throw new ApiError(405, "This MCP server is stateless: POST JSON-RPC messages to /mcp", {
      kind: "method-not-allowed",
      headers: { allow: "POST" },
    });
  });
  app.post(MCP_PATH, async (c) => {
    const session = sessionOf(c.req.header(SESSION_HEADER));
    const server = createMcpServer(new ApiClient((request, env, ctx) => app.fetch(request, env, ctx), c), {
      clientId: c.var.clientId,
      session,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: MAX_MCP_BODY_BYTES,
    });
    await server.connect(transport);
    const res = await transport.handleRequest(c.req.raw);
    if (session !== undefined || !res.ok) return res;
    // The first request of a client (initialize) gets the id that makes its asks cancellable (session.ts).
    const out = new Response(res.body, res);
    out.headers.set(SESSION_HEADER, newSessionId());
    return out;
  });
}
