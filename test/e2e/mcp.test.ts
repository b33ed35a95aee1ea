/**
 * The MCP server (issue 17) through the SDK's own client over real HTTP: the service as `npm start`
 * runs it (gateway + `wrangler dev` of the production build, local D1 and Durable Objects) on
 * loopback. The model is the loopback OpenAI-compatible stub (test/workers/llm-stub-server.ts,
 * `stub-hang-on-wait`): it answers at once with a real query on the demo data, and never when the
 * question says "[wait]" — a task that runs until it is cancelled.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult, Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../../scripts/lib/local-service.ts";
import { type LlmStub, startLlmStub } from "../workers/llm-stub-server.ts";

const JWT_KEY = "local-development-secret-key-change-in-production";
/** demo-client may use every namespace; narrow-client only `sales` (which need not exist to be refused others). */
const AUTH_CLIENTS = [
  "clients:",
  "  demo-client: demo-secret",
  "  narrow-client:",
  "    secret: narrow-secret",
  "    namespaces: [sales]",
  "jwt:",
  `  secret_key: ${JWT_KEY}`,
  "  algorithm: HS256",
  "  expiration_hours: 2",
  "",
].join("\n");

/** Every wait here is for an event; this only bounds a hang. */
const CALL_TIMEOUT_MS = 60_000;

let service: Service | undefined;
let stub: LlmStub | undefined;

beforeAll(async () => {
  stub = await startLlmStub();
  service = await startService({
    authClients: AUTH_CLIENTS,
    pgliteDir: ".data/pglite-e2e-mcp",
    vars: {
      LLM_PROVIDER: "openai-compatible",
      LLM_BASE_URL: stub.url,
      LLM_MODEL: "stub-hang-on-wait",
      LLM_MAX_RETRIES: "0",
    },
  });
});

afterAll(async () => {
  await service?.stop();
  await stub?.close();
});

async function token(clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${service!.url}/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function connect(clientId = "demo-client", secret = "demo-secret"): Promise<Client> {
  const client = new Client({ name: "datus-e2e", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${service!.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${await token(clientId, secret)}` } },
  });
  await client.connect(transport);
  return client;
}

const text = (result: CallToolResult) => result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");

describe("MCP over Streamable HTTP", () => {
  it("lists the tools, with input and output schemas, and each granted namespace's catalog as a resource", async () => {
    const client = await connect();
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        "ask",
        "describe_namespace",
        "get_task",
        "give_feedback",
        "list_metrics",
        "list_namespaces",
        "query_metric",
      ]);
      const askTool = tools.find((t) => t.name === "ask")!;
      expect(askTool.inputSchema.required).toEqual(expect.arrayContaining(["question", "namespace"]));
      expect(askTool.outputSchema?.properties).toHaveProperty("rows");
      // A conversation through the tools (issue 16): the id goes in, the id and any clarification come out.
      for (const name of ["ask", "query_metric"]) {
        const tool = tools.find((t) => t.name === name)!;
        expect(tool.inputSchema.properties).toHaveProperty("conversation_id");
        expect(tool.outputSchema?.properties).toHaveProperty("conversation_id");
        expect(tool.outputSchema?.properties).toHaveProperty("clarification");
      }
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toContain("datus://namespaces/demo/catalog");
      const catalog = await client.readResource({ uri: "datus://namespaces/demo/catalog" });
      const first = catalog.contents[0]!;
      expect(JSON.parse("text" in first ? first.text : "{}").tables.map((t: { name: string }) => t.name)).toContain(
        "public.customers",
      );
    } finally {
      await client.close();
    }
  });

  it("asks a question on the demo namespace and gets rows, with progress notifications from the task's events", async () => {
    const client = await connect();
    try {
      const progress: Progress[] = [];
      const result = (await client.callTool(
        {
          name: "ask",
          arguments: { question: "How many customers per country?", namespace: "demo", workflow: "fixed", max_rows: 3 },
        },
        undefined,
        { onprogress: (p) => progress.push(p), timeout: CALL_TIMEOUT_MS },
      )) as CallToolResult;
      expect(result.isError, text(result)).toBeFalsy();
      const answer = result.structuredContent as {
        status: string;
        sql: string;
        rows: Record<string, unknown>[];
        row_count: number;
        truncated: boolean;
        task_id: string;
      };
      expect(answer.status).toBe("completed");
      expect(answer.sql).toMatch(/FROM public\.customers/);
      expect(answer.rows).toHaveLength(3);
      expect(answer.rows[0]).toHaveProperty("country");
      expect(answer.row_count).toBeGreaterThan(3);
      expect(answer.truncated).toBe(true);
      expect(text(result)).toContain("| country | customers |");
      // One notification per task event, in order, from `started` to `done`.
      expect(progress.length).toBeGreaterThanOrEqual(5);
      expect(progress[0]!.message).toContain(`Task ${answer.task_id} started`);
      expect(progress.at(-1)!.message).toBe("Task completed");
      expect(progress.map((p) => p.progress)).toEqual([...progress.map((p) => p.progress)].sort((a, b) => a - b));

      const task = (await client.callTool({
        name: "get_task",
        arguments: { task_id: answer.task_id, max_rows: 1 },
      })) as CallToolResult;
      expect(task.structuredContent).toMatchObject({ task_id: answer.task_id, status: "completed", truncated: true });
    } finally {
      await client.close();
    }
  });

  it("cancels the task when the client cancels the call", async () => {
    const client = await connect();
    try {
      const abort = new AbortController();
      let taskId: string | undefined;
      const started = new Promise<void>((resolve) => {
        void client
          .callTool(
            {
              name: "ask",
              arguments: { question: "How many customers per country? [wait]", namespace: "demo", workflow: "fixed" },
            },
            undefined,
            {
              signal: abort.signal,
              timeout: CALL_TIMEOUT_MS,
              onprogress: (p) => {
                taskId ??= /Task (\S+) started/.exec(p.message ?? "")?.[1];
                // generate_sql is where the stub model hangs: the task is running, not merely created.
                if (p.message?.startsWith("generate_sql: processing")) resolve();
              },
            },
          )
          .catch(() => {});
      });
      await started;
      expect(taskId).toBeDefined();
      abort.abort("the user changed their mind");
      // The cancellation is its own POST (notifications/cancelled); the task ends as soon as it lands.
      let status = "running";
      const deadline = Date.now() + CALL_TIMEOUT_MS;
      while (status === "running" && Date.now() < deadline) {
        const task = (await client.callTool({ name: "get_task", arguments: { task_id: taskId! } })) as CallToolResult;
        status = (task.structuredContent as { status: string }).status;
      }
      expect(status).toBe("cancelled");
    } finally {
      await client.close();
    }
  });

  it("refuses a namespace the client is not granted, with the API's problem text, and lists only granted ones", async () => {
    const client = await connect("narrow-client", "narrow-secret");
    try {
      const refused = (await client.callTool({
        name: "ask",
        arguments: { question: "How many customers per country?", namespace: "demo" },
      })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect(text(refused)).toContain("This client is not granted namespace 'demo'");
      expect(text(refused)).toContain("HTTP 403");
      const described = (await client.callTool({
        name: "describe_namespace",
        arguments: { namespace: "demo" },
      })) as CallToolResult;
      expect(described.isError).toBe(true);
      const listed = (await client.callTool({ name: "list_namespaces", arguments: {} })) as CallToolResult;
      expect(
        (listed.structuredContent as { namespaces: { name: string }[] }).namespaces.map((n) => n.name),
      ).not.toContain("demo");
      await expect(client.readResource({ uri: "datus://namespaces/demo/catalog" })).rejects.toThrow(/not granted/);
    } finally {
      await client.close();
    }
  });

  it("answers 401 without a token, pointing at the protected-resource metadata (RFC 9728 §5.1)", async () => {
    const res = await fetch(`${service!.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain(
      `resource_metadata="${service!.url}/.well-known/oauth-protected-resource"`,
    );
  });
});
