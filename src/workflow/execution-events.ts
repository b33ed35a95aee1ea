import type { QueryResult } from "../sql/executor";

/**
 * What every plan reports of an executed query, alike: the `execution_complete` event (with the
 * original server's `row_count`/`exec_time_ms` aliases) and the result's part of `metadata`.
 */
export function executionSucceeded(result: QueryResult) {
  return {
    status: "success" as const,
    rows_affected: result.rowCount,
    execution_time: result.executionMs / 1000,
    row_count: result.rowCount,
    exec_time_ms: result.executionMs,
    truncated: result.truncated,
    ...(result.truncatedBy ? { truncated_by: result.truncatedBy } : {}),
  };
}

export function executionFailed(error: Error) {
  return {
    status: "failed" as const,
    rows_affected: 0,
    execution_time: 0,
    row_count: 0,
    exec_time_ms: 0,
    error: error.message,
  };
}

export function resultMetadata(result: QueryResult | undefined): Record<string, unknown> {
  if (!result) return {};
  return {
    row_count: result.rowCount,
    truncated: result.truncated,
    ...(result.truncatedBy ? { truncated_by: result.truncatedBy } : {}),
    sql_execution_ms: result.executionMs,
    // Which tables were read through an end user's row filter and which columns were hidden; never the user's attributes.
    ...(result.policiesApplied ? { policies_applied: result.policiesApplied } : {}),
  };
}
