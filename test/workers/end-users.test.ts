import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MetricDefinitionStore } from "../../src/semantic/definition-store";
import { DEMO_METRICS_YAML } from "../../src/semantic/demo-metrics";
import { VerifiedExampleStore } from "../../src/store/examples";
import { call, runWorkflow, tokenFor, uniqueTaskId } from "./helpers";

/**
 * Issue 15 through the HTTP API, on the real PostgreSQL demo database: the client `app-eu` vouches
 * for its end users with X-End-User tokens; the namespace `pg_policy` shows each end user the
 * customers and orders of their region only, and never a customer's email.
 */
// TEST_END_USER_KEY of global-setup.ts (which runs in Node, so it cannot be imported here).
const key = new TextEncoder().encode("test-end-user-key-0123456789-abcdefghijklmnop");

async function endUserToken(
  sub: string,
  attributes: Record<string, unknown>,
  options: { expiresIn?: string; key?: Uint8Array; alg?: string } = {},
): Promise<string> {
  return new SignJWT({ attributes })
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "10m")
    .sign(options.key ?? key);
}

let client: string;
let eu: string;
let us: string;

beforeAll(async () => {
  client = await tokenFor("app-eu", "secret-app");
  eu = await endUserToken("alice", { region: "Europe" });
  us = await endUserToken("bob", { region: "North America" });
  // pg_policy gets the demo's metric definitions, so metric_to_sql can be asked there too.
  const demo = parse(DEMO_METRICS_YAML) as {
    semantic_models: Record<string, unknown>;
    metrics: Record<string, unknown>;
  };
  await new MetricDefinitionStore(env.DB).put(
    "pg_policy",
    [
      ...Object.entries(demo.semantic_models).map(([name, definition]) => ({
        kind: "semantic_model" as const,
        name,
        definition,
      })),
      ...Object.entries(demo.metrics).map(([name, definition]) => ({ kind: "metric" as const, name, definition })),
    ],
    "test",
    new Date().toISOString(),
  );
});

type Body = {
  status: string;
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown>;
  error: string | null;
  task_id: string;
};

async function ask(endUser: string | undefined, body: Record<string, unknown>, token = client): Promise<Response> {
  return runWorkflow(token, { namespace: "pg_policy", ...body }, endUser ? { "x-end-user": endUser } : {});
}

async function answer(endUser: string, body: Record<string, unknown>): Promise<Body> {
  const res = await ask(endUser, body);
  expect(res.status).toBe(200);
  const json = (await res.json()) as Body;
  expect(json.error).toBeNull();
  expect(json.status).toBe("completed");
  return json;
}

async function problem(res: Response, status: number, field: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  const body = (await res.json()) as { errors?: { path: string }[]; detail: string };
  expect(body.errors?.map((e) => e.path)).toContain(field);
  return body;
}

describe("X-End-User", () => {
  it("is required on a namespace with policies (403 naming X-End-User)", async () => {
    await problem(
      await ask(undefined, { workflow: "fixed", task: "How many customers are there?" }),
      403,
      "X-End-User",
    );
  });

  it.each([
    [
      "a bad signature",
      () =>
        endUserToken(
          "alice",
          { region: "Europe" },
          { key: new TextEncoder().encode("another-key-0123456789-abcdefghijklmnop") },
        ),
    ],
    ["an expired token", () => endUserToken("alice", { region: "Europe" }, { expiresIn: "-5m" })],
    ["more than an hour ahead", () => endUserToken("alice", { region: "Europe" }, { expiresIn: "2h" })],
    ["attributes that are not strings", () => endUserToken("alice", { region: 7 })],
    ["a malformed token", async () => "not.a.jwt"],
    [
      "alg none",
      async () =>
        `${btoa(JSON.stringify({ alg: "none" })).replace(/=+$/, "")}.${btoa(JSON.stringify({ sub: "alice", exp: Math.floor(Date.now() / 1000) + 60 })).replace(/=+$/, "")}.`,
    ],
  ])("refuses %s (401 naming X-End-User)", async (_, make) => {
    await problem(
      await ask(await make(), { workflow: "fixed", task: "How many customers are there?" }),
      401,
      "X-End-User",
    );
  });

  it("is refused from a client with no end_user_key", async () => {
    await problem(
      await ask(eu, { workflow: "fixed", task: "How many customers are there?", namespace: "pg" }, await tokenFor()),
      401,
      "X-End-User",
    );
  });

  it("without the attribute a policy reads is a 403", async () => {
    const body = await problem(
      await ask(await endUserToken("carol", { team: "x" }), {
        workflow: "fixed",
        task: "How many customers are there?",
      }),
      403,
      "X-End-User",
    );
    expect(body.detail).toMatch(/region/);
  });
});

describe("two end users, the same questions, every workflow", () => {
  const questions: [string, Record<string, unknown>][] = [
    ["fixed", { workflow: "fixed", task: "Number of customers by country" }],
    ["nl2sql", { workflow: "nl2sql", task: "Number of customers by country" }],
    ["reflection", { workflow: "reflection", task: "Number of customers by country" }],
    [
      "metric_to_sql",
      { workflow: "metric_to_sql", task: "number of orders by customer country", current_date: "2024-12-31" },
    ],
  ];
  it.each(questions)("%s: disjoint rows, policies_applied in metadata", async (_, question) => {
    const a = await answer(eu, question);
    const b = await answer(us, question);
    const countries = (body: Body) =>
      body.result!.map((r) => Object.values(r).find((v) => typeof v === "string") as string);
    expect(a.result!.length).toBeGreaterThan(0);
    expect(b.result!.length).toBeGreaterThan(0);
    expect(countries(a).filter((c) => countries(b).includes(c))).toEqual([]);
    expect(countries(a)).toContain("Germany");
    expect(countries(b)).toContain("United States");
    expect(a.metadata.policies_applied).toMatchObject({ columns_hidden: ["public.customers.email"] });
    expect(JSON.stringify(a)).not.toContain("Europe");
  });

  it("a hidden column cannot be asked for by any wording", async () => {
    for (const workflow of ["fixed", "nl2sql", "reflection"]) {
      const res = await ask(eu, { workflow, task: "List the email addresses of all customers" });
      const body = (await res.json()) as Body;
      expect(JSON.stringify(body.result ?? [])).not.toContain("@");
    }
  });
});

describe("the catalog endpoint", () => {
  it("shows an end user no hidden column and no samples of filtered tables", async () => {
    const res = await call("/namespaces/pg_policy/catalog", {
      headers: { authorization: `Bearer ${client}`, "x-end-user": eu },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const catalog = JSON.parse(text) as { tables: { name: string; columns: { name: string; samples?: string[] }[] }[] };
    const customers = catalog.tables.find((t) => t.name === "customers")!;
    expect(customers.columns.map((c) => c.name)).not.toContain("email");
    expect(customers.columns.every((c) => c.samples === undefined)).toBe(true);
    expect(JSON.stringify(customers)).not.toMatch(/email|@/);
  });
});

describe("tasks", () => {
  it("record the end user and are read back only by them", async () => {
    const taskId = uniqueTaskId("eu");
    const created = await answer(eu, { workflow: "fixed", task: "How many customers are there?", task_id: taskId });
    const read = (endUser?: string) =>
      call(`/workflows/tasks/${taskId}`, {
        headers: { authorization: `Bearer ${client}`, ...(endUser ? { "x-end-user": endUser } : {}) },
      });
    const own = await read(eu);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { end_user: string }).end_user).toBe("alice");
    expect((await read(us)).status).toBe(404);
    expect((await read()).status).toBe(404);
    const events = await call(`/workflows/tasks/${taskId}/events`, {
      headers: { authorization: `Bearer ${client}`, "x-end-user": us },
    });
    expect(events.status).toBe(404);
    // The same task_id from another end user is a conflict, never the first user's answer.
    expect((await ask(us, { workflow: "fixed", task: "How many customers are there?", task_id: taskId })).status).toBe(
      409,
    );
    const list = await call("/workflows/tasks", { headers: { authorization: `Bearer ${client}`, "x-end-user": us } });
    const listed = (await list.json()) as { tasks: { task_id: string }[] };
    expect(listed.tasks.map((t) => t.task_id)).not.toContain(created.task_id);
  });

  it("feedback's corrected SQL runs under the end user's policies", async () => {
    const taskId = uniqueTaskId("fb");
    await answer(eu, { workflow: "fixed", task: "How many customers are there?", task_id: taskId });
    const feedback = (sql: string, endUser = eu) =>
      call("/workflows/feedback", {
        method: "POST",
        headers: { authorization: `Bearer ${client}`, "content-type": "application/json", "x-end-user": endUser },
        body: JSON.stringify({ task_id: taskId, status: "failed", corrected_sql: sql }),
      });
    const hidden = await problem(await feedback("SELECT email FROM customers"), 422, "corrected_sql");
    expect(hidden.detail).not.toContain("@");
    expect((await feedback("SELECT count(*) FROM customers")).status).toBe(200);
    expect((await feedback("SELECT count(*) FROM customers", us)).status).toBe(404);
  });
});

describe("verified examples reused as answers", () => {
  it("run under the asking end user's policies; one naming a hidden column is never used", async () => {
    const store = new VerifiedExampleStore(env.DB);
    const at = new Date().toISOString();
    const example = (question: string, sql: string) =>
      store.upsertStatement({
        namespace: "pg_policy",
        question,
        sql,
        sourceTaskId: uniqueTaskId("src"),
        clientId: "app-eu",
        verifiedBy: "app-eu",
        at,
      });
    await example(
      "How many customers does each country have, per the sales team?",
      "SELECT country, count(*) AS customers FROM customers GROUP BY country ORDER BY country",
    );
    await example("Give me the customer contact list", "SELECT name, email FROM customers");
    const question = { workflow: "nl2sql", task: "How many customers does each country have, per the sales team?" };
    const a = await answer(eu, question);
    const b = await answer(us, question);
    expect(a.sql).toContain("GROUP BY country");
    const countries = (body: Body) => body.result!.map((r) => r.country as string);
    expect(countries(a)).toContain("Germany");
    expect(countries(a).filter((c) => countries(b).includes(c))).toEqual([]);
    const listed = await call("/namespaces/pg_policy/examples", {
      headers: { authorization: `Bearer ${client}`, "x-end-user": eu },
    });
    expect(listed.status).toBe(200);
    const examples = ((await listed.json()) as { examples: { sql: string }[] }).examples;
    expect(examples.some((e) => e.sql.includes("GROUP BY country"))).toBe(true);
    expect(examples.some((e) => /email/.test(e.sql))).toBe(false);
    const contact = await ask(eu, { workflow: "nl2sql", task: "Give me the customer contact list" });
    const body = (await contact.json()) as Body;
    expect(body.sql ?? "").not.toMatch(/email/);
    expect(JSON.stringify(body.result ?? [])).not.toContain("@");
  });
});

describe("a broken policy", () => {
  it("is a configuration error on first use, and nothing is answered from the namespace", async () => {
    const catalog = await call("/namespaces/pg_policy_broken/catalog", {
      headers: { authorization: `Bearer ${client}`, "x-end-user": eu },
    });
    expect(catalog.status).toBe(503);
    const res = await ask(eu, {
      workflow: "fixed",
      task: "How many customers are there?",
      namespace: "pg_policy_broken",
    });
    const body = (await res.json()) as Body;
    expect(body.status).toBe("failed");
    expect(body.result).toBeNull();
  });
});
