import { describe, expect, it } from "vitest";
import type { AiLlmConfig } from "../../config/llm";
import { createAiSqlGenerator } from "./ai-generator";
import { LlmProviderError } from "./errors";
import { generationInput } from "./generation-input.fixture";
import { modelLabel } from "./providers";

const ANSWER = {
  sql: "SELECT count(*) AS customers FROM public.customers",
  explanation: "Counts customers.",
  tables: ["public.customers"],
};

const base = { timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 256 } as const;

/** A fetch that records the request and answers with `body`, as the provider's API would. */
function scriptedFetch(status: number, body: unknown) {
  const calls: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const chatCompletion = (content: string) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 0,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
});

describe("createLanguageModel through createAiSqlGenerator", () => {
  it("openai: Chat Completions at the base URL with a bearer key", async () => {
    const { fetch, calls } = scriptedFetch(200, chatCompletion(JSON.stringify(ANSWER)));
    const config: AiLlmConfig = {
      provider: "openai",
      model: "gpt-4.1-mini",
      apiKey: "sk-test",
      baseURL: "https://gateway.test/v1",
      ...base,
    };
    expect(await createAiSqlGenerator(config, { fetch }).generate(generationInput())).toMatchObject({
      ok: true,
      sql: ANSWER.sql,
      usage: { inputTokens: 10, outputTokens: 5 },
    });
    expect(calls[0]?.url).toBe("https://gateway.test/v1/chat/completions");
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer sk-test");
  });

  it("anthropic: the Messages API with x-api-key", async () => {
    const { fetch, calls } = scriptedFetch(200, {
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      content: [{ type: "text", text: JSON.stringify(ANSWER) }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 11, output_tokens: 6 },
    });
    const config: AiLlmConfig = {
      provider: "anthropic",
      model: "claude-haiku-4-5",
      apiKey: "sk-ant-test",
      baseURL: "https://anthropic.test/v1",
      ...base,
    };
    expect(await createAiSqlGenerator(config, { fetch }).generate(generationInput())).toMatchObject({
      ok: true,
      sql: ANSWER.sql,
      usage: { inputTokens: 11, outputTokens: 6 },
    });
    expect(calls[0]?.url).toBe("https://anthropic.test/v1/messages");
    expect(calls[0]?.headers.get("x-api-key")).toBe("sk-ant-test");
  });

  it("openai-compatible without a key sends no Authorization header", async () => {
    const { fetch, calls } = scriptedFetch(200, chatCompletion(JSON.stringify(ANSWER)));
    const config: AiLlmConfig = {
      provider: "openai-compatible",
      model: "llama3",
      baseURL: "http://127.0.0.1:11434/v1",
      ...base,
    };
    expect(await createAiSqlGenerator(config, { fetch }).generate(generationInput())).toMatchObject({ ok: true });
    expect(calls[0]?.url).toBe("http://127.0.0.1:11434/v1/chat/completions");
    expect(calls[0]?.headers.has("authorization")).toBe(false);
  });

  it("workers-ai: runs the model on the AI binding", async () => {
    const runs: { model: string; inputs: unknown }[] = [];
    const ai = {
      run: async (model: string, inputs: unknown) => {
        runs.push({ model, inputs });
        return {
          response: JSON.stringify(ANSWER),
          usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
        };
      },
    } as unknown as Ai;
    const config: AiLlmConfig = {
      provider: "workers-ai",
      model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      ai,
      ...base,
    };
    expect(await createAiSqlGenerator(config).generate(generationInput())).toMatchObject({ ok: true, sql: ANSWER.sql });
    expect(runs[0]?.model).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
  });

  it("a rejected key becomes a safe error: status only, never the key or the provider's text", async () => {
    const { fetch } = scriptedFetch(401, {
      error: { message: "Incorrect API key provided: sk-live-abc", type: "invalid_request_error" },
    });
    const config: AiLlmConfig = { provider: "openai", model: "gpt-4.1-mini", apiKey: "sk-live-abc", ...base };
    const error = await createAiSqlGenerator(config, { fetch })
      .generate(generationInput())
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(LlmProviderError);
    expect((error as Error).message).toBe("The language model provider answered 401 Unauthorized");
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain("sk-live-abc");
  });

  it("labels the model as provider:model", () => {
    expect(modelLabel({ provider: "openai", model: "gpt-4.1-mini" })).toBe("openai:gpt-4.1-mini");
  });
});
