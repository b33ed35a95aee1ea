import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { extractJsonMiddleware, type LanguageModel, wrapLanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { AiLlmConfig } from "../../config/llm";

/** Optional seams for tests: a custom fetch reaches a stub without touching globals. */
export interface LanguageModelOptions {
  fetch?: typeof fetch;
}

/**
 * Builds the AI SDK model for a validated config. The API key goes only into the provider's
 * Authorization header; nothing here logs or returns it.
 */
export function createLanguageModel(config: AiLlmConfig, options: LanguageModelOptions = {}): LanguageModel {
  const model = baseModel(config, options);
  // Open models (Ollama, vLLM, Workers AI) often wrap the JSON object in ```json fences even in
  // JSON mode; the middleware strips them before Output.object parses, and is a no-op otherwise.
  return wrapLanguageModel({ model, middleware: extractJsonMiddleware() });
}

function baseModel(config: AiLlmConfig, { fetch }: LanguageModelOptions) {
  switch (config.provider) {
    case "openai":
      // `.chat()`: the Chat Completions API, which every OpenAI-compatible gateway also speaks;
      // `openai(id)` alone would use the Responses API (/v1/responses).
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, fetch }).chat(config.model);
    case "anthropic":
      return createAnthropic({ apiKey: config.apiKey, baseURL: config.baseURL, fetch })(config.model);
    case "openai-compatible":
      if (!config.baseURL) throw new Error("openai-compatible needs a base URL");
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: config.baseURL,
        // Local servers (Ollama, vLLM) run without a key: no Authorization header is sent then.
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        // Usage in the answer lets the task report tokens even from local servers.
        includeUsage: true,
        fetch,
      }).chatModel(config.model);
    case "workers-ai":
      if (!config.ai) throw new Error("workers-ai needs the AI binding");
      return createWorkersAI({ binding: config.ai })(config.model);
  }
}

/** What `metadata.model` shows: provider and model id, never the endpoint or key. */
export function modelLabel(config: Pick<AiLlmConfig, "provider" | "model">): string {
  return `${config.provider}:${config.model}`;
}
