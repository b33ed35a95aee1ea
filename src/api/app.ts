import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { type Config, ConfigError, loadConfig } from "../config";
import { ApiError, fieldErrorsFromIssues, problemResponse } from "../shared/errors";
import { createLogger, type Logger } from "../shared/log";

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
    log: Logger;
    /** The configuration, parsed once per isolate (config/index.ts); set by `configuration`. */
    config: Config;
  }
}

export type AppEnv = { Bindings: Env };
export type App = OpenAPIHono<AppEnv>;

/** zod validation failures become one 400 problem that names every bad field. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    throw new ApiError(400, "The request is invalid: see `errors` for each field", {
      kind: "validation-error",
      errors: fieldErrorsFromIssues(result.error.issues),
    });
  }
};

/**
 * Sets `c.var.config` for the routes registered after it. A bad setting throws ConfigError on the
 * first request and every one after it: a 503 whose log line names each bad key (see onError).
 * /health is registered before it, so liveness does not depend on configuration.
 */
export const configuration: MiddlewareHandler<AppEnv> = async function configuration(c, next) {
  c.set("config", loadConfig(c.env));
  await next();
};

export function createApp(): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(async function requestContext(c, next) {
    // Cloudflare's ray id ties our log line to the platform's; locally a random id stands in.
    const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("log", createLogger(c.env.LOG_LEVEL, { request_id: requestId }));
    const started = Date.now();
    await next();
    c.header("x-request-id", requestId);
    c.var.log.debug("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    });
  });

  app.onError((error, c) => {
    const instance = c.req.path;
    const log = c.get("log") ?? createLogger(c.env?.LOG_LEVEL);
    if (error instanceof ApiError) {
      if (error.internal !== undefined)
        log.info("request refused", { status: error.status, kind: error.kind, internal: error.internal });
      return problemResponse(error, instance);
    }
    if (error instanceof HTTPException) {
      // Hono's own refusals (malformed JSON, wrong content type, body limit) keep their status.
      const detail =
        error.status === 415
          ? "Send the body as application/json"
          : error.message || "The request could not be processed";
      return problemResponse(new ApiError(error.status, detail), instance);
    }
    if (error instanceof ConfigError) {
      // The operator must fix configuration; the client learns only that the service is misconfigured.
      log.error("configuration error", { setting: error.setting, problems: error.problems });
      return problemResponse(
        new ApiError(503, "The service is not configured correctly; the operator has been told"),
        instance,
      );
    }
    log.error("unhandled error", { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return problemResponse(
      new ApiError(500, "Something went wrong on our side; the request id identifies it in our logs"),
      instance,
    );
  });

  app.notFound((c) => problemResponse(new ApiError(404, `No route for ${c.req.method} ${c.req.path}`), c.req.path));
  return app;
}
