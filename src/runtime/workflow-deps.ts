import { linkSchema } from "../linking";
import { CatalogCache, runQuestionSql, type SqlTarget, useGateway } from "../sql";
import type { SqlGenerator, WorkflowDeps } from "../workflow/types";

/**
 * The one place that turns bindings and configuration into the engine's narrow dependencies
 * (catalog loader, guarded executor, linker, generator). Called at the edge: the routes and the
 * TaskRoom; workflow/ itself never sees Env.
 */
const catalogs = new CatalogCache();

export function workflowDeps(env: Pick<Env, "NEON_GATEWAY_URL">, target: SqlTarget, generator: SqlGenerator): WorkflowDeps {
  useGateway(env.NEON_GATEWAY_URL);
  return {
    loadCatalog: (signal) => catalogs.get(target, signal ? { signal } : {}),
    executeSql: (sql, signal) => runQuestionSql(target, sql, { signal }),
    link: (catalog, question, options) => linkSchema(catalog, question, { maxTables: options.maxTables }),
    generator,
    rowLimit: target.rowLimit,
  };
}

export function catalogFor(env: Pick<Env, "NEON_GATEWAY_URL">, target: SqlTarget, refresh = false) {
  useGateway(env.NEON_GATEWAY_URL);
  return catalogs.get(target, { refresh });
}
