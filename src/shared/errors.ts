/**
 * The one error model of the service (RFC 9457 problem details).
 *
 * `ApiError` carries what the client may see (status, title, detail, field errors) apart from
 * what only the logs may see (`internal`). Anything that is not an ApiError is rendered as a
 * generic 500 by the app's error handler: stack traces and secrets never reach a response.
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `task` or `jwt.algorithm`. */
  path: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ApiErrorOptions {
  /** Stable machine-readable kind; becomes the problem `type` URI. */
  kind?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Detail for the logs only (never sent to the client). */
  internal?: unknown;
  /** Extra members of the problem object (RFC 9457 §3.2 extensions). */
  extensions?: Record<string, unknown>;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://datus-edge.dev/problems/";

export class ApiError extends Error {
  readonly status: number;
  readonly kind: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly internal: unknown;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, detail: string, options: ApiErrorOptions = {}) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.kind = options.kind ?? kindFromStatus(status);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.internal = options.internal;
    this.extensions = options.extensions ?? {};
  }

  toProblem(instance?: string): ProblemDetails {
    const problem: ProblemDetails = {
      ...this.extensions,
      type: TYPE_BASE + this.kind,
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.message,
    };
    if (instance) problem.instance = instance;
    if (this.errors?.length) problem.errors = this.errors;
    return problem;
  }
}

function kindFromStatus(status: number): string {
  return (TITLES[status] ?? "error").toLowerCase().replace(/[^a-z]+/g, "-");
}

export function problemResponse(error: ApiError, instance?: string): Response {
  return new Response(JSON.stringify(error.toProblem(instance)), {
    status: error.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...error.headers },
  });
}

/** Turns zod issues into field errors: `path` joined with dots, array indexes included. */
export function fieldErrorsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: readonly string[] }>,
): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join(".");
    // zod reports unknown keys as one issue on the parent: name each key so the client sees it.
    if (issue.code === "unrecognized_keys" && issue.keys?.length) {
      for (const key of issue.keys) {
        out.push({ path: base ? `${base}.${key}` : key, message: "Unknown field" });
      }
      continue;
    }
    out.push({ path: base || "(body)", message: issue.message });
  }
  return out;
}
