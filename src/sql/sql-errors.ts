import { NeonDbError } from "@neondatabase/serverless";

/**
 * Why SQL did not produce rows, in terms a user and the reflection loop can act on. `message` is
 * safe to show (Postgres' own message; never the connection string).
 */
export type SqlFailureKind =
  | "refused" // the guard refused it before it reached the database
  | "timeout" // statement_timeout fired
  | "read_only" // the read-only transaction stopped a write
  | "invalid" // the database rejected it: syntax, unknown table/column, type mismatch
  | "too_large" // one row alone is larger than the namespace's max_result_bytes
  | "unavailable" // the database or the gateway could not be reached
  | "cancelled"; // the task was cancelled while the query ran

export class SqlExecutionError extends Error {
  constructor(
    readonly kind: SqlFailureKind,
    message: string,
    readonly sqlstate?: string,
    readonly position?: number,
    /** The driver's own error, for logs only (it may carry a connection string). */
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SqlExecutionError";
  }

  /** Worth resending: the database was out of reach, not refusing us (bad credentials, no such database). */
  get retryable(): boolean {
    return this.kind === "unavailable" && !["28P01", "28000", "3D000"].includes(this.sqlstate ?? "");
  }
}

const CONNECTION_STRING = /postgres(ql)?:\/\/\S+/gi;

/** Maps a driver failure to a SqlExecutionError; never lets a connection string through. */
export function toSqlError(error: unknown, context: { timeoutMs: number }): SqlExecutionError {
  if (error instanceof SqlExecutionError) return error;
  if (error instanceof NeonDbError && error.code) {
    const position = error.position ? Number(error.position) : undefined;
    switch (error.code) {
      case "57014":
        return new SqlExecutionError(
          "timeout",
          `The query ran longer than ${context.timeoutMs} ms and was cancelled`,
          error.code,
        );
      case "25006":
        return new SqlExecutionError(
          "read_only",
          "The query tried to change data; questions can only read",
          error.code,
        );
      case "28P01":
      case "28000":
      case "3D000":
        return new SqlExecutionError(
          "unavailable",
          "The database refused the connection (check the namespace's URL and role)",
          error.code,
        );
      case "53300":
      case "57P01":
      case "57P03":
        return new SqlExecutionError("unavailable", "The database is not accepting queries right now", error.code);
      default: {
        const hint = error.hint ? ` (hint: ${error.hint})` : "";
        return new SqlExecutionError(
          "invalid",
          `${error.message}${hint}`.replace(CONNECTION_STRING, "<connection>"),
          error.code,
          position,
        );
      }
    }
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) {
    return new SqlExecutionError("cancelled", "The query was cancelled");
  }
  // fetch failures and non-400 statuses ("Server error (HTTP status 502)") from the HTTP endpoint.
  return new SqlExecutionError(
    "unavailable",
    "The database could not be reached; try again shortly",
    undefined,
    undefined,
    { cause: error },
  );
}
