import { type IndexedColumn, type IndexedTable, stepTarget } from "../../linking";
import { type LogicalQuery, type Predicate, predicateColumns, predicateTables } from "./query";
import { renderSql } from "./sql-builder";

/**
 * "What is the ratio of shops with a rating above 4 to shops with a rating below 4 in Lyon?", "the
 * ratio of papers to authors": each side is a count, asked and answered as its own counting question
 * ("How many shops with a rating above 4?"); the answer divides the two, NULL when the second is 0.
 * Grouped ratios ("… for each city") are not read here.
 */

const SHAPE =
  /^\s*(?:(?:what|how)\s+(?:is|was|are)\s+|calculate\s+|compute\s+|get\s+|show(?:\s+me)?\s+|give(?:\s+me)?\s+|return\s+)?(?:the\s+)?(?:ratio|proportion)\s+of\s+(.+?)\s+(?:to|versus|vs\.?|compared\s+to)\s+(.+?)(?:\s+(?:overall|in total|altogether))?\s*[?.!]?\s*$/i;

/** "the total number of shops", "the count of papers": words that only say a side is counted. */
const COUNT_LEAD = /^(?:the\s+)?(?:(?:total\s+)?number|count|amount)\s+of\s+/i;

/** Words that ask for a ratio per group: left to the rest of the generator, which declines them. */
const PER_GROUP = /\b(?:for each|for every|in each|per|by each|across|each)\b/i;

export interface CountRatio {
  sql: string;
  explanation: string;
  tables: string[];
}

/** A side answered: its counting query, or why it could not be. */
export type SolveCount = (question: string) => { query: LogicalQuery; explanation: string } | string;

/**
 * The two counting questions of a ratio; undefined when the question is not that shape, a string
 * when it is but a side is not a plain count.
 */
export function countRatio(question: string, solve: SolveCount): CountRatio | string | undefined {
  const m = SHAPE.exec(question);
  if (m === null || PER_GROUP.test(question)) return undefined;
  const phrases = [m[1] as string, m[2] as string].map((p) => p.replace(COUNT_LEAD, "").trim());
  const sides: LogicalQuery[] = [];
  const explained: string[] = [];
  for (const phrase of phrases) {
    const solved = solve(`How many ${phrase}?`);
    if (typeof solved === "string") return `did not understand "${phrase}" as a count: ${solved}`;
    if (!isPlainCount(solved.query)) return `did not understand "${phrase}" as one count of rows`;
    sides.push(solved.query);
    explained.push(solved.explanation);
  }
  const [a, b] = sides as [LogicalQuery, LogicalQuery];
  const shared = shareContext(a, b);
  if (typeof shared === "string") return shared;
  const [num, den] = shared;
  return {
    sql: `SELECT CAST((${renderSql(num)}) AS double precision)\n  / NULLIF((${renderSql(den)}), 0) AS ratio`,
    explanation: `(${explained[0]}) divided by (${explained[1]})`,
    tables: [...new Set([...tablesOf(num), ...tablesOf(den)].map((t) => t.qualifiedName))],
  };
}

/** One COUNT over all the rows the filters keep: no groups, no ranking. */
function isPlainCount(q: LogicalQuery): boolean {
  const [item] = q.select;
  return (
    q.select.length === 1 &&
    item?.expr.kind === "agg" &&
    item.expr.fn === "count" &&
    q.groupBy === 0 &&
    q.having.length === 0 &&
    q.countRowsAs === undefined
  );
}

const tablesOf = (q: LogicalQuery): IndexedTable[] => [q.root, ...q.joins.map(stepTarget)];

/**
 * "shops with a rating above 4 to shops with a rating below 4 in Lyon": when both sides count the
 * same rows and filter one column differently (the contrast), every other filter — said once, on
 * either side — bounds both. Without a contrast each side keeps its own filters ("papers in 2020 to
 * all papers"). A shared filter the other side's joins do not reach is refused, not dropped.
 */
function shareContext(a: LogicalQuery, b: LogicalQuery): [LogicalQuery, LogicalQuery] | string {
  if (a.root !== b.root) return [a, b];
  const columns = (q: LogicalQuery) => new Set<IndexedColumn>(q.where.flatMap(predicateColumns));
  const [ca, cb] = [columns(a), columns(b)];
  const contrast = [...ca].some((c) => cb.has(c));
  if (!contrast) return [a, b];
  const only = (q: LogicalQuery, other: Set<IndexedColumn>) =>
    q.where.filter((p) => !predicateColumns(p).some((c) => other.has(c)));
  const withAll = (q: LogicalQuery, extra: Predicate[]): LogicalQuery | string => {
    const reach = new Set(tablesOf(q));
    const lost = extra.find((p) => predicateTables(p).some((t) => !reach.has(t)));
    if (lost !== undefined) return "whether a filter of one side of the ratio bounds the other too";
    return { ...q, where: [...q.where, ...extra] };
  };
  const num = withAll(a, only(b, ca));
  const den = withAll(b, only(a, cb));
  if (typeof num === "string") return num;
  if (typeof den === "string") return den;
  return [num, den];
}
