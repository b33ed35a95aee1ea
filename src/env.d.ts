// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: they are declared here and
// merged into the generated Env (worker-configuration.d.ts); src/config validates them at first use.
interface DatusSecrets {
  /** auth_clients.yml (the seed's format). `npm start` passes the local file; `npm run clients:push` uploads it. */
  AUTH_CLIENTS?: string;
  /** namespaces.yml: database targets. */
  NAMESPACES?: string;
  /**
   * Metric definitions from files (metric_to_sql): YAML `namespaces: { <ns>: <metrics/<ns>.yml content> }`.
   * `npm start` passes metrics/*.yml; definitions stored through the API override these (src/semantic).
   */
  METRICS?: string;
  /** Local development only: where the Neon-protocol gateway listens (e.g. http://127.0.0.1:4444). */
  NEON_GATEWAY_URL?: string;
  /** Which model writes SQL: builtin (default) | openai | anthropic | openai-compatible | workers-ai (src/config/llm.ts). */
  LLM_PROVIDER?: string;
  /** Model id; defaults per provider, required for openai-compatible. */
  LLM_MODEL?: string;
  /** OpenAI-compatible server (required for openai-compatible), or an override for openai/anthropic. */
  LLM_BASE_URL?: string;
  /** Provider API key: a secret (`wrangler secret put LLM_API_KEY`), never a var. */
  LLM_API_KEY?: string;
  /** Whole LLM call including retries, in ms (default 30000). */
  LLM_TIMEOUT_MS?: string;
  /** Retries on 408/409/429/5xx with exponential backoff (default 2). */
  LLM_MAX_RETRIES?: string;
  /** Output token budget per call (default 1024). */
  LLM_MAX_OUTPUT_TOKENS?: string;
  /** Prompt + answer tokens one task may spend over all its calls (default 40000; 0: unbounded). */
  LLM_TASK_TOKEN_BUDGET?: string;
}
declare namespace Cloudflare {
  interface Env extends DatusSecrets {}
}
interface Env extends DatusSecrets {}
