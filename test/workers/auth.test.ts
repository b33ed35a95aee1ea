import { env } from "cloudflare:workers";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { call, form, runWorkflow, tokenFor } from "./helpers";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const SIGNING_KEY = new TextEncoder().encode("test-signing-key-0123456789-abcdefghijklmnop");
const PREVIOUS_KEY = new TextEncoder().encode("test-previous-key-0123456789-abcdefghijklmnop");

function tokenRequest(body: string, headers: Record<string, string> = FORM) {
  return call("/auth/token", { method: "POST", headers, body });
}

function basic(id: string, secret: string) {
  return `Basic ${btoa(`${id}:${secret}`)}`;
}

async function expectOAuthError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(res.headers.get("cache-control")).toBe("no-store");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe("string");
  return body;
}

describe("POST /auth/token (RFC 6749 §4.4 client credentials)", () => {
  it("issues a bearer JWT for form credentials with no-store headers (§5.1)", async () => {
    const res = await tokenRequest(
      form({ grant_type: "client_credentials", client_id: "client-a", client_secret: "secret-a" }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(7200);
    const claims = decodeJwt(body.access_token);
    expect(decodeProtectedHeader(body.access_token).alg).toBe("HS256");
    expect(claims).toMatchObject({
      sub: "client-a",
      client_id: "client-a",
      iss: env.JWT_ISSUER,
      aud: env.JWT_AUDIENCE,
    });
    expect(claims.exp! - claims.iat!).toBe(7200);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts HTTP Basic client authentication, raw and form-urlencoded (§2.3.1)", async () => {
    const grant = form({ grant_type: "client_credentials" });
    const raw = await tokenRequest(grant, { ...FORM, authorization: basic("client-a", "secret-a") });
    expect(raw.status).toBe(200);
    // oauth4webapi-style strict clients percent-encode before base64.
    const strict = await tokenRequest(grant, { ...FORM, authorization: basic("client%2Da", "secret%2Da") });
    expect(strict.status).toBe(200);
    // A raw secret with '+' and '%' is kept as sent.
    const plus = await tokenRequest(grant, { ...FORM, authorization: basic("demo-client", "a+b%") });
    expect(plus.status).toBe(200);
  });

  it("verifies sha256 and PBKDF2 hashed secrets", async () => {
    expect(await tokenFor("client-b", "secret-b")).toBeTruthy();
    expect(await tokenFor("client-c", "secret-c")).toBeTruthy();
    const wrong = await tokenRequest(
      form({ grant_type: "client_credentials", client_id: "client-c", client_secret: "secret-b" }),
    );
    await expectOAuthError(wrong, 401, "invalid_client");
  });

  it("answers invalid_client identically for an unknown client and a wrong secret (§5.2)", async () => {
    const unknown = await tokenRequest(
      form({ grant_type: "client_credentials", client_id: "nobody", client_secret: "x" }),
    );
    const wrong = await tokenRequest(
      form({ grant_type: "client_credentials", client_id: "client-a", client_secret: "nope" }),
    );
    const a = await expectOAuthError(unknown, 401, "invalid_client");
    const b = await expectOAuthError(wrong, 401, "invalid_client");
    expect(a).toEqual(b);
    expect(unknown.headers.get("www-authenticate")).toBeNull();
  });

  it("challenges with Basic when Basic authentication failed (§5.2)", async () => {
    const res = await tokenRequest(form({ grant_type: "client_credentials" }), {
      ...FORM,
      authorization: basic("client-a", "bad"),
    });
    await expectOAuthError(res, 401, "invalid_client");
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    const garbage = await tokenRequest(form({ grant_type: "client_credentials" }), {
      ...FORM,
      authorization: "Basic !!!",
    });
    await expectOAuthError(garbage, 401, "invalid_client");
  });

  it("refuses a missing grant_type, client_id or client_secret with invalid_request", async () => {
    await expectOAuthError(
      await tokenRequest(form({ client_id: "client-a", client_secret: "secret-a" })),
      400,
      "invalid_request",
    );
    await expectOAuthError(
      await tokenRequest(form({ grant_type: "client_credentials", client_secret: "x" })),
      400,
      "invalid_request",
    );
    await expectOAuthError(
      await tokenRequest(form({ grant_type: "client_credentials", client_id: "client-a" })),
      400,
      "invalid_request",
    );
  });

  it("refuses repeated parameters (§3.2) and two authentication methods at once (§2.3)", async () => {
    const repeated = "grant_type=client_credentials&client_id=client-a&client_id=client-a&client_secret=secret-a";
    const body = await expectOAuthError(await tokenRequest(repeated), 400, "invalid_request");
    expect(body.error_description).toContain("client_id");
    const both = await tokenRequest(form({ grant_type: "client_credentials", client_secret: "secret-a" }), {
      ...FORM,
      authorization: basic("client-a", "secret-a"),
    });
    await expectOAuthError(both, 400, "invalid_request");
  });

  it("refuses a body that is not form-urlencoded with invalid_request", async () => {
    const res = await tokenRequest(
      JSON.stringify({ grant_type: "client_credentials", client_id: "client-a", client_secret: "secret-a" }),
      {
        "content-type": "application/json",
      },
    );
    await expectOAuthError(res, 400, "invalid_request");
    await expectOAuthError(await tokenRequest("grant_type=client_credentials", {}), 400, "invalid_request");
  });

  it("refuses other grant types with unsupported_grant_type", async () => {
    const res = await tokenRequest(form({ grant_type: "password", client_id: "client-a", client_secret: "secret-a" }));
    await expectOAuthError(res, 400, "unsupported_grant_type");
  });
});

describe("bearer authentication on /workflows/* (RFC 6750 §3)", () => {
  const body = { workflow: "fixed", namespace: "demo", task: "How many orders are there?" };

  async function expectInvalidToken(res: Response) {
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="datus-edge", error="invalid_token"/);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { status: number; detail: string };
    expect(problem.status).toBe(401);
    return problem;
  }

  async function signed(
    key: Uint8Array,
    claims: Record<string, unknown> = {},
    alg = "HS256",
    exp: string | number = "1h",
  ) {
    return new SignJWT({ client_id: "client-a", ...claims })
      .setProtectedHeader({ alg, typ: "JWT" })
      .setSubject((claims.sub as string) ?? "client-a")
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(exp)
      .setJti(crypto.randomUUID())
      .sign(key);
  }

  it("lets a valid token through to the route", async () => {
    const res = await runWorkflow(await tokenFor(), body);
    expect(res.status).not.toBe(401);
  });

  it("refuses a request without a token", async () => {
    const res = await call("/workflows/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await expectInvalidToken(res);
  });

  it("refuses malformed headers and tokens", async () => {
    for (const authorization of ["Bearer", "Token abc", "Bearer not a token", `Basic ${btoa("client-a:secret-a")}`]) {
      await expectInvalidToken(await runWorkflow("x", body, { authorization }));
    }
    await expectInvalidToken(await runWorkflow("abc.def.ghi", body));
  });

  it("refuses alg: none", async () => {
    const header = btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "");
    const now = Math.floor(Date.now() / 1000);
    const payload = btoa(
      JSON.stringify({
        sub: "client-a",
        client_id: "client-a",
        iss: env.JWT_ISSUER,
        aud: env.JWT_AUDIENCE,
        iat: now,
        exp: now + 600,
        jti: "x",
      }),
    ).replace(/=+$/, "");
    await expectInvalidToken(await runWorkflow(`${header}.${payload}.`, body));
  });

  it("refuses an algorithm other than the configured one", async () => {
    await expectInvalidToken(await runWorkflow(await signed(SIGNING_KEY, {}, "HS512"), body));
  });

  it("refuses a token signed with another secret (another server's key)", async () => {
    const foreign = new TextEncoder().encode("some-other-servers-signing-key-0123456789abcdef");
    await expectInvalidToken(await runWorkflow(await signed(foreign), body));
  });

  it("accepts a token signed with a previous key during rotation", async () => {
    const res = await runWorkflow(await signed(PREVIOUS_KEY), body);
    expect(res.status).not.toBe(401);
  });

  it("refuses an expired token beyond the clock-skew leeway, and accepts one within it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const problem = await expectInvalidToken(
      await runWorkflow(await signed(SIGNING_KEY, {}, "HS256", now - 120), body),
    );
    expect(problem.detail).toContain("expired");
    const withinLeeway = await runWorkflow(await signed(SIGNING_KEY, {}, "HS256", now - 5), body);
    expect(withinLeeway.status).not.toBe(401);
  });

  it("refuses tokens of clients removed from the configuration", async () => {
    await expectInvalidToken(
      await runWorkflow(await signed(SIGNING_KEY, { sub: "removed-client", client_id: "removed-client" }), body),
    );
  });

  it("refuses a token whose sub and client_id disagree", async () => {
    await expectInvalidToken(await runWorkflow(await signed(SIGNING_KEY, { client_id: "client-b" }), body));
  });
});
