import type { MiddlewareHandler } from "hono";
import { ApiError } from "../shared/errors";
import "./access";
import type { AuthService } from "./auth-service";
import { Access } from "./grants";
import type { TokenRejection } from "./tokens";

declare module "hono" {
  interface ContextVariableMap {
    /** The authenticated OAuth client (the token's `sub`). */
    clientId: string;
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
      headers: { "www-authenticate": `Bearer realm="${realm}", error="invalid_token", error_description="${description}"` },
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
    await next();
  };
}
