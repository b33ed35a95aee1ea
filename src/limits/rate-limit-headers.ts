import type { QuotaState } from "./rate-limiter";
import type { BucketPolicy } from "./token-bucket";

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), so a client can pace
 * itself before it meets a 429:
 *
 *   RateLimit-Policy: "runs";q=20;w=20    (a burst of q, refilled over w seconds: q/w a second sustained)
 *   RateLimit: "runs";r=19;t=1            (r left now, full again in t seconds)
 *
 * A token bucket has no fixed window; `w` is the time it takes to refill from empty, which gives the
 * bucket's sustained rate as q/w. On a 429, `t` is the Retry-After time (the draft asks both to name
 * the same moment).
 */
export type PolicyName = "runs" | "tokens";

export function rateLimitHeaders(name: PolicyName, policy: BucketPolicy, quota: QuotaState): Record<string, string> {
  return {
    "ratelimit-policy": `"${name}";q=${policy.capacity};w=${refillSeconds(policy)}`,
    ratelimit: `"${name}";r=${Math.max(0, Math.floor(quota.remaining))};t=${Math.max(0, Math.ceil(quota.resetSeconds))}`,
  };
}

function refillSeconds(policy: BucketPolicy): number {
  return Math.max(1, Math.round((policy.capacity * 60) / policy.perMinute));
}
