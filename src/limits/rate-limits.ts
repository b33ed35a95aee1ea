import type { ClientLimits } from "../config/auth-clients";
import { NO_STORE_HEADERS } from "../auth/oauth-errors";
import { ApiError } from "../shared/errors";
import { createLogger, type Logger } from "../shared/log";
import { clientLimitSettings, limitDefaults, type LimitSettings, type LimitVars } from "./limit-settings";
import { rateLimitHeaders } from "./rate-limit-headers";
import type { AttemptVerdict, RateLimiter, RunVerdict } from "./rate-limiter";

/**
 * The Worker's side of rate limiting: picks the key, asks its RateLimiter (one call per key, and a
 * run request touches one key), and turns a refusal into a 429 problem with Retry-After.
 *
 * Fail open: when the limiter cannot be reached the request is allowed and a warning logged. A
 * limiter is a guard against abuse, not part of answering; its fault must not take the API down.
 */
export type LimitsEnv = LimitVars & { LIMITS?: DurableObjectNamespace<RateLimiter> };

// A concurrency refusal has no refill time to compute: tasks take seconds, so "a few seconds" is
// an honest hint that keeps a polling client from spinning.
const CONCURRENCY_RETRY_AFTER_SECONDS = 5;

export interface RunTicket {
  /** Gives the slot back: the submission found an existing task (or failed), so nothing new runs. */
  release(): Promise<void>;
  /** RateLimit-Policy / RateLimit for the response (empty when runs are not rate limited). */
  headers: Record<string, string>;
}

/** A ticket that took no slot has none to give back. */
const nothingToRelease = async () => {};

export class RateLimits {
  constructor(
    private readonly namespace: DurableObjectNamespace<RateLimiter> | undefined,
    readonly defaults: LimitSettings,
  ) {}

  /** Admits a run of `taskId` for the client, or throws a 429 ApiError. */
  async admitRun(args: { clientId: string; taskId: string; own: ClientLimits | undefined; log: Logger }): Promise<RunTicket> {
    const limits = clientLimitSettings(this.defaults, args.own);
    if (!limits.runs && limits.maxConcurrentTasks === null) return { release: nothingToRelease, headers: {} };
    const key = runsKey(args.clientId);
    const verdict = await this.call<RunVerdict>(key, args.log, (limiter) =>
      limiter.admitRun({ clientId: args.clientId, taskId: args.taskId, runs: limits.runs, maxConcurrent: limits.maxConcurrentTasks }),
    );
    if (!verdict) return { release: nothingToRelease, headers: {} };
    if (!verdict.ok && verdict.reason === "rate") {
      const runs = limits.runs!;
      throw tooMany(
        `Too many runs: this client may start ${runs.perMinute} per minute (${runs.capacity} at once); retry in ${verdict.retryAfterSeconds} s`,
        verdict.retryAfterSeconds,
        {
          kind: "rate-limited",
          headers: rateLimitHeaders("runs", runs, { remaining: 0, resetSeconds: verdict.retryAfterSeconds }),
          extensions: { limit: "runs_per_minute", runs_per_minute: runs.perMinute, burst: runs.capacity },
        },
      );
    }
    const headers = limits.runs && verdict.quota ? rateLimitHeaders("runs", limits.runs, verdict.quota) : {};
    if (verdict.ok) return { release: verdict.leased ? () => this.release(args.clientId, args.taskId, args.log) : nothingToRelease, headers };
    const max = limits.maxConcurrentTasks!;
    throw tooMany(
      `Too many tasks in progress: this client may have at most ${max} pending or running at once; wait for one to finish (or cancel one) and retry`,
      CONCURRENCY_RETRY_AFTER_SECONDS,
      { kind: "too-many-tasks", headers, extensions: { limit: "max_concurrent_tasks", max_concurrent_tasks: max, active: verdict.active } },
    );
  }

  /** Frees the client's slot for `taskId` (best effort: leases also expire and are reconciled). */
  async release(clientId: string, taskId: string, log: Logger): Promise<void> {
    await this.call(runsKey(clientId), log, (limiter) => limiter.releaseTask(taskId));
  }

  /**
   * A token request after its secret was checked. Failures count per client id (known or not, so
   * the answer never tells whether an id exists) and per source address; successes count only
   * toward the client's issuance limit. While failures are exhausted even the right secret is
   * refused, or a guess that hits would get through. Throws a 429 ApiError; otherwise answers the
   * RateLimit headers of the client's token issuance (none for a failure).
   */
  async checkTokenAttempt(args: {
    clientId: string;
    address: string | undefined;
    outcome: "success" | "failure";
    own: ClientLimits | undefined;
    log: Logger;
  }): Promise<Record<string, string>> {
    const limits = clientLimitSettings(this.defaults, args.own);
    const checks: Promise<AttemptVerdict | undefined>[] = [];
    if (limits.tokenFailuresPerClient || limits.tokens) {
      checks.push(
        this.call<AttemptVerdict>(`token:${args.clientId}`, args.log, (limiter) =>
          limiter.attempt({ outcome: args.outcome, failures: limits.tokenFailuresPerClient, successes: limits.tokens }),
        ),
      );
    }
    // No address outside Cloudflare's edge (local dev, tests): nothing to key on, so no per-address limit.
    if (limits.tokenFailuresPerIp && args.address) {
      checks.push(
        this.call<AttemptVerdict>(`token-ip:${addressKey(args.address)}`, args.log, (limiter) =>
          limiter.attempt({ outcome: args.outcome, failures: limits.tokenFailuresPerIp }),
        ),
      );
    }
    // Both keys in parallel: the latency of one call.
    const verdicts = await Promise.all(checks);
    const refusals = verdicts.filter((v): v is Extract<AttemptVerdict, { ok: false }> => v !== undefined && !v.ok);
    if (refusals.length === 0) {
      const quota = verdicts[0]?.ok ? verdicts[0].quota : undefined;
      return limits.tokens && quota ? rateLimitHeaders("tokens", limits.tokens, quota) : {};
    }
    const retryAfter = Math.max(...refusals.map((r) => r.retryAfterSeconds));
    if (refusals.some((r) => r.reason === "failures")) {
      // RFC 6749 §5.2 has no code for this; a 429 problem with Retry-After is what HTTP clients
      // and OAuth libraries treat as "back off" (src/limits/README.md).
      throw tooMany(`Too many failed authentication attempts; retry in ${retryAfter} s`, retryAfter, {
        kind: "rate-limited",
        headers: NO_STORE_HEADERS,
        internal: { client_id: args.clientId, refused: refusals.map((r) => r.reason) },
        extensions: { limit: "token_failures" },
      });
    }
    throw tooMany(
      `Too many token requests for this client: at most ${limits.tokens!.perMinute} per minute; reuse the token you have until it expires; retry in ${retryAfter} s`,
      retryAfter,
      { kind: "rate-limited", headers: { ...NO_STORE_HEADERS, ...rateLimitHeaders("tokens", limits.tokens!, { remaining: 0, resetSeconds: retryAfter }) }, extensions: { limit: "tokens_per_minute", tokens_per_minute: limits.tokens!.perMinute } },
    );
  }

  private async call<T>(key: string, log: Logger, fn: (limiter: DurableObjectStub<RateLimiter>) => Promise<T>): Promise<T | undefined> {
    try {
      if (!this.namespace) throw new Error("the LIMITS Durable Object binding is not configured");
      return await fn(this.namespace.get(this.namespace.idFromName(key)));
    } catch (error) {
      log.warn("rate limiter unavailable; request allowed", { key, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return undefined;
    }
  }
}

/** The limits for this environment; the defaults are parsed once per configuration. */
export function rateLimitsFor(env: LimitsEnv): RateLimits {
  return new RateLimits(env.LIMITS, limitDefaults(env));
}

/**
 * For a task's completion path (TaskRoom): frees its concurrency slot at once. Best effort and
 * never throws; without it the slot still comes back by reconciliation at the cap or lease expiry.
 */
export async function releaseTaskSlot(env: LimitsEnv & Pick<Env, "LOG_LEVEL">, clientId: string, taskId: string): Promise<void> {
  const log = createLogger(env.LOG_LEVEL, { component: "limits" });
  try {
    await new RateLimits(env.LIMITS, limitDefaults(env)).release(clientId, taskId, log);
  } catch (error) {
    // A bad limit var (ConfigError) must not break the task's completion path.
    log.warn("task slot not released", { client_id: clientId, task_id: taskId, error: String(error) });
  }
}

function runsKey(clientId: string): string {
  return `runs:${clientId}`;
}

function tooMany(detail: string, retryAfterSeconds: number, options: { kind: string; headers?: Record<string, string>; internal?: unknown; extensions?: Record<string, unknown> }): ApiError {
  return new ApiError(429, detail, {
    kind: options.kind,
    headers: { ...options.headers, "retry-after": String(retryAfterSeconds) },
    internal: options.internal,
    extensions: { ...options.extensions, retry_after: retryAfterSeconds },
  });
}

/**
 * The per-address key. IPv6 is keyed by its /64: one subscriber usually holds a whole /64, so
 * per-address limits on single IPv6 addresses would be trivially sidestepped.
 */
export function addressKey(address: string): string {
  const ip = address.trim().toLowerCase();
  if (!ip.includes(":")) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = "", tail] = ip.split("::", 2);
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
