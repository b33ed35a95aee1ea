/** limits/: per-client rate limits and concurrent-task caps. Only these names are used outside this folder. */
export { clientLimitSettings, DEFAULT_LIMITS, limitDefaults, type LimitSettings } from "./limit-settings";
export { RateLimiter } from "./rate-limiter";
export { addressKey, rateLimitsFor, RateLimits, releaseTaskSlot, type RunTicket } from "./rate-limits";
