import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { readEvents, tokenFor } from "./helpers";

/** Browser access to the API routes, per CORS_ALLOWED_ORIGINS; off by default. */
const APP = "https://app.example.com";

function callWith(vars: Record<string, string>, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(
    worker.fetch(new Request(`http://datus.test${path}`, init), { ...env, ...vars } as Env, createExecutionContext()),
  );
}

const allowed = { CORS_ALLOWED_ORIGINS: `${APP}, https://admin.example.com/` };

describe("CORS", () => {
  it("answers a browser's preflight for the run route without a token", async () => {
    const res = await callWith(allowed, "/workflows/run", {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-headers")).toBe(
      "Authorization,Content-Type,Accept,Last-Event-ID,X-End-User",
    );
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });

  it("lets the page read a sync answer, a stream, an error and the pacing headers", async () => {
    const token = await tokenFor();
    const run = (body: unknown) =>
      callWith(allowed, "/workflows/run", {
        method: "POST",
        headers: { origin: APP, authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const sync = await run({ workflow: "fixed", namespace: "demo", task: "How many orders are there?" });
    expect(sync.status).toBe(200);
    expect(sync.headers.get("access-control-allow-origin")).toBe(APP);
    expect(sync.headers.get("access-control-expose-headers")).toContain("RateLimit");
    expect(sync.headers.get("vary")).toContain("Origin");
    const stream = await run({
      workflow: "fixed",
      namespace: "demo",
      task: "How many orders are there?",
      mode: "async",
    });
    expect(stream.headers.get("access-control-allow-origin")).toBe(APP);
    expect((await readEvents(stream)).at(-1)?.event).toBe("done");
    const refused = await callWith(allowed, "/workflows/tasks", { headers: { origin: APP } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(APP);
  });

  it("gives no access to other origins, to the token endpoint, or when unset", async () => {
    const other = await callWith(allowed, "/workflows/tasks", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const token = await callWith(allowed, "/auth/token", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "POST" },
    });
    expect(token.headers.get("access-control-allow-origin")).toBeNull();
    const off = await callWith({}, "/workflows/tasks", { headers: { origin: APP } });
    expect(off.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a malformed origin list as a configuration error, naming the entry", async () => {
    const res = await callWith({ CORS_ALLOWED_ORIGINS: "app.example.com" }, "/workflows/tasks", {
      headers: { origin: APP },
    });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain("app.example.com");
  });
});
