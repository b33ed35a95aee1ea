import { AISDKError, APICallError, NoObjectGeneratedError, NoOutputGeneratedError, RetryError } from "ai";

export type LlmFailureKind =
  | "provider_status"
  | "unreachable"
  | "timeout"
  | "invalid_output"
  | "truncated_output"
  | "token_budget"
  | "failed";

/**
 * A language model call that failed, with a message safe to show the client: the HTTP status and
 * how often it was tried, never the provider's response body (it may echo the prompt or a key
 * prefix). The original error stays in `cause` for the logs. The workflow engine shows
 * `message` only because `expose` is true.
 */
export class LlmProviderError extends Error {
  readonly expose = true;
  constructor(
    message: string,
    readonly kind: LlmFailureKind,
    readonly attempts: number,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmProviderError";
  }
}

// Reason phrases for statuses providers actually return; 529 is Anthropic's "overloaded".
const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  529: "Overloaded",
};

export function isAbortLike(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AbortError" || error.name === "TimeoutError" || error.name === "ResponseAborted")
  );
}

/**
 * Maps whatever `generateText` threw to an LlmProviderError. Returns undefined for errors that are
 * not the provider's (a bug, the caller's cancellation): those keep their generic treatment.
 */
export function toLlmProviderError(error: unknown, timeoutMs: number): LlmProviderError | undefined {
  // The AI SDK wraps the last failure in RetryError when it retried; unwrap to say what failed.
  const retry = RetryError.isInstance(error) ? error : undefined;
  const last = retry ? retry.lastError : error;
  const attempts = retry ? retry.errors.length : 1;
  const after = attempts > 1 ? ` after ${attempts} attempts` : "";
  const cause = { cause: error };

  if (isAbortLike(last)) {
    return new LlmProviderError(
      `The language model did not answer within ${formatSeconds(timeoutMs)}`,
      "timeout",
      attempts,
      undefined,
      cause,
    );
  }
  if (APICallError.isInstance(last)) {
    if (last.statusCode === undefined) {
      return new LlmProviderError(
        `The language model provider could not be reached${after}`,
        "unreachable",
        attempts,
        undefined,
        cause,
      );
    }
    const reason = REASONS[last.statusCode] ?? "an error";
    return new LlmProviderError(
      `The language model provider answered ${last.statusCode} ${reason}${after}`,
      "provider_status",
      attempts,
      last.statusCode,
      cause,
    );
  }
  if (NoObjectGeneratedError.isInstance(last)) {
    if (last.finishReason === "length") {
      return new LlmProviderError(
        "The language model's answer was cut off at the output token limit (LLM_MAX_OUTPUT_TOKENS)",
        "truncated_output",
        attempts,
        undefined,
        cause,
      );
    }
    return new LlmProviderError(
      "The language model did not answer with the expected JSON object (explanation, sql, tables)",
      "invalid_output",
      attempts,
      undefined,
      cause,
    );
  }
  if (NoOutputGeneratedError.isInstance(last)) {
    return new LlmProviderError("The language model returned no output", "invalid_output", attempts, undefined, cause);
  }
  if (AISDKError.isInstance(last)) {
    // E.g. a response body that is not the provider's JSON shape: name the class, not the content.
    return new LlmProviderError(
      `The language model call failed (${last.name})${after}`,
      "failed",
      attempts,
      undefined,
      cause,
    );
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
