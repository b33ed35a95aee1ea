import { weekdayNames } from "../../dates";
import { type IndexedColumn, type IndexedTable, stepTarget } from "../../linking";
import type { Assembly } from "./assemble";
import type { Comparison } from "./intent";
import type { AggFn } from "./lexicon";
import { eventTable, type Measure } from "./measures";
import { matchTables, type ResolveContext } from "./phrase";
import type { Expr, LogicalQuery, Predicate, SelectItem } from "./query";
import type { Token } from "./tokens";

/** Shared pieces of the question planners (plan*.ts): results, naming, explanations, the final pick. */

export type PlanResult =
  | {
      ok: true;
      query: LogicalQuery;
      explanation: string;
      used: Set<Token>;
      tables: IndexedTable[];
      /** The question words each filter came from: a percentage tells its part from its whole by them. */
      origins?: ReadonlyMap<Predicate, readonly Token[]>;
    }
  | { ok: false; reason: string };

export interface PlanOptions {
  rowLimit: number;
  /** The question asks for its rows in an order ("ordered from largest to smallest"): a superlative without a number then sorts every row instead of keeping a default top 10. */
  sorted?: boolean;
}

export const fail = (reason: string): PlanResult => ({ ok: false, reason });

/**
 * The column identifying a table's rows: its single-column primary key, or where none is declared
 * (databases loaded from dumps often declare none) the column linking reads as its key — "id",
 * "<table>_id", an initialism such as "rid" in review (linking/inferred-keys.ts ownKey).
 * COUNT(DISTINCT …) of it counts rows once across joins that repeat them.
 */
export function rowKey(t: IndexedTable): IndexedColumn | undefined {
  if (t.table.primaryKey.length === 1) return t.column(t.table.primaryKey[0] as string);
  if (t.table.primaryKey.length > 1) return undefined;
  const keys = t.columns.filter((c) => c.isPrimaryKey);
  return keys.length === 1 ? keys[0] : undefined;
}
export const AVG_WORDS = /^(average|avg|mean)$/;
/** Fewer than this share of the best candidate's score is not worth trying as a fact table. */
export const CANDIDATE_SHARE = 0.5;

export interface Built {
  a: Assembly;
  value: number;
  query: LogicalQuery;
  describe: string;
}

export function measureAlias(fn: AggFn, m: Measure): string {
  const name = m.name;
  if (fn === "sum")
    return /^(revenue|sales|sale|income|turnover|gmv|earnings|spend|spending|total)/.test(name)
      ? name
      : `total_${name}`;
  return `${fn === "median" ? "median" : fn}_${name}`;
}

export const agg = (fn: AggFn, arg: Expr | undefined, distinct = false): Expr =>
  distinct ? { kind: "agg", fn, arg, distinct } : { kind: "agg", fn, arg };

export function describeExpr(e: Expr): string {
  switch (e.kind) {
    case "column":
      return `${e.column.table.table.name}.${e.column.column.name}`;
    case "bucket":
      return `${e.unit} of ${e.column.table.table.name}.${e.column.column.name}`;
    case "weekdayName":
      return `weekday name of ${e.column.table.table.name}.${e.column.column.name}`;
    case "monthNumber":
      return `calendar month of ${e.column.table.table.name}.${e.column.column.name}`;
    case "star":
      return `${e.table.table.name}.*`;
    case "product":
      return e.factors.map(describeExpr).join(" * ");
    case "oneMinus":
      return `(1 - ${describeExpr(e.arg)}${e.percent ? " / 100" : ""})`;
    case "inUnit":
      return `${describeExpr(e.arg)} in ${e.unit}`;
    case "agg": {
      const filter = e.filter !== undefined && e.filter.length > 0 ? ` for ${describeFilters(e.filter)}` : "";
      return `${e.fn.toUpperCase()}(${e.distinct ? "DISTINCT " : ""}${e.arg === undefined ? "*" : describeExpr(e.arg)})${filter}`;
    }
    case "percent":
      return `${describeExpr(e.part)} as a ${e.fraction ? "fraction" : "percentage"} of ${describeExpr(e.whole)}`;
    case "difference":
      return `${describeExpr(e.left)} minus ${describeExpr(e.right)}`;
    case "ratio":
      return `${describeExpr(e.num)} divided by ${describeExpr(e.den)}`;
    case "window":
      return e.fn === "sum" ? `the total of ${describeExpr(e.arg)}` : `${describeExpr(e.arg)} of the previous period`;
  }
}

export function describeFilters(preds: readonly Predicate[]): string {
  return preds.map(describePredicate).join("; ");
}

function describePredicate(p: Predicate): string {
  if (p.kind === "either") return p.of.map(describePredicate).join(" or ");
  if (p.kind === "related") {
    const related = p.steps.map((step) => stepTarget(step).table.name);
    return `${p.negated ? "no" : "some"} related ${related[related.length - 1] ?? "rows"}${p.where.length > 0 ? ` where ${describeFilters(p.where)}` : ""}`;
  }
  const left = describeExpr(p.left);
  switch (p.kind) {
    case "compare":
      return `${left} ${p.op} ${p.value}`;
    case "between":
      return `${left} between ${p.low} and ${p.high}`;
    case "equals":
      return `${left} ${p.negated ? "not " : ""}in (${p.values.join(", ")})`;
    case "like":
      return `${left} ${p.negated ? "not " : ""}like ${p.pattern}`;
    case "bool":
      return `${left} is ${p.value}`;
    case "null":
      return `${left} is ${p.isNull ? "" : "not "}null`;
    case "weekday":
      return `${left} on ${weekdayNames(p.days)}`;
    case "dateRange":
      return `${left} from ${p.start ?? "the beginning"} to ${p.end === undefined ? "now" : `before ${p.end}`}`;
  }
}

export function baseQuery(a: Assembly, select: SelectItem[], groupBy: number): LogicalQuery {
  return { root: a.fact, joins: a.joins, select, distinct: false, where: a.where, groupBy, having: [], orderBy: [] };
}

/**
 * A comparison whose words after the number name another table: "customers with more than 5 orders";
 * or "times" after a participle naming an event table: "customers who rented more than 10 times".
 */
export function countComparison(ctx: ResolveContext, c: Comparison): IndexedTable | undefined {
  return countedRows(ctx, c)?.table;
}

/** The table a count comparison counts and the words naming it ("times" names an event table). */
export function countedRows(ctx: ResolveContext, c: Comparison): { table: IndexedTable; words: Token[] } | undefined {
  if (c.after.length === 0) return undefined;
  if (c.after.length === 1 && c.after[0]?.text === "times") {
    const table = eventTable(ctx, c.before)?.table;
    return table === undefined ? undefined : { table, words: c.after };
  }
  // "more than 5 sold listings", "at least 2 rejected claims": the words before the table's noun
  // qualify the counted rows (values, flags), read like any other filter of the question, and are
  // left for it to explain.
  for (let from = 0; from < c.after.length; from++) {
    const words = c.after.slice(from);
    const table = matchTables(ctx, words).find((t) => t.coverage === 1 && t.used.length === words.length)?.table;
    if (table !== undefined) return { table, words };
  }
  return undefined;
}

/** Picks the best build among candidate facts; a build with errors only wins if nothing else is left. */
export function pickBest(builds: Built[]): PlanResult {
  // A reading that leaves a question word unused ("active" in "active products by category", read as
  // a count of categories) loses to one that uses it, whatever its joins cost.
  const words = (b: Built) => [...b.a.used].filter((t) => t.i >= 0).length;
  const ok = builds.filter((b) => b.a.errors.length === 0).sort((x, y) => words(y) - words(x) || y.value - x.value);
  const best = ok[0];
  if (best === undefined) {
    const first = builds[0];
    return fail(first === undefined ? "did not find what to measure" : `could not work out ${first.a.errors[0]}`);
  }
  return {
    ok: true,
    query: best.query,
    explanation: best.describe,
    used: best.a.used,
    tables: [best.a.fact, ...best.a.required],
    origins: best.a.origins,
  };
}

export function orderAndLimit(
  q: LogicalQuery,
  dims: SelectItem[][],
  measureIndex: number,
  hasBucket: boolean,
  rowLimit: number,
): void {
  if (dims.length === 0) return;
  const entityDims = dims.some((items) => items.length > 1);
  if (hasBucket) q.orderBy = dims.flat().map((_, i) => ({ select: i, dir: "ASC" as const, positional: true }));
  else q.orderBy = [{ select: measureIndex, dir: "DESC" }];
  // Groupings by an entity (customer, product) can be as long as the table; periods and categories cannot.
  if (entityDims) q.limit = rowLimit;
}
