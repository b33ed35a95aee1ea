import { generateText, type LanguageModel, Output } from "ai";
import { z } from "zod";
import type { AiLlmConfig } from "../../config/llm";
import type { GenerationInput, GenerationResult, SqlGenerator, TokenUsage } from "../types";
import { LlmProviderError, toLlmProviderError } from "./errors";
import { buildSqlPrompt, DEFAULT_PROMPT_LIMITS, type PromptLimits } from "./prompt";
import { createLanguageModel, type LanguageModelOptions, modelLabel } from "./providers";

/**
 * What the model must answer; the descriptions reach providers that support JSON schema.
 * `explanation` comes first on purpose: models write properties in schema order, so the plan
 * (step_by_step) is written before the SQL that should follow it.
 */
export const SqlAnswer = z.object({
  explanation: z.string().describe("How the query answers the question, or why it cannot be answered"),
  sql: z
    .string()
    .describe("One read-only PostgreSQL SELECT statement, or an empty string when the question cannot be answered"),
  tables: z.array(z.string()).describe("Schema-qualified tables the query reads"),
  clarification: z
    .object({
      question: z.string().describe("The question to ask the user back"),
      options: z.array(z.string()).describe("Two to five short readings the user can choose from"),
    })
    .optional()
    .describe("Only when the question is ambiguous (sql is then empty): what to ask the user"),
});
export type SqlAnswer = z.infer<typeof SqlAnswer>;

export type { TokenUsage };
export type AiGenerationResult = GenerationResult;

export interface AiSqlGeneratorOptions {
  model: LanguageModel;
  /** `metadata.model`, e.g. `openai:gpt-4.1-mini`. */
  label: string;
  /** The whole call, retries and backoff included. */
  timeoutMs: number;
  /** Retries on 408/409/429/5xx: the AI SDK waits 2 s, 4 s, ... or what `retry-after(-ms)` asks (< 60 s). */
  maxRetries: number;
  maxOutputTokens: number;
  /** LLM tokens one task may spend across its calls; undefined: unbounded. */
  taskTokenBudget?: number | undefined;
  promptLimits?: PromptLimits;
}

// A reason longer than this is the model rambling, not information the client needs.
const MAX_REASON_CHARS = 500;
// Below this an answer cannot hold SQL: not worth a call.
const MIN_ANSWER_TOKENS = 64;
// Providers count tokens their own way; ~4 characters a token is the usual English/SQL average.
const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** Writes SQL with a language model through the AI SDK (any provider in providers.ts). */
export class AiSqlGenerator implements SqlGenerator {
  readonly model: string;
  readonly taskTokenBudget: number | undefined;

  constructor(private readonly options: AiSqlGeneratorOptions) {
    this.model = options.label;
    this.taskTokenBudget = options.taskTokenBudget;
  }

  async generate(input: GenerationInput, signal?: AbortSignal): Promise<AiGenerationResult> {
    signal?.throwIfAborted();
    const { system, prompt } = buildSqlPrompt(input, this.options.promptLimits ?? DEFAULT_PROMPT_LIMITS);
    const maxOutputTokens = this.answerBudget(input.tokenBudget, system + prompt);
    let answer: SqlAnswer;
    let usage: TokenUsage;
    try {
      const result = await generateText({
        model: this.options.model,
        output: Output.object({ schema: SqlAnswer, name: "sql_answer" }),
        instructions: system,
        prompt,
        // SQL has one right answer far more often than many: sample greedily.
        temperature: 0,
        maxOutputTokens,
        maxRetries: this.options.maxRetries,
        timeout: this.options.timeoutMs,
        abortSignal: signal,
      });
      answer = result.output;
      usage = { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens };
    } catch (error) {
      // The caller cancelled: not the provider's fault, and the engine reports cancellation itself.
      if (signal?.aborted) throw error;
      throw toLlmProviderError(error, this.options.timeoutMs) ?? error;
    }

    const sql = cleanSql(answer.sql);
    if (sql === "") {
      const why = answer.explanation.trim() || "The language model could not write SQL for this question";
      const clarification = answer.clarification?.options.length ? answer.clarification : undefined;
      return {
        ok: false,
        reason: why.length > MAX_REASON_CHARS ? `${why.slice(0, MAX_REASON_CHARS - 1)}…` : why,
        usage,
        ...(clarification ? { clarification } : {}),
      };
    }
    return {
      ok: true,
      sql,
      explanation: answer.explanation.trim(),
      tables: answer.tables.filter((t) => t.trim() !== ""),
      usage,
    };
  }

  /**
   * The answer's cap: the configured maximum, lowered to what the task's budget leaves after the
   * prompt. A call the budget cannot pay for is not made.
   */
  private answerBudget(tokenBudget: number | undefined, promptText: string): number {
    if (tokenBudget === undefined) return this.options.maxOutputTokens;
    const left = tokenBudget - estimateTokens(promptText);
    if (left < MIN_ANSWER_TOKENS) {
      throw new LlmProviderError(
        `The task's LLM token budget is spent: ${tokenBudget} tokens left, the next prompt needs about ${estimateTokens(promptText)} (LLM_TASK_TOKEN_BUDGET)`,
        "token_budget",
        0,
      );
    }
    return Math.min(this.options.maxOutputTokens, left);
  }
}

/** Builds the generator for a validated, non-builtin LLM configuration. */
export function createAiSqlGenerator(config: AiLlmConfig, options: LanguageModelOptions = {}): AiSqlGenerator {
  return new AiSqlGenerator({
    model: createLanguageModel(config, options),
    label: modelLabel(config),
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    maxOutputTokens: config.maxOutputTokens,
    taskTokenBudget: config.taskTokenBudget,
  });
}

/**
 * Models wrap SQL in markdown fences and end it with `;` even when told not to; the guard accepts
 * exactly one statement, so both are removed here rather than reported as failures.
 */
export function cleanSql(raw: string): string {
  let sql = raw.trim();
  const fenced = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```$/.exec(sql);
  if (fenced) sql = fenced[1]!.trim();
  return sql.replace(/(\s*;)+\s*$/, "").trim();
}
