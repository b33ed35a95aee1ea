import type { Config } from "../config";
import type { AuthClientsConfig, ClientLimits } from "../config/auth-clients";
import { ConfigError } from "../config/yaml-config";
import { type EndUserVerification, verifyEndUserToken } from "./end-user";
import { type Grants, grantsFromScope, grantsOf, intersectGrants, scopeOf } from "./grants";
import { parseStoredSecret, type StoredSecret } from "./secret-format";
import { verifyClientSecret } from "./secrets";
import {
  type IssuedToken,
  issueAccessToken,
  type TokenSettings,
  type TokenVerification,
  verifyAccessToken,
} from "./tokens";
import { VerifiedSecrets } from "./verified-secrets";

const encoder = new TextEncoder();

/** The authentication surface, built once per configuration (see `authServiceFor`). */
export class AuthService {
  readonly tokens: TokenSettings;
  private readonly clients: Map<string, StoredSecret>;
  private readonly limits: Map<string, ClientLimits>;
  private readonly grants: Map<string, Grants>;
  private readonly endUserKeys: Map<string, Uint8Array>;
  /** The costliest secret check of the configuration: every check is padded to it (secrets.ts). */
  private readonly pbkdf2Iterations: number;
  /** Right secrets of this configuration already checked in this isolate (issue 18). */
  private readonly verified = new VerifiedSecrets();

  constructor(config: AuthClientsConfig, defaults: { issuer: string; audience: string }) {
    this.clients = new Map();
    this.limits = new Map();
    this.grants = new Map();
    this.endUserKeys = new Map();
    for (const [clientId, { secret, namespaces, roles, end_user_key, ...limits }] of Object.entries(config.clients)) {
      this.grants.set(clientId, grantsOf({ namespaces, roles }));
      if (end_user_key !== undefined) this.endUserKeys.set(clientId, encoder.encode(end_user_key));
      if (limits.rate_limit !== undefined || limits.max_concurrent_tasks !== undefined)
        this.limits.set(clientId, limits);
      try {
        this.clients.set(clientId, parseStoredSecret(secret));
      } catch (error) {
        throw new ConfigError("AUTH_CLIENTS (auth_clients.yml)", [`clients.${clientId}: ${(error as Error).message}`]);
      }
    }
    this.pbkdf2Iterations = Math.max(
      0,
      ...[...this.clients.values()].map((s) => (s.kind === "pbkdf2" ? s.iterations : 0)),
    );
    this.tokens = {
      algorithm: config.jwt.algorithm,
      keys: [config.jwt.secret_key, ...config.jwt.previous_secret_keys].map((k) => encoder.encode(k)),
      issuer: config.jwt.issuer ?? defaults.issuer,
      audience: config.jwt.audience ?? defaults.audience,
      expiresInSeconds: Math.round(config.jwt.expiration_hours * 3600),
    };
  }

  hasClient(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /** The client's own limits from auth_clients.yml (extended form); undefined: the defaults apply. */
  limitsOf(clientId: string): ClientLimits | undefined {
    return this.limits.get(clientId);
  }

  /**
   * Unknown client and wrong secret are indistinguishable to the caller, in answer and in time. A
   * right secret seen before in this isolate is answered from memory: only its holder gets the
   * faster answer, which tells them nothing they did not know.
   */
  authenticateClient(clientId: string, secret: string): Promise<boolean> {
    return this.verified.check(clientId, secret, () =>
      verifyClientSecret(secret, this.clients.get(clientId), this.pbkdf2Iterations),
    );
  }

  /**
   * True when this right secret was already checked in this isolate: the token route then skips the
   * failure budgets' reservation (a right secret is no guess) and the slow check (issue 18).
   */
  knowsSecret(clientId: string, secret: string): Promise<boolean> {
    return this.verified.knows(clientId, secret);
  }

  /** What the configuration grants the client now (undefined for an unknown client). */
  grantsOf(clientId: string): Grants | undefined {
    return this.grants.get(clientId);
  }

  /** An `X-End-User` token of `clientId`, checked with that client's `end_user_key` (none: refused). */
  verifyEndUser(clientId: string, token: string): Promise<EndUserVerification> {
    return verifyEndUserToken(this.endUserKeys.get(clientId), token);
  }

  /** A token carrying `grants` (the client's, or a narrower set it asked for) as its scope. */
  issue(clientId: string, grants: Grants | undefined = this.grants.get(clientId)): Promise<IssuedToken> {
    return issueAccessToken(this.tokens, clientId, grants ? scopeOf(grants) : undefined);
  }

  /**
   * A valid token's client and what it may touch: the token's scope within what the configuration
   * grants now, so a grant taken away applies at once. A token without `scope` (issued before
   * grants existed) gets the configured grants.
   */
  async verify(token: string): Promise<TokenVerification & { grants?: Grants }> {
    const verdict = await verifyAccessToken(this.tokens, token, (id) => this.clients.has(id));
    if (!verdict.ok) return verdict;
    const configured = this.grants.get(verdict.clientId)!;
    return {
      ...verdict,
      grants: verdict.scope === undefined ? configured : intersectGrants(configured, grantsFromScope(verdict.scope)),
    };
  }
}

// One AuthService per configuration (= per isolate): keys are encoded and secrets parsed once.
const services = new WeakMap<Config["auth"], AuthService>();

/** The auth service of this configuration (auth_clients.yml as `loadConfig` validated it). */
export function authServiceFor(config: Pick<Config, "auth">): AuthService {
  let service = services.get(config.auth);
  if (!service) {
    service = new AuthService(config.auth.clients, config.auth);
    services.set(config.auth, service);
  }
  return service;
}
