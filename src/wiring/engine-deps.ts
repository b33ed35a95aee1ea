import { rankExamples } from "../examples";
import { linkSchema, type ProbedValue, probeCandidates, probedValues, probeKey, probeSql } from "../linking";
import { createLogger } from "../shared/log";
import {
  CatalogCache,
  catalogUnderPolicies,
  namesHiddenColumn,
  policyRelations,
  runQuestionSql,
  type SqlTarget,
  useGateway,
} from "../sql";
import type { Catalog } from "../sql/catalog.types";
import { VerifiedExampleStore } from "../store/examples";
import type { EngineDeps, SqlGenerator } from "../workflow/types";

/**
 * The one place that turns bindings and configuration into the engine's narrow dependencies
 * (catalog loader, guarded executor, linker, generator). Called at the edge: the routes and the
 * TaskRoom; workflow/ itself never sees Env.
 */
const catalogs = new CatalogCache();

type DepsEnv = Pick<Env, "NEON_GATEWAY_URL"> & Partial<Pick<Env, "DB" | "LOG_LEVEL">>;

export function engineDeps(env: DepsEnv, target: SqlTarget, generator: SqlGenerator): EngineDeps {
  useGateway(env.NEON_GATEWAY_URL);
  return {
    ...(env.DB
      ? { findExamples: withoutHiddenColumns(target, verifiedExamplesOf(env.DB, target.namespace, env.LOG_LEVEL)) }
      : {}),
    loadCatalog: (signal) => userCatalog(target, signal ? { signal } : {}),
    executeSql: (sql, signal) => runQuestionSql(target, sql, { signal }),
    link: (catalog, question, options) =>
      linkSchema(catalog, question, {
        budgetTokens: options.budgetTokens,
        ...(options.context ? { context: options.context } : {}),
      }),
    probeValues: (catalog, question, linkedTables, signal) =>
      probeValues(target, catalog, question, linkedTables, signal),
    generator,
    rowLimit: target.rowLimit,
  };
}

/** A value lookup is a hint, not an answer: it gets a second, never the question's whole timeout. */
const PROBE_TIMEOUT_MS = 1000;
const PROBE_TTL_MS = 5 * 60_000;
const PROBE_CACHE_LIMIT = 500;
const probeCache = new Map<string, { expires: number; values: ProbedValue[] }>();

/**
 * Looks the question's phrases up in the columns whose values the catalog does not list, through the
 * same guard and read-only transaction as any question (linking/value-probe.ts builds the statement).
 * Answers are cached per isolate for a few minutes; a failed or slow lookup only means no hint.
 */
async function probeValues(
  target: SqlTarget,
  catalog: Catalog,
  question: string,
  linkedTables: readonly string[],
  signal?: AbortSignal,
): Promise<ProbedValue[]> {
  const candidates = probeCandidates(catalog, question, linkedTables);
  const sql = probeSql(candidates);
  if (sql === undefined) return [];
  // Under policies a lookup reads only the end user's rows: their answer is theirs alone.
  const key = `${target.namespace}\u0000${target.allowedSchemas.join(",")}\u0000${target.endUser ? JSON.stringify(target.endUser) : ""}\u0000${probeKey(candidates)}`;
  const hit = probeCache.get(key);
  if (hit !== undefined && hit.expires > Date.now()) return hit.values;
  let values: ProbedValue[] = [];
  try {
    const result = await runQuestionSql(
      { ...target, statementTimeoutMs: Math.min(PROBE_TIMEOUT_MS, target.statementTimeoutMs) },
      sql,
      { signal },
    );
    values = probedValues(candidates, result.rows);
  } catch {
    if (signal?.aborted) return [];
  }
  if (probeCache.size >= PROBE_CACHE_LIMIT) probeCache.clear();
  probeCache.set(key, { expires: Date.now() + PROBE_TTL_MS, values });
  return values;
}

/**
 * The namespace's verified examples most similar to a question: one bounded D1 read per task, scored
 * in memory (examples/). Examples are an aid: when D1 fails the task runs without them.
 */
function verifiedExamplesOf(
  db: D1Database,
  namespace: string,
  logLevel: string | undefined,
): NonNullable<EngineDeps["findExamples"]> {
  return async (question) => {
    try {
      return rankExamples(question, await new VerifiedExampleStore(db).recent(namespace));
    } catch (error) {
      createLogger(logLevel, { component: "findExamples" }).warn("verified examples unavailable", {
        namespace,
        error: String(error),
      });
      return [];
    }
  };
}

export function catalogFor(env: Pick<Env, "NEON_GATEWAY_URL">, target: SqlTarget, refresh = false) {
  useGateway(env.NEON_GATEWAY_URL);
  return userCatalog(target, { refresh });
}

/**
 * The catalog as the target's end user may see it (issue 15): under row and column policies,
 * without hidden columns, without samples of filtered tables and without the views and partitions
 * that read a policy table. Loading the policies' own introspection first makes a policy naming an
 * unknown table or column a configuration error the first time the namespace is used.
 */
async function userCatalog(target: SqlTarget, options: { refresh?: boolean; signal?: AbortSignal }) {
  const policies = target.policies ?? [];
  if (policies.length === 0) return catalogs.get(target, options);
  const [relations, catalog] = await Promise.all([
    policyRelations(target, options.signal),
    catalogs.get(target, options),
  ]);
  return catalogUnderPolicies(catalog, policies, relations.derived);
}

/**
 * Verified examples go into prompts and may be reused as answers: under policies, those whose SQL
 * names a hidden column are left out (they could only fail, and would show the column's name).
 * Reused SQL runs through the policies like any other (runQuestionSql).
 */
function withoutHiddenColumns(
  target: SqlTarget,
  find: NonNullable<EngineDeps["findExamples"]>,
): NonNullable<EngineDeps["findExamples"]> {
  const policies = target.policies ?? [];
  if (!policies.some((p) => p.hideColumns.length > 0)) return find;
  return async (question) => (await find(question)).filter((example) => !namesHiddenColumn(example.sql, policies));
}
