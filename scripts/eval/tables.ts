/**
 * Tables a gold query reads, for schema-linking recall: every RangeVar in the parse tree (FROM, JOIN,
 * subqueries, CTE bodies, EXISTS), minus references to CTE names, which are not catalog tables.
 * libpg-query's Node build is the real Postgres parser, so quoting, aliases and nesting need no regex.
 */
import { parse } from "libpg-query";

/** Walks any JSON parse tree, calling `visit` with each node kind and its body. */
function walk(node: unknown, visit: (kind: string, body: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    // Node kinds are PascalCase keys (RangeVar, CommonTableExpr); plain fields are camelCase.
    if (/^[A-Z]/.test(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      visit(key, value as Record<string, unknown>);
    }
    walk(value, visit);
  }
}

/**
 * Lower-cased bare table names (schema dropped: the service reports `metadata.tables_found` without
 * one), sorted and de-duplicated.
 */
export async function tablesOf(sql: string): Promise<string[]> {
  const tree = await parse(sql);
  const ctes = new Set<string>();
  const refs: { name: string; qualified: boolean }[] = [];
  walk(tree, (kind, body) => {
    if (kind === "CommonTableExpr" && typeof body.ctename === "string") ctes.add(body.ctename.toLowerCase());
    if (kind === "RangeVar" && typeof body.relname === "string") {
      refs.push({ name: body.relname.toLowerCase(), qualified: typeof body.schemaname === "string" });
    }
  });
  // CTE names are known only after the whole walk; a schema-qualified name is a table even when a
  // CTE has the same name.
  return [...new Set(refs.filter((r) => r.qualified || !ctes.has(r.name)).map((r) => r.name))].sort();
}

/** Bare lower-case name of a reported table (`public.orders`, `"Orders"` → `orders`). */
export function bareTableName(name: string): string {
  const last = name.split(".").at(-1) ?? name;
  return last.replace(/^"|"$/g, "").toLowerCase();
}

/** Share of the gold tables that the service found (1 when the gold query reads no table). */
export function linkingRecall(goldTables: string[], found: string[]): { recall: number; missing: string[] } {
  const have = new Set(found.map(bareTableName));
  const missing = goldTables.filter((t) => !have.has(t));
  return { recall: goldTables.length ? (goldTables.length - missing.length) / goldTables.length : 1, missing };
}

/**
 * Lower-cased column names a query references (the last part of every ColumnRef, `*` excluded):
 * for column recall, resolved against the catalog by the caller since aliases are not columns.
 */
export async function columnsOf(sql: string): Promise<string[]> {
  const tree = await parse(sql);
  const names = new Set<string>();
  walk(tree, (kind, body) => {
    if (kind !== "ColumnRef" || !Array.isArray(body.fields)) return;
    const last = body.fields.at(-1) as { String?: { sval?: unknown } } | undefined;
    if (typeof last?.String?.sval === "string") names.add(last.String.sval.toLowerCase());
  });
  return [...names].sort();
}
