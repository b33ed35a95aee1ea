import type { ClientLimits } from "../config/auth-clients";
import type { BucketPolicy } from "./token-bucket";
import { type WholeNumberVar, wholeNumberVars } from "./whole-number-vars";

/**
 * The limits in force: service-wide defaults from vars (RATE_LIMIT_*, MAX_CONCURRENT_TASKS), then
 * a client's own values from auth_clients.yml. `null` means the limit is off (var set to "0").
 */
export interface LimitSettings {
  runs: BucketPolicy | null;
  /** Tokens issued per client (successful requests only). */
  tokens: BucketPolicy | null;
  /** Failed token attempts per client id (known or not: the answer must not tell them apart). */
  tokenFailuresPerClient: BucketPolicy | null;
  /** Failed token attempts per source address (IPv6: per /64). */
  tokenFailuresPerIp: BucketPolicy | null;
  /** Tasks pending or running at once per client. */
  maxConcurrentTasks: number | null;
}

/** The documented defaults (src/limits/README.md); every one can be changed by its var. */
export const DEFAULT_LIMITS = {
  // A person or a dashboard rarely asks more than one question a second; a burst of 20 lets a
  // dashboard refresh all its tiles at once.
  RATE_LIMIT_RUNS_PER_MINUTE: 60,
  RATE_LIMIT_RUNS_BURST: 20,
  // Tokens live for hours (jwt.expiration_hours): a well-behaved client needs a few per day.
  RATE_LIMIT_TOKENS_PER_MINUTE: 30,
  // Only failures count: enough for a mistyped secret or a rotation, too few to guess a secret.
  RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: 10,
  // Higher than per client: several clients can share an address (NAT, a CI runner).
  RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE: 20,
  // Each task holds a model call and a database query: bounds one client's share of both.
  MAX_CONCURRENT_TASKS: 10,
} as const;

export type LimitVar = keyof typeof DEFAULT_LIMITS;
export type LimitVars = Partial<Record<LimitVar, string | undefined>>;

// Any whole number >= 0; 0 turns a limit off.
const readLimits = wholeNumberVars(
  "rate limit vars (wrangler.toml [vars])",
  Object.fromEntries(
    Object.entries(DEFAULT_LIMITS).map(([name, fallback]) => [
      name,
      { fallback, min: 0, max: Number.MAX_SAFE_INTEGER, hint: "0 turns the limit off" },
    ]),
  ) as Record<LimitVar, WholeNumberVar>,
);

/** Service-wide defaults, parsed once per configuration; a bad value names its var. */
export function limitDefaults(vars: LimitVars): LimitSettings {
  const v = readLimits(vars);
  return {
    runs:
      v.RATE_LIMIT_RUNS_PER_MINUTE > 0
        ? {
            capacity: Math.max(1, v.RATE_LIMIT_RUNS_BURST || v.RATE_LIMIT_RUNS_PER_MINUTE),
            perMinute: v.RATE_LIMIT_RUNS_PER_MINUTE,
          }
        : null,
    tokens: perMinute(v.RATE_LIMIT_TOKENS_PER_MINUTE),
    tokenFailuresPerClient: perMinute(v.RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE),
    tokenFailuresPerIp: perMinute(v.RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE),
    maxConcurrentTasks: v.MAX_CONCURRENT_TASKS > 0 ? v.MAX_CONCURRENT_TASKS : null,
  };
}

/** A client's limits: its own values from auth_clients.yml over the defaults. */
export function clientLimitSettings(defaults: LimitSettings, own: ClientLimits | undefined): LimitSettings {
  if (!own) return defaults;
  const rate = own.rate_limit ?? {};
  let runs = defaults.runs;
  if (rate.runs_per_minute !== undefined || rate.runs_burst !== undefined) {
    const perMinute = rate.runs_per_minute ?? defaults.runs?.perMinute ?? DEFAULT_LIMITS.RATE_LIMIT_RUNS_PER_MINUTE;
    // Without its own burst, a client limited below the default burst gets no more at once than
    // its per-minute rate: "5 runs a minute" should not admit 20 in the first second.
    const capacity =
      rate.runs_burst ?? Math.min(defaults.runs?.capacity ?? DEFAULT_LIMITS.RATE_LIMIT_RUNS_BURST, perMinute);
    runs = { capacity, perMinute };
  }
  return {
    ...defaults,
    runs,
    tokens: rate.tokens_per_minute !== undefined ? perMinute(rate.tokens_per_minute) : defaults.tokens,
    maxConcurrentTasks: own.max_concurrent_tasks ?? defaults.maxConcurrentTasks,
  };
}

/** "N a minute" with a burst of N: for token requests a separate burst setting would add nothing. */
function perMinute(n: number): BucketPolicy | null {
  return n > 0 ? { capacity: n, perMinute: n } : null;
}
