import { NO_STORE_HEADERS } from "../auth/oauth-errors";
import type { ClientLimits } from "../config/auth-clients";
import type { LimitVar } from "../config/vars";
import { ApiError } from "../shared/errors";
import { createLogger, type Logger } from "../shared/log";
import { clientLimitSettings, type LimitSettings, limitDefaults } from "./limit-settings";
import { rateLimitHeaders } from "./rate-limit-headers";
import type { AttemptVerdict, RateLimiter, RunVerdict, TokenAdmission } from "./rate-limiter";
import type { BucketPolicy } from "./token-bucket";

/**
 * The Worker's side of rate limiting: picks the key, asks its RateLimiter (one call per key, and a
 * run request touches one key), and turns a refusal into a 429 problem with Retry-After.
 *
 * Fail open: when the limiter cannot be reached the request is allowed and a warning logged. A
 * limiter is a guard against abuse, not part of answering; its fault must not take the API down.
 */
export type LimitsEnv = { LIMITS?: DurableObjectNamespace<RateLimiter> };

// A concurrency refusal has no refill time to compute: tasks take seconds, so "a few seconds" is
// an honest hint that keeps a polling client from spinning.
const CONCURRENCY_RETRY_AFTER_SECONDS = 5;

export interface RunTicket {
  /** Gives the slot back: the submission found an existing task (or failed), so nothing new runs. */
  release(): Promise<void>;
  /** RateLimit-Policy / RateLimit for the response (empty when runs are not rate limited). */
  headers: Record<string, string>;
}

/** A token request admitted by the failure budgets, waiting for its secret check. */
export interface TokenAttempt {
  /** The secret was wrong: the attempt taken in advance stays spent, the issuance comes back (after the answer). */
  failed(): void;
  /** The secret was right: the attempt comes back (after the answer); the RateLimit headers, or a 429 when issuance is spent. */
  succeeded(): Record<string, string>;
}

/** A ticket that took no slot has none to give back. */
const nothingToRelease = async () => {};

export class RateLimits {
  constructor(
    private readonly namespace: DurableObjectNamespace<RateLimiter> | undefined,
    readonly defaults: LimitSettings,
  ) {}

  /** Admits a run of `taskId` for the client, or throws a 429 ApiError. */
  async admitRun(args: {
    clientId: string;
    taskId: string;
    own: ClientLimits | undefined;
    log: Logger;
  }): Promise<RunTicket> {
    const limits = clientLimitSettings(this.defaults, args.own);
    if (!limits.runs && limits.maxConcurrentTasks === null) return { release: nothingToRelease, headers: {} };
    const key = runsKey(args.clientId);
    const verdict = await this.call<RunVerdict>(key, args.log, (limiter) =>
      limiter.admitRun({
        clientId: args.clientId,
        taskId: args.taskId,
        runs: limits.runs,
        maxConcurrent: limits.maxConcurrentTasks,
      }),
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
    if (verdict.ok)
      return {
        release: verdict.leased ? () => this.release(args.clientId, args.taskId, args.log) : nothingToRelease,
        headers,
      };
    const max = limits.maxConcurrentTasks!;
    throw tooMany(
      `Too many tasks in progress: this client may have at most ${max} pending or running at once; wait for one to finish (or cancel one) and retry`,
      CONCURRENCY_RETRY_AFTER_SECONDS,
      {
        kind: "too-many-tasks",
        headers,
        extensions: { limit: "max_concurrent_tasks", max_concurrent_tasks: max, active: verdict.active },
      },
    );
  }

  /** Frees the client's slot for `taskId` (best effort: leases also expire and are reconciled). */
  async release(clientId: string, taskId: string, log: Logger): Promise<void> {
    await this.call(runsKey(clientId), log, (limiter) => limiter.releaseTask(taskId));
  }

  /**
   * A token request, before its secret is checked (the check is the expensive part, and a refused
   * request must not cost it). Failures are counted per (client id, source address) and per
   * address, one attempt taken in advance from each: a stranger who knows a client id can spend
   * that id's budget only from their own address, so the client itself still gets tokens from
   * anywhere else; the per-address budget stops one address from trying many ids. Known and
   * unknown ids are counted alike, so the answer never tells whether an id exists. Throws a 429
   * ApiError while either budget is spent.
   *
   * One round trip (issue 18): the client's issuance (`own` limits, looked up by id) is taken in
   * advance in parallel with the failure budgets, and whatever the outcome gives back — the attempt
   * after a right secret, the issuance after a wrong one — goes back through `later` (the Worker's
   * waitUntil), after the answer. An issuance held by a wrong guess is held for one check only, and
   * the failure budgets bound how many guesses there are.
   */
  async reserveTokenAttempt(args: {
    clientId: string;
    address: string | undefined;
    own: ClientLimits | undefined;
    log: Logger;
    later: (work: Promise<unknown>) => void;
  }): Promise<TokenAttempt> {
    const keys = this.failureKeys(args.clientId, args.address);
    const client = clientLimitSettings(this.defaults, args.own);
    const issuanceKey = `token:${args.clientId}`;
    // One call per object, all in parallel: the latency of one call. Without an address the
    // client's failures and its issuance share `token:<client_id>`, so that is a single call.
    const objects = [...new Set([...keys.map((k) => k.key), ...(client.tokens ? [issuanceKey] : [])])];
    const answers = await Promise.all(
      objects.map((key) =>
        this.call<TokenAdmission>(key, args.log, (limiter) =>
          limiter.admitToken(
            keys.find((k) => k.key === key)?.policy ?? null,
            key === issuanceKey ? (client.tokens ?? null) : null,
          ),
        ),
      ),
    );
    const verdicts = keys.map(({ key }) => answers[objects.indexOf(key)]?.failure);
    const issued = client.tokens ? answers[objects.indexOf(issuanceKey)]?.issuance : undefined;
    const taken = keys.filter((_, i) => verdicts[i]?.ok === true);
    const refund = () =>
      Promise.all(taken.map(({ key, policy }) => this.call(key, args.log, (limiter) => limiter.refundFailure(policy))));
    const giveIssuanceBack = () => {
      if (client.tokens && issued?.ok)
        args.later(this.call(issuanceKey, args.log, (limiter) => limiter.refundIssuance(client.tokens!)));
    };
    const refusals = verdicts.filter((v): v is Extract<AttemptVerdict, { ok: false }> => v !== undefined && !v.ok);
    if (refusals.length > 0) {
      // Refused before any check: not an attempt, so what the other keys took is given back.
      args.later(refund());
      giveIssuanceBack();
      throw failuresSpent(args.clientId, refusals);
    }
    return {
      failed: giveIssuanceBack,
      succeeded: () => {
        args.later(refund());
        if (!issued) return {};
        return issuanceHeaders(client.tokens, issued);
      },
    };
  }

  /**
   * A token request whose secret this isolate has already verified (auth/verified-secrets.ts): it
   * is no guess, so nothing is reserved in advance and nothing is given back after the answer (issue
   * 18: one call per object instead of two). Each failure budget is only looked at — while one is
   * spent even the right secret waits, or a guess that hits would get through — and one issuance is
   * taken. The RateLimit headers, or a 429 ApiError.
   */
  async admitKnownSecret(args: {
    clientId: string;
    address: string | undefined;
    own: ClientLimits | undefined;
    log: Logger;
  }): Promise<Record<string, string>> {
    const keys = this.failureKeys(args.clientId, args.address);
    const client = clientLimitSettings(this.defaults, args.own);
    const issuanceKey = `token:${args.clientId}`;
    const objects = [...new Set([...keys.map((k) => k.key), ...(client.tokens ? [issuanceKey] : [])])];
    const answers = await Promise.all(
      objects.map((key) =>
        this.call<AttemptVerdict>(key, args.log, (limiter) =>
          limiter.attempt({
            outcome: "success",
            failures: keys.find((k) => k.key === key)?.policy ?? null,
            successes: key === issuanceKey ? (client.tokens ?? null) : null,
          }),
        ),
      ),
    );
    const refusals = answers.filter(
      (v): v is Extract<AttemptVerdict, { ok: false }> => v !== undefined && !v.ok && v.reason === "failures",
    );
    if (refusals.length > 0) throw failuresSpent(args.clientId, refusals);
    return issuanceHeaders(client.tokens, client.tokens ? answers[objects.indexOf(issuanceKey)] : undefined);
  }

  /** The failure budgets a token request from `address` counts against, each with its object's key. */
  private failureKeys(clientId: string, address: string | undefined): { key: string; policy: BucketPolicy }[] {
    const limits = this.defaults;
    const keys: { key: string; policy: BucketPolicy }[] = [];
    if (limits.tokenFailuresPerClient)
      keys.push({ key: tokenFailureKey(clientId, address), policy: limits.tokenFailuresPerClient });
    // No address outside Cloudflare's edge (local dev, tests): nothing to key on, so no per-address limit.
    if (limits.tokenFailuresPerIp && address)
      keys.push({ key: `token-ip:${addressKey(address)}`, policy: limits.tokenFailuresPerIp });
    return keys;
  }

  private async call<T>(
    key: string,
    log: Logger,
    fn: (limiter: DurableObjectStub<RateLimiter>) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      if (!this.namespace) throw new Error("the LIMITS Durable Object binding is not configured");
      return await fn(this.namespace.get(this.namespace.idFromName(key)));
    } catch (error) {
      log.warn("rate limiter unavailable; request allowed", {
        key,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return undefined;
    }
  }
}

/** The limiter binding with the service-wide limits of the configuration (`config.limits`). */
export function rateLimitsFor(env: LimitsEnv, limits: Record<LimitVar, number>): RateLimits {
  return new RateLimits(env.LIMITS, limitDefaults(limits));
}

/**
 * For a task's completion path (TaskRoom): frees its concurrency slot at once. Best effort and
 * never throws; without it the slot still comes back by reconciliation at the cap or lease expiry.
 */
export async function releaseTaskSlot(
  env: LimitsEnv & Pick<Env, "LOG_LEVEL">,
  limits: Record<LimitVar, number>,
  clientId: string,
  taskId: string,
): Promise<void> {
  const log = createLogger(env.LOG_LEVEL, { component: "limits" });
  try {
    await new RateLimits(env.LIMITS, limitDefaults(limits)).release(clientId, taskId, log);
  } catch (error) {
    log.warn("task slot not released", { client_id: clientId, task_id: taskId, error: String(error) });
  }
}

/** A failure budget is spent: 429 for the right secret too. */
function failuresSpent(clientId: string, refusals: Extract<AttemptVerdict, { ok: false }>[]): ApiError {
  const retryAfter = Math.max(...refusals.map((r) => r.retryAfterSeconds));
  // RFC 6749 §5.2 has no code for this; a 429 problem with Retry-After is what HTTP clients
  // and OAuth libraries treat as "back off" (src/limits/README.md).
  return tooMany(`Too many failed authentication attempts; retry in ${retryAfter} s`, retryAfter, {
    kind: "rate-limited",
    headers: NO_STORE_HEADERS,
    internal: { client_id: clientId, refused: refusals.map((r) => r.reason) },
    extensions: { limit: "token_failures" },
  });
}

/** The RateLimit headers of an issuance taken, or the 429 when none was left (none asked: no headers). */
function issuanceHeaders(tokens: BucketPolicy | null, issued: AttemptVerdict | undefined): Record<string, string> {
  if (!tokens || !issued) return {};
  if (issued.ok) return issued.quota ? rateLimitHeaders("tokens", tokens, issued.quota) : {};
  const retryAfter = issued.retryAfterSeconds;
  throw tooMany(
    `Too many token requests for this client: at most ${tokens.perMinute} per minute; reuse the token you have until it expires; retry in ${retryAfter} s`,
    retryAfter,
    {
      kind: "rate-limited",
      headers: {
        ...NO_STORE_HEADERS,
        ...rateLimitHeaders("tokens", tokens, { remaining: 0, resetSeconds: retryAfter }),
      },
      extensions: { limit: "tokens_per_minute", tokens_per_minute: tokens.perMinute },
    },
  );
}

function runsKey(clientId: string): string {
  return `runs:${clientId}`;
}

/** Failed token attempts of one client id from one address (IPv6: its /64); without an address, of the id. */
function tokenFailureKey(clientId: string, address: string | undefined): string {
  return address ? `token:${clientId}@${addressKey(address)}` : `token:${clientId}`;
}

function tooMany(
  detail: string,
  retryAfterSeconds: number,
  options: { kind: string; headers?: Record<string, string>; internal?: unknown; extensions?: Record<string, unknown> },
): ApiError {
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
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
