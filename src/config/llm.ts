import { z } from "zod";
import { ConfigError } from "./yaml-config";

/**
 * Which language model writes the SQL, from Worker vars/secrets:
 *
 * | key                     | meaning                                                                 |
 * |-------------------------|-------------------------------------------------------------------------|
 * | `LLM_PROVIDER`          | `builtin` (default: the rule-based generator, no LLM), `openai`, `anthropic`, `openai-compatible`, `workers-ai` |
 * | `LLM_MODEL`             | model id; defaults per provider, required for `openai-compatible`        |
 * | `LLM_BASE_URL`          | required for `openai-compatible` (e.g. `http://127.0.0.1:11434/v1`); optional override for openai/anthropic |
 * | `LLM_API_KEY`           | secret; required for openai/anthropic, optional for openai-compatible (local Ollama/vLLM) |
 * | `LLM_TIMEOUT_MS`        | whole call, retries included (default 30000)                             |
 * | `LLM_MAX_RETRIES`       | retries on 408/409/429/5xx with exponential backoff (default 2)         |
 * | `LLM_MAX_OUTPUT_TOKENS` | answer budget per call (default 1024)                                   |
 * | `LLM_TASK_TOKEN_BUDGET` | prompt + answer tokens one task may spend over all its calls (default 40000; 0: unbounded) |
 *
 * Workers AI uses the `AI` binding instead of a key. Errors name the key, never its value.
 */
export const LLM_PROVIDERS = ["builtin", "openai", "anthropic", "openai-compatible", "workers-ai"] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];
export type AiProviderName = Exclude<LlmProviderName, "builtin">;

/** The slice of the Worker env this module reads; plain strings so tests can pass literals. */
export interface LlmEnv {
  LLM_PROVIDER?: string | undefined;
  LLM_MODEL?: string | undefined;
  LLM_BASE_URL?: string | undefined;
  LLM_API_KEY?: string | undefined;
  LLM_TIMEOUT_MS?: string | number | undefined;
  LLM_MAX_RETRIES?: string | number | undefined;
  LLM_MAX_OUTPUT_TOKENS?: string | number | undefined;
  LLM_TASK_TOKEN_BUDGET?: string | number | undefined;
  AI?: Ai | undefined;
}

export interface AiLlmConfig {
  provider: AiProviderName;
  model: string;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
  /** Prompt + answer tokens one task may spend over all its calls; undefined: unbounded. */
  taskTokenBudget?: number | undefined;
  /** Only for `workers-ai`. */
  ai?: Ai | undefined;
}

export type LlmConfig = { provider: "builtin" } | AiLlmConfig;

/** Models that answer with structured output reliably at a low price; any id the provider knows works. */
export const DEFAULT_MODELS: Record<Exclude<AiProviderName, "openai-compatible">, string> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-haiku-4-5",
  "workers-ai": "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
};

const SETTING = "LLM configuration";

// Unset and blank are the same: `wrangler secret put` and .dev.vars cannot express "unset" otherwise.
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const Text = z.preprocess(blankToUndefined, z.string().trim().optional());
const Int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int(`must be a whole number`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
const HttpUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, "must be an http:// or https:// URL")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
);

const LlmEnvSchema = z.object({
  LLM_PROVIDER: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(LLM_PROVIDERS, `must be one of ${LLM_PROVIDERS.join(", ")}`).default("builtin"),
  ),
  LLM_MODEL: Text,
  LLM_BASE_URL: HttpUrl,
  LLM_API_KEY: Text,
  // 1 s floor: below it no provider answers; 5 min ceiling: a task should not sit on a hung socket.
  LLM_TIMEOUT_MS: Int(1_000, 300_000, 30_000),
  // Each retry waits 2 s, 4 s, 8 s... (the AI SDK's backoff): more than 5 outlives any sane timeout.
  LLM_MAX_RETRIES: Int(0, 5, 2),
  // SQL plus a short explanation fits well under 1k tokens; the cap bounds cost per question.
  LLM_MAX_OUTPUT_TOKENS: Int(64, 32_768, 1_024),
  // A reflection task calls the model up to four times with a prompt of up to ~6k tokens.
  LLM_TASK_TOKEN_BUDGET: Int(0, 10_000_000, 40_000),
});

/** Reads and validates the LLM settings (once per isolate: `loadConfig`). Throws ConfigError naming each bad key. */
export function loadLlmConfig(env: LlmEnv): LlmConfig {
  const parsed = LlmEnvSchema.safeParse({
    LLM_PROVIDER: env.LLM_PROVIDER,
    LLM_MODEL: env.LLM_MODEL,
    LLM_BASE_URL: env.LLM_BASE_URL,
    LLM_API_KEY: env.LLM_API_KEY,
    LLM_TIMEOUT_MS: env.LLM_TIMEOUT_MS,
    LLM_MAX_RETRIES: env.LLM_MAX_RETRIES,
    LLM_MAX_OUTPUT_TOKENS: env.LLM_MAX_OUTPUT_TOKENS,
    LLM_TASK_TOKEN_BUDGET: env.LLM_TASK_TOKEN_BUDGET,
  });
  // zod's messages for these checks never quote the input, so a mistyped key cannot leak into a log.
  if (!parsed.success) {
    throw new ConfigError(
      SETTING,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(env)"}: ${issue.message}`),
    );
  }
  const v = parsed.data;
  const provider = v.LLM_PROVIDER;
  if (provider === "builtin") return { provider };

  const problems: string[] = [];
  const need = (key: string, ok: boolean, why: string) => {
    if (!ok) problems.push(`${key}: required when LLM_PROVIDER is ${provider}${why}`);
  };
  need("LLM_MODEL", provider !== "openai-compatible" || v.LLM_MODEL !== undefined, " (the model id the server serves)");
  need(
    "LLM_BASE_URL",
    provider !== "openai-compatible" || v.LLM_BASE_URL !== undefined,
    " (e.g. http://127.0.0.1:11434/v1)",
  );
  need(
    "LLM_API_KEY",
    (provider !== "openai" && provider !== "anthropic") || v.LLM_API_KEY !== undefined,
    " (set it with `wrangler secret put LLM_API_KEY`)",
  );
  need(
    "AI",
    provider !== "workers-ai" || env.AI !== undefined,
    ' (the AI binding: wrangler.toml has it in staging and production; add `[ai] binding = "AI"` elsewhere)',
  );
  if (problems.length > 0) throw new ConfigError(SETTING, problems);

  return {
    provider,
    model: v.LLM_MODEL ?? DEFAULT_MODELS[provider as keyof typeof DEFAULT_MODELS],
    baseURL: provider === "workers-ai" ? undefined : v.LLM_BASE_URL,
    apiKey: provider === "workers-ai" ? undefined : v.LLM_API_KEY,
    timeoutMs: v.LLM_TIMEOUT_MS,
    maxRetries: v.LLM_MAX_RETRIES,
    maxOutputTokens: v.LLM_MAX_OUTPUT_TOKENS,
    taskTokenBudget: v.LLM_TASK_TOKEN_BUDGET === 0 ? undefined : v.LLM_TASK_TOKEN_BUDGET,
    ...(provider === "workers-ai" ? { ai: env.AI } : {}),
  };
}
