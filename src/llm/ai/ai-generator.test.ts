import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { AiSqlGenerator, type AiSqlGeneratorOptions, cleanSql } from "./ai-generator";
import { LlmProviderError } from "./errors";
import { generationInput } from "./generation-input.fixture";

type DoGenerate = ConstructorParameters<typeof MockLanguageModelV4>[0] extends infer O
  ? O extends { doGenerate?: infer D }
    ? D
    : never
  : never;

const ANSWER = {
  sql: "SELECT sum(o.total_amount) AS revenue FROM public.orders o JOIN public.customers c ON c.customer_id = o.customer_id WHERE c.country = 'Germany'",
  explanation: "Sums order totals of German customers.",
  tables: ["public.orders", "public.customers"],
};

function textResult(text: string, finish: "stop" | "length" = "stop") {
  return {
    content: [{ type: "text" as const, text }],
    finishReason: { unified: finish, raw: finish },
    usage: {
      inputTokens: { total: 120, noCache: 120, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 30, text: 30, reasoning: undefined },
    },
    warnings: [],
  };
}

function apiError(statusCode: number): APICallError {
  return new APICallError({
    message: `status ${statusCode}`,
    url: "https://llm.test/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    // The AI SDK honours retry-after-ms below 60 s: keeps the backoff in these tests to 1 ms.
    responseHeaders: { "retry-after-ms": "1" },
    responseBody: '{"error":{"message":"sk-secret-prefix... is not valid"}}',
  });
}

/** Never answers; rejects when the call is aborted, as a real fetch does. */
const hang: DoGenerate = ({ abortSignal }) =>
  new Promise((_, reject) => {
    if (abortSignal?.aborted) return reject(abortSignal.reason);
    abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true });
  });

function generator(doGenerate: DoGenerate, options: Partial<AiSqlGeneratorOptions> = {}) {
  const model = new MockLanguageModelV4({ provider: "mock", modelId: "mock-model", doGenerate });
  const gen = new AiSqlGenerator({
    model,
    label: "mock:mock-model",
    timeoutMs: 5_000,
    maxRetries: 2,
    maxOutputTokens: 512,
    ...options,
  });
  return { gen, model };
}

async function failure(promise: Promise<unknown>): Promise<LlmProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmProviderError);
  return error as LlmProviderError;
}

describe("AiSqlGenerator", () => {
  it("sends the prompt and settings to the model and returns the parsed SQL with usage", async () => {
    const { gen, model } = generator(async () => textResult(JSON.stringify(ANSWER)));
    const result = await gen.generate(generationInput());
    expect(result).toEqual({
      ok: true,
      sql: ANSWER.sql,
      explanation: ANSWER.explanation,
      tables: ANSWER.tables,
      usage: { inputTokens: 120, outputTokens: 30 },
    });
    expect(gen.model).toBe("mock:mock-model");

    const call = model.doGenerateCalls[0]!;
    expect(call.responseFormat).toMatchObject({ type: "json", name: "sql_answer" });
    expect(call.maxOutputTokens).toBe(512);
    expect(call.temperature).toBe(0);
    const text = JSON.stringify(call.prompt);
    expect(call.prompt[0]).toMatchObject({ role: "system" });
    expect(text).toContain("CREATE TABLE public.orders");
    expect(text).toContain("Today is 2024-12-31");
    expect(text).toContain("Revenue of customers in Germany last month");
  });

  it("strips code fences and trailing semicolons from the SQL", async () => {
    const { gen } = generator(async () =>
      textResult(JSON.stringify({ ...ANSWER, sql: "```sql\nSELECT 1 AS one;\n```" })),
    );
    const result = await gen.generate(generationInput());
    expect(result).toMatchObject({ ok: true, sql: "SELECT 1 AS one" });
    expect(cleanSql("  SELECT 1 ; ;  ")).toBe("SELECT 1");
    expect(cleanSql("```\nSELECT 'a;b'\n```")).toBe("SELECT 'a;b'");
  });

  it("turns an empty sql into a 'cannot answer' result carrying the model's reason and the tokens it cost", async () => {
    const { gen } = generator(async () =>
      textResult(JSON.stringify({ sql: "  ", explanation: "No table holds weather data.", tables: [] })),
    );
    expect(await gen.generate(generationInput({ question: "Weather tomorrow?" }))).toEqual({
      ok: false,
      reason: "No table holds weather data.",
      usage: { inputTokens: 120, outputTokens: 30 },
    });
  });

  it("reports output that is not the JSON object as a clear, exposed error", async () => {
    const { gen } = generator(async () => textResult("Sure! Here is your query: SELECT 1"));
    const error = await failure(gen.generate(generationInput()));
    expect(error.expose).toBe(true);
    expect(error.kind).toBe("invalid_output");
    expect(error.message).toBe(
      "The language model did not answer with the expected JSON object (explanation, sql, tables)",
    );
  });

  it("reports JSON of the wrong shape as invalid output too", async () => {
    const { gen } = generator(async () => textResult(JSON.stringify({ query: "SELECT 1" })));
    expect((await failure(gen.generate(generationInput()))).kind).toBe("invalid_output");
  });

  it("says when the answer was cut off at the token limit", async () => {
    const { gen } = generator(async () => textResult('{"sql": "SELECT', "length"));
    const error = await failure(gen.generate(generationInput()));
    expect(error.kind).toBe("truncated_output");
    expect(error.message).toContain("LLM_MAX_OUTPUT_TOKENS");
  });

  it("retries a 500 and gives up with the status and attempt count, without the provider's body", async () => {
    let calls = 0;
    const { gen } = generator(async () => {
      calls++;
      throw apiError(500);
    });
    const error = await failure(gen.generate(generationInput()));
    expect(calls).toBe(3);
    expect(error.message).toBe("The language model provider answered 500 Internal Server Error after 3 attempts");
    expect(error).toMatchObject({ expose: true, kind: "provider_status", status: 500, attempts: 3 });
    expect(error.message).not.toContain("sk-");
  });

  it("retries a 429 and succeeds when the provider recovers", async () => {
    let calls = 0;
    const { gen } = generator(async () => {
      if (++calls === 1) throw apiError(429);
      return textResult(JSON.stringify(ANSWER));
    });
    expect(await gen.generate(generationInput())).toMatchObject({ ok: true, sql: ANSWER.sql });
    expect(calls).toBe(2);
  });

  it("names 429 Too Many Requests when the retries run out", async () => {
    const { gen } = generator(
      async () => {
        throw apiError(429);
      },
      { maxRetries: 1 },
    );
    expect((await failure(gen.generate(generationInput()))).message).toBe(
      "The language model provider answered 429 Too Many Requests after 2 attempts",
    );
  });

  it("does not retry a 401", async () => {
    let calls = 0;
    const { gen } = generator(async () => {
      calls++;
      throw apiError(401);
    });
    expect((await failure(gen.generate(generationInput()))).message).toBe(
      "The language model provider answered 401 Unauthorized",
    );
    expect(calls).toBe(1);
  });

  it("gives up after the timeout with a clear message", async () => {
    const { gen } = generator(hang, { timeoutMs: 200 });
    const error = await failure(gen.generate(generationInput()));
    expect(error).toMatchObject({ kind: "timeout", message: "The language model did not answer within 0.2 s" });
  });

  it("passes the caller's abort through, not as a provider failure", async () => {
    let entered!: () => void;
    const called = new Promise<void>((resolve) => (entered = resolve));
    const { gen } = generator((options) => {
      entered();
      return hang(options);
    });
    const controller = new AbortController();
    const pending = gen.generate(generationInput(), controller.signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    await called;
    controller.abort(new DOMException("cancelled by the client", "AbortError"));
    const error = await pending;
    expect(error).not.toBeInstanceOf(LlmProviderError);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("does not call the model when the task is already cancelled", async () => {
    const { gen, model } = generator(async () => textResult(JSON.stringify(ANSWER)));
    const controller = new AbortController();
    controller.abort();
    await expect(gen.generate(generationInput(), controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it("says the provider could not be reached when no status came back", async () => {
    const { gen } = generator(
      async () => {
        throw new APICallError({
          message: "Cannot connect to API: ECONNREFUSED",
          url: "http://127.0.0.1:1/v1",
          requestBodyValues: {},
          isRetryable: true,
        });
      },
      { maxRetries: 0 },
    );
    expect((await failure(gen.generate(generationInput()))).message).toBe(
      "The language model provider could not be reached",
    );
  });
});
