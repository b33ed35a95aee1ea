import { describe, expect, inject, it } from "vitest";
import { type AiLlmConfig, loadLlmConfig } from "../../src/config/llm";
import { createAiSqlGenerator } from "../../src/llm/ai/ai-generator";
import { LlmProviderError } from "../../src/llm/ai/errors";
import { generationInput } from "../../src/llm/ai/generation-input.fixture";

/**
 * The real provider code (createOpenAICompatible, createOpenAI().chat) over HTTP, from workerd to
 * the loopback OpenAI-compatible stub that global setup starts in Node (test/workers/llm-stub-server.ts).
 * Each test picks the stub's behaviour by model name; `:<uuid>` keeps per-test state apart.
 */
const stubUrl = inject("llmStubUrl");

const STUB_SQL =
  "SELECT c.country, count(*) AS customers FROM public.customers c GROUP BY c.country ORDER BY customers DESC LIMIT 100";

interface SeenRequest {
  model: string;
  authorization: string | null;
  body: { messages: { role: string; content: string }[]; response_format?: { type: string }; max_tokens?: number };
}

function compatible(model: string, overrides: Partial<AiLlmConfig> = {}) {
  return createAiSqlGenerator({
    provider: "openai-compatible",
    model,
    baseURL: stubUrl,
    timeoutMs: 10_000,
    maxRetries: 2,
    maxOutputTokens: 512,
    ...overrides,
  });
}

async function seen(model: string): Promise<SeenRequest[]> {
  const res = await fetch(`${stubUrl}/__stub/requests?model=${encodeURIComponent(model)}`);
  return (await res.json()) as SeenRequest[];
}

async function providerError(promise: Promise<unknown>): Promise<LlmProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmProviderError);
  return error as LlmProviderError;
}

const unique = (behaviour: string) => `${behaviour}:${crypto.randomUUID()}`;

describe("LLM providers against a loopback OpenAI-compatible server", () => {
  it("openai-compatible from env: sends the prompt in JSON mode and parses the answer", async () => {
    const model = unique("stub-ok");
    const config = loadLlmConfig({
      LLM_PROVIDER: "openai-compatible",
      LLM_BASE_URL: stubUrl,
      LLM_MODEL: model,
      LLM_API_KEY: "local-key",
    });
    if (config.provider === "builtin") throw new Error("unexpected builtin");
    const generator = createAiSqlGenerator(config);
    expect(generator.model).toBe(`openai-compatible:${model}`);

    const result = await generator.generate(generationInput());
    expect(result).toEqual({
      ok: true,
      sql: STUB_SQL,
      explanation: "Counts customers per country.",
      tables: ["public.customers"],
      usage: { inputTokens: 321, outputTokens: 45 },
    });

    const [request] = await seen(model);
    expect(request?.authorization).toBe("Bearer local-key");
    expect(request?.body.response_format).toEqual({ type: "json_object" });
    expect(request?.body.max_tokens).toBe(1024);
    expect(request?.body.messages[0]?.role).toBe("system");
    expect(request?.body.messages[1]?.content).toContain("CREATE TABLE public.orders");
  });

  it("openai (.chat) uses Chat Completions with a JSON schema", async () => {
    const model = unique("stub-ok");
    const generator = createAiSqlGenerator({
      provider: "openai",
      model,
      baseURL: stubUrl,
      apiKey: "sk-test",
      timeoutMs: 10_000,
      maxRetries: 0,
      maxOutputTokens: 256,
    });
    expect(await generator.generate(generationInput())).toMatchObject({ ok: true, sql: STUB_SQL });
    const [request] = await seen(model);
    expect(request?.authorization).toBe("Bearer sk-test");
    expect(request?.body.response_format).toMatchObject({ type: "json_schema" });
  });

  it("strips markdown fences and the trailing semicolon some models add", async () => {
    expect(await compatible(unique("stub-fenced")).generate(generationInput())).toMatchObject({
      ok: true,
      sql: STUB_SQL,
    });
  });

  it("retries a 429 and succeeds on the next attempt", async () => {
    const model = unique("stub-429-once");
    expect(await compatible(model).generate(generationInput())).toMatchObject({ ok: true, sql: STUB_SQL });
    expect(await seen(model)).toHaveLength(2);
  });

  it("gives up on a persistent 500 with the status and the attempts", async () => {
    const model = unique("stub-500");
    const error = await providerError(compatible(model, { maxRetries: 1 }).generate(generationInput()));
    expect(error.message).toBe("The language model provider answered 500 Internal Server Error after 2 attempts");
    expect(await seen(model)).toHaveLength(2);
  });

  it("times out on a provider that never answers", async () => {
    const error = await providerError(compatible(unique("stub-hang"), { timeoutMs: 500 }).generate(generationInput()));
    expect(error.message).toBe("The language model did not answer within 0.5 s");
  });

  it("stops waiting when the task is cancelled, without blaming the provider", async () => {
    const model = unique("stub-hang");
    const controller = new AbortController();
    const pending = compatible(model)
      .generate(generationInput(), controller.signal)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    // Cancel once the request has reached the stub, as a client's DELETE would mid-call.
    while ((await seen(model)).length === 0) await scheduler.wait(10);
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(LlmProviderError);
    expect((error as Error).name).toBe("AbortError");
  });

  it("reports prose instead of JSON as invalid output", async () => {
    expect((await providerError(compatible(unique("stub-invalid")).generate(generationInput()))).kind).toBe(
      "invalid_output",
    );
  });

  it("returns 'cannot answer' when the model declines", async () => {
    expect(await compatible(unique("stub-cannot")).generate(generationInput())).toMatchObject({
      ok: false,
      reason: "The schema has no table about weather.",
    });
  });
});
