import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { verifyEndUserToken } from "./end-user";

const key = new TextEncoder().encode("end-user-key-0123456789-abcdefghijklmnop");
const sign = (claims: Record<string, unknown>, exp: string | number = "10m") =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("alice").setExpirationTime(exp).sign(key);

describe("X-End-User tokens", () => {
  it("carry sub and attributes of strings or string lists", async () => {
    expect(await verifyEndUserToken(key, await sign({ attributes: { region: "EU", accounts: ["a1", "a2"] } }))).toEqual(
      { ok: true, endUser: { sub: "alice", attributes: { region: "EU", accounts: ["a1", "a2"] } } },
    );
    expect(await verifyEndUserToken(key, await sign({}))).toEqual({
      ok: true,
      endUser: { sub: "alice", attributes: {} },
    });
  });

  it("keep a __proto__ attribute an attribute, never a prototype", async () => {
    const token = await sign(JSON.parse('{"attributes": {"__proto__": ["x"], "region": "EU"}}'));
    const verdict = await verifyEndUserToken(key, token);
    expect(verdict.ok && Object.getPrototypeOf(verdict.endUser.attributes)).toBe(Object.prototype);
    expect(verdict.ok && Object.hasOwn(verdict.endUser.attributes, "__proto__")).toBe(true);
  });

  it.each([
    ["nested values", { attributes: { region: { a: 1 } } }, "bad_claims"],
    ["numbers in a list", { attributes: { ids: [1, 2] } }, "bad_claims"],
    ["a NUL in a value", { attributes: { region: "E\u0000U" } }, "bad_claims"],
    ["an attribute name that is not an identifier", { attributes: { "re-gion": "EU" } }, "bad_claims"],
  ])("refuse %s", async (_, claims, reason) => {
    expect(await verifyEndUserToken(key, await sign(claims))).toEqual({ ok: false, reason });
  });

  it("refuse more than an hour ahead, expired, another key, no key", async () => {
    expect(await verifyEndUserToken(key, await sign({}, "2h"))).toEqual({ ok: false, reason: "too_long_lived" });
    expect(await verifyEndUserToken(key, await sign({}, Math.floor(Date.now() / 1000) - 120))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await verifyEndUserToken(new TextEncoder().encode("x".repeat(40)), await sign({}))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyEndUserToken(undefined, await sign({}))).toEqual({ ok: false, reason: "no_key" });
  });
});
