import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthClientsConfig } from "../../../src/config/auth-clients";
import { call, runWorkflow } from "../helpers";
import { callWith, ownEnv, tokenRequest, unique } from "./own-env";

/**
 * Threat: a stranger gets, forges or blocks tokens (issue 14, findings 4 and 7: lock-out, the order
 * of the limiter and the secret check, timing, JWT age/iat/typ, HMAC key length).
 */
const SIGNING_KEY = new TextEncoder().encode("test-signing-key-0123456789-abcdefghijklmnop");
const QUESTION = { workflow: "fixed", namespace: "demo", task: "How many orders are there?" };

async function pbkdf2Secret(secret: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "PBKDF2", false, ["deriveBits"]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256),
  );
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  return `pbkdf2-sha256:${iterations}:${b64(salt)}:${b64(bits)}`;
}

/** PBKDF2 iterations spent while `fn` runs: the secret check's only visible cost. */
async function pbkdf2Work(fn: () => Promise<unknown>): Promise<number> {
  let iterations = 0;
  const real = crypto.subtle.deriveBits.bind(crypto.subtle);
  const spy = vi.spyOn(crypto.subtle, "deriveBits").mockImplementation((algorithm, key, length) => {
    if (typeof algorithm === "object" && algorithm.name === "PBKDF2")
      iterations += (algorithm as { iterations: number }).iterations;
    return real(algorithm, key, length);
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return iterations;
}

afterEach(() => vi.restoreAllMocks());

describe("no lock-out by strangers (finding 4)", () => {
  it("failures count per (client id, address): the right secret from another address still gets a token", async () => {
    const client = unique("victim");
    const e = ownEnv(
      { [client]: "right" },
      { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "3", RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE: "100" },
    );
    const attacker = { "cf-connecting-ip": "203.0.113.66" };
    for (let i = 0; i < 3; i++) expect((await tokenRequest(e, client, "guess", attacker)).status).toBe(401);
    expect((await tokenRequest(e, client, "guess", attacker)).status).toBe(429);
    // From the attacker's address even the right secret waits (else a guess that hits would get through)...
    expect((await tokenRequest(e, client, "right", attacker)).status).toBe(429);
    // ...but the client, anywhere else, is not locked out.
    expect((await tokenRequest(e, client, "right", { "cf-connecting-ip": "198.51.100.7" })).status).toBe(200);
    expect((await tokenRequest(e, client, "right", { "cf-connecting-ip": "2001:db8:1:2::3" })).status).toBe(200);
  });

  it("failures also count per address, so rotating client ids does not help an attacker", async () => {
    const e = ownEnv(
      { [unique("someone")]: "s" },
      { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "100", RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE: "4" },
    );
    const from = { "cf-connecting-ip": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    for (let i = 0; i < 4; i++) expect((await tokenRequest(e, unique("id"), "x", from)).status).toBe(401);
    expect((await tokenRequest(e, unique("id"), "x", from)).status).toBe(429);
  });

  it("a refused attempt costs no secret check: the limiter runs before PBKDF2", async () => {
    const client = unique("hashed");
    const e = ownEnv({ [client]: await pbkdf2Secret("right", 2000) }, { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "2" });
    const from = { "cf-connecting-ip": "192.0.2.44" };
    for (let i = 0; i < 2; i++) expect((await tokenRequest(e, client, "wrong", from)).status).toBe(401);
    let status = 0;
    const work = await pbkdf2Work(async () => (status = (await tokenRequest(e, client, "right", from)).status));
    expect(status).toBe(429);
    expect(work).toBe(0);
  });

  it("unknown and known client ids cost the same PBKDF2 work, whatever each secret's form", async () => {
    const e = ownEnv(
      {
        hashed: await pbkdf2Secret("right", 3000),
        cheap: await pbkdf2Secret("right", 1000),
        plain: "right",
        digested: "sha256:0000000000000000000000000000000000000000000000000000000000000000",
      },
      { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "0", RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE: "0" },
    );
    const costs: Record<string, number> = {};
    for (const id of ["hashed", "cheap", "plain", "digested", unique("nobody")]) {
      costs[id.startsWith("nobody") ? "unknown" : id] = await pbkdf2Work(() => tokenRequest(e, id, "wrong"));
    }
    expect(costs).toEqual({ hashed: 3000, cheap: 3000, plain: 3000, digested: 3000, unknown: 3000 });
  });
});

describe("tokens (finding 7)", () => {
  const now = () => Math.floor(Date.now() / 1000);
  async function token(options: { iat?: number; exp?: number; typ?: string | null }) {
    const jwt = new SignJWT({ client_id: "client-a" })
      .setProtectedHeader(options.typ === null ? { alg: "HS256" } : { alg: "HS256", typ: options.typ ?? "JWT" })
      .setSubject("client-a")
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt(options.iat ?? now())
      .setExpirationTime(options.exp ?? now() + 600)
      .setJti(crypto.randomUUID());
    return jwt.sign(SIGNING_KEY);
  }
  const status = async (t: string) => (await runWorkflow(t, { ...QUESTION, task: "" })).status;

  it("refuses a token older than the configured lifetime, whatever its exp says", async () => {
    // Lifetime 2 h (expiration_hours): issued 3 h ago, valid for a year by its own exp.
    expect(await status(await token({ iat: now() - 3 * 3600, exp: now() + 365 * 86400 }))).toBe(401);
    expect(await status(await token({ iat: now() - 3600 }))).toBe(400);
  });

  it("refuses an issue time in the future beyond the clock-skew leeway", async () => {
    expect(await status(await token({ iat: now() + 3600, exp: now() + 7200 }))).toBe(401);
    expect(await status(await token({ iat: now() + 5 }))).toBe(400);
  });

  it("refuses a token of another type (RFC 8725 §3.11), or none", async () => {
    expect(await status(await token({ typ: "at+jwt" }))).toBe(401);
    expect(await status(await token({ typ: null }))).toBe(401);
    expect(await status(await token({}))).toBe(400);
  });

  it("HS384/HS512 keys must be 48/64 bytes (RFC 7518 §3.2), naming the key", () => {
    const config = (algorithm: string, key: string, previous: string[] = []) =>
      AuthClientsConfig.safeParse({
        clients: { a: "s" },
        jwt: { secret_key: key, algorithm, previous_secret_keys: previous },
      });
    const k = (n: number) => "k".repeat(n);
    expect(config("HS256", k(32)).success).toBe(true);
    const short384 = config("HS384", k(40));
    expect(short384.success).toBe(false);
    expect(short384.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["jwt.secret_key", "must be at least 48 bytes for HS384 (RFC 7518 §3.2)"],
    ]);
    expect(config("HS384", k(48)).success).toBe(true);
    const short512 = config("HS512", k(64), [k(50)]);
    expect(short512.error!.issues.map((i) => i.path.join("."))).toEqual(["jwt.previous_secret_keys.0"]);
    expect(config("HS512", k(64)).success).toBe(true);
  });

  it("a misconfigured key is a 503 for the client, not a token", async () => {
    const e = ownEnv({ [unique("c")]: "s" }, {}, { algorithm: "HS512" });
    const res = await tokenRequest(e, "x", "y");
    expect(res.status).toBe(503);
    expect(await call("/health").then((r) => r.status)).toBe(200);
  });
});

describe("no example secret in production (finding 6)", () => {
  const EXAMPLE =
    "clients:\n  demo-client: demo-secret\njwt:\n  secret_key: local-development-secret-key-change-in-production\n";

  it("the Worker outside local development refuses auth_clients.example.yml's secrets: 503, the operator is told which", async () => {
    const deployed = { ...env, AUTH_CLIENTS: EXAMPLE, DEPLOYMENT: "production" } as Env;
    const res = await callWith(deployed, "/auth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
    });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain("demo-secret");
    // A token signed with the published key is refused too (the whole configuration is).
    const forged = await new SignJWT({ client_id: "demo-client" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject("demo-client")
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("1h")
      .setJti(crypto.randomUUID())
      .sign(new TextEncoder().encode("local-development-secret-key-change-in-production"));
    const run = await callWith(deployed, "/workflows/tasks", { headers: { authorization: `Bearer ${forged}` } });
    expect(run.status).toBe(503);
  });

  it('local development (DEPLOYMENT = "development": npm start, the tests, the benchmarks) still accepts them', async () => {
    const local = { ...env, AUTH_CLIENTS: EXAMPLE } as Env;
    expect(env.DEPLOYMENT).toBe("development");
    const res = await tokenRequest(local, "demo-client", "demo-secret");
    expect(res.status).toBe(200);
    // Without the var (a Worker deployed from a hand-written config) it counts as deployed.
    expect(
      (await tokenRequest({ ...local, DEPLOYMENT: undefined } as unknown as Env, "demo-client", "demo-secret")).status,
    ).toBe(503);
  });
});
