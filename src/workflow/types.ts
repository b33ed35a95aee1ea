import type { LinkedSchema, ProbedValue } from "../linking";
import type { Workflow } from "../shared/contract";
import type { Catalog } from "../sql/catalog.types";
import type { QueryResult } from "../sql/executor";

/** The workflows (shared/contract.ts WORKFLOWS). */
export type WorkflowName = Workflow;

/** What the engine needs to know of the request: no HTTP, no bindings. */
export interface WorkflowRequest extends AskedQuestion {
  taskId: string;
  workflow: WorkflowName;
  namespace: string;
}

export type { LinkedSchema } from "../linking";

export interface LinkOptions {
  /** Prompt tokens the linked schema may fill: a small schema is shown whole, a large one in part. */
  budgetTokens: number;
  /** The request's business knowledge (`ext_knowledge`): the tables it names weigh a little. */
  context?: string | undefined;
}

// The generator's contract belongs to the generators (llm/); the engine only uses it.
export type {
  AskedQuestion,
  Attempt,
  GenerationInput,
  GenerationResult,
  ReflectionStrategy,
  SqlGenerator,
  TokenUsage,
} from "../llm/types";

import type { AskedQuestion, RetrievedExample, SqlGenerator } from "../llm/types";

/** The I/O a workflow needs, given as narrow functions so tests can run the engine anywhere. */
export interface EngineDeps {
  loadCatalog(signal?: AbortSignal): Promise<Catalog>;
  /** Guard, then read-only execution. Throws SqlExecutionError. */
  executeSql(sql: string, signal?: AbortSignal): Promise<QueryResult>;
  link(catalog: Catalog, question: string, options: LinkOptions): LinkedSchema;
  /**
   * Asks the database whether phrases of the question are values of columns whose values the catalog
   * does not list (linking/value-probe.ts); the values found link their tables like sampled ones.
   * Optional: without it, only sampled values link.
   */
  probeValues?(
    catalog: Catalog,
    question: string,
    linkedTables: readonly string[],
    signal?: AbortSignal,
  ): Promise<ProbedValue[]>;
  generator: SqlGenerator;
  rowLimit: number;
  /** Reflection rounds allowed (workflow `reflection`). */
  maxReflectionRounds?: number;
  /** Prompt tokens of schema that linking may choose (default DEFAULT_LINK_BUDGET_TOKENS); doubled to widen on reflection. */
  linkBudgetTokens?: number;
  findExamples?: (question: string) => Promise<RetrievedExample[]>;
  now?: () => number;
  /** Told about failures that are bugs (not SQL or provider errors), for the logs. */
  reportError?: (error: unknown, node?: string) => void;
}

export interface WorkflowOutcome {
  status: "completed" | "failed" | "cancelled";
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown>;
  error: string | null;
  /** Seconds, as the contract's `execution_time`. */
  executionTime: number;
}
