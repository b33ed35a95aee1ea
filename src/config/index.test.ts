import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig } from ".";

const KEY = "a-signing-key-that-is-long-enough-0123456789";
const BASE = { AUTH_CLIENTS: `clients:\n  app: secret-of-app\njwt:\n  secret_key: ${KEY}\n`, DEPLOYMENT: "production" };

function problemsOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig({ ...BASE, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("the configuration, read once", () => {
  it("has the documented defaults when no var is set", () => {
    const config = parseConfig(BASE);
    expect(config.requestBounds).toEqual({ runBodyBytes: 65_536, taskChars: 4000, streamLifetimeMs: 30 * 60_000 });
    expect(config.taskRetentionMs).toBe(24 * 3_600_000);
    expect(config.limits.RATE_LIMIT_RUNS_PER_MINUTE).toBe(60);
    expect(config.corsOrigins).toEqual([]);
    expect(config.llm).toEqual({ provider: "builtin" });
    expect(config.local).toBe(false);
    expect(config.embeddedDatabase).toBe(false);
  });

  it("takes other values from vars, within each one's range", () => {
    const config = parseConfig({
      ...BASE,
      MAX_RUN_BODY_BYTES: "2048",
      MAX_TASK_CHARS: "200",
      MAX_STREAM_MINUTES: "5",
      TASK_RETENTION_HOURS: " 48 ",
      RATE_LIMIT_TOKENS_PER_MINUTE: "0",
    });
    expect(config.requestBounds).toEqual({ runBodyBytes: 2048, taskChars: 200, streamLifetimeMs: 300_000 });
    expect(config.taskRetentionMs).toBe(48 * 3_600_000);
    expect(config.limits.RATE_LIMIT_TOKENS_PER_MINUTE).toBe(0);
  });

  it("refuses a bad var, naming it, its unit and its range, instead of falling back", () => {
    expect(problemsOf({ TASK_RETENTION_HOURS: "abc" }).problems).toEqual([
      "TASK_RETENTION_HOURS: must be a whole number of hours from 1 to 8784, got 'abc'",
    ]);
    expect(problemsOf({ TASK_RETENTION_HOURS: "0" }).message).toMatch(/TASK_RETENTION_HOURS.*got '0'/);
    const bounds = problemsOf({ MAX_TASK_CHARS: "5000", MAX_STREAM_MINUTES: "soon" }).problems;
    expect(bounds).toContain("MAX_TASK_CHARS: must be a whole number from 16 to 4000, got '5000'");
    expect(String(bounds)).toContain("MAX_STREAM_MINUTES: must be a whole number of minutes");
    expect(problemsOf({ RATE_LIMIT_RUNS_PER_MINUTE: "lots", MAX_CONCURRENT_TASKS: "-1" }).problems).toEqual([
      "RATE_LIMIT_RUNS_PER_MINUTE: must be a whole number >= 0 (0 turns the limit off), got 'lots'",
      "MAX_CONCURRENT_TASKS: must be a whole number >= 0 (0 turns the limit off), got '-1'",
    ]);
  });

  it("names every bad setting at once, each with its keys, and never a secret's value", () => {
    const error = problemsOf({
      AUTH_CLIENTS: "clients:\n  app: demo-secret\njwt:\n  secret_key: x\n",
      LLM_PROVIDER: "openai",
      CORS_ALLOWED_ORIGINS: "app.example.com",
      TASK_RETENTION_HOURS: "1.5",
    });
    expect(error.setting).toBe(
      "wrangler.toml [vars], AUTH_CLIENTS (auth_clients.yml), LLM configuration, CORS_ALLOWED_ORIGINS",
    );
    expect(error.problems.join("\n")).toMatch(
      /TASK_RETENTION_HOURS[\s\S]*jwt\.secret_key[\s\S]*LLM_API_KEY[\s\S]*app\.example\.com/,
    );
    expect(error.message).not.toContain("demo-secret");
  });

  it("refuses the example secrets outside local development, and wants AUTH_CLIENTS", () => {
    const example =
      "clients:\n  demo-client: demo-secret\njwt:\n  secret_key: local-development-secret-key-change-in-production\n";
    expect(problemsOf({ AUTH_CLIENTS: example }).problems).toHaveLength(2);
    expect(parseConfig({ AUTH_CLIENTS: example, DEPLOYMENT: "development" }).local).toBe(true);
    expect(problemsOf({ AUTH_CLIENTS: undefined }).problems).toEqual([
      "not set: upload it with `npm run clients:push`",
    ]);
  });

  it("is parsed once per env object (Workers hand every request of an isolate the same env)", () => {
    const env = { ...BASE };
    expect(loadConfig(env)).toBe(loadConfig(env));
    expect(loadConfig({ ...BASE })).not.toBe(loadConfig(env));
  });
});
