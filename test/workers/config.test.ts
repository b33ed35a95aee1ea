import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { tokenFor } from "./helpers";

function callWith(vars: Record<string, string>, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(
    worker.fetch(new Request(`http://datus.test${path}`, init), { ...env, ...vars } as Env, createExecutionContext()),
  );
}

describe("a bad setting", () => {
  it("is a 503 problem on the first request, not a 500 and not a silent fallback; /health stays live", async () => {
    const bad = { TASK_RETENTION_HOURS: "abc" };
    const res = await callWith(bad, "/workflows/tasks", { headers: { authorization: `Bearer ${await tokenFor()}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toBe(
      "The service is not configured correctly; the operator has been told",
    );
    // The token endpoint is refused the same way: no part of the API runs on a configuration it cannot read.
    const token = await callWith(bad, "/auth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
    });
    expect(token.status).toBe(503);
    expect((await callWith(bad, "/health")).status).toBe(200);
  });
});
