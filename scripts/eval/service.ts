/**
 * Client of the RUNNING service: one OAuth client-credentials token, then sync `POST /workflows/run`
 * per question with a bounded number in flight.
 */

export interface ServiceOptions {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** The sync answer of /workflows/run (only the fields the eval reads). */
export interface RunResponse {
  status: "completed" | "failed" | "cancelled";
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown>;
  error: string | null;
  execution_time: number;
}

export type RunOutcome =
  | { ok: true; response: RunResponse; latencyMs: number }
  | { ok: false; error: string; latencyMs: number };

/** The service is not there at all: the eval stops with a non-zero exit instead of scoring zeros. */
export class ServiceUnreachableError extends Error {}

const trimSlash = (url: string): string => url.replace(/\/+$/, "");

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new ServiceUnreachableError(`cannot reach ${url}${cause}`);
  }
}

export async function fetchToken(options: ServiceOptions): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  const res = await request(`${trimSlash(options.url)}/auth/token`, { method: "POST", body });
  const text = await res.text();
  if (!res.ok) throw new ServiceUnreachableError(`POST /auth/token answered ${res.status}: ${text.slice(0, 300)}`);
  const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  if (typeof token !== "string") throw new ServiceUnreachableError("POST /auth/token returned no access_token");
  return token;
}

export interface RunInput {
  workflow: string;
  namespace: string;
  task: string;
  current_date?: string | undefined;
  ext_knowledge?: string | undefined;
}

/** Waits out 429s (Retry-After, at most a few times) so a rate limit does not read as failed questions. */
const MAX_429_RETRIES = 5;
/** Far above any sync run (statement timeout 15 s, LLM timeout 30 s with retries): catches hangs only. */
const REQUEST_TIMEOUT_MS = 180_000;

export async function runQuestion(options: ServiceOptions, token: string, input: RunInput): Promise<RunOutcome> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await request(`${trimSlash(options.url)}/workflows/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...input, mode: "sync" }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // One dropped connection is this question's error; main() checked the service is up before.
      return {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
        latencyMs: performance.now() - started,
      };
    }
    const text = await res.text();
    if (res.status === 429 && attempt < MAX_429_RETRIES) {
      const wait = Number(res.headers.get("retry-after") ?? "1");
      await new Promise((r) => setTimeout(r, Math.min(30, Number.isFinite(wait) ? wait : 1) * 1000));
      continue;
    }
    const latencyMs = performance.now() - started;
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${text.slice(0, 300)}`, latencyMs };
    try {
      return { ok: true, response: JSON.parse(text) as RunResponse, latencyMs };
    } catch {
      return { ok: false, error: `HTTP ${res.status} with a body that is not JSON`, latencyMs };
    }
  }
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function mapPool<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
