import { MAX_TASK_LENGTH } from "../shared/contract";
import { wholeNumberVars } from "./whole-number-vars";

/**
 * What one request may ask of the service, service-wide from vars: the run request's body, the
 * question's length, how long one event stream stays open. Each has a ceiling the service is built
 * for (the API schema's maximum, what a task stores); a var may set any value between `min` and `max`.
 */
export const REQUEST_BOUNDS = {
  // A question plus context (ext_knowledge is at most 20,000 characters): 64 KiB is generous.
  MAX_RUN_BODY_BYTES: { fallback: 64 * 1024, min: 1024, max: 1024 * 1024 },
  // Long enough for a detailed question, short enough to bound prompt size and cost.
  MAX_TASK_CHARS: { fallback: MAX_TASK_LENGTH, min: 16, max: MAX_TASK_LENGTH },
  // A forgotten stream cannot hold a task's object open forever; resuming (Last-Event-ID) is free.
  MAX_STREAM_MINUTES: { fallback: 30, min: 1, max: 24 * 60 },
} as const;

export type BoundVar = keyof typeof REQUEST_BOUNDS;
export type BoundVars = Partial<Record<BoundVar, string | undefined>>;

export interface RequestBounds {
  runBodyBytes: number;
  taskChars: number;
  streamLifetimeMs: number;
}

const readBounds = wholeNumberVars("request bound vars (wrangler.toml [vars])", REQUEST_BOUNDS);

/** Parsed once per configuration; a bad value names its var and the range it must be in. */
export function requestBounds(vars: BoundVars): RequestBounds {
  const v = readBounds(vars);
  return {
    runBodyBytes: v.MAX_RUN_BODY_BYTES,
    taskChars: v.MAX_TASK_CHARS,
    streamLifetimeMs: v.MAX_STREAM_MINUTES * 60_000,
  };
}
