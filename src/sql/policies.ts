/**
 * Row and column policies (issue 15): a rewrite of a guarded query, between the guard and the
 * executor (run.ts), so that every path that runs SQL gets them by construction.
 *
 * Each reference to a policy table — in FROM, JOIN, subqueries, CTEs, set operations, LATERAL,
 * EXISTS — is replaced by
 *
 *   (SELECT <visible columns> FROM schema.table WHERE (<row filter>) OFFSET 0) AS <alias or table name>
 *
 * so the rest of the query cannot tell the difference except that filtered rows do not exist and
 * hidden columns do not exist: `*`, `t.*`, a whole-row reference, WHERE, GROUP BY, ORDER BY, window
 * functions and function arguments all see only the visible columns, and naming a hidden one fails
 * in Postgres with "column does not exist". `OFFSET 0` keeps the planner from pushing the query's
 * own conditions below the filter, where an erroring expression (1/0 on a filtered row) could tell
 * the user that a row it may not see exists — the "leaky view" problem that security_barrier
 * views solve inside Postgres.
 *
 * The rewrite is a splice at the parser's token locations (the relation name of each RangeVar):
 * libpg-query's WASM build has no deparser, and pgsql-deparser would add ~40 KiB gzipped to a
 * Worker already at its size budget. The result is parsed again before it runs.
 *
 * End-user attributes are bound as quoted literals (`E'…'`, a list as `'a', 'b'`, an empty list
 * as NULL), never as SQL text; the filter itself is checked to be one expression with each
 * placeholder where a value goes.
 */

import { POLICY_PLACEHOLDER } from "../config/namespaces";
import { ConfigError } from "../config/yaml-config";
import { parsePostgres, scanPostgres } from "./pg-parser";
import type { PoliciesApplied, PolicySubject, TablePolicy } from "./policy-types";

export type { PoliciesApplied, PolicySubject, TablePolicy } from "./policy-types";

/**
 * The database's side of the policies: each policy table's columns in order, and the relations
 * that read a policy table without being it (partitions, inheritance children, views over it),
 * which a query may not name. Loaded by policy-catalog.ts.
 */
export interface PolicyRelations {
  columns: ReadonlyMap<string, readonly string[]>;
  /** `schema.name` → the policy table it reads. */
  derived: ReadonlyMap<string, string>;
}

export type PolicyOutcome = { ok: true; sql: string; applied: PoliciesApplied } | { ok: false; message: string };

const SETTING = "NAMESPACES (namespaces.yml)";

export const qualifiedName = (p: { schema: string; table: string }) => `${p.schema}.${p.table}`;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string as an escape-string literal: its meaning does not depend on standard_conforming_strings. */
export function quoteLiteral(value: string): string {
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The attribute names a filter uses, in order of appearance. */
export function filterAttributes(filter: string): string[] {
  return [...filter.matchAll(POLICY_PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Whether `sql` names a column the policies hide (as a word, quoted or not): verified examples that
 * do are neither shown to an end user nor given to a generator for them. A name shared with a
 * visible column of another table errs on the side of leaving the example out.
 */
export function namesHiddenColumn(sql: string, policies: readonly TablePolicy[]): boolean {
  const hidden = new Set(policies.flatMap((p) => p.hideColumns.map((c) => c.toLowerCase())));
  if (hidden.size === 0) return false;
  return (sql.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []).some((word) => hidden.has(word));
}

/** Attributes the policies need that the end user's token does not carry. */
export function missingAttributes(policies: readonly TablePolicy[], subject: PolicySubject): string[] {
  const needed = new Set(policies.flatMap((p) => (p.rowFilter ? filterAttributes(p.rowFilter) : [])));
  // Own properties only: `constructor` is not an attribute every token has.
  return [...needed].filter((name) => !Object.hasOwn(subject.attributes, name)).sort();
}

/** The filter with each placeholder replaced by the attribute's literal(s). */
export function bindFilter(filter: string, subject: PolicySubject): string {
  return filter.replace(POLICY_PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(subject.attributes, name) ? subject.attributes[name] : undefined;
    if (value === undefined) throw new Error(`attribute ${name} missing`); // checked before (missingAttributes)
    if (typeof value === "string") return quoteLiteral(value);
    // An empty list matches nothing: `x IN (NULL)` is never true.
    return value.length === 0 ? "NULL" : value.map(quoteLiteral).join(", ");
  });
}

type AstObject = { [key: string]: unknown };
const isAstObject = (v: unknown): v is AstObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every node of `root` of type `type` (iterative: expressions may nest thousands deep). */
function nodesOfType(root: unknown, type: string, skip: ReadonlySet<string> = new Set()): AstObject[] {
  const found: AstObject[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (isAstObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (skip.has(key)) continue;
        if (key === type && isAstObject(value)) found.push(value);
        stack.push(value);
      }
    }
  }
  return found;
}

/**
 * Checks a policy's filter: one expression (nothing that closes the WHERE and adds clauses), each
 * placeholder standing where a value goes, and — when the table's columns are known — every column
 * it names outside its own subqueries one of the table's (an unknown name would otherwise resolve to
 * a column of the user's query around it). Throws ConfigError naming the namespace and table.
 */
export async function checkRowFilter(
  namespace: string,
  policy: TablePolicy,
  columns?: readonly string[],
): Promise<void> {
  if (!policy.rowFilter) return;
  const where = `namespaces.${namespace}.policies[${policy.table}].row_filter`;
  const fail = (problem: string) => new ConfigError(SETTING, [`${where}: ${problem}`]);
  let n = 0;
  const withParams = policy.rowFilter.replace(POLICY_PLACEHOLDER, () => `$${++n}`);
  // As a lone target (`SELECT <filter>`, no parentheses of ours): `a = 1) OR (true` does not parse.
  const parsed = await parsePostgres(`SELECT ${withParams}`);
  if (!parsed.ok) throw fail(`not a SQL expression (${parsed.message})`);
  const stmts = parsed.tree.stmts ?? [];
  const select = (stmts[0]?.stmt as AstObject | undefined)?.SelectStmt as AstObject | undefined;
  const extra = select ? Object.keys(select).filter((k) => !["targetList", "limitOption", "op"].includes(k)) : [];
  const targets = (select?.targetList as unknown[] | undefined) ?? [];
  const target = isAstObject(targets[0]) && isAstObject(targets[0].ResTarget) ? targets[0].ResTarget : undefined;
  if (
    stmts.length !== 1 ||
    !select ||
    extra.length > 0 ||
    targets.length !== 1 ||
    !target ||
    target.name !== undefined
  ) {
    throw fail("must be one expression, e.g. region = {{ user.region }}");
  }
  const expression = target.val;
  const params = nodesOfType(expression, "ParamRef");
  if (params.length !== n || params.some((p) => typeof p.number !== "number" || p.number < 1 || p.number > n)) {
    throw fail(
      "write placeholders where a value goes ({{ user.region }}, not '{{ user.region }}'), and no $n parameters of your own",
    );
  }
  if (!columns) return;
  const known = new Set(columns);
  for (const ref of nodesOfType(expression, "ColumnRef", new Set(["SubLink"]))) {
    const names =
      (ref.fields as unknown[] | undefined)?.map((f) =>
        isAstObject(f) && isAstObject(f.String) ? f.String.sval : undefined,
      ) ?? [];
    const column = names.at(-1);
    if (typeof column === "string" && !known.has(column))
      throw fail(`names column "${column}", which ${qualifiedName(policy)} does not have`);
  }
}

interface Reference {
  policy?: TablePolicy;
  /** Set for a relation that reads a policy table (a partition or a view). */
  derivedOf?: string;
  location: number;
  parts: number;
  alias: boolean;
  inh: boolean;
  name: string;
}

/**
 * The relations of `select` that are policy tables or derived from one, with the CTE names in
 * scope honoured: an unqualified name that a visible CTE defines is that CTE, not the table, and a
 * (non-recursive) CTE's own query sees only the CTEs before it.
 */
function policyReferences(
  root: unknown,
  match: (rv: AstObject) => Pick<Reference, "policy" | "derivedOf"> | undefined,
): Reference[] {
  const refs: Reference[] = [];
  const stack: { node: unknown; ctes: ReadonlySet<string> }[] = [{ node: root, ctes: new Set() }];
  while (stack.length > 0) {
    const { node, ctes } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push({ node: item, ctes });
      continue;
    }
    if (!isAstObject(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === "RangeVar" && isAstObject(value)) {
        const name = String(value.relname ?? "");
        const cte = value.schemaname === undefined && value.catalogname === undefined && ctes.has(name);
        const found = cte ? undefined : match(value);
        if (found) {
          refs.push({
            ...found,
            location: Number(value.location ?? -1),
            parts: 1 + (value.schemaname !== undefined ? 1 : 0) + (value.catalogname !== undefined ? 1 : 0),
            alias: value.alias !== undefined,
            inh: value.inh !== false,
            name,
          });
        }
        continue;
      }
      if (key === "SelectStmt" && isAstObject(value) && isAstObject(value.withClause)) {
        const withClause = value.withClause;
        const list = ((withClause.ctes as unknown[]) ?? []).map((c) =>
          isAstObject(c) && isAstObject(c.CommonTableExpr) ? c.CommonTableExpr : {},
        );
        const names = list.map((c) => String(c.ctename ?? ""));
        const all = new Set([...ctes, ...names]);
        list.forEach((c, i) => {
          const visible = withClause.recursive === true ? all : new Set([...ctes, ...names.slice(0, i)]);
          stack.push({ node: c.ctequery, ctes: visible });
        });
        const { withClause: _, ...rest } = value;
        stack.push({ node: rest, ctes: all });
        continue;
      }
      stack.push({ node: value, ctes });
    }
  }
  return refs;
}

/** A query reading a policy table through the policy, for `subject`. */
function readThrough(policy: TablePolicy, columns: readonly string[], subject: PolicySubject): string {
  const hidden = new Set(policy.hideColumns);
  const visible = columns.filter((c) => !hidden.has(c));
  const list = visible.length > 0 ? visible.map(quoteIdent).join(", ") : "";
  const where = policy.rowFilter ? ` WHERE (${bindFilter(policy.rowFilter, subject)})` : "";
  return `(SELECT ${list} FROM ${quoteIdent(policy.schema)}.${quoteIdent(policy.table)}${where} OFFSET 0)`;
}

export interface PolicyContext {
  /** The namespace's policies; empty: the query runs as it is. */
  policies: readonly TablePolicy[];
  /** search_path order: an unqualified name is looked for in these schemas. */
  searchPath: readonly string[];
  relations: PolicyRelations;
  subject: PolicySubject;
}

/**
 * Rewrites `sql` (a statement the guard accepted) so it reads every policy table through its
 * policy. A refusal's message says what to change, like the guard's.
 */
export async function applyPolicies(sql: string, context: PolicyContext): Promise<PolicyOutcome> {
  const { policies, relations, subject } = context;
  const applied: PoliciesApplied = { tables_filtered: [], columns_hidden: [] };
  if (policies.length === 0) return { ok: true, sql, applied };
  const missing = missingAttributes(policies, subject);
  if (missing.length > 0)
    return {
      ok: false,
      message: `The end user's token lacks the attribute(s) ${missing.join(", ")} that this namespace's policies need.`,
    };

  const parsed = await parsePostgres(sql);
  if (!parsed.ok) return { ok: false, message: `The SQL does not parse: ${parsed.message}` };
  const byName = new Map(policies.map((p) => [qualifiedName(p), p]));
  const match = (rv: AstObject): Pick<Reference, "policy" | "derivedOf"> | undefined => {
    const name = String(rv.relname ?? "");
    const schemas = typeof rv.schemaname === "string" ? [rv.schemaname] : context.searchPath;
    for (const schema of schemas) {
      const policy = byName.get(`${schema}.${name}`);
      if (policy) return { policy };
      const derivedOf = relations.derived.get(`${schema}.${name}`);
      if (derivedOf) return { derivedOf };
    }
    return undefined;
  };
  const refs = policyReferences(parsed.tree.stmts, match);
  if (refs.length === 0) return { ok: true, sql, applied };

  const derived = refs.find((r) => r.derivedOf);
  if (derived) {
    return {
      ok: false,
      message: `"${derived.name}" reads ${derived.derivedOf}, which has a row policy for end users; query ${derived.derivedOf} itself instead.`,
    };
  }
  const only = refs.find((r) => !r.inh);
  if (only)
    return {
      ok: false,
      message: `ONLY cannot be used on "${only.name}", which has a row policy for end users; remove ONLY.`,
    };

  const bytes = new TextEncoder().encode(sql);
  const tokens = (await scanPostgres(sql)).filter((t) => t.tokenName !== "SQL_COMMENT" && t.tokenName !== "C_COMMENT");
  const edits: { start: number; end: number; text: string }[] = [];
  for (const ref of refs) {
    const policy = ref.policy!;
    const columns = relations.columns.get(qualifiedName(policy));
    if (!columns)
      return {
        ok: false,
        message: `The columns of ${qualifiedName(policy)} are not known; the query cannot be checked against its policy.`,
      };
    const first = tokens.findIndex((t) => t.start === ref.location);
    // name (. name)*: 2 tokens per qualifier
    const last = tokens[first + 2 * (ref.parts - 1)];
    if (first < 0 || !last)
      return {
        ok: false,
        message: `The reference to "${ref.name}" could not be located; write the table name plainly.`,
      };
    const replacement = readThrough(policy, columns, subject) + (ref.alias ? "" : ` AS ${quoteIdent(policy.table)}`);
    edits.push({ start: ref.location, end: last.end, text: replacement });
    const qualified = qualifiedName(policy);
    if (policy.rowFilter && !applied.tables_filtered.includes(qualified)) applied.tables_filtered.push(qualified);
    for (const c of policy.hideColumns)
      if (!applied.columns_hidden.includes(`${qualified}.${c}`)) applied.columns_hidden.push(`${qualified}.${c}`);
  }
  edits.sort((a, b) => b.start - a.start);
  let out = bytes;
  const encoder = new TextEncoder();
  for (const edit of edits) {
    const text = encoder.encode(edit.text);
    const next = new Uint8Array(out.length - (edit.end - edit.start) + text.length);
    next.set(out.subarray(0, edit.start), 0);
    next.set(text, edit.start);
    next.set(out.subarray(edit.end), edit.start + text.length);
    out = next;
  }
  applied.tables_filtered.sort();
  applied.columns_hidden.sort();
  const rewritten = new TextDecoder().decode(out);
  // The splice must leave one query: a list attribute where one value goes (`region = 'a', 'b'`)
  // would not parse, and is refused rather than run.
  const check = await parsePostgres(rewritten);
  if (!check.ok || (check.tree.stmts ?? []).length !== 1) {
    return {
      ok: false,
      message:
        "The query could not be combined with this namespace's row policies (does the end user's token carry a list where the policy expects one value?).",
    };
  }
  return { ok: true, sql: rewritten, applied };
}
