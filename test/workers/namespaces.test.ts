import { describe, expect, it } from "vitest";
import { call, runWorkflow, tokenFor } from "./helpers";

describe("namespaces", () => {
  it("lists the configured namespaces without their connection strings", async () => {
    const res = await call("/namespaces", { headers: { authorization: `Bearer ${await tokenFor()}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { namespaces: { name: string; kind: string }[] };
    expect(body.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(["demo", "pg", "pg_tight"]));
    expect(JSON.stringify(body)).not.toContain("postgres://");
  });

  it("requires a bearer token", async () => {
    expect((await call("/namespaces")).status).toBe(401);
    expect((await call("/namespaces/demo/catalog")).status).toBe(401);
  });

  it("serves a namespace's catalog, refreshable on demand", async () => {
    const auth = { headers: { authorization: `Bearer ${await tokenFor()}` } };
    const first = (await (await call("/namespaces/pg/catalog", auth)).json()) as {
      tables: { name: string }[];
      loadedAt: string;
    };
    expect(first.tables.map((t) => t.name)).toContain("orders");
    const cached = (await (await call("/namespaces/pg/catalog", auth)).json()) as { loadedAt: string };
    expect(cached.loadedAt).toBe(first.loadedAt);
    const refreshed = (await (await call("/namespaces/pg/catalog?refresh=true", auth)).json()) as { loadedAt: string };
    expect(Date.parse(refreshed.loadedAt)).toBeGreaterThanOrEqual(Date.parse(first.loadedAt));
  });

  it("answers an unknown namespace with a 404 problem naming the known ones", async () => {
    const res = await runWorkflow(await tokenFor(), {
      workflow: "fixed",
      namespace: "nope",
      task: "How many orders are there?",
    });
    expect(res.status).toBe(404);
    const problem = (await res.json()) as { detail: string; known: string[]; errors: { path: string }[] };
    expect(problem.known).toEqual(expect.arrayContaining(["demo", "pg"]));
    expect(problem.detail).toContain("demo");
    expect(problem.errors[0]!.path).toBe("namespace");
  });

  it("narrows by schema_name and refuses a schema outside the namespace", async () => {
    const token = await tokenFor();
    const ok = await runWorkflow(token, {
      workflow: "fixed",
      namespace: "pg",
      schema_name: "public",
      task: "How many orders are there?",
    });
    expect(((await ok.json()) as { status: string }).status).toBe("completed");
    const bad = await runWorkflow(token, {
      workflow: "fixed",
      namespace: "pg",
      schema_name: "pg_catalog",
      task: "How many orders are there?",
    });
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("schema_name");
  });

  it("queries a postgres namespace from namespaces.yml with no other change", async () => {
    const res = await runWorkflow(await tokenFor(), {
      workflow: "fixed",
      namespace: "pg",
      task: "How many customers are there?",
    });
    const body = (await res.json()) as { status: string; result: { [k: string]: number }[] };
    expect(body.status).toBe("completed");
    expect(Object.values(body.result[0]!)[0]).toBe(2000);
  });
});
