import type { Context, MiddlewareHandler } from "hono";
import type { App, AppEnv } from "../api/app";
import { ApiError } from "../shared/errors";

/**
 * OAuth discovery for MCP clients (MCP "Authorization"; RFC 9728, RFC 8414). The tokens are the
 * service's own client-credentials tokens from POST /auth/token: these documents only say so; they
 * decide nothing.
 */
export const PROTECTED_RESOURCE_PATH = "/.well-known/oauth-protected-resource";
const AUTHORIZATION_SERVER_PATH = "/.well-known/oauth-authorization-server";
export const MCP_PATH = "/mcp";

const origin = (c: Context) => new URL(c.req.url).origin;

/** RFC 9728 §2: the resource, and (§2 `authorization_servers`) the issuer whose RFC 8414 metadata names our token endpoint. */
function protectedResourceMetadata(c: Context, resourcePath: string) {
  const base = origin(c);
  return {
    resource: base + resourcePath,
    authorization_servers: [base],
    bearer_methods_supported: ["header"],
    resource_name: "datus-edge",
    resource_documentation: `${base}/docs`,
  };
}

/** RFC 8414 §2 metadata: only the client-credentials grant, at /auth/token. */
function authorizationServerMetadata(c: Context) {
  const base = origin(c);
  return {
    issuer: base,
    token_endpoint: `${base}/auth/token`,
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    response_types_supported: [],
  };
}

export function registerDiscovery(app: App): void {
  // RFC 9728 §3.1: the metadata of resource `<origin>/mcp` lives at the well-known path with `/mcp`
  // appended; the plain path describes the whole origin (every API route takes the same tokens).
  app.get(PROTECTED_RESOURCE_PATH, (c) => c.json(protectedResourceMetadata(c, "")));
  app.get(PROTECTED_RESOURCE_PATH + MCP_PATH, (c) => c.json(protectedResourceMetadata(c, MCP_PATH)));
  app.get(AUTHORIZATION_SERVER_PATH, (c) => c.json(authorizationServerMetadata(c)));
}

/**
 * The service's bearer check (auth/bearer.ts) with one addition for MCP clients: a 401 names the
 * protected-resource metadata in `WWW-Authenticate` (RFC 9728 §5.1 `resource_metadata`), where a
 * client learns which token endpoint to use.
 */
export function withResourceMetadata(bearer: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async function mcpBearerAuth(c, next) {
    let admitted = false;
    try {
      await bearer(c, async () => {
        admitted = true;
        await next();
      });
    } catch (error) {
      if (admitted || !(error instanceof ApiError) || error.status !== 401) throw error;
      const challenge = error.headers["www-authenticate"] ?? "Bearer";
      throw new ApiError(401, error.message, {
        kind: error.kind,
        internal: error.internal,
        headers: {
          ...error.headers,
          "www-authenticate": `${challenge}, resource_metadata="${origin(c)}${PROTECTED_RESOURCE_PATH}"`,
        },
      });
    }
  };
}
