import { MAX_TASK_LENGTH } from "../shared/contract";
import type { WholeNumberVar } from "./whole-number-vars";

/**
 * The service-wide limits' defaults (src/limits/README.md); every one can be changed by its var,
 * and a client's own values in auth_clients.yml win. Any whole number >= 0; 0 turns a limit off.
 */
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

export const LIMIT_VARS = Object.fromEntries(
  Object.entries(DEFAULT_LIMITS).map(([name, fallback]) => [
    name,
    { fallback, min: 0, max: Number.MAX_SAFE_INTEGER, hint: "0 turns the limit off" },
  ]),
) as Record<LimitVar, WholeNumberVar>;

/**
 * What one request may ask of the service: the run request's body, the question's length, how long
 * one event stream stays open. Each has a ceiling the service is built for (the API schema's
 * maximum, what a task stores); a var may set any value between `min` and `max`.
 */
export const REQUEST_BOUNDS = {
  // A question plus context (ext_knowledge is at most 20,000 characters): 64 KiB is generous.
  MAX_RUN_BODY_BYTES: { fallback: 64 * 1024, min: 1024, max: 1024 * 1024, unit: "bytes" },
  // Long enough for a detailed question, short enough to bound prompt size and cost.
  MAX_TASK_CHARS: { fallback: MAX_TASK_LENGTH, min: 16, max: MAX_TASK_LENGTH },
  // A forgotten stream cannot hold a task's object open forever; resuming (Last-Event-ID) is free.
  MAX_STREAM_MINUTES: { fallback: 30, min: 1, max: 24 * 60, unit: "minutes" },
} as const satisfies Record<string, WholeNumberVar>;

export type BoundVar = keyof typeof REQUEST_BOUNDS;

/** How long a finished task (and a conversation after its last turn) is kept: a day, at most a year. */
export const TASK_RETENTION = {
  TASK_RETENTION_HOURS: { fallback: 24, min: 1, max: 24 * 366, unit: "hours" },
} as const satisfies Record<string, WholeNumberVar>;
