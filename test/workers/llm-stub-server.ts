import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback OpenAI-compatible server (Chat Completions) for the Workers tests; it runs in Node
 * (global setup), the Worker under test reaches it over http://127.0.0.1. The behaviour is chosen
 * by the request's model name so tests stay independent and order-free:
 *
 * | model                  | answer                                                               |
 * |------------------------|----------------------------------------------------------------------|
 * | `stub-ok`              | 200 with the JSON object {explanation, sql, tables} as the message    |
 * | `stub-fenced`          | 200, the JSON object wrapped in a ```json fence with a `;`-ended sql |
 * | `stub-cannot`          | 200 with `"sql": ""` (the model declines)                             |
 * | `stub-invalid`         | 200 whose content is prose, not JSON                                 |
 * | `stub-429-once[:id]`   | 429 the first time per full model name, then as `stub-ok`            |
 * | `stub-500`             | always 500                                                           |
 * | `stub-hang`            | never answers (until the client gives up)                            |
 * | `stub-hang-on-wait`    | as `stub-hang` when the prompt says "[wait]", else as `stub-ok`       |
 *
 * Append `:<unique id>` to a model name to get fresh "once" state per test. Errors carry
 * `retry-after-ms: 5` so the AI SDK's backoff (2 s, 4 s otherwise) does not slow the suite.
 * `GET /v1/__stub/requests?model=<name>` returns the requests received for that model, so a test can
 * check what the provider sent (prompt, response_format, Authorization) from inside workerd.
 */
export interface StubRequest {
  model: string;
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface LlmStub {
  /** Base URL for the provider, e.g. `http://127.0.0.1:40123/v1`. */
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export const STUB_ANSWER = {
  explanation: "Counts customers per country.",
  sql: "SELECT c.country, count(*) AS customers FROM public.customers c GROUP BY c.country ORDER BY customers DESC LIMIT 100",
  tables: ["public.customers"],
};

const FAST_RETRY = { "retry-after-ms": "5" };

export async function startLlmStub(): Promise<LlmStub> {
  const requests: StubRequest[] = [];
  const seen = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stub");
    if (req.method === "GET" && url.pathname === "/v1/__stub/requests") {
      const model = url.searchParams.get("model");
      return send(
        res,
        200,
        requests.filter((r) => r.model === model),
      );
    }
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
      return send(res, 404, {
        error: { message: `no route ${req.method} ${url.pathname}`, type: "invalid_request_error" },
      });
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const model = String(body.model ?? "");
    requests.push({ model, authorization: req.headers.authorization ?? null, body });
    if (body.stream === true)
      return send(res, 400, { error: { message: "the stub does not stream", type: "invalid_request_error" } });

    const behaviour = model.split(":")[0];
    switch (behaviour) {
      case "stub-hang":
        // Keep the socket open: the client's timeout or abort is what ends this request.
        return;
      case "stub-hang-on-wait":
        // One service, two behaviours by question (the e2e tests cannot change the model per task).
        if (JSON.stringify(body.messages ?? "").includes("[wait]")) return;
        return completion(res, model, body, STUB_ANSWER);
      case "stub-500":
        return send(res, 500, { error: { message: "stub: internal error", type: "server_error" } }, FAST_RETRY);
      case "stub-429-once":
        if (!seen.has(model)) {
          seen.add(model);
          return send(res, 429, { error: { message: "stub: rate limited", type: "rate_limit_error" } }, FAST_RETRY);
        }
        return completion(res, model, body, STUB_ANSWER);
      case "stub-ok":
        return completion(res, model, body, STUB_ANSWER);
      case "stub-fenced":
        return completion(res, model, body, { ...STUB_ANSWER, sql: `${STUB_ANSWER.sql};` }, true);
      case "stub-cannot":
        return completion(res, model, body, {
          explanation: "The schema has no table about weather.",
          sql: "",
          tables: [],
        });
      case "stub-invalid":
        return completion(res, model, body, "I think you should count the customers.");
      default:
        return send(res, 404, { error: { message: `stub: unknown model ${model}`, type: "invalid_request_error" } });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests would keep close() waiting forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(
  res: ServerResponse,
  model: string,
  body: Record<string, unknown>,
  answer: unknown,
  fenced = false,
): void {
  let content = typeof answer === "string" ? answer : JSON.stringify(answer);
  // Honour response_format as OpenAI does: JSON mode yields bare JSON; without it, a chat model
  // tends to fence the JSON in markdown, which is what `stub-fenced` also imitates.
  if (typeof answer !== "string" && (fenced || body.response_format === undefined))
    content = `\`\`\`json\n${content}\n\`\`\``;
  send(res, 200, {
    id: `chatcmpl-stub-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 },
  });
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback OpenAI-compatible stub (startLlmStub), e.g. http://127.0.0.1:40123/v1. */
    llmStubUrl: string;
  }
}
