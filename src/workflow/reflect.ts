import type { QueryResult } from "../sql/executor";
import type { SqlExecutionError } from "../sql/sql-errors";
import type { ReflectionStrategy } from "./types";

/** The reflect node's verdict on one execution. Pure: easy to test and to extend. */
export type Judgement = { verdict: "ok" } | { verdict: "error" | "refused" | "empty" | "suspicious"; reason: string };

export function judgeOutcome(result: QueryResult | undefined, failure: SqlExecutionError | undefined): Judgement {
  if (failure) {
    if (failure.kind === "refused" || failure.kind === "read_only")
      return { verdict: "refused", reason: failure.message };
    return { verdict: "error", reason: failure.message };
  }
  if (!result || result.rowCount === 0) {
    return { verdict: "empty", reason: "The query returned no rows: a filter or join may be wrong" };
  }
  const values = result.rows.flatMap((row) => Object.values(row));
  if (values.length > 0 && values.every((v) => v === null)) {
    return { verdict: "suspicious", reason: "Every value in the result is null: the wrong column or join may be used" };
  }
  return { verdict: "ok" };
}

/**
 * Picks the next strategy: errors are repaired with the error text; an empty or odd result first
 * widens the schema (a missed table is the usual cause), then reasons step by step.
 */
export function strategyFor(judgement: Judgement, previous: ReflectionStrategy | undefined): ReflectionStrategy {
  switch (judgement.verdict) {
    case "error":
    case "refused":
      return "regenerate_with_error";
    case "empty":
    case "suspicious":
      return previous === "widen_schema" ? "step_by_step" : "widen_schema";
    case "ok":
      return previous ?? "regenerate_with_error";
  }
}
