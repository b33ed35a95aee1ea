import { ConfigError } from "../config/yaml-config";

/**
 * What one request may ask of the service, service-wide from vars: the run request's body, the
 * question's length, how long one event stream stays open. Each has a ceiling the service is built
 * for (the API schema's maximum, what a task stores); a var may set any value between `min` and `max`.
 */
export const REQUEST_BOUNDS = {
  // A question plus context (ext_knowledge is at most 20,000 characters): 64 KiB is generous.
  MAX_RUN_BODY_BYTES: { fallback: 64 * 1024, min: 1024, max: 1024 * 1024 },
  // Long enough for a detailed question, short enough to bound prompt size and cost.
  MAX_TASK_CHARS: { fallback: 4000, min: 16, max: 4000 },
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

let cached: { key: string; bounds: RequestBounds } | undefined;

/** Parsed once per configuration; a bad value names its var and the range it must be in. */
export function requestBounds(vars: BoundVars): RequestBounds {
  const names = Object.keys(REQUEST_BOUNDS) as BoundVar[];
  const key = names.map((n) => vars[n] ?? "").join("\u0000");
  if (cached?.key === key) return cached.bounds;
  const problems: string[] = [];
  const read = (name: BoundVar): number => {
    const { fallback, min, max } = REQUEST_BOUNDS[name];
    const raw = vars[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    problems.push(`${name}: must be a whole number from ${min} to ${max}, got '${raw}'`);
    return fallback;
  };
  const bounds: RequestBounds = {
    runBodyBytes: read("MAX_RUN_BODY_BYTES"),
    taskChars: read("MAX_TASK_CHARS"),
    streamLifetimeMs: read("MAX_STREAM_MINUTES") * 60_000,
  };
  if (problems.length) throw new ConfigError("request bound vars (wrangler.toml [vars])", problems);
  cached = { key, bounds };
  return bounds;
}
