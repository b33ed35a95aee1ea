import type { Context } from "hono";
import { requireAccess } from "../auth/access";
import type { Action } from "../auth/grants";
import { type NarrowingOptions, namespacesFor, type SqlTarget } from "../sql";
import { ApiError } from "../shared/errors";
import type { AppEnv } from "./app";

/**
 * The database target a request names, once auth/ has allowed `action` on it: a namespace that is
 * not granted is a 403 (whether it exists or not), an unknown one a 404 that lists only the
 * namespaces this client is granted. `field` names the request field that chose it.
 */
export function grantedTarget(c: Context<AppEnv>, action: Action, namespace: string, options: { field?: string; narrowing?: NarrowingOptions } = {}): SqlTarget {
  const field = options.field ?? "ns";
  requireAccess(c.var.access, action, namespace, field);
  const lookup = namespacesFor(c.env).resolve(namespace, options.narrowing);
  if (lookup.ok) return lookup.target;
  const what = lookup.reason === "unknown_namespace" ? "namespace" : lookup.reason === "unknown_schema" ? "schema" : "database";
  const path = lookup.reason === "unknown_namespace" ? field : lookup.reason === "unknown_schema" ? "schema_name" : "database_name";
  const known = lookup.reason === "unknown_namespace" ? c.var.access.visible(lookup.known) : lookup.known;
  throw new ApiError(404, `Unknown ${what}; known: ${known.join(", ") || "(none configured)"}`, {
    kind: `unknown-${what}`,
    errors: [{ path, message: `not one of: ${known.join(", ")}` }],
    extensions: { known },
  });
}

/** The namespaces this client may see, in the registry's order. */
export function visibleNamespaces(c: Context<AppEnv>): string[] {
  return c.var.access.visible(namespacesFor(c.env).names());
}
