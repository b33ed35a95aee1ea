import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../api/app";
import { corsOrigins } from "../api/cors";

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

let cached: { raw: string; handler: MiddlewareHandler<AppEnv> | null } | undefined;

export const mcpCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.env.CORS_ALLOWED_ORIGINS ?? "";
  if (cached?.raw !== raw) {
    const origins = corsOrigins(raw);
    const off = origins !== "*" && origins.length === 0;
    cached = {
      raw,
      handler: off
        ? null
        : cors({
            origin: origins,
            allowMethods: ["POST"],
            allowHeaders: ALLOWED_REQUEST_HEADERS,
            exposeHeaders: EXPOSED,
            maxAge: 600,
          }),
    };
  }
  return cached.handler ? cached.handler(c, next) : next();
};
