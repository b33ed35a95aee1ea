import { env } from "cloudflare:workers";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { AiSqlGenerator } from "../../src/llm/ai";
import { namespacesFor } from "../../src/sql";
import { FeedbackStore } from "../../src/store/feedback";
import { TaskIndex } from "../../src/store/task-index";
import { engineDeps } from "../../src/wiring/engine-deps";
import { runWorkflow as runEngine } from "../../src/workflow/engine";
import { CollectingSink } from "../../src/workflow/events";
import { call, runWorkflow, tokenFor, uniqueTaskId } from "./helpers";

/**
 * POST/GET /workflows/feedback and GET /namespaces/{ns}/examples against D1. D1 is shared by every
 * test of the run, so each test owns its task ids, and the learning tests each use a namespace (or
 * question) no other test asks in.
 */
type RunBody = {
  task_id: string;
  status: string;
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown>;
};
type History = {
  task_id: string;
  current: { status: string; comment: string | null; corrected_sql: string | null; recorded_at: string } | null;
  history: { status: string; comment: string | null }[];
};
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type ExamplesPage = {
  namespace: string;
  examples: { id: number; question: string; sql: string; source_task_id: string | null; verified_by: string | null }[];
  next_cursor: string | null;
};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function feedback(token: string, body: unknown): Promise<Response> {
  return call("/workflows/feedback", {
    method: "POST",
    headers: { ...auth(token), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function history(token: string, taskId: string): Promise<History> {
  const res = await call(`/workflows/feedback?task_id=${encodeURIComponent(taskId)}`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return (await res.json()) as History;
}

async function ask(token: string, namespace: string, task: string, taskId = uniqueTaskId("fb")): Promise<RunBody> {
  const res = await runWorkflow(token, { workflow: "fixed", namespace, task, task_id: taskId });
  expect(res.status).toBe(200);
  return (await res.json()) as RunBody;
}

async function examples(token: string, namespace: string, query = ""): Promise<ExamplesPage> {
  const res = await call(`/namespaces/${namespace}/examples${query}`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return (await res.json()) as ExamplesPage;
}

describe("POST /workflows/feedback", () => {
  it("records verdicts that persist across requests, keeping the history with the newest current", async () => {
    const token = await tokenFor();
    const task = await ask(token, "pg_tight", "How many products are active?");
    const first = await feedback(token, { task_id: task.task_id, status: "success", comment: "looks right" });
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toEqual({
      task_id: task.task_id,
      acknowledged: true,
      recorded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });

    expect(
      (await feedback(token, { task_id: task.task_id, status: "failed", comment: "counts discontinued ones" })).status,
    ).toBe(200);
    const seen = await history(token, task.task_id);
    expect(seen.current).toMatchObject({ status: "failed", comment: "counts discontinued ones", corrected_sql: null });
    expect(seen.history.map((h) => [h.status, h.comment])).toEqual([
      ["failed", "counts discontinued ones"],
      ["success", "looks right"],
    ]);
  });

  it("answers 404 for another client's task and for an unknown task, and shows nothing to others", async () => {
    const a = await tokenFor("client-a", "secret-a");
    const b = await tokenFor("client-b", "secret-b");
    const task = await ask(a, "pg_tight", "How many payments are there?");
    const foreign = await feedback(b, { task_id: task.task_id, status: "failed" });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toBe("application/problem+json");
    expect(((await foreign.json()) as Problem).errors?.[0]?.path).toBe("task_id");
    expect((await feedback(a, { task_id: uniqueTaskId("never-ran"), status: "success" })).status).toBe(404);
    expect((await call(`/workflows/feedback?task_id=${task.task_id}`, { headers: auth(b) })).status).toBe(404);
    expect((await call(`/workflows/feedback?task_id=${uniqueTaskId()}`, { headers: auth(a) })).status).toBe(404);
    // The owner's history is untouched by the refused attempt.
    expect((await history(a, task.task_id)).history).toEqual([]);
  });

  it("validates the body as problem+json naming each field, and requires a token", async () => {
    const token = await tokenFor();
    const res = await feedback(token, { task_id: "x", status: "maybe", rating: 5, comment: "c".repeat(5000) });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as Problem).errors!.map((e) => e.path).sort();
    expect(paths).toEqual(["comment", "rating", "status"]);
    const missing = (await (await feedback(token, { status: "success" })).json()) as Problem;
    expect(missing.errors!.map((e) => e.path)).toEqual(["task_id"]);
    expect((await call("/workflows/feedback", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await call("/namespaces/demo/examples")).status).toBe(401);
  });

  it("answers 409 while the task has not finished", async () => {
    const taskId = uniqueTaskId("running");
    const now = new Date().toISOString();
    await new TaskIndex(env.DB).record({
      clientId: "client-a",
      taskId,
      workflow: "fixed",
      namespace: "pg_tight",
      question: "q",
      status: "running",
      sql: null,
      createdAt: now,
      updatedAt: now,
    });
    expect((await feedback(await tokenFor(), { task_id: taskId, status: "success" })).status).toBe(409);
  });

  it("finds a finished task whose index entry is not written yet (its TaskRoom answers)", async () => {
    const token = await tokenFor();
    const taskId = uniqueTaskId("fb-fresh");
    await ask(token, "pg", "How many orders are there per status?", taskId);
    // The TaskRoom writes the index entry after the answer (issue 18): wait for it, then take it away
    // again, which is what a client giving feedback within that moment finds.
    const index = new TaskIndex(env.DB);
    for (let i = 0; i < 100 && !(await index.get("client-a", taskId)); i++) await new Promise((r) => setTimeout(r, 20));
    await index.remove("client-a", taskId);
    expect((await feedback(token, { task_id: taskId, status: "success" })).status).toBe(200);
    expect((await history(token, taskId)).current?.status).toBe("success");
  });

  it("rejects corrected SQL the guard refuses with a 422 naming corrected_sql, storing nothing", async () => {
    const token = await tokenFor();
    const task = await ask(token, "pg_tight", "How many customers signed up?");
    const res = await feedback(token, {
      task_id: task.task_id,
      status: "success",
      corrected_sql: "DELETE FROM orders",
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toMatch(/refused by the SQL guard/);
    expect(problem.detail).toMatch(/DELETE/);
    expect(problem.errors).toEqual([{ path: "corrected_sql", message: expect.stringMatching(/DELETE/) }]);
    expect((await history(token, task.task_id)).history).toEqual([]);
    expect((await examples(token, "pg_tight")).examples.filter((e) => e.source_task_id === task.task_id)).toEqual([]);
  });

  it("rejects corrected SQL that fails to execute with the database's error class and position, not its message", async () => {
    const token = await tokenFor();
    const task = await ask(token, "pg_tight", "How many customers signed up?");
    const res = await feedback(token, {
      task_id: task.task_id,
      status: "success",
      corrected_sql: "SELECT no_such_column FROM customers",
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toBe(
      "corrected_sql failed to execute: undefined_column (SQLSTATE 42703, class 42: syntax_error_or_access_rule_violation) at position 8",
    );
    expect(problem.errors?.[0]?.path).toBe("corrected_sql");
    expect((await history(token, task.task_id)).history).toEqual([]);
  });
});

// A curator's feedback verifies at once; an analyst's waits for one (test/workers/security/tenancy.test.ts).
describe("verified examples teach later runs", () => {
  const VERIFIED = "SELECT count(*) AS verified_shipped_orders FROM orders WHERE status = 'shipped'";

  it("answers a reworded question with the verified SQL, and stops once the verdict is failed", async () => {
    const token = await tokenFor("curator-a", "secret-curator");
    const first = await ask(token, "demo_tight", "How many orders did we ship?");
    expect(first.sql).not.toBe(VERIFIED);
    expect(
      (await feedback(token, { task_id: first.task_id, status: "success", corrected_sql: `${VERIFIED};` })).status,
    ).toBe(200);

    const reworded = await ask(token, "demo_tight", "Number of shipped orders");
    expect(reworded.status).toBe("completed");
    expect(reworded.sql).toBe(VERIFIED); // as the guard normalised it: no trailing `;`
    expect(reworded.metadata.example_used).toBe("verified_example");
    expect(reworded.metadata.explanation).toContain("How many orders did we ship?");
    expect(Object.keys(reworded.result![0]!)).toEqual(["verified_shipped_orders"]);
    const listed = (await examples(token, "demo_tight")).examples.find((e) => e.source_task_id === first.task_id);
    expect(listed).toMatchObject({ question: "How many orders did we ship?", sql: VERIFIED, verified_by: "curator-a" });
    // metadata.sources names the example by its id (issue 16), the one GET /namespaces/{ns}/examples lists.
    expect(reworded.metadata.sources).toContainEqual({
      kind: "verified_example",
      id: listed!.id,
      question: "How many orders did we ship?",
    });

    // Changing the verdict takes the example back: a new task no longer uses it.
    expect(
      (await feedback(token, { task_id: first.task_id, status: "failed", comment: "wrong after all" })).status,
    ).toBe(200);
    const after = await ask(token, "demo_tight", "Number of shipped orders");
    expect(after.sql).not.toBe(VERIFIED);
    expect(after.metadata.example_used).toBeUndefined();
    expect((await examples(token, "demo_tight")).examples.some((e) => e.source_task_id === first.task_id)).toBe(false);
  });

  it("success verifies the task's own SQL; failed on an answer given from an example removes that example", async () => {
    const token = await tokenFor("curator-a", "secret-curator");
    const first = await ask(token, "pg_tight", "Number of orders per channel");
    expect(first.status).toBe("completed");
    expect((await feedback(token, { task_id: first.task_id, status: "success" })).status).toBe(200);
    const stored = (await examples(token, "pg_tight")).examples.find((e) => e.source_task_id === first.task_id);
    expect(stored).toMatchObject({
      question: "Number of orders per channel",
      sql: first.sql,
      verified_by: "curator-a",
    });

    const reworded = await ask(token, "pg_tight", "How many orders for each channel?");
    expect(reworded.metadata.example_used).toBe("verified_example");
    expect((await feedback(token, { task_id: reworded.task_id, status: "failed" })).status).toBe(200);
    expect((await examples(token, "pg_tight")).examples.some((e) => e.id === stored!.id)).toBe(false);
    expect((await ask(token, "pg_tight", "How many orders for each channel?")).metadata.example_used).toBeUndefined();
  });

  it("exports a namespace's examples in pages and refuses an unknown namespace", async () => {
    const token = await tokenFor("curator-a", "secret-curator");
    for (const question of ["How many customers are corporate?", "How many products are in each category?"]) {
      const task = await ask(token, "pg_tight", question);
      expect((await feedback(token, { task_id: task.task_id, status: "success" })).status).toBe(200);
    }
    const page1 = await examples(token, "pg_tight", "?limit=1");
    expect(page1.examples).toHaveLength(1);
    expect(page1.next_cursor).not.toBeNull();
    const page2 = await examples(token, "pg_tight", `?limit=1&cursor=${encodeURIComponent(page1.next_cursor!)}`);
    expect(page2.examples[0]!.id).not.toBe(page1.examples[0]!.id);
    expect((await call("/namespaces/nowhere/examples", { headers: auth(token) })).status).toBe(404);
    expect((await call("/namespaces/pg_tight/examples?cursor=bogus", { headers: auth(token) })).status).toBe(400);
  });

  it("puts the retrieved examples into an LLM's prompt", async () => {
    // A namespace name of its own: retrieval reads only this test's example.
    const demo = namespacesFor(loadConfig(env)).resolve("demo");
    if (!demo.ok) throw new Error("demo namespace missing");
    const target = { ...demo.target, namespace: `learning-${crypto.randomUUID()}` };
    const verified =
      "SELECT channel, round(avg(total_amount), 2) AS avg_order_value FROM orders GROUP BY channel ORDER BY channel";
    const store = new FeedbackStore(env.DB);
    const at = new Date().toISOString();
    await store.record(
      {
        clientId: "client-a",
        taskId: uniqueTaskId(),
        status: "success",
        comment: null,
        correctedSql: verified,
        recordedAt: at,
      },
      {
        forget: [],
        verify: {
          namespace: target.namespace,
          question: "Average order value per sales channel",
          sql: verified,
          sourceTaskId: "t-src",
          clientId: "client-a",
          verifiedBy: "curator-a",
          at,
        },
      },
    );

    const prompts: string[] = [];
    const model = new MockLanguageModelV4({
      provider: "mock",
      modelId: "recorder",
      doGenerate: async (options) => {
        prompts.push(JSON.stringify(options.prompt));
        return {
          content: [
            {
              type: "text",
              text: JSON.stringify({ explanation: "from the example", sql: verified, tables: ["orders"] }),
            },
          ],
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 5, text: 5, reasoning: undefined },
          },
          warnings: [],
        };
      },
    });
    const generator = new AiSqlGenerator({
      model,
      label: "mock:recorder",
      timeoutMs: 5000,
      maxRetries: 0,
      maxOutputTokens: 256,
    });
    const deps = engineDeps(env, target, generator);
    const outcome = await runEngine(
      {
        taskId: "t-llm",
        workflow: "fixed",
        namespace: target.namespace,
        question: "What is the mean order value for each channel?",
        currentDate: "2024-06-30",
      },
      deps,
      new CollectingSink(),
    );
    expect(outcome.status).toBe("completed");
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("Verified examples");
    expect(prompts[0]).toContain("Average order value per sales channel");
    expect(prompts[0]).toContain("avg_order_value");
  });
});

describe("OpenAPI", () => {
  it("documents the feedback and examples routes", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths["/workflows/feedback"]!).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/namespaces/{ns}/examples"]).toHaveProperty("get");
    expect(doc.components.schemas).toHaveProperty("FeedbackRequest");
    expect(doc.components.schemas).toHaveProperty("VerifiedExamplesPage");
  });
});
