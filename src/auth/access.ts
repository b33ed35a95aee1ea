import type { MiddlewareHandler } from "hono";
import { ApiError } from "../shared/errors";
import type { Access, AccessRefusal, Action, Role } from "./grants";

declare module "hono" {
  interface ContextVariableMap {
    /** What the authenticated client may touch (set by bearerAuth). */
    access: Access;
  }
}

// One public description per refusal. A namespace that is not granted is refused the same way
// whether it exists or not, so a client learns nothing of namespaces outside its grants.
const DESCRIPTIONS: Record<AccessRefusal, (namespace: string, role: Role | undefined) => string> = {
  namespace_not_granted: (ns) => `This client is not granted namespace '${ns}'`,
  role_required: (ns, role) => `This needs the ${role} role on namespace '${ns}'; this client does not have it`,
};

/**
 * Throws a 403 problem unless `access` allows `action` on `namespace`. The one check every route
 * makes before it touches a namespace; `field` names the request field that chose the namespace.
 */
export function requireAccess(access: Access, action: Action, namespace: string, field = "ns"): void {
  const decision = access.decide(action, namespace);
  if (decision.ok) return;
  throw new ApiError(403, DESCRIPTIONS[decision.reason](namespace, decision.role), {
    kind: decision.reason === "namespace_not_granted" ? "namespace-not-granted" : "role-required",
    errors: [
      {
        path: field,
        message:
          decision.reason === "namespace_not_granted"
            ? "not granted to this client"
            : `needs the ${decision.role} role`,
      },
    ],
    internal: { client_id: access.clientId, action, namespace },
  });
}

/**
 * The floor for every `/namespaces/:ns/*` route: the namespace must be granted before any handler
 * runs, so a route added later cannot forget it. Routes that change shared state ask for more.
 */
export function namespaceGrant(): MiddlewareHandler {
  return async function namespaceGrantCheck(c, next) {
    const ns = c.req.param("ns");
    if (ns !== undefined) requireAccess(c.var.access, "read", ns);
    await next();
  };
}
