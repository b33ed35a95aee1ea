import type { LinkedSchema } from "../linking";
import type { TaskStatus } from "../shared/contract";
import type { Catalog } from "../sql/catalog.types";

/**
 * The contract every SQL generator meets — the built-in parser and the AI SDK providers alike: what
 * a generator is given (the question, the linked schema, earlier failed attempts, the budget) and
 * what it answers. The workflow engine calls generators through this and nothing else.
 */

export type ReflectionStrategy = "regenerate_with_error" | "widen_schema" | "step_by_step";

export interface Attempt {
  sql: string;
  error: string;
}

/**
 * The question as the client asked it, with its context (`ext_knowledge`, `domain`, `layer1/2` of the
 * run request): declared once here, carried by the engine's request and every generator's input.
 */
export interface AskedQuestion {
  question: string;
  /** YYYY-MM-DD: the reference date for "last month", "this year"... */
  currentDate: string;
  knowledge?: string | undefined;
  domain?: string | undefined;
  layer1?: string | undefined;
  layer2?: string | undefined;
}

/** A verified question/SQL pair retrieved for a question; `id` is how metadata.sources names it. */
export interface RetrievedExample {
  id: number;
  question: string;
  sql: string;
  similarity: number;
}

export interface GenerationInput extends AskedQuestion {
  catalog: Catalog;
  linked: LinkedSchema;
  dialect: "postgres";
  /** Earlier SQL of this task that failed, with why: the generator must not repeat them. */
  previousAttempts: Attempt[];
  strategy?: ReflectionStrategy | undefined;
  rowLimit: number;
  /** Verified question/SQL pairs of this namespace, most similar first. */
  examples?: RetrievedExample[] | undefined;
  /** LLM tokens (prompt and answer) this call may use: what is left of the task's budget. Undefined: unbounded. */
  tokenBudget?: number | undefined;
  /** The earlier turns of the conversation this question continues (issue 16), oldest first. */
  conversation?: ConversationTurn[] | undefined;
}

/** An earlier turn of a conversation, as a generator sees it. */
export interface ConversationTurn {
  /** The question as asked ("only 2023"). */
  question: string;
  /** The question as it was read with the turns before it ("revenue by month in 2023"). */
  standalone?: string | undefined;
  status: TaskStatus;
  sql?: string | null | undefined;
  /** A short description of the rows: their count, columns and first values. */
  summary?: string | null | undefined;
}

/** Tokens a language model call used, as the provider reported them. */
export interface TokenUsage {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}

export type GenerationResult =
  | {
      ok: true;
      sql: string;
      explanation: string;
      tables?: string[] | undefined;
      source?: string | undefined;
      usage?: TokenUsage | undefined;
      /** The question the SQL answers when the generator read it with the conversation ("revenue in 2023" for "only 2023"). */
      readAs?: string | undefined;
    }
  | {
      ok: false;
      reason: string;
      usage?: TokenUsage | undefined;
      /** A model's question back when the question is ambiguous: the readings to choose from (issue 16). */
      clarification?: { question: string; options: string[] } | undefined;
    };

/** Anything that turns a question into SQL: the built-in parser or an LLM through the AI SDK. */
export interface SqlGenerator {
  /** Shown in metadata.model, e.g. `builtin` or `openai:gpt-4o-mini`. */
  readonly model: string;
  /** LLM tokens one task may spend across its calls (LLM_TASK_TOKEN_BUDGET); undefined: unbounded. */
  readonly taskTokenBudget?: number | undefined;
  generate(input: GenerationInput, signal?: AbortSignal): Promise<GenerationResult>;
}
