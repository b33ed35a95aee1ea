/**
 * OAuth 2.0 token endpoint errors in their RFC 6749 §5.2 shape. These are the only responses of the
 * service that are not problem+json: OAuth client libraries parse exactly this body.
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "unsupported_grant_type"
  | "invalid_grant"
  | "invalid_scope";

// RFC 6749 §5.1: token responses (errors included) must not be cached.
export const NO_STORE_HEADERS = { "cache-control": "no-store", pragma: "no-cache" } as const;

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status: 400 | 401 = code === "invalid_client" ? 401 : 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }

  toResponse(): Response {
    return new Response(JSON.stringify({ error: this.code, error_description: this.description }), {
      status: this.status,
      headers: { "content-type": "application/json", ...NO_STORE_HEADERS, ...this.headers },
    });
  }
}
