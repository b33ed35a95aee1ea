import type { MiddlewareHandler } from "hono";
import { ApiError } from "../shared/errors";
import "./access";
import type { AuthService } from "./auth-service";
import type { EndUser, EndUserRejection } from "./end-user";
import { Access } from "./grants";
import type { TokenRejection } from "./tokens";

declare module "hono" {
  interface ContextVariableMap {
    /** The authenticated OAuth client (the token's `sub`). */
    clientId: string;
    /** The end user the client vouched for with `X-End-User`; undefined when it sent none. */
    endUser: EndUser | undefined;
  }
}

export interface BearerAuthOptions {
  /** Resolves the auth service for this request's environment (configuration lives in env). */
  service: (env: Env) => AuthService;
  realm?: string;
}

// One public description per reason; none says whether the client id or the key exists.
const DESCRIPTIONS: Record<TokenRejection | "missing", string> = {
  missing: "An access token is required: send Authorization: Bearer <token>",
  malformed: "The access token is malformed",
  expired: "The access token expired",
  bad_signature: "The access token is invalid",
  wrong_algorithm: "The access token is invalid",
  bad_claims: "The access token is invalid",
  unknown_client: "The access token is invalid",
};

// What an X-End-User refusal says; like the bearer's, never which check failed beyond what the client must fix.
const END_USER_DESCRIPTIONS: Record<EndUserRejection, string> = {
  no_key: "X-End-User was sent, but this client has no end_user_key configured to verify it",
  malformed: "X-End-User is not a valid HS256 JWT",
  expired: "X-End-User expired",
  bad_signature: "X-End-User is not signed with this client's end_user_key",
  bad_claims: "X-End-User needs `sub` (a string) and `attributes` of strings or lists of strings",
  too_long_lived: "X-End-User must expire (`exp`) at most 1 hour from now",
};

export function refuseEndUser(reason: EndUserRejection): ApiError {
  const message = END_USER_DESCRIPTIONS[reason];
  return new ApiError(401, message, {
    kind: "invalid-end-user",
    errors: [{ path: "X-End-User", message }],
    internal: { reason },
  });
}

/**
 * RFC 6750 bearer authentication for the workflow routes. Every refusal is a 401 with
 * `WWW-Authenticate: Bearer ... error="invalid_token"` (the contract asks for the error code even
 * when no token was sent) and a problem+json body.
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<{ Bindings: Env }> {
  const realm = options.realm ?? "datus-edge";
  if (/["\\]/.test(realm)) throw new Error("bearerAuth: realm must not contain quotes or backslashes");

  const refuse = (reason: TokenRejection | "missing"): ApiError => {
    const description = DESCRIPTIONS[reason];
    return new ApiError(401, description, {
      kind: "invalid-token",
      headers: {
        "www-authenticate": `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
      },
      internal: { reason },
    });
  };

  return async function bearerAuthMiddleware(c, next) {
    const header = c.req.header("authorization");
    if (!header) throw refuse("missing");
    // RFC 6750 §2.1: the scheme is case-insensitive; b64token characters only.
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
    if (!match) throw refuse("malformed");
    const verdict = await options.service(c.env).verify(match[1]!);
    if (!verdict.ok) throw refuse(verdict.reason);
    c.set("clientId", verdict.clientId);
    c.set("access", new Access(verdict.clientId, verdict.grants!));
    // After the client is known: the end user's token is checked with that client's own key.
    const endUserToken = c.req.header("x-end-user");
    if (endUserToken !== undefined) {
      const endUser = await options.service(c.env).verifyEndUser(verdict.clientId, endUserToken.trim());
      if (!endUser.ok) throw refuseEndUser(endUser.reason);
      c.set("endUser", endUser.endUser);
    } else {
      c.set("endUser", undefined);
    }
    await next();
  };
}
