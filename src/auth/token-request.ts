import { OAuthError } from "./oauth-errors";

/** A parsed, syntactically valid client-credentials token request (RFC 6749 §4.4.2). */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  /** Which client authentication method was used: decides the 401's WWW-Authenticate (§5.2). */
  method: "basic" | "body";
  scope?: string;
}

export const BASIC_CHALLENGE = { "www-authenticate": 'Basic realm="datus-edge", charset="UTF-8"' };

/**
 * Parses the token request: content type, duplicate parameters, grant type and client credentials
 * from HTTP Basic (§2.3.1) or the form body. Pure: it decides syntax; secrets are checked elsewhere.
 */
export function parseTokenRequest(
  contentType: string | undefined,
  body: string,
  authorization: string | undefined,
): TokenRequest {
  if (!contentType || contentType.split(";")[0]!.trim().toLowerCase() !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The token request must be sent as application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(body);
  const seen = new Set<string>();
  for (const key of form.keys()) {
    // RFC 6749 §3.2: request parameters must not be included more than once.
    if (seen.has(key)) throw new OAuthError("invalid_request", `Parameter '${key}' is repeated`);
    seen.add(key);
  }

  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "Missing required parameter 'grant_type'");
  if (grantType !== "client_credentials") {
    throw new OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is supported");
  }

  const basic = parseBasicCredentials(authorization);
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  const scope = form.get("scope") ?? undefined;
  if (basic) {
    // §2.3: a client must not use more than one authentication method in a request.
    if (bodySecret !== null) {
      throw new OAuthError("invalid_request", "Use either HTTP Basic or client_secret in the body, not both");
    }
    if (bodyId !== null && bodyId !== basic.clientId) {
      throw new OAuthError("invalid_request", "client_id in the body does not match the HTTP Basic credentials");
    }
    return { ...basic, method: "basic", ...(scope ? { scope } : {}) };
  }
  if (!bodyId) throw new OAuthError("invalid_request", "Missing required parameter 'client_id'");
  if (!bodySecret) throw new OAuthError("invalid_request", "Missing required parameter 'client_secret'");
  return { clientId: bodyId, clientSecret: bodySecret, method: "body", ...(scope ? { scope } : {}) };
}

/**
 * HTTP Basic client credentials. RFC 6749 §2.3.1 form-urlencodes id and secret *before* base64:
 * strict clients send `demo%2Dclient`, many send them raw; both decode to the same credentials.
 * Returns undefined when the header is absent or uses another scheme.
 */
export function parseBasicCredentials(
  authorization: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  if (!authorization) return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(authorization);
  if (!match) {
    if (/^Basic\b/i.test(authorization)) {
      throw new OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401, BASIC_CHALLENGE);
    }
    return undefined;
  }
  let decoded: string;
  try {
    const binary = atob(match[1]!);
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
    );
  } catch {
    throw new OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401, BASIC_CHALLENGE);
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401, BASIC_CHALLENGE);
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (!clientId || !clientSecret)
    throw new OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401, BASIC_CHALLENGE);
  return { clientId, clientSecret };
}

/**
 * Only a value with a percent-escape is taken as form-encoded: a raw secret such as `a+b` from a
 * lenient client must stay `a+b`. (The one ambiguity left, a strict client encoding a space as `+`
 * with no other escape, is documented in the README.)
 */
function formDecode(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
