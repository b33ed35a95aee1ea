/** limits/: per-client rate limits, concurrent-task caps and request bounds. Only these names are used outside this folder. */
export { clientLimitSettings, DEFAULT_LIMITS, type LimitSettings, limitDefaults } from "./limit-settings";
export { FORGET_AFTER_REST_MS, RateLimiter } from "./rate-limiter";
export {
  addressKey,
  RateLimits,
  type RunTicket,
  rateLimitsFor,
  releaseTaskSlot,
  type TokenAttempt,
} from "./rate-limits";
