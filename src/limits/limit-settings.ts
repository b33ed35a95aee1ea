import type { ClientLimits } from "../config/auth-clients";
import { DEFAULT_LIMITS, type LimitVar } from "../config/vars";
import type { BucketPolicy } from "./token-bucket";

export { DEFAULT_LIMITS } from "../config/vars";

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

/** Service-wide defaults, from the limit vars as `loadConfig` validated them (config/vars.ts). */
export function limitDefaults(v: Record<LimitVar, number>): LimitSettings {
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
