import { readFollowUp } from "../llm/builtin/follow-up";
import type { AnswerSource } from "../shared/answer";

/**
 * Answers that explain themselves (issue 16): how each business word was read (`assumptions`),
 * which definitions answered (`sources`), and what to ask next (`suggestions`). Read from the SQL
 * that ran — whichever generator wrote it — so the explanation is of the query, not of a guess
 * about it.
 */
export type { AnswerSource as Source } from "../shared/answer";

const KEYWORDS = new Set([
  "on",
  "where",
  "group",
  "order",
  "limit",
  "join",
  "left",
  "right",
  "inner",
  "full",
  "cross",
  "using",
  "having",
  "union",
  "lateral",
  "natural",
  "offset",
  "window",
]);

const unquote = (name: string) => name.replace(/"/g, "");
const bare = (name: string) => unquote(name).split(".").pop() as string;

/** alias → table, from FROM and JOIN clauses (a table without an alias is its own alias). */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  const re =
    /\b(?:FROM|JOIN)\s+((?:"?[A-Za-z_][\w$]*"?\.)?"?[A-Za-z_][\w$]*"?)(?:\s+(?:AS\s+)?("?[A-Za-z_][\w$]*"?))?/gi;
  for (const m of sql.matchAll(re)) {
    const table = bare(m[1] as string);
    const alias = m[2] ? unquote(m[2]) : undefined;
    out.set(table, table);
    if (alias && !KEYWORDS.has(alias.toLowerCase())) out.set(alias, table);
  }
  return out;
}

function tablesIn(sql: string): string[] {
  return [...new Set(aliases(sql).values())];
}

export function assumptionsOf(sql: string | null | undefined): string[] {
  if (!sql) return [];
  const tableOf = aliases(sql);
  const column = (alias: string, name: string) => `${tableOf.get(unquote(alias)) ?? unquote(alias)}.${unquote(name)}`;
  const stripAliases = (expr: string) =>
    expr.replace(/\b"?([A-Za-z_]\w*)"?\.("?[A-Za-z_]\w*"?)/g, (_, _a, c) => unquote(c));
  const firstTable = (expr: string) => {
    const alias = /\b"?([A-Za-z_]\w*)"?\.("?[A-Za-z_]\w*"?)/.exec(expr)?.[1];
    return (alias && tableOf.get(alias)) ?? tablesIn(sql)[0];
  };
  const out: string[] = [];
  const measure =
    /\b(SUM|AVG|COUNT|MIN|MAX)\s*\(\s*((?:DISTINCT\s+)?(?:[^()]|\([^()]*\))*)\)(?:::\w+)?(?:\s*,\s*\d+\))?\s+AS\s+("?[A-Za-z_]\w*"?)/gi;
  for (const m of sql.matchAll(measure)) {
    const expr = m[2] as string;
    const table = expr.trim() === "*" ? tablesIn(sql)[0] : firstTable(expr);
    out.push(
      `${unquote(m[3] as string)} = ${(m[1] as string).toUpperCase()}(${stripAliases(expr).trim()})${table ? ` of ${table}` : ""}`,
    );
  }
  for (const m of sql.matchAll(/date_trunc\('(\w+)',\s*"?(\w+)"?\.("?\w+"?)\)/gi))
    out.push(`${m[1]} = ${column(m[2] as string, m[3] as string)} by ${m[1]}`);
  const ranges =
    /"?(\w+)"?\.("?\w+"?)\s*>=\s*(?:DATE|TIMESTAMP)?\s*'([^']+)'\s+AND\s+"?\1"?\.\2\s*<\s*(?:DATE|TIMESTAMP)?\s*'([^']+)'/gi;
  const ranged = new Set<string>();
  for (const m of sql.matchAll(ranges)) {
    ranged.add(`${m[1]}.${m[2]}`);
    out.push(`${column(m[1] as string, m[2] as string)} from ${m[3]} to before ${m[4]}`);
  }
  for (const m of sql.matchAll(/"?(\w+)"?\.("?\w+"?)\s*(>=|<)\s*(?:DATE|TIMESTAMP)\s*'([^']+)'/gi)) {
    if (ranged.has(`${m[1]}.${m[2]}`)) continue;
    out.push(`${column(m[1] as string, m[2] as string)} ${m[3] === ">=" ? "from" : "before"} ${m[4]}`);
  }
  for (const m of sql.matchAll(/"?(\w+)"?\.("?\w+"?)\s*=\s*'((?:[^']|'')*)'/g))
    out.push(`"${(m[3] as string).replace(/''/g, "'")}" = ${column(m[1] as string, m[2] as string)}`);
  for (const m of sql.matchAll(/"?(\w+)"?\.("?\w+"?)\s*=\s*(true|false)\b/gi))
    out.push(`${column(m[1] as string, m[2] as string)} is ${(m[3] as string).toLowerCase()}`);
  const limit = /\bORDER\s+BY\s+("?\w+"?)\s+(DESC|ASC)?\s*LIMIT\s+(\d+)\s*$/i.exec(sql.trim());
  if (limit)
    out.push(`${limit[2]?.toUpperCase() === "ASC" ? "bottom" : "top"} ${limit[3]} by ${unquote(limit[1] as string)}`);
  const tables = tablesIn(sql);
  if (tables.length > 0) out.push(`reads ${tables.join(", ")}`);
  return [...new Set(out)];
}

/** A verified example an answer's SQL came from: its id and question (GenerationInput.examples). */
export interface UsedExample {
  id: number;
  question: string;
}

/**
 * What the answer used: the verified example (by id), the metric definitions of metric_to_sql (by
 * name, from metadata.metrics), the tables the SQL reads.
 */
export function sourcesOf(
  sql: string | null | undefined,
  metadata: Record<string, unknown>,
  example?: UsedExample,
): AnswerSource[] {
  const sources: AnswerSource[] = [];
  if (example) sources.push({ kind: "verified_example", id: example.id, question: example.question });
  const metrics = Array.isArray(metadata.metrics) ? metadata.metrics : [];
  for (const m of metrics) if (typeof m === "string") sources.push({ kind: "metric", id: m });
  for (const table of sql ? tablesIn(sql) : []) sources.push({ kind: "table", id: table });
  return sources;
}

const MAX_SUGGESTIONS = 3;

/**
 * Follow-up questions phrased whole (they work in or out of a conversation): a rank of a grouping,
 * another aggregate, one year, another time grain — whichever the query does not do already, each
 * kept only when `answerable` says the service can answer it.
 */
export function suggestionsFor(
  question: string,
  sql: string | null | undefined,
  currentDate: string,
  answerable: (question: string) => boolean = () => true,
): string[] {
  if (!sql) return [];
  const edits: string[] = [];
  const grouped = /\bGROUP\s+BY\b/i.test(sql);
  if (grouped && !/\bLIMIT\s+\d+\s*$/i.test(sql.trim())) edits.push("top 5");
  if (/\bSUM\s*\(/i.test(sql)) edits.push("and the average?");
  else if (/\bAVG\s*\(/i.test(sql)) edits.push("and the total?");
  if (!/>=\s*(?:DATE|TIMESTAMP)/i.test(sql)) edits.push(`only ${Number(currentDate.slice(0, 4)) - 1}`);
  if (/date_trunc\('month'/i.test(sql) && /\bby month\b/i.test(question)) edits.push("by quarter instead");
  const out: string[] = [];
  for (const edit of edits) {
    const next = readFollowUp(edit, question)?.question;
    if (next && next !== question && !out.includes(next) && answerable(next)) out.push(next);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}
