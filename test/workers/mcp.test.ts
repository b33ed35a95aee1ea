/**
 * The MCP front door (src/mcp/, issue 17) in the Workers runtime, with plain JSON-RPC over the
 * Worker's fetch handler: auth and discovery (RFC 6750, RFC 9728, RFC 8414), tool errors carrying the
 * API's problem text, and one answered question. The SDK's own client over real HTTP is in
 * test/e2e/mcp.test.ts.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, tokenFor } from "./helpers";

const ORIGIN = "http://datus.test";
const PROTOCOL_VERSION = "2025-06-18";

/** A tools/call result (MCP "Tool Result"): text content, and the tool's JSON beside it. */
interface ToolResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

interface JsonRpcMessage {
  jsonrpc: "2.0";
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
  result?: ToolResult & Record<string, unknown>;
  error?: { code: number; message: string };
}

function post(token: string | undefined, message: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call("/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": PROTOCOL_VERSION,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(message),
  });
}

/** Every JSON-RPC message of a response (an SSE stream, or one JSON body). */
async function messages(res: Response): Promise<JsonRpcMessage[]> {
  const body = await res.text();
  if (!(res.headers.get("content-type") ?? "").includes("text/event-stream"))
    return [JSON.parse(body) as JsonRpcMessage];
  return body
    .split("\n")
    .filter((line) => line.startsWith("data:") && line.length > 5)
    .map((line) => JSON.parse(line.slice(5)) as JsonRpcMessage);
}

async function callTool(token: string, name: string, args: Record<string, unknown>, meta?: Record<string, unknown>) {
  const res = await post(token, {
    jsonrpc: "2.0",
    id: 7,
    method: "tools/call",
    params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
  });
  expect(res.status).toBe(200);
  const all = await messages(res);
  const reply = all.find((m) => m.id === 7)!;
  expect(reply.error).toBeUndefined();
  const text = reply.result!.content.map((c) => c.text).join("\n");
  return { result: reply.result!, text, notifications: all.filter((m) => m.method !== undefined) };
}

describe("/mcp authentication (RFC 6750 §3, RFC 9728 §5.1)", () => {
  it("refuses a request without a token: 401 whose challenge names the protected-resource metadata", async () => {
    const res = await post(undefined, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(res.status).toBe(401);
    const challenge = res.headers.get("www-authenticate")!;
    expect(challenge).toMatch(/^Bearer realm="datus-edge", error="invalid_token"/);
    expect(challenge).toContain(`resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource"`);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a bad token the same way, whatever the method", async () => {
    for (const method of ["POST", "GET", "DELETE"]) {
      const res = await call("/mcp", { method, headers: { authorization: "Bearer not.a.token" } });
      expect(res.status, method).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("resource_metadata=");
    }
  });

  it("serves the protected-resource metadata naming this origin as authorization server (RFC 9728 §3)", async () => {
    const root = (await (await call("/.well-known/oauth-protected-resource")).json()) as Record<string, unknown>;
    expect(root).toMatchObject({
      resource: ORIGIN,
      authorization_servers: [ORIGIN],
      bearer_methods_supported: ["header"],
    });
    // §3.1: the metadata of resource <origin>/mcp, at the well-known path with the resource's path appended.
    const mcp = (await (await call("/.well-known/oauth-protected-resource/mcp")).json()) as Record<string, unknown>;
    expect(mcp.resource).toBe(`${ORIGIN}/mcp`);
  });

  it("serves authorization server metadata naming the token endpoint and the client-credentials grant (RFC 8414 §2)", async () => {
    const as = (await (await call("/.well-known/oauth-authorization-server")).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: ORIGIN,
      token_endpoint: `${ORIGIN}/auth/token`,
      grant_types_supported: ["client_credentials"],
    });
  });
});

describe("/mcp protocol", () => {
  it("initializes with tools and resources, and issues the session id that makes asks cancellable", async () => {
    const token = await tokenFor();
    const res = await post(token, {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toMatch(/^[0-9a-f-]{36}$/);
    const [reply] = await messages(res);
    expect(reply!.result).toMatchObject({
      serverInfo: { name: "datus-edge" },
      capabilities: { tools: {}, resources: {} },
    });
  });

  it("answers GET (no server-initiated stream) with 405, as a stateless server may", async () => {
    const res = await call("/mcp", {
      headers: { authorization: `Bearer ${await tokenFor()}`, accept: "text/event-stream" },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("asks a question through the TaskRoom, with a progress notification per task event", async () => {
    const token = await tokenFor();
    const { result, notifications } = await callTool(
      token,
      "ask",
      { question: "How many orders are there?", namespace: "demo", workflow: "fixed" },
      { progressToken: "p1" },
    );
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({
      status: "completed",
      workflow: "fixed",
      truncated: false,
      row_count: 1,
    });
    expect(result.structuredContent!.rows).toHaveLength(1);
    expect(notifications.length).toBeGreaterThanOrEqual(5);
    expect(notifications.every((n) => n.method === "notifications/progress" && n.params!.progressToken === "p1")).toBe(
      true,
    );
    expect(notifications.at(-1)!.params!.message).toBe("Task completed");
  });
});

describe("/mcp conversations (issue 16): conversation_id in, conversation_id and clarification out", () => {
  const BASE = { namespace: "demo", current_date: "2024-12-31" };

  it("ask holds a conversation: a follow-up, a clarification asked back, and its answer by label", async () => {
    const token = await tokenFor();
    const first = await callTool(token, "ask", {
      ...BASE,
      question: "total revenue by month in 2024",
      conversation_id: "new",
    });
    expect(first.result.isError).toBeUndefined();
    const id = first.result.structuredContent!.conversation_id as string;
    expect(id).toMatch(/^conv_[0-9a-f]{24}$/);
    expect(first.result.structuredContent!.clarification).toBeNull();
    expect(first.text).toContain(`Conversation ${id}: pass it as conversation_id`);

    const only2023 = await callTool(token, "ask", { ...BASE, question: "only 2023", conversation_id: id });
    expect(only2023.result.structuredContent).toMatchObject({ status: "completed", conversation_id: id });
    expect(only2023.result.structuredContent!.sql).toContain("DATE '2023-01-01'");
    expect(only2023.result.structuredContent!.metadata).toMatchObject({ read_as: "total revenue by month in 2023" });

    // An ambiguous value: a tool error whose structured content carries the options.
    const asked = await callTool(token, "ask", { ...BASE, question: "what about 'Springfield'?", conversation_id: id });
    expect(asked.result.isError).toBe(true);
    const clarification = asked.result.structuredContent!.clarification as { options: { id: string; label: string }[] };
    const city = clarification.options.find((o) => o.id === "customers.city");
    expect(city).toBeDefined();
    expect(asked.text).toContain('Clarification needed: What is "Springfield"');
    expect(asked.text).toContain(`- ${city!.label} (customers.city`);

    const answered = await callTool(token, "ask", { ...BASE, question: city!.label, conversation_id: id });
    expect(answered.result.structuredContent).toMatchObject({
      status: "completed",
      conversation_id: id,
      clarification: null,
    });
    expect(answered.result.structuredContent!.sql).toContain("c.city = 'Springfield'");
    expect(answered.result.structuredContent!.metadata).toMatchObject({ answers_clarification: true });
  });

  it("query_metric keeps the metric across a follow-up; without conversation_id nothing changes", async () => {
    const token = await tokenFor();
    const first = await callTool(token, "query_metric", {
      ...BASE,
      question: "revenue by month in 2024",
      conversation_id: "new",
    });
    const id = first.result.structuredContent!.conversation_id as string;
    expect(id).toMatch(/^conv_/);
    const byChannel = await callTool(token, "query_metric", {
      ...BASE,
      question: "by channel instead",
      conversation_id: id,
    });
    expect(byChannel.result.structuredContent).toMatchObject({
      status: "completed",
      workflow: "metric_to_sql",
      conversation_id: id,
    });
    const metadata = byChannel.result.structuredContent!.metadata as Record<string, unknown>;
    expect(metadata.metric).toBe((first.result.structuredContent!.metadata as Record<string, unknown>).metric);
    expect(metadata.read_as).toBe("revenue by channel in 2024");

    const alone = await callTool(token, "query_metric", { ...BASE, question: "revenue by month in 2024" });
    expect(alone.result.structuredContent).toMatchObject({ conversation_id: null, clarification: null });
    expect(alone.text).not.toContain("Conversation");
  });

  it("refuses a malformed conversation_id with the API's own message (the shared zod schema)", async () => {
    const { result, text } = await callTool(await tokenFor(), "ask", {
      ...BASE,
      question: "revenue",
      conversation_id: "conv_x",
    });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/conversation_id must be "new" or an id from metadata.conversation_id/);
  });
});

describe("/mcp tool errors carry the API's problem text", () => {
  it("a namespace the client is not granted (403 of the route)", async () => {
    const { result, text } = await callTool(await tokenFor("scoped-b", "secret-scoped-b"), "ask", {
      question: "How many orders are there?",
      namespace: "demo",
    });
    expect(result.isError).toBe(true);
    expect(text).toBe("This client is not granted namespace 'demo' (namespace: not granted to this client) [HTTP 403]");
  });

  it("a task of no one's (404 of the route)", async () => {
    const { result, text } = await callTool(await tokenFor(), "get_task", { task_id: "no-such-task" });
    expect(result.isError).toBe(true);
    expect(text).toContain("No such task for this client [HTTP 404]");
  });

  it("arguments that fail the tool's input schema (the route's own zod schema)", async () => {
    const { result, text } = await callTool(await tokenFor(), "ask", { question: "   ", namespace: "demo" });
    expect(result.isError).toBe(true);
    expect(text).toContain("task cannot be empty");
  });

  it("feedback on another client's task is refused as over HTTP", async () => {
    const { result, text } = await callTool(await tokenFor("client-b", "secret-b"), "give_feedback", {
      task_id: "someone-elses-task",
      status: "success",
    });
    expect(result.isError).toBe(true);
    expect(text).toContain("[HTTP 404]");
  });
});

describe("/mcp shares the routes' rate limits", () => {
  it("an ask takes a run from the same bucket as POST /workflows/run: the HTTP run spends it, the ask is refused with the 429's text", async () => {
    const clientId = `mcp-limits-${crypto.randomUUID()}`;
    const authClients = [
      "clients:",
      `  ${clientId}: s`,
      "jwt:",
      "  secret_key: mcp-limits-test-signing-key-0123456789-abcd",
      "",
    ].join("\n");
    const e = { ...env, AUTH_CLIENTS: authClients, RATE_LIMIT_RUNS_PER_MINUTE: "1", RATE_LIMIT_RUNS_BURST: "1" } as Env;
    const fetchWith = (path: string, init: RequestInit) =>
      Promise.resolve(worker.fetch(new Request(`${ORIGIN}${path}`, init), e, createExecutionContext()));
    const issued = await fetchWith("/auth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: "s",
      }).toString(),
    });
    const token = ((await issued.json()) as { access_token: string }).access_token;
    const run = await fetchWith("/workflows/run", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ workflow: "fixed", namespace: "demo", task: "How many orders are there?" }),
    });
    expect(run.status).toBe(200);
    const res = await fetchWith("/mcp", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": PROTOCOL_VERSION,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: {
          name: "ask",
          arguments: { question: "How many orders are there?", namespace: "demo", workflow: "fixed" },
        },
      }),
    });
    const reply = (await messages(res)).find((m) => m.id === 1)!;
    expect(reply.result!.isError).toBe(true);
    expect(reply.result!.content[0]!.text).toMatch(/1 per minute.*\[HTTP 429\]$/);
  });
});

describe("/mcp from a browser (CORS_ALLOWED_ORIGINS)", () => {
  const APP = "https://app.example.com";
  const callWith = (path: string, init: RequestInit) =>
    Promise.resolve(
      worker.fetch(
        new Request(`${ORIGIN}${path}`, init),
        { ...env, CORS_ALLOWED_ORIGINS: APP } as Env,
        createExecutionContext(),
      ),
    );

  it("answers the preflight without a token, allowing the transport's headers", async () => {
    const res = await callWith("/mcp", {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, mcp-session-id, mcp-protocol-version",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-headers")).toContain("Mcp-Session-Id,Mcp-Protocol-Version");
  });

  it("lets the page read the session id, and a 401's challenge", async () => {
    const init = (token?: string): RequestInit => ({
      method: "POST",
      headers: {
        origin: APP,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    const ok = await callWith("/mcp", init(await tokenFor()));
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
    expect(ok.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
    const refused = await callWith("/mcp", init());
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(APP);
  });
});
