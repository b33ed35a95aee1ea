import type { ClientLimits } from "../config/auth-clients";
import { ConfigError } from "../config/yaml-config";
import type { BucketPolicy } from "./token-bucket";

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

let cached: { key: string; settings: LimitSettings } | undefined;

/** Service-wide defaults, parsed once per configuration; a bad value names its var. */
export function limitDefaults(vars: LimitVars): LimitSettings {
  const names = Object.keys(DEFAULT_LIMITS) as LimitVar[];
  const key = names.map((n) => vars[n] ?? "").join("\u0000");
  if (cached?.key === key) return cached.settings;
  const problems: string[] = [];
  const read = (name: LimitVar): number => {
    const raw = vars[name]?.trim();
    if (raw === undefined || raw === "") return DEFAULT_LIMITS[name];
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) return n;
    problems.push(`${name}: must be a whole number >= 0 (0 turns the limit off), got '${raw}'`);
    return DEFAULT_LIMITS[name];
  };
  const runs = read("RATE_LIMIT_RUNS_PER_MINUTE");
  const burst = read("RATE_LIMIT_RUNS_BURST");
  const tokens = read("RATE_LIMIT_TOKENS_PER_MINUTE");
  const failures = read("RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE");
  const ipFailures = read("RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE");
  const concurrent = read("MAX_CONCURRENT_TASKS");
  if (problems.length) throw new ConfigError("rate limit vars (wrangler.toml [vars])", problems);
  const settings: LimitSettings = {
    runs: runs > 0 ? { capacity: Math.max(1, burst || runs), perMinute: runs } : null,
    tokens: perMinute(tokens),
    tokenFailuresPerClient: perMinute(failures),
    tokenFailuresPerIp: perMinute(ipFailures),
    maxConcurrentTasks: concurrent > 0 ? concurrent : null,
  };
  cached = { key, settings };
  return settings;
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
    const capacity = rate.runs_burst ?? Math.min(defaults.runs?.capacity ?? DEFAULT_LIMITS.RATE_LIMIT_RUNS_BURST, perMinute);
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
