/**
 * End users: the people behind a client application. A client vouches for one by sending
 * `X-End-User: <JWT>`, a compact JWS it signed (HS256) with its own `end_user_key` from
 * auth_clients.yml, carrying `sub`, `exp` and `attributes` (strings or lists of strings) that row
 * policies (sql/policies.ts) read. This file only decides whether the token is good; what the
 * attributes allow is the namespace's policies' business.
 */
import { errors as joseErrors, jwtVerify } from "jose";
import { CLOCK_SKEW_SECONDS } from "./tokens";

export interface EndUser {
  sub: string;
  attributes: Record<string, string | string[]>;
}

/** Why a token was refused: for logs and tests; the wire text is in bearer.ts. */
export type EndUserRejection = "no_key" | "malformed" | "expired" | "bad_signature" | "bad_claims" | "too_long_lived";

export type EndUserVerification = { ok: true; endUser: EndUser } | { ok: false; reason: EndUserRejection };

/**
 * An end-user token is a short-lived statement by the client ("this is alice, region EU"): one hour
 * at most, so a user whose attributes change loses the old ones within the hour.
 */
export const MAX_END_USER_TOKEN_SECONDS = 3600;

// Attribute names are the identifiers policies name as `{{ user.<name> }}`; bounds keep a token
// (and the literals it turns into) small.
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_ATTRIBUTES = 32;
const MAX_LIST_LENGTH = 1000;
const MAX_VALUE_LENGTH = 1000;
const MAX_SUB_LENGTH = 256;

export async function verifyEndUserToken(
  key: Uint8Array | undefined,
  token: string,
  now: number = Date.now(),
): Promise<EndUserVerification> {
  if (!key) return { ok: false, reason: "no_key" };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      // Pinning the algorithm refuses `alg: none` and algorithm confusion (RFC 8725 §3.1).
      algorithms: ["HS256"],
      requiredClaims: ["sub", "exp"],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(now),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: "bad_signature" };
    if (error instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: "bad_claims" };
    return { ok: false, reason: "malformed" };
  }
  const { sub, exp, attributes } = payload;
  if (typeof sub !== "string" || sub === "" || sub.length > MAX_SUB_LENGTH) return { ok: false, reason: "bad_claims" };
  if (typeof exp !== "number" || exp > now / 1000 + MAX_END_USER_TOKEN_SECONDS + CLOCK_SKEW_SECONDS)
    return { ok: false, reason: "too_long_lived" };
  const parsed = parseAttributes(attributes ?? {});
  if (!parsed) return { ok: false, reason: "bad_claims" };
  return { ok: true, endUser: { sub, attributes: parsed } };
}

function parseAttributes(value: unknown): EndUser["attributes"] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) return undefined;
  const out: [string, string | string[]][] = [];
  for (const [name, v] of entries) {
    if (!ATTRIBUTE_NAME.test(name)) return undefined;
    if (typeof v === "string") {
      if (!isValue(v)) return undefined;
      out.push([name, v]);
    } else if (Array.isArray(v)) {
      if (v.length > MAX_LIST_LENGTH || !v.every((item): item is string => typeof item === "string" && isValue(item)))
        return undefined;
      out.push([name, [...v]]);
    } else {
      return undefined;
    }
  }
  // fromEntries defines own properties: a `__proto__` attribute stays an attribute, never a prototype.
  return Object.fromEntries(out);
}

// Postgres text cannot hold NUL; refused here rather than failing as SQL later.
function isValue(s: string): boolean {
  return s.length <= MAX_VALUE_LENGTH && !s.includes("\u0000");
}
