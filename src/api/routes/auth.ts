import { createRoute, z } from "@hono/zod-openapi";
import { type AuthService, authServiceFor } from "../../auth/auth-service";
import { narrowGrants } from "../../auth/grants";
import { NO_STORE_HEADERS, OAuthError } from "../../auth/oauth-errors";
import { BASIC_CHALLENGE, parseTokenRequest, type TokenRequest } from "../../auth/token-request";
import { type RateLimits, rateLimitsFor } from "../../limits";
import type { App } from "../app";
import { OAuthErrorBody, Problem, TokenResponse } from "../schemas";

// Documented here; parsed by parseTokenRequest, because OAuth needs checks zod cannot express over a
// form (repeated parameters, HTTP Basic as an alternative to body credentials).
const route = createRoute({
  method: "post",
  path: "/auth/token",
  tags: ["auth"],
  summary: "OAuth 2.0 client credentials grant (RFC 6749 §4.4)",
  request: {
    body: {
      required: true,
      content: {
        "application/x-www-form-urlencoded": {
          schema: z.object({
            grant_type: z.literal("client_credentials"),
            client_id: z.string().optional().openapi({ description: "Omit when using HTTP Basic" }),
            client_secret: z.string().optional().openapi({ description: "Omit when using HTTP Basic" }),
            scope: z.string().optional().openapi({
              description:
                "Space-separated `ns:<namespace>` / `role:<role>` names to narrow the token to (RFC 6749 §3.3); absent: everything the client is granted",
              example: "ns:demo role:analyst",
            }),
          }),
        },
      },
    },
  },
  security: [{}, { clientBasic: [] }],
  responses: {
    200: { description: "An access token", content: { "application/json": { schema: TokenResponse } } },
    400: {
      description: "invalid_request, unsupported_grant_type or invalid_scope",
      content: { "application/json": { schema: OAuthErrorBody } },
    },
    401: { description: "invalid_client", content: { "application/json": { schema: OAuthErrorBody } } },
    429: {
      description:
        "Too many failed attempts for this client id or address, or too many tokens issued to this client. RFC 6749 has no " +
        "code for this, so it is a problem+json body (not the OAuth error shape) with a Retry-After header in seconds",
      headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before retrying" } },
      content: { "application/problem+json": { schema: Problem } },
    },
  },
});

/**
 * The failure budgets first (429 while spent), then the secret check: a refused request costs no
 * PBKDF2, and a stranger's failures from another address cannot lock the client out. The RateLimit
 * headers of the issuance, or throws (401 invalid_client, 429).
 */
async function checkSecret(
  ctx: Pick<ExecutionContext, "waitUntil">,
  auth: AuthService,
  limits: RateLimits,
  who: Omit<Parameters<RateLimits["reserveTokenAttempt"]>[0], "later">,
  request: TokenRequest,
): Promise<Record<string, string>> {
  const attempt = await limits.reserveTokenAttempt({ ...who, later: (work) => ctx.waitUntil(work) });
  if (await auth.authenticateClient(request.clientId, request.clientSecret)) return attempt.succeeded();
  attempt.failed();
  who.log.info("token refused", { client_id: request.clientId, method: request.method });
  // §5.2: 401 and a challenge matching the scheme the client used.
  throw new OAuthError(
    "invalid_client",
    "Client authentication failed",
    401,
    request.method === "basic" ? BASIC_CHALLENGE : {},
  );
}

export function registerAuth(app: App): void {
  app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "clientBasic", { type: "http", scheme: "basic" });

  app.post("/auth/token", async (c) => {
    try {
      const request = parseTokenRequest(
        c.req.header("content-type"),
        // Decoded by hand: workerd warns when .text() reads a form body.
        new TextDecoder().decode(await c.req.arrayBuffer()),
        c.req.header("authorization"),
      );
      const auth = authServiceFor(c.var.config);
      const limits = rateLimitsFor(c.env, c.var.config.limits);
      const who = {
        clientId: request.clientId,
        address: c.req.header("cf-connecting-ip"),
        own: auth.limitsOf(request.clientId),
        log: c.var.log,
      };
      // A secret already verified here is no guess: one look at the budgets and the issuance, no
      // slow check, nothing to give back (issue 18). Anything else is checked as below.
      const limitHeaders = (await auth.knowsSecret(request.clientId, request.clientSecret))
        ? await limits.admitKnownSecret(who)
        : await checkSecret(c.executionCtx, auth, limits, who, request);
      // RFC 6749 §3.3: a requested scope narrows the grants; asking for more is invalid_scope (§5.2).
      const granted = auth.grantsOf(request.clientId)!;
      const grants = request.scope === undefined ? granted : narrowGrants(granted, request.scope);
      if (!grants)
        throw new OAuthError(
          "invalid_scope",
          "The requested scope asks for namespaces or roles this client is not granted",
        );
      const token = await auth.issue(request.clientId, grants);
      c.var.log.info("token issued", { client_id: request.clientId });
      return c.json(
        { access_token: token.accessToken, token_type: "Bearer" as const, expires_in: token.expiresIn },
        200,
        { ...NO_STORE_HEADERS, ...limitHeaders },
      );
    } catch (error) {
      if (error instanceof OAuthError) return error.toResponse();
      throw error;
    }
  });
}
