/** limits/: per-client rate limits, concurrent-task caps and request bounds. Only these names are used outside this folder. */
export { clientLimitSettings, DEFAULT_LIMITS, limitDefaults, type LimitSettings } from "./limit-settings";
export { RateLimiter } from "./rate-limiter";
export { addressKey, rateLimitsFor, RateLimits, releaseTaskSlot, type RunTicket, type TokenAttempt } from "./rate-limits";
export { REQUEST_BOUNDS, requestBounds, type RequestBounds } from "./request-bounds";
