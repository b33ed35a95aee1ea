/**
 * What a client may touch: the namespaces granted to it and its roles, from auth_clients.yml, carried
 * in its tokens as an OAuth `scope` (RFC 6749 §3.3: space-separated names). This file decides; the
 * routes only ask (`Access.check`), so no route re-implements a rule.
 *
 * - `analyst` (the default, and what the seed's `client: secret` form gets): query, read the
 *   catalog, examples and metrics, give feedback on its own tasks (its corrections are proposals).
 * - `curator`: an analyst who may also turn feedback into verified examples used for everyone.
 * - `admin`: a curator who may also change metric definitions.
 */
import type { Role } from "../config/auth-clients";

export type { Role } from "../config/auth-clients";

export type Action =
  /** Ask questions and follow one's own tasks and feedback. */
  | "query"
  /** Read a namespace's catalog, verified examples and metric definitions. */
  | "read"
  /** Verify examples (shared by every client of the namespace), or take them back. */
  | "curate_examples"
  /** Create, change or delete metric definitions (every client's metric_to_sql reads them). */
  | "manage_metrics";

const ACTIONS_OF: Record<Role, ReadonlySet<Action>> = {
  analyst: new Set(["query", "read"]),
  curator: new Set(["query", "read", "curate_examples"]),
  admin: new Set(["query", "read", "curate_examples", "manage_metrics"]),
};

/** The role a refusal names: the least trusted one allowed the action. */
const LEAST_ROLE: Record<Action, Role> = {
  query: "analyst",
  read: "analyst",
  curate_examples: "curator",
  manage_metrics: "admin",
};

export interface Grants {
  /** `"*"`: every namespace, present and future. */
  namespaces: "*" | ReadonlySet<string>;
  roles: ReadonlySet<Role>;
}

export const DEFAULT_ROLES: readonly Role[] = ["analyst"];

export function grantsOf(entry: {
  namespaces?: readonly string[] | undefined;
  roles?: readonly Role[] | undefined;
}): Grants {
  return {
    namespaces: entry.namespaces ? new Set(entry.namespaces) : "*",
    roles: new Set(entry.roles ?? DEFAULT_ROLES),
  };
}

// Scope tokens (RFC 6749 §3.3: %x21 / %x23-5B / %x5D-7E): `ns:<name>` per namespace, `ns:*` for all, `role:<role>`.
const NS_PREFIX = "ns:";
const ROLE_PREFIX = "role:";
const ROLES = new Set<string>(["analyst", "curator", "admin"]);

/** The scope a token carries for these grants, e.g. `role:analyst ns:demo ns:shop`. */
export function scopeOf(grants: Grants): string {
  const roles = [...grants.roles].sort().map((r) => ROLE_PREFIX + r);
  const namespaces =
    grants.namespaces === "*" ? [`${NS_PREFIX}*`] : [...grants.namespaces].sort().map((n) => NS_PREFIX + n);
  return [...roles, ...namespaces].join(" ");
}

/** Parses a scope string; names it does not know are ignored (they grant nothing). */
export function grantsFromScope(scope: string): Grants {
  const names = scope.split(" ").filter(Boolean);
  const roles = new Set<Role>();
  const namespaces = new Set<string>();
  let all = false;
  for (const name of names) {
    if (name.startsWith(ROLE_PREFIX) && ROLES.has(name.slice(ROLE_PREFIX.length)))
      roles.add(name.slice(ROLE_PREFIX.length) as Role);
    else if (name === `${NS_PREFIX}*`) all = true;
    else if (name.startsWith(NS_PREFIX) && name.length > NS_PREFIX.length) namespaces.add(name.slice(NS_PREFIX.length));
  }
  return { namespaces: all ? "*" : namespaces, roles };
}

/** What both allow: a token never grants more than the configuration does now. */
export function intersectGrants(a: Grants, b: Grants): Grants {
  const roles = new Set([...a.roles].filter((r) => b.roles.has(r)));
  if (a.namespaces === "*") return { namespaces: b.namespaces, roles };
  if (b.namespaces === "*") return { namespaces: a.namespaces, roles };
  const other = b.namespaces;
  return { namespaces: new Set([...a.namespaces].filter((n) => other.has(n))), roles };
}

/**
 * A token request's `scope` narrowing the client's grants (RFC 6749 §3.3). Undefined: the client
 * asked for something it was not granted (`invalid_scope`). Roles or namespaces left out of the
 * request are not narrowed.
 */
export function narrowGrants(granted: Grants, requested: string): Grants | undefined {
  const names = requested.split(" ").filter(Boolean);
  const asked = grantsFromScope(requested);
  const understood = names.every(
    (n) =>
      (n.startsWith(ROLE_PREFIX) && ROLES.has(n.slice(ROLE_PREFIX.length))) ||
      (n.startsWith(NS_PREFIX) && n.length > NS_PREFIX.length),
  );
  if (!understood) return undefined;
  const roles = asked.roles.size > 0 ? asked.roles : granted.roles;
  if ([...roles].some((r) => !granted.roles.has(r))) return undefined;
  const askedNamespaces = asked.namespaces === "*" || asked.namespaces.size > 0 ? asked.namespaces : granted.namespaces;
  if (askedNamespaces === "*") return granted.namespaces === "*" ? { namespaces: "*", roles } : undefined;
  if (granted.namespaces !== "*") {
    const allowed = granted.namespaces;
    if ([...askedNamespaces].some((n) => !allowed.has(n))) return undefined;
  }
  return { namespaces: askedNamespaces, roles };
}

export type AccessRefusal = "namespace_not_granted" | "role_required";

export type AccessDecision = { ok: true } | { ok: false; reason: AccessRefusal; role?: Role };

/** One client's access, as its token and the current configuration allow it. */
export class Access {
  constructor(
    readonly clientId: string,
    readonly grants: Grants,
  ) {}

  /** Whether the client may touch `namespace` at all. */
  hasNamespace(namespace: string): boolean {
    return this.grants.namespaces === "*" || this.grants.namespaces.has(namespace);
  }

  hasRole(action: Action): boolean {
    return [...this.grants.roles].some((role) => ACTIONS_OF[role].has(action));
  }

  /** The decision for `action` on `namespace`. The namespace is checked first: a stranger to it learns nothing of roles. */
  decide(action: Action, namespace: string): AccessDecision {
    if (!this.hasNamespace(namespace)) return { ok: false, reason: "namespace_not_granted" };
    if (!this.hasRole(action)) return { ok: false, reason: "role_required", role: LEAST_ROLE[action] };
    return { ok: true };
  }

  /** The names of `all` this client may see, in their order. */
  visible(all: readonly string[]): string[] {
    return all.filter((n) => this.hasNamespace(n));
  }

  /** `"*"` or the granted names, for a store query that must only return granted rows. */
  namespaceFilter(): "*" | string[] {
    return this.grants.namespaces === "*" ? "*" : [...this.grants.namespaces];
  }
}
