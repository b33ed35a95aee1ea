import { describe, expect, it } from "vitest";
import { AuthService } from "../auth/auth-service";
import { loadAuthClients } from "../config/auth-clients";
import type { ConfigError } from "../config/yaml-config";
import { clientLimitSettings, DEFAULT_LIMITS, limitDefaults } from "./limit-settings";
import { addressKey } from "./rate-limits";

const KEY = "a-signing-key-that-is-long-enough-0123456789";
const yaml = (clients: string) => `clients:\n${clients}\njwt:\n  secret_key: ${KEY}\n`;
const DEFAULTS = limitDefaults(DEFAULT_LIMITS);

describe("limit defaults (vars)", () => {
  it("uses the documented defaults when no var is set", () => {
    expect(DEFAULTS).toEqual({
      runs: { capacity: 20, perMinute: 60 },
      tokens: { capacity: 30, perMinute: 30 },
      tokenFailuresPerClient: { capacity: 10, perMinute: 10 },
      tokenFailuresPerIp: { capacity: 20, perMinute: 20 },
      maxConcurrentTasks: 10,
    });
  });

  it("reads the vars; 0 turns a limit off", () => {
    const settings = limitDefaults({
      ...DEFAULT_LIMITS,
      RATE_LIMIT_RUNS_PER_MINUTE: 120,
      RATE_LIMIT_RUNS_BURST: 5,
      RATE_LIMIT_TOKENS_PER_MINUTE: 0,
      MAX_CONCURRENT_TASKS: 0,
    });
    expect(settings.runs).toEqual({ capacity: 5, perMinute: 120 });
    expect(settings.tokens).toBeNull();
    expect(settings.maxConcurrentTasks).toBeNull();
  });
});

describe("per-client limits in auth_clients.yml", () => {
  const config = loadAuthClients(
    yaml(
      [
        "  plain: secret-p",
        "  numeric: 12345",
        "  batch:",
        "    secret: secret-b",
        "    rate_limit: { runs_per_minute: 5, tokens_per_minute: 2 }",
        "    max_concurrent_tasks: 3",
        "  bursty:",
        `    secret: "sha256:${"0".repeat(64)}"`,
        "    rate_limit: { runs_per_minute: 600, runs_burst: 100 }",
      ].join("\n"),
    ),
  );
  const auth = new AuthService(config, { issuer: "i", audience: "a" });

  it("keeps the seed's plain `id: secret` form working beside the extended one", async () => {
    expect(await auth.authenticateClient("plain", "secret-p")).toBe(true);
    expect(await auth.authenticateClient("numeric", "12345")).toBe(true);
    expect(await auth.authenticateClient("batch", "secret-b")).toBe(true);
    expect(await auth.authenticateClient("batch", "secret-p")).toBe(false);
    expect(auth.limitsOf("plain")).toBeUndefined();
  });

  it("applies a client's own values over the defaults, the rest unchanged", () => {
    const batch = clientLimitSettings(DEFAULTS, auth.limitsOf("batch"));
    // No burst of its own: not more at once than its per-minute rate.
    expect(batch.runs).toEqual({ capacity: 5, perMinute: 5 });
    expect(batch.tokens).toEqual({ capacity: 2, perMinute: 2 });
    expect(batch.maxConcurrentTasks).toBe(3);
    expect(batch.tokenFailuresPerClient).toEqual(DEFAULTS.tokenFailuresPerClient);
    expect(clientLimitSettings(DEFAULTS, auth.limitsOf("bursty")).runs).toEqual({ capacity: 100, perMinute: 600 });
    expect(clientLimitSettings(DEFAULTS, auth.limitsOf("plain"))).toBe(DEFAULTS);
  });

  it("names the bad key of an extended entry", () => {
    const problems = (text: string) => {
      try {
        loadAuthClients(text);
      } catch (e) {
        return (e as ConfigError).problems;
      }
      return [];
    };
    expect(problems(yaml("  x:\n    secret: s\n    rate_limit: { runs_per_minute: 0 }"))).toEqual([
      expect.stringContaining("clients.x.rate_limit.runs_per_minute"),
    ]);
    expect(problems(yaml("  x:\n    secret: s\n    max_concurent_tasks: 3"))).toEqual([
      expect.stringContaining("clients.x.max_concurent_tasks"),
    ]);
    expect(problems(yaml("  x:\n    rate_limit: { runs_per_minute: 5 }"))).toEqual([
      expect.stringContaining("clients.x.secret"),
    ]);
  });
});

describe("per-address keys", () => {
  it("keys IPv4 by address and IPv6 by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:DB8:0:12::1")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:db8:0:12:ffff:1:2:3")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
  });
});
