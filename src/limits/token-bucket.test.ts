import { describe, expect, it } from "vitest";
import { type BucketState, fullAt, peek, refill, secondsUntil, take } from "./token-bucket";

const POLICY = { capacity: 20, perMinute: 60 }; // the runs default: a burst of 20, then 1 a second
const T0 = 1_700_000_000_000;

/** Takes `n` tokens at `now`, failing the test if any is refused. */
function drain(n: number, state: BucketState | undefined, now = T0): BucketState | undefined {
  for (let i = 0; i < n; i++) {
    const d = take(POLICY, state, now);
    if (!d.allowed) throw new Error(`refused at ${i}`);
    state = d.state;
  }
  return state;
}

describe("token bucket", () => {
  it("admits a full burst from an unseen client, then refuses with the seconds until the next token", () => {
    const state = drain(20, undefined);
    const refused = take(POLICY, state, T0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    // A refusal takes nothing: the state is only refilled.
    expect(refused.state.tokens).toBeCloseTo(0);
  });

  it("refills continuously at the per-minute rate, never above capacity", () => {
    const empty = drain(20, undefined)!;
    expect(refill(POLICY, empty, T0 + 500).tokens).toBeCloseTo(0.5);
    expect(take(POLICY, empty, T0 + 999).allowed).toBe(false);
    expect(take(POLICY, empty, T0 + 1000).allowed).toBe(true);
    expect(refill(POLICY, empty, T0 + 10 * 60_000).tokens).toBe(20);
  });

  it("rounds Retry-After up to whole seconds so waiting that long is enough", () => {
    const slow = { capacity: 2, perMinute: 7 }; // a token every 8.57 s
    let state: BucketState | undefined;
    for (let i = 0; i < 2; i++) state = (take(slow, state, T0) as { state: BucketState }).state;
    const refused = take(slow, state, T0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 9 });
    expect(take(slow, state, T0 + 9_000).allowed).toBe(true);
    expect(secondsUntil(slow, { tokens: 1, at: T0 })).toBe(0);
  });

  it("does not refill when the clock steps back, and clamps a bucket whose capacity was lowered", () => {
    const empty = drain(20, undefined)!;
    expect(refill(POLICY, empty, T0 - 60_000).tokens).toBeCloseTo(0);
    expect(refill({ capacity: 5, perMinute: 60 }, { tokens: 20, at: T0 }, T0).tokens).toBe(5);
  });

  it("peeks without taking", () => {
    const state = drain(19, undefined);
    expect(peek(POLICY, state, T0)).toMatchObject({ allowed: true, remaining: 0 });
    expect(peek(POLICY, state, T0)).toMatchObject({ allowed: true });
    expect(take(POLICY, state, T0)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("knows when a bucket is full again (the point its stored state can be forgotten)", () => {
    expect(fullAt(POLICY, { tokens: 0, at: T0 })).toBe(T0 + 20_000);
    expect(fullAt(POLICY, { tokens: 20, at: T0 })).toBe(T0);
  });
});
