import { rankExamples } from "../learning";
import { linkSchema } from "../linking";
import { createLogger } from "../shared/log";
import { CatalogCache, runQuestionSql, type SqlTarget, useGateway } from "../sql";
import { VerifiedExampleStore } from "../store/examples";
import type { SqlGenerator, WorkflowDeps } from "../workflow/types";

/**
 * The one place that turns bindings and configuration into the engine's narrow dependencies
 * (catalog loader, guarded executor, linker, generator). Called at the edge: the routes and the
 * TaskRoom; workflow/ itself never sees Env.
 */
const catalogs = new CatalogCache();

type DepsEnv = Pick<Env, "NEON_GATEWAY_URL"> & Partial<Pick<Env, "DB" | "LOG_LEVEL">>;

export function workflowDeps(env: DepsEnv, target: SqlTarget, generator: SqlGenerator): WorkflowDeps {
  useGateway(env.NEON_GATEWAY_URL);
  return {
    ...(env.DB ? { findExamples: verifiedExamplesOf(env.DB, target.namespace, env.LOG_LEVEL) } : {}),
    loadCatalog: (signal) => catalogs.get(target, signal ? { signal } : {}),
    executeSql: (sql, signal) => runQuestionSql(target, sql, { signal }),
    link: (catalog, question, options) => linkSchema(catalog, question, { budgetTokens: options.budgetTokens }),
    generator,
    rowLimit: target.rowLimit,
  };
}

/**
 * The namespace's verified examples most similar to a question: one bounded D1 read per task, scored
 * in memory (learning/). Examples are an aid: when D1 fails the task runs without them.
 */
function verifiedExamplesOf(db: D1Database, namespace: string, logLevel: string | undefined): NonNullable<WorkflowDeps["findExamples"]> {
  return async (question) => {
    try {
      return rankExamples(question, await new VerifiedExampleStore(db).recent(namespace));
    } catch (error) {
      createLogger(logLevel, { component: "findExamples" }).warn("verified examples unavailable", { namespace, error: String(error) });
      return [];
    }
  };
}

export function catalogFor(env: Pick<Env, "NEON_GATEWAY_URL">, target: SqlTarget, refresh = false) {
  useGateway(env.NEON_GATEWAY_URL);
  return catalogs.get(target, { refresh });
}
