import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { Config } from "../config";
import type { AppEnv } from "./app";

/**
 * Cross-origin access for browser apps, off unless CORS_ALLOWED_ORIGINS lists origins
 * ("https://app.example.com,https://admin.example.com", or "*"). Only the bearer-protected API
 * routes get it: a browser holds a short-lived access token its backend obtained, never a client
 * secret, so /auth/token stays same-origin. Tokens travel in the Authorization header, not cookies,
 * so no credentials mode is needed.
 */
// The run's pacing headers and the request id must be readable by the page, not only by the browser.
const EXPOSED = ["RateLimit", "RateLimit-Policy", "Retry-After", "X-Request-Id", "WWW-Authenticate"];
// X-End-User: a page of a client's application may carry its user's token (issue 15).
const ALLOWED_REQUEST_HEADERS = ["Authorization", "Content-Type", "Accept", "Last-Event-ID", "X-End-User"];

// One handler per configuration (= per isolate); null when CORS is off.
const handlers = new WeakMap<Config, MiddlewareHandler<AppEnv> | null>();

function handlerFor(origins: string[] | "*"): MiddlewareHandler<AppEnv> | null {
  if (origins !== "*" && origins.length === 0) return null;
  return cors({
    origin: origins,
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ALLOWED_REQUEST_HEADERS,
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
}

/** The CORS middleware for this deployment's CORS_ALLOWED_ORIGINS (config.corsOrigins). */
export const apiCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = c.var.config;
  let handler = handlers.get(config);
  if (handler === undefined) {
    handler = handlerFor(config.corsOrigins);
    handlers.set(config, handler);
  }
  return handler ? handler(c, next) : next();
};
