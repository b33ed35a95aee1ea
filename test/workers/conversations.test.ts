import { MockLanguageModelV4 } from "ai/test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { AiSqlGenerator } from "../../src/llm/ai/ai-generator";
import { call, readEvents, runWorkflow as run, taskRoom, tokenFor, uniqueTaskId, withGenerator } from "./helpers";

// biome-ignore lint/suspicious/noExplicitAny: answers and event payloads are read loosely and checked field by field
type Loose = Record<string, any>;

type RunBody = {
  task_id: string;
  status: string;
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Loose;
  error: string | null;
};

const BASE = { workflow: "nl2sql", namespace: "demo", current_date: "2024-12-31" } as const;

/** The five turns of issue 16's "done when": a question, three refinements, a clarification (asked, then answered). */
const TURNS = [
  "total revenue by month in 2024",
  "only 2023",
  "by country instead",
  "top 5",
  "what about 'Springfield'?",
] as const;

async function ask(
  token: string,
  task: string,
  conversationId: string,
  mode: "sync" | "async",
  prepare?: (taskId: string) => Promise<void>,
): Promise<RunBody> {
  const taskId = uniqueTaskId("conv");
  await prepare?.(taskId);
  const body = { ...BASE, task, conversation_id: conversationId, task_id: taskId, mode };
  const res = await run(token, body);
  expect(res.status).toBe(200);
  if (mode === "sync") return (await res.json()) as RunBody;
  // Read loosely: each event's data is checked below as the contract shapes it.
  const events = (await readEvents(res)) as { event: string; data: Loose }[];
  const ready = events.find((e) => e.event === "output_ready")?.data;
  const error = events.find((e) => e.event === "error")?.data;
  const sql = events.filter((e) => e.event === "sql_generated").at(-1)?.data.sql ?? null;
  const context = events.find((e) => e.event === "node_detail" && e.data.description.includes("conversation"));
  expect(context?.data.details.conversation_id).toMatch(/^conv_|^new$/);
  expect(events.at(-1)?.event).toBe("done");
  return {
    task_id: taskId,
    status: events.at(-1)?.data.status,
    sql,
    result: ready?.result ?? null,
    metadata: ready?.metadata ?? (error?.clarification ? { clarification: error.clarification } : {}),
    error: error?.error ?? null,
  };
}

async function fiveTurns(mode: "sync" | "async", prepare?: (taskId: string) => Promise<void>) {
  const token = await tokenFor();
  const first = await ask(token, TURNS[0], "new", mode, prepare);
  expect(first.status).toBe("completed");
  const id = first.metadata.conversation_id as string;
  expect(id).toMatch(/^conv_[0-9a-f]{24}$/);
  const answers = [first];
  for (const task of TURNS.slice(1)) answers.push(await ask(token, task, id, mode, prepare));
  const clarification = answers[4]!.metadata.clarification as { options: { id: string; label: string }[] };
  return { token, id, answers, clarification };
}

describe("conversations with the built-in generator", () => {
  for (const mode of ["sync", "async"] as const) {
    it(`runs a five-turn conversation (${mode}): a question, three refinements, a clarification`, async () => {
      const { token, id, answers, clarification } = await fiveTurns(mode);
      const [first, only2023, byCountry, top5, ambiguous] = answers;
      // Every completed answer explains itself (step 3), sync and in output_ready alike.
      expect(first!.metadata.assumptions).toContain("orders.order_date from 2024-01-01 to before 2025-01-01");
      expect(first!.metadata.sources).toContainEqual({ kind: "table", id: "orders" });
      expect(first!.metadata.chart).toMatchObject({ mark: { type: "line" }, data: { name: "result" } });
      expect(first!.metadata.suggestions.length).toBeGreaterThan(0);
      expect(top5!.metadata.chart).toMatchObject({ mark: { type: "bar" }, encoding: { x: { field: "country" } } });
      expect(only2023!.sql).toContain("DATE '2023-01-01'");
      expect(only2023!.sql).not.toContain("2024-01-01' AND");
      expect(byCountry!.sql).toMatch(/c\.country/);
      expect(byCountry!.sql).toContain("DATE '2023-01-01'");
      expect(top5!.sql).toMatch(/LIMIT 5$/);
      expect(top5!.result!.length).toBeLessThanOrEqual(5);
      if (mode === "sync") expect(top5!.metadata.read_as).toBe("top 5 country by total revenue in 2023");

      // The ambiguous value: failed, with an error that asks, and the options.
      expect(ambiguous!.status).toBe("failed");
      expect(ambiguous!.error).toMatch(/What is "Springfield"/);
      const city = clarification.options.find((o) => o.id === "customers.city");
      expect(city).toBeDefined();

      // Answering with the option's label completes the original question.
      const answered = await ask(token, city!.label, id, mode);
      expect(answered.status).toBe("completed");
      expect(answered.sql).toContain("c.city = 'Springfield'");
      expect(answered.sql).toMatch(/LIMIT 5$/);

      const res = await call(`/conversations/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const conversation = (await res.json()) as { turns: { task_id: string; status: string; read_as: string }[] };
      expect(conversation.turns.map((t) => t.status)).toEqual([
        "completed",
        "completed",
        "completed",
        "completed",
        "failed",
        "completed",
      ]);
      expect(conversation.turns.map((t) => t.task_id)).toEqual([...answers, answered].map((a) => a.task_id));
    });
  }

  it("answers a clarification given as `clarification: <option id>`", async () => {
    const token = await tokenFor();
    const first = await ask(token, "customers in 'Springfield'", "new", "sync");
    expect(first.status).toBe("failed");
    expect(first.metadata.clarification.options.map((o: { id: string }) => o.id)).toContain("customers.city");
    const answered = await ask(token, "clarification: customers.city", first.metadata.conversation_id, "sync");
    expect(answered.status).toBe("completed");
    expect(answered.sql).toContain("c.city = 'Springfield'");
  });

  it("leaves a request without conversation_id as it was: no conversation metadata", async () => {
    const res = await run(await tokenFor(), { ...BASE, task: "total revenue by month in 2024" });
    const body = (await res.json()) as RunBody;
    expect(body.status).toBe("completed");
    expect(body.metadata.conversation_id).toBeUndefined();
  });
});

describe("conversations on metric_to_sql", () => {
  it("keeps the metric and changes the dates, then the dimensions", async () => {
    const token = await tokenFor();
    const turn = async (task: string, conversation_id: string) => {
      const res = await run(token, { ...BASE, workflow: "metric_to_sql", task, conversation_id });
      return (await res.json()) as RunBody;
    };
    const first = await turn("revenue by month in 2024", "new");
    expect(first.status).toBe("completed");
    const id = first.metadata.conversation_id as string;
    const only2023 = await turn("only 2023", id);
    expect(only2023.status).toBe("completed");
    expect(only2023.metadata.metric).toBe(first.metadata.metric);
    expect(only2023.metadata.date_range).toMatchObject({ start: "2023-01-01" });
    const byChannel = await turn("by channel instead", id);
    expect(byChannel.status).toBe("completed");
    expect(byChannel.metadata.metric).toBe(first.metadata.metric);
    expect(JSON.stringify(byChannel.metadata.dimensions)).toContain("channel");
    expect(byChannel.metadata.read_as).toBe("revenue by channel in 2023");
  });
});

describe("conversations with a language model (AI SDK mock)", () => {
  for (const mode of ["sync", "async"] as const)
    it(`gives the model the earlier turns and runs five turns with a clarification (${mode})`, async () => {
      const prompts: string[] = [];
      // The mock answers from the prompt: a follow-up is recognisable only by the conversation it is given.
      const model = new MockLanguageModelV4({
        provider: "mock",
        modelId: "conversation",
        doGenerate: async (options) => {
          const prompt = JSON.stringify(options.prompt);
          prompts.push(prompt);
          const question = /## Question\\n(.*?)(\\n|")/.exec(prompt)?.[1] ?? "";
          const answer = (sql: string, extra: Record<string, unknown> = {}) => ({
            content: [
              { type: "text" as const, text: JSON.stringify({ explanation: "mock", sql, tables: [], ...extra }) },
            ],
            finishReason: { unified: "stop" as const, raw: "stop" },
            usage: {
              inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: 5, text: 5, reasoning: undefined },
            },
            warnings: [],
          });
          const year = prompt.includes("only 2023") ? 2023 : 2024;
          const range = `o.order_date >= DATE '${year}-01-01' AND o.order_date < DATE '${year + 1}-01-01'`;
          if (question.includes("Springfield") && !question.includes("meaning"))
            return answer("", {
              clarification: { question: "Which Springfield?", options: ["customer city", "customer name"] },
            });
          const where = question.includes("meaning: customer city") ? ` AND c.city = 'Springfield'` : "";
          if (prompt.includes("top 5") || where)
            return answer(
              `SELECT c.country, SUM(o.total_amount) AS revenue FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE ${range}${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
            );
          if (prompt.includes("by country instead"))
            return answer(
              `SELECT c.country, SUM(o.total_amount) AS revenue FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE ${range} GROUP BY 1`,
            );
          return answer(
            `SELECT date_trunc('month', o.order_date)::date AS month, SUM(o.total_amount) AS revenue FROM orders o WHERE ${range} GROUP BY 1 ORDER BY 1`,
          );
        },
      });
      const generator = new AiSqlGenerator({
        model,
        label: "mock:conversation",
        timeoutMs: 5000,
        maxRetries: 0,
        maxOutputTokens: 256,
      });
      const prepare = (taskId: string) => withGenerator(taskRoom("client-a", taskId), () => generator);
      const { token, id, answers, clarification } = await fiveTurns(mode, prepare);
      expect(answers.slice(0, 4).map((a) => a.status)).toEqual(["completed", "completed", "completed", "completed"]);
      expect(answers[1]!.sql).toContain("DATE '2023-01-01'");
      expect(answers[3]!.sql).toMatch(/LIMIT 5$/);
      // The second prompt carries the first turn: its question, its SQL and a summary of its rows.
      expect(prompts[1]).toContain("Earlier in this conversation");
      expect(prompts[1]).toContain("total revenue by month in 2024");
      expect(prompts[1]).toMatch(/Result: 12 rows/);
      expect(answers[4]!.status).toBe("failed");
      expect(clarification.options.map((o) => o.label)).toEqual(["customer city", "customer name"]);
      const answered = await ask(token, "customer city", id, mode, prepare);
      expect(answered.status).toBe("completed");
      expect(answered.sql).toContain("c.city = 'Springfield'");
    });
});

describe("conversation routes", () => {
  it("lists, shows and deletes the caller's conversations; another client's is a 404", async () => {
    const token = await tokenFor();
    const first = await ask(token, "number of orders by status", "new", "sync");
    const id = first.metadata.conversation_id as string;
    const auth = { authorization: `Bearer ${token}` };

    const list = (await (await call("/conversations?limit=100", { headers: auth })).json()) as {
      conversations: { conversation_id: string; title: string }[];
    };
    expect(list.conversations.find((c) => c.conversation_id === id)?.title).toBe("number of orders by status");

    const other = await tokenFor("client-b", "secret-b");
    expect((await call(`/conversations/${id}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    const stolen = await run(other, { ...BASE, task: "only 2023", conversation_id: id });
    expect(stolen.status).toBe(404);
    expect(((await stolen.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("conversation_id");

    expect((await call(`/conversations/${id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await call(`/conversations/${id}`, { headers: auth })).status).toBe(404);
    expect((await run(token, { ...BASE, task: "only 2023", conversation_id: id })).status).toBe(404);
  });

  it("refuses a malformed conversation_id naming the field, and another namespace", async () => {
    const token = await tokenFor();
    const bad = await run(token, { ...BASE, task: "x", conversation_id: "mine" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("conversation_id");
    const first = await ask(token, "number of orders by status", "new", "sync");
    const elsewhere = await run(token, {
      ...BASE,
      namespace: "demo_small",
      task: "only 2023",
      conversation_id: first.metadata.conversation_id,
    });
    expect([400, 403, 404]).toContain(elsewhere.status);
  });
});

describe("conversations of end users (X-End-User)", () => {
  // TEST_END_USER_KEY of global-setup.ts, the key of the client app-eu.
  const key = new TextEncoder().encode("test-end-user-key-0123456789-abcdefghijklmnop");
  const endUser = (sub: string) =>
    new SignJWT({ attributes: { region: "Europe" } })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);

  it("belong to the end user: another end user of the same client, or the client alone, gets a 404", async () => {
    const token = await tokenFor("app-eu", "secret-app");
    const [alice, bob] = [await endUser("alice"), await endUser("bob")];
    const first = (await (
      await run(token, { ...BASE, task: "number of orders by status", conversation_id: "new" }, { "x-end-user": alice })
    ).json()) as RunBody;
    const id = first.metadata.conversation_id as string;
    const get = (headers: Record<string, string>) =>
      call(`/conversations/${id}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    expect((await get({ "x-end-user": alice })).status).toBe(200);
    expect((await get({ "x-end-user": bob })).status).toBe(404);
    expect((await get({})).status).toBe(404);
    const followUp = { ...BASE, task: "only 2023", conversation_id: id };
    expect((await run(token, followUp, { "x-end-user": bob })).status).toBe(404);
    expect((await run(token, followUp, { "x-end-user": alice })).status).toBe(200);
  });
});

describe("conversations in the OpenAPI document", () => {
  it("documents the routes and the run request's conversation_id", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths["/conversations"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/conversations/{conversation_id}"] ?? {}).sort()).toEqual(["delete", "get"]);
    expect(doc.components.schemas.RunWorkflowRequest?.properties).toHaveProperty("conversation_id");
    expect(doc.components.schemas).toHaveProperty("Clarification");
    // The answer's metadata is documented once (shared/answer.ts) for the run response and the task alike.
    expect(doc.components.schemas).toHaveProperty("AnswerSource");
    const metadata = doc.components.schemas.AnswerMetadata?.properties ?? {};
    expect(Object.keys(metadata)).toEqual(
      expect.arrayContaining(["conversation_id", "clarification", "assumptions", "sources", "suggestions", "chart"]),
    );
    expect(JSON.stringify(doc.components.schemas.RunWorkflowResponse)).toContain("#/components/schemas/AnswerMetadata");
    expect(JSON.stringify(doc.components.schemas.Task)).toContain("#/components/schemas/AnswerMetadata");
  });
});
