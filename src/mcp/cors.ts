import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../api/app";
import type { Config } from "../config";

/**
 * Browser MCP clients (e.g. the Inspector connecting directly) on the origins CORS_ALLOWED_ORIGINS
 * allows for the API, off unless it lists some. The API's own CORS (api/cors.ts) plus what the
 * Streamable HTTP transport sends and reads: `Mcp-Session-Id` (session.ts) and `Mcp-Protocol-Version`.
 */
const ALLOWED_REQUEST_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "Last-Event-ID",
  "Mcp-Session-Id",
  "Mcp-Protocol-Version",
  "X-End-User",
];
const EXPOSED = ["Mcp-Session-Id", "WWW-Authenticate", "X-Request-Id"];

// One handler per configuration (= per isolate); null when CORS is off.
const handlers = new WeakMap<Config, MiddlewareHandler<AppEnv> | null>();

function handlerFor(origins: string[] | "*"): MiddlewareHandler<AppEnv> | null {
  if (origins !== "*" && origins.length === 0) return null;
  return cors({
    origin: origins,
    allowMethods: ["POST"],
    allowHeaders: ALLOWED_REQUEST_HEADERS,
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
}

export const mcpCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = c.var.config;
  let handler = handlers.get(config);
  if (handler === undefined) {
    handler = handlerFor(config.corsOrigins);
    handlers.set(config, handler);
  }
  return handler ? handler(c, next) : next();
};
