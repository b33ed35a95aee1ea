import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { JwtAlgorithm } from "../config/auth-clients";

/** Everything token issuance and verification need, derived once from configuration. */
export interface TokenSettings {
  algorithm: JwtAlgorithm;
  /** The current signing key first, then keys kept for verification during a rotation. */
  keys: Uint8Array[];
  issuer: string;
  audience: string;
  expiresInSeconds: number;
}

/**
 * Leeway for `exp`/`iat`/`nbf` between our clock and the issuer's (the same service, but another
 * machine of the edge network). Small enough that an expired token is not usable for long.
 */
export const CLOCK_SKEW_SECONDS = 30;

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export async function issueAccessToken(
  settings: TokenSettings,
  clientId: string,
  scope?: string,
): Promise<IssuedToken> {
  const [signingKey] = settings.keys;
  if (!signingKey) throw new Error("no signing key configured");
  const accessToken = await new SignJWT({ client_id: clientId, ...(scope !== undefined ? { scope } : {}) })
    .setProtectedHeader({ alg: settings.algorithm, typ: "JWT" })
    .setSubject(clientId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${settings.expiresInSeconds}s`)
    .setJti(crypto.randomUUID())
    .sign(signingKey);
  return { accessToken, expiresIn: settings.expiresInSeconds };
}

/** Why a token was refused: for logs and tests. The wire answer stays generic (see bearer.ts). */
export type TokenRejection =
  | "malformed"
  | "expired"
  | "bad_signature"
  | "wrong_algorithm"
  | "bad_claims"
  | "unknown_client";

export type TokenVerification =
  | {
      ok: true;
      clientId: string;
      jti: string;
      expiresAt: number /** RFC 8693 §4.2 `scope`, when the token has one. */;
      scope?: string;
    }
  | { ok: false; reason: TokenRejection };

export async function verifyAccessToken(
  settings: TokenSettings,
  token: string,
  clientExists: (clientId: string) => boolean,
): Promise<TokenVerification> {
  let lastReason: TokenRejection = "bad_signature";
  for (const key of settings.keys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        // Pinning the algorithm list refuses `alg: none` and algorithm-confusion tokens (RFC 8725 §3.1).
        algorithms: [settings.algorithm],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ["sub", "exp", "iat", "jti"],
        // RFC 8725 §3.11: only our own token type; a JWT of another kind signed with the key is refused.
        typ: "JWT",
        // No token lives longer than the configured lifetime, whatever its `exp` says, and `iat`
        // may not lie in the future (jose checks both once maxTokenAge is set).
        maxTokenAge: settings.expiresInSeconds,
      });
      const clientId = payload.sub;
      if (!clientId || payload.client_id !== clientId || typeof payload.jti !== "string") {
        return { ok: false, reason: "bad_claims" };
      }
      if (payload.scope !== undefined && typeof payload.scope !== "string") return { ok: false, reason: "bad_claims" };
      // A client removed from the configuration loses access at once, not when its tokens expire.
      if (!clientExists(clientId)) return { ok: false, reason: "unknown_client" };
      return {
        ok: true,
        clientId,
        jti: payload.jti,
        expiresAt: payload.exp ?? 0,
        ...(payload.scope !== undefined ? { scope: payload.scope } : {}),
      };
    } catch (error) {
      lastReason = rejectionOf(error);
      // Only a signature mismatch can succeed with another key; anything else is final.
      if (lastReason !== "bad_signature") return { ok: false, reason: lastReason };
    }
  }
  return { ok: false, reason: lastReason };
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof joseErrors.JWTExpired) return "expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "wrong_algorithm";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return "bad_claims";
  return "malformed";
}
