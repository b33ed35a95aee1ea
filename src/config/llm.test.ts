import { describe, expect, it } from "vitest";
import { loadLlmConfig } from "./llm";
import { ConfigError } from "./yaml-config";

const fakeAi = {} as Ai;

function problems(env: Parameters<typeof loadLlmConfig>[0]): string {
  try {
    loadLlmConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadLlmConfig", () => {
  it("defaults to the built-in generator", () => {
    expect(loadLlmConfig({})).toEqual({ provider: "builtin" });
    expect(loadLlmConfig({ LLM_PROVIDER: " " })).toEqual({ provider: "builtin" });
  });

  it("reads an OpenAI configuration with defaults", () => {
    expect(loadLlmConfig({ LLM_PROVIDER: "openai", LLM_API_KEY: "sk-test" })).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini",
      baseURL: undefined,
      apiKey: "sk-test",
      timeoutMs: 30_000,
      maxRetries: 2,
      maxOutputTokens: 1_024,
      taskTokenBudget: 40_000,
    });
  });

  it("reads an OpenAI-compatible server without a key, and numbers from strings", () => {
    expect(
      loadLlmConfig({
        LLM_PROVIDER: "OpenAI-Compatible",
        LLM_MODEL: "qwen2.5-coder:7b",
        LLM_BASE_URL: "http://127.0.0.1:11434/v1/",
        LLM_TIMEOUT_MS: "60000",
        LLM_MAX_RETRIES: "0",
        LLM_MAX_OUTPUT_TOKENS: 2048,
        LLM_TASK_TOKEN_BUDGET: "0",
      }),
    ).toMatchObject({
      provider: "openai-compatible",
      model: "qwen2.5-coder:7b",
      baseURL: "http://127.0.0.1:11434/v1",
      apiKey: undefined,
      timeoutMs: 60_000,
      maxRetries: 0,
      maxOutputTokens: 2048,
      taskTokenBudget: undefined,
    });
  });

  it("takes the AI binding for Workers AI", () => {
    const config = loadLlmConfig({ LLM_PROVIDER: "workers-ai", AI: fakeAi });
    expect(config).toMatchObject({ provider: "workers-ai", model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" });
    expect("ai" in config && config.ai).toBe(fakeAi);
  });

  it("names each missing key for the chosen provider", () => {
    expect(problems({ LLM_PROVIDER: "openai-compatible" })).toBe(
      "LLM configuration is invalid: LLM_MODEL: required when LLM_PROVIDER is openai-compatible (the model id the server serves); " +
        "LLM_BASE_URL: required when LLM_PROVIDER is openai-compatible (e.g. http://127.0.0.1:11434/v1)",
    );
    expect(problems({ LLM_PROVIDER: "anthropic" })).toContain("LLM_API_KEY: required when LLM_PROVIDER is anthropic");
    expect(problems({ LLM_PROVIDER: "workers-ai" })).toContain(
      'AI: required when LLM_PROVIDER is workers-ai (the AI binding: wrangler.toml has it in staging and production; add `[ai] binding = "AI"` elsewhere)',
    );
  });

  it("names bad values by key without echoing them", () => {
    const message = problems({
      LLM_PROVIDER: "gpt",
      LLM_BASE_URL: "ftp://secret-host",
      LLM_TIMEOUT_MS: "soon",
      LLM_MAX_RETRIES: "99",
      LLM_MAX_OUTPUT_TOKENS: "1.5",
    });
    expect(message).toContain("LLM_PROVIDER: must be one of builtin, openai, anthropic, openai-compatible, workers-ai");
    expect(message).toContain("LLM_BASE_URL: must be an http:// or https:// URL");
    expect(message).toMatch(/LLM_TIMEOUT_MS: /);
    expect(message).toContain("LLM_MAX_RETRIES: must be at most 5");
    expect(message).toContain("LLM_MAX_OUTPUT_TOKENS: must be a whole number");
    expect(message).not.toContain("secret-host");
    expect(message).not.toContain("soon");
  });

  it("never puts the API key into an error", () => {
    expect(problems({ LLM_PROVIDER: "openai", LLM_API_KEY: "sk-live-123", LLM_TIMEOUT_MS: "5" })).not.toContain(
      "sk-live-123",
    );
  });
});
