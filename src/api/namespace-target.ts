import type { Context } from "hono";
import { requireAccess } from "../auth/access";
import type { Action } from "../auth/grants";
import { ApiError } from "../shared/errors";
import { missingAttributes, type NarrowingOptions, namespacesFor, type SqlTarget } from "../sql";
import type { AppEnv } from "./app";

/**
 * The database target a request names, once auth/ has allowed `action` on it: a namespace that is
 * not granted is a 403 (whether it exists or not), an unknown one a 404 that lists only the
 * namespaces this client is granted. `field` names the request field that chose it.
 */
export function grantedTarget(
  c: Context<AppEnv>,
  action: Action,
  namespace: string,
  options: { field?: string; narrowing?: NarrowingOptions } = {},
): SqlTarget {
  const field = options.field ?? "ns";
  requireAccess(c.var.access, action, namespace, field);
  const lookup = namespacesFor(c.var.config).resolve(namespace, options.narrowing);
  if (lookup.ok) return forEndUser(c, lookup.target);
  const what =
    lookup.reason === "unknown_namespace" ? "namespace" : lookup.reason === "unknown_schema" ? "schema" : "database";
  const path =
    lookup.reason === "unknown_namespace"
      ? field
      : lookup.reason === "unknown_schema"
        ? "schema_name"
        : "database_name";
  const known = lookup.reason === "unknown_namespace" ? c.var.access.visible(lookup.known) : lookup.known;
  throw new ApiError(404, `Unknown ${what}; known: ${known.join(", ") || "(none configured)"}`, {
    kind: `unknown-${what}`,
    errors: [{ path, message: `not one of: ${known.join(", ")}` }],
    extensions: { known },
  });
}

/**
 * The target as the request's end user may use it (issue 15). A namespace with row and column
 * policies answers only for an end user (`X-End-User`) whose token carries every attribute the
 * policies name: anything else is a 403 naming X-End-User, before any SQL is written or run.
 */
export function forEndUser(c: Context<AppEnv>, target: SqlTarget): SqlTarget {
  const policies = target.policies ?? [];
  const endUser = c.var.endUser;
  if (policies.length === 0) return endUser ? { ...target, endUser } : target;
  if (!endUser) {
    throw new ApiError(
      403,
      `Namespace '${target.namespace}' has row and column policies: send the end user this request is for in X-End-User`,
      {
        kind: "end-user-required",
        errors: [{ path: "X-End-User", message: "required by this namespace's policies" }],
      },
    );
  }
  const missing = missingAttributes(policies, endUser);
  if (missing.length > 0) {
    throw new ApiError(
      403,
      `The end user's token lacks the attribute(s) ${missing.join(", ")} that namespace '${target.namespace}''s policies need`,
      {
        kind: "end-user-attributes-missing",
        errors: [{ path: "X-End-User", message: `attributes missing: ${missing.join(", ")}` }],
      },
    );
  }
  return { ...target, endUser };
}

/** The namespaces this client may see, in the registry's order. */
export function visibleNamespaces(c: Context<AppEnv>): string[] {
  return c.var.access.visible(namespacesFor(c.var.config).names());
}
