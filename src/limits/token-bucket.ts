/**
 * Token bucket arithmetic: plain data in, plain data out, no clock of its own (the caller passes
 * `now`), so it is tested without a runtime and the Durable Object only stores the state.
 *
 * A bucket holds up to `capacity` tokens (the burst) and gains `perMinute` tokens a minute (the
 * sustained rate), continuously rather than in steps, so a client is never made to wait for a
 * window boundary.
 */
export interface BucketPolicy {
  /** Requests allowed at once when the bucket is full. */
  capacity: number;
  /** Tokens added per minute: the sustained rate. */
  perMinute: number;
}

export interface BucketState {
  /** Fractional: refill is continuous. */
  tokens: number;
  /** Epoch ms of the last refill. */
  at: number;
}

export type BucketDecision =
  | { allowed: true; state: BucketState; remaining: number }
  | { allowed: false; state: BucketState; retryAfterSeconds: number };

/** The state at `now`. A missing state is a full bucket: a client never seen has its whole burst. */
export function refill(policy: BucketPolicy, state: BucketState | undefined, now: number): BucketState {
  if (!state) return { tokens: policy.capacity, at: now };
  // A clock that steps back (another machine served the last request) neither refills nor penalises.
  const elapsed = Math.max(0, now - state.at);
  // min() also clamps a bucket whose capacity was lowered by a configuration change.
  return {
    tokens: Math.min(policy.capacity, state.tokens + (elapsed * policy.perMinute) / 60_000),
    at: Math.max(now, state.at),
  };
}

/** Whether `cost` tokens are there, without taking them. */
export function peek(policy: BucketPolicy, state: BucketState | undefined, now: number, cost = 1): BucketDecision {
  const current = refill(policy, state, now);
  if (current.tokens >= cost) return { allowed: true, state: current, remaining: Math.floor(current.tokens - cost) };
  return { allowed: false, state: current, retryAfterSeconds: secondsUntil(policy, current, cost) };
}

/** Takes `cost` tokens when they are there; a refused request takes nothing. */
export function take(policy: BucketPolicy, state: BucketState | undefined, now: number, cost = 1): BucketDecision {
  const decision = peek(policy, state, now, cost);
  if (!decision.allowed) return decision;
  return {
    allowed: true,
    state: { tokens: decision.state.tokens - cost, at: decision.state.at },
    remaining: decision.remaining,
  };
}

/**
 * Whole seconds until `cost` tokens are there: RFC 9110 §10.2.3 Retry-After is an integer, and
 * rounding up means a client that waits exactly that long is admitted.
 */
export function secondsUntil(policy: BucketPolicy, state: BucketState, cost = 1): number {
  const missing = cost - state.tokens;
  if (missing <= 0) return 0;
  return Math.max(1, Math.ceil((missing * 60) / policy.perMinute - 1e-9));
}

/** Epoch ms when the bucket is full again: from then on its stored state carries no information. */
export function fullAt(policy: BucketPolicy, state: BucketState): number {
  return state.at + Math.max(0, ((policy.capacity - state.tokens) * 60_000) / policy.perMinute);
}

/** Gives `cost` tokens back (an attempt taken in advance that turned out not to count); never above capacity. */
export function giveBack(policy: BucketPolicy, state: BucketState | undefined, now: number, cost = 1): BucketState {
  const current = refill(policy, state, now);
  return { tokens: Math.min(policy.capacity, current.tokens + cost), at: current.at };
}
