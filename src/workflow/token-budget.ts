import type { TokenUsage } from "./types";

/**
 * The LLM tokens one task may spend across all its generator calls (reflection may call several
 * times). Counts what providers report; a generator that reports nothing (the built-in one) spends
 * nothing. `limit` undefined: unbounded.
 */
export class TokenBudget {
  private input = 0;
  private output = 0;
  private calls = 0;

  constructor(private readonly limit: number | undefined) {}

  get used(): number {
    return this.input + this.output;
  }

  /** Tokens the next call may use (prompt and answer), or undefined when unbounded. */
  get remaining(): number | undefined {
    return this.limit === undefined ? undefined : Math.max(0, this.limit - this.used);
  }

  get exhausted(): boolean {
    return this.remaining === 0;
  }

  spend(usage: TokenUsage | undefined): void {
    this.calls++;
    this.input += usage?.inputTokens ?? 0;
    this.output += usage?.outputTokens ?? 0;
  }

  /** Why the task stops, for the client. */
  exhaustedMessage(): string {
    return `The task used its LLM token budget (${this.limit} tokens, LLM_TASK_TOKEN_BUDGET) over ${this.calls} call(s) before a query succeeded`;
  }

  /** For `metadata.llm_usage`: only when a generator reported usage. */
  report(): { input_tokens: number; output_tokens: number; calls: number } | undefined {
    return this.used > 0 ? { input_tokens: this.input, output_tokens: this.output, calls: this.calls } : undefined;
  }
}
