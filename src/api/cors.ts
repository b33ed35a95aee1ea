import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ConfigError } from "../config/yaml-config";
import type { AppEnv } from "./app";

/**
 * Cross-origin access for browser apps, off unless CORS_ALLOWED_ORIGINS lists origins
 * ("https://app.example.com,https://admin.example.com", or "*"). Only the bearer-protected API
 * routes get it: a browser holds a short-lived access token its backend obtained, never a client
 * secret, so /auth/token stays same-origin. Tokens travel in the Authorization header, not cookies,
 * so no credentials mode is needed.
 */
const ORIGIN = /^https?:\/\/[^\s/?#]+$/;
// The run's pacing headers and the request id must be readable by the page, not only by the browser.
const EXPOSED = ["RateLimit", "RateLimit-Policy", "Retry-After", "X-Request-Id", "WWW-Authenticate"];
// X-End-User: a page of a client's application may carry its user's token (issue 15).
const ALLOWED_REQUEST_HEADERS = ["Authorization", "Content-Type", "Accept", "Last-Event-ID", "X-End-User"];

let cached: { raw: string; handler: MiddlewareHandler<AppEnv> | null } | undefined;

export function corsOrigins(raw: string | undefined): string[] | "*" {
  const value = (raw ?? "").trim();
  if (value === "*") return "*";
  const origins = value
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  const bad = origins.filter((o) => !ORIGIN.test(o));
  if (bad.length)
    throw new ConfigError(
      "CORS_ALLOWED_ORIGINS",
      bad.map((o) => `'${o}' is not an origin (scheme://host[:port], no path)`),
    );
  return origins;
}

function handlerFor(raw: string): MiddlewareHandler<AppEnv> | null {
  const origins = corsOrigins(raw);
  if (origins !== "*" && origins.length === 0) return null;
  return cors({
    origin: origins,
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ALLOWED_REQUEST_HEADERS,
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
}

/** The CORS middleware for this deployment's CORS_ALLOWED_ORIGINS, built once per value. */
export const apiCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.env.CORS_ALLOWED_ORIGINS ?? "";
  if (cached?.raw !== raw) cached = { raw, handler: handlerFor(raw) };
  return cached.handler ? cached.handler(c, next) : next();
};
