import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, runWorkflow, tokenFor } from "./helpers";

describe("service routes", () => {
  it("GET /health answers without authentication", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("GET /openapi.json documents the routes from the zod schemas", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/health", "/auth/token", "/workflows/run"]));
    expect(doc.components.schemas).toHaveProperty("RunWorkflowRequest");
  });

  it("unknown routes are problem+json 404s", async () => {
    const res = await call("/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("request validation (RFC 9457 problems naming the field)", () => {
  it("names unknown fields", async () => {
    const res = await runWorkflow(await tokenFor(), {
      workflow: "fixed",
      namespace: "demo",
      task: "count orders",
      colour: "red",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: "colour" }));
  });

  it("names missing and wrong fields", async () => {
    const res = await runWorkflow(await tokenFor(), { workflow: "magic", task: "", current_date: "15/01/2024" });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["workflow", "namespace", "task", "current_date"]));
  });

  it("refuses malformed JSON and wrong content types with a problem, never a 500", async () => {
    const token = await tokenFor();
    const bad = await runWorkflow(token, "{not json");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    const text = await runWorkflow(token, "hello", { "content-type": "text/plain" });
    expect([400, 415]).toContain(text.status);
    expect(text.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("bounded request bodies", () => {
  it("refuses an oversized run request with 413 before reading it", async () => {
    const res = await runWorkflow(await tokenFor(), {
      workflow: "fixed",
      namespace: "demo",
      task: "x",
      ext_knowledge: "y".repeat(100_000),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses an oversized token request", async () => {
    const res = await call("/auth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=a&client_secret=${"x".repeat(20_000)}`,
    });
    expect(res.status).toBe(413);
  });

  it("takes its bounds from the vars: a smaller body limit and a shorter question", async () => {
    const bounded = { ...env, MAX_RUN_BODY_BYTES: "2048", MAX_TASK_CHARS: "40" } as Env;
    const run = (body: unknown) =>
      worker.fetch(
        new Request("http://datus.test/workflows/run", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        bounded,
        createExecutionContext(),
      );
    const token = await tokenFor();
    const big = await run({ workflow: "fixed", namespace: "demo", task: "x", ext_knowledge: "y".repeat(3000) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { detail: string }).detail).toBe("The request body is larger than 2 KiB");
    const long = await run({
      workflow: "fixed",
      namespace: "demo",
      task: "How many orders were shipped to customers in Germany last year?",
    });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "task", message: "Too big: expected string to have <=40 characters" },
    ]);
    expect((await run({ workflow: "fixed", namespace: "demo", task: "How many orders are there?" })).status).toBe(200);
  });
});
