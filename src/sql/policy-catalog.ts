/**
 * What the policies need to know of the database (sql/policies.ts): each policy table's columns,
 * and the relations that read a policy table without being it — partitions and inheritance
 * children (querying one directly skips the parent's policy) and views over it, at any depth. One
 * fixed introspection statement per namespace, cached per isolate like the catalog; an unknown
 * table or column in a policy is a configuration error here, the first time the namespace is used
 * (Workers have no start-up at which to check).
 */
import { ConfigError } from "../config/yaml-config";
import type { Catalog } from "./catalog.types";
import { runReadOnly } from "./executor";
import type { SqlTarget } from "./namespaces";
import { checkRowFilter, type PolicyRelations, qualifiedName, type TablePolicy } from "./policies";

const SETTING = "NAMESPACES (namespaces.yml)";
const TTL_MS = 5 * 60_000;
const cache = new Map<string, { relations: Promise<PolicyRelations>; expires: number }>();

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The policy tables' columns and every relation derived from them (pg_inherits, view rules), recursively. */
function relationsSql(policies: readonly TablePolicy[]): string {
  const wanted = policies.map((p) => `(${literal(p.schema)}, ${literal(p.table)})`).join(", ");
  return `WITH RECURSIVE base AS (
  SELECT c.oid, n.nspname || '.' || c.relname AS policy_table
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE (n.nspname, c.relname) IN (VALUES ${wanted})
), derived(oid, policy_table) AS (
  SELECT oid, policy_table FROM base
  UNION
  SELECT x.oid, d.policy_table FROM derived d
  JOIN LATERAL (
    SELECT i.inhrelid AS oid FROM pg_catalog.pg_inherits i WHERE i.inhparent = d.oid
    UNION
    SELECT r.ev_class FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_rewrite r ON r.oid = dep.objid
    WHERE dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND dep.refobjid = d.oid AND r.ev_class <> d.oid
  ) x ON true
)
SELECT n.nspname AS schema, c.relname AS name, d.policy_table,
  (d.oid IN (SELECT oid FROM base)) AS is_policy_table,
  CASE WHEN d.oid IN (SELECT oid FROM base) THEN (
    SELECT pg_catalog.json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = d.oid AND a.attnum > 0 AND NOT a.attisdropped) END AS columns
FROM derived d JOIN pg_catalog.pg_class c ON c.oid = d.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`;
}

/** Loads (once per isolate and TTL) and checks the relations of `target`'s policies. */
export function policyRelations(target: SqlTarget, signal?: AbortSignal): Promise<PolicyRelations> {
  const policies = target.policies ?? [];
  const key = `${target.namespace}\u0000${target.connectionString}\u0000${JSON.stringify(policies)}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.relations;
  const relations = loadRelations(target, policies, signal);
  cache.set(key, { relations, expires: Date.now() + TTL_MS });
  relations.catch(() => cache.delete(key));
  return relations;
}

async function loadRelations(
  target: SqlTarget,
  policies: readonly TablePolicy[],
  signal?: AbortSignal,
): Promise<PolicyRelations> {
  const result = await runReadOnly(
    { ...target, rowLimit: 10_000, statementTimeoutMs: Math.max(target.statementTimeoutMs, 10_000) },
    relationsSql(policies),
    { signal },
  );
  const columns = new Map<string, string[]>();
  const derived = new Map<string, string>();
  for (const row of result.rows) {
    const name = `${String(row.schema)}.${String(row.name)}`;
    if (row.is_policy_table === true) columns.set(name, (row.columns as string[] | null) ?? []);
    else derived.set(name, String(row.policy_table));
  }
  await checkPolicies(target.namespace, policies, columns);
  return { columns, derived };
}

/** Every policy's table exists, its hidden columns and the columns its filter names are the table's. */
export async function checkPolicies(
  namespace: string,
  policies: readonly TablePolicy[],
  columns: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  const problems: string[] = [];
  for (const policy of policies) {
    const where = `namespaces.${namespace}.policies[${policy.table}]`;
    const own = columns.get(qualifiedName(policy));
    if (!own) {
      problems.push(`${where}.table: ${qualifiedName(policy)} is not a table or view of the database`);
      continue;
    }
    for (const column of policy.hideColumns)
      if (!own.includes(column))
        problems.push(`${where}.hide_columns: ${qualifiedName(policy)} has no column "${column}"`);
    try {
      await checkRowFilter(namespace, policy, own);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ConfigError(SETTING, problems);
}

/** The same check against an introspected catalog (the catalog endpoint and schema linking load one). */
export function checkPoliciesAgainstCatalog(catalog: Catalog, policies: readonly TablePolicy[]): Promise<void> {
  const columns = new Map(catalog.tables.map((t) => [`${t.schema}.${t.name}`, t.columns.map((c) => c.name)]));
  return checkPolicies(catalog.namespace, policies, columns);
}

/**
 * The catalog as an end user under these policies may see it: hidden columns (and keys through
 * them) gone, no sample values of filtered tables (they would show other users' values), and no
 * views or partitions that read a policy table (the guard of policies refuses them anyway).
 */
export function catalogUnderPolicies(
  catalog: Catalog,
  policies: readonly TablePolicy[],
  derived: ReadonlyMap<string, string> = new Map(),
): Catalog {
  if (policies.length === 0) return catalog;
  const byName = new Map(policies.map((p) => [qualifiedName(p), p]));
  const tables = catalog.tables
    .filter(
      (t) => !derived.has(`${t.schema}.${t.name}`) && !(t.viewOf ?? []).some((v) => byName.has(v) || derived.has(v)),
    )
    .map((t) => {
      const policy = byName.get(`${t.schema}.${t.name}`);
      if (!policy) return t;
      const hidden = new Set(policy.hideColumns);
      const columns = t.columns
        .filter((c) => !hidden.has(c.name))
        .map((c) => {
          if (!policy.rowFilter || c.samples === undefined) return c;
          const { samples: _, ...rest } = c;
          return rest;
        });
      return {
        ...t,
        columns,
        primaryKey: t.primaryKey.filter((c) => !hidden.has(c)),
        foreignKeys: t.foreignKeys.filter((fk) => !fk.columns.some((c) => hidden.has(c))),
      };
    })
    .map((t) => {
      // A foreign key of another table pointing at a hidden column goes too.
      const foreignKeys = t.foreignKeys.filter((fk) => {
        const policy = byName.get(`${fk.refSchema}.${fk.refTable}`);
        return !policy || !fk.refColumns.some((c) => policy.hideColumns.includes(c));
      });
      return foreignKeys.length === t.foreignKeys.length ? t : { ...t, foreignKeys };
    });
  return { ...catalog, tables };
}
