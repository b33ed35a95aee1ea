import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "./rate-limit-headers";

describe("RateLimit header fields", () => {
  it("describes a token bucket as a quota refilled over a window, and what is left", () => {
    // 60 a minute with a burst of 20: 20 refill in 20 s.
    expect(rateLimitHeaders("runs", { capacity: 20, perMinute: 60 }, { remaining: 19, resetSeconds: 1 })).toEqual({
      "ratelimit-policy": '"runs";q=20;w=20',
      ratelimit: '"runs";r=19;t=1',
    });
    // 30 tokens a minute, capacity 30: a 60 s window; fractions never show.
    expect(rateLimitHeaders("tokens", { capacity: 30, perMinute: 30 }, { remaining: 0.4, resetSeconds: 58.2 })).toEqual(
      {
        "ratelimit-policy": '"tokens";q=30;w=60',
        ratelimit: '"tokens";r=0;t=59',
      },
    );
  });
});
