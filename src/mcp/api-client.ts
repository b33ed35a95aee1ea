import type { Context } from "hono";
import type { AppEnv } from "../api/app";

/** Anything that answers a Request as the Worker's app does (`app.fetch`). */
export type AppFetch = (
  request: Request,
  env: Env,
  executionCtx: Context<AppEnv>["executionCtx"],
) => Response | Promise<Response>;

/**
 * A refusal or failure of an API route, as the route put it (RFC 9457 problem details): the MCP
 * tools hand its text to the client as a tool error, so an assistant reads what the HTTP client reads.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    // The message is the tool error's text: the detail, each field error, and the HTTP status.
    const fields = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    super(`${detail}${fields ? ` (${fields})` : ""} [HTTP ${status}]`);
    this.name = "ApiProblem";
  }
}

/**
 * The MCP front door's only way into the service: each tool call is a request to the same app the
 * HTTP API serves, dispatched in-process (no network hop) with the caller's own bearer token. The
 * bearer check, grants and roles, rate limits, body limits, validation and the TaskRoom path are
 * therefore those of the routes by construction; nothing here decides who may do what.
 */
export class ApiClient {
  constructor(
    private readonly fetchApp: AppFetch,
    private readonly c: Context<AppEnv>,
  ) {}

  /** The raw response (an event stream, for one); refusals are not thrown. */
  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: {
        authorization: this.c.req.header("authorization") ?? "",
        // An end user the client vouches for (X-End-User, issue 14) is checked by the routes, as over HTTP.
        ...forwarded(this.c, FORWARDED_HEADERS),
        // The same request id in the logs for the MCP request and what it asked of the API.
        "cf-ray": this.c.var.requestId,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    return Promise.resolve(
      this.fetchApp(new Request(new URL(path, this.c.req.url), init), this.c.env, this.c.executionCtx),
    );
  }

  /** The JSON body of a 2xx answer; anything else becomes an ApiProblem carrying the route's words. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await expectOk(await this.request(method, path, body))).json() as Promise<T>;
  }

  /** Runs `work` later in this request's lifetime (e.g. a cancellation after its notification was acknowledged). */
  waitUntil(work: Promise<unknown>): void {
    this.c.executionCtx.waitUntil(
      work.catch((error: unknown) => this.c.var.log.warn("mcp background call failed", { error: String(error) })),
    );
  }
}

// The caller's identity travels with each tool call; nothing else of the MCP request does.
const FORWARDED_HEADERS = ["x-end-user"];

function forwarded(c: Context<AppEnv>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (c.req.header(name) === undefined ? [] : [[name, c.req.header(name)!]])),
  );
}

export async function expectOk(res: Response): Promise<Response> {
  if (res.ok) return res;
  const text = await res.text();
  let problem: { detail?: unknown; errors?: unknown } = {};
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    // Not problem+json (should not happen): the status says enough.
  }
  const detail = typeof problem.detail === "string" ? problem.detail : `The service answered HTTP ${res.status}`;
  const errors = Array.isArray(problem.errors) ? (problem.errors as { path: string; message: string }[]) : [];
  throw new ApiProblem(res.status, detail, errors);
}
