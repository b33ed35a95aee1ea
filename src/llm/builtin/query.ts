import type { IsoWeekday } from "../../dates";
import type { IndexedColumn, IndexedTable, JoinStep } from "../../linking";
import type { Comparison } from "./intent";
import type { AggFn, CmpOp, TimeUnit } from "./lexicon";

/**
 * A resolved question as a small relational tree: columns are catalog objects, not text, so table
 * aliases and identifier quoting are decided once, when the SQL is rendered (sql-builder.ts).
 */

export type Expr =
  | { kind: "column"; column: IndexedColumn }
  | { kind: "bucket"; unit: TimeUnit; column: IndexedColumn }
  /** The month number (1-12) of a text column holding month names ('January'): calendar order. */
  | { kind: "monthNumber"; column: IndexedColumn }
  /** The day of the week by name ('Monday'), shown beside a weekday bucket (its number orders it). */
  | { kind: "weekdayName"; column: IndexedColumn }
  /** `arg` undefined means `*`; `filter` restricts the rows aggregated (`FILTER (WHERE ...)`). */
  | { kind: "agg"; fn: AggFn; arg?: Expr; distinct?: boolean; filter?: Predicate[] }
  | { kind: "product"; factors: Expr[] }
  /** `(1 - arg)`, or `(1 - arg / 100)` for percentages: the share left after a discount. */
  | { kind: "oneMinus"; arg: Expr; percent: boolean }
  | { kind: "star"; table: IndexedTable }
  /** `part` as a percentage of `whole` (with `fraction`, between 0 and 1), rounded; NULL when `whole` is 0. */
  | { kind: "percent"; part: Expr; whole: Expr; fraction?: boolean }
  | { kind: "difference"; left: Expr; right: Expr }
  /** `arg` in another unit of its quantity: times `factor` ("in minutes" of milliseconds: 1/60000). */
  | { kind: "inUnit"; arg: Expr; factor: number; unit: string }
  /** `num / den` as a float; NULL when `den` is 0. */
  | { kind: "ratio"; num: Expr; den: Expr }
  /**
   * A window over the grouped rows: the total of an aggregate across groups (shares), or its value
   * in the previous period (growth).
   */
  | { kind: "window"; fn: "sum" | "lag"; arg: Expr; partition: Expr[]; order?: Expr };

export type Predicate =
  | { kind: "compare"; left: Expr; op: CmpOp; value: number }
  | { kind: "between"; left: Expr; low: number; high: number }
  | { kind: "equals"; left: Expr; values: string[]; negated: boolean }
  /** Case-insensitive LIKE: `pattern` already carries its % and escapes (patterns.ts likePattern). */
  | { kind: "like"; left: Expr; pattern: string; negated: boolean }
  | { kind: "bool"; left: Expr; value: boolean }
  | { kind: "null"; left: Expr; isNull: boolean }
  | { kind: "dateRange"; left: Expr; start?: string; end?: string }
  /** Some days of every week ("on weekends"): ISO numbers, Monday 1 … Sunday 7. */
  | { kind: "weekday"; left: Expr; days: IsoWeekday[] }
  /**
   * A related row exists ("writers who have written books"), or with `negated` none does ("customers
   * who never ordered"): [NOT] EXISTS along `steps`, a join path from the outer table whose first step
   * is correlated with it; `where` applies to the related rows.
   */
  | { kind: "related"; negated: boolean; steps: JoinStep<IndexedTable>[]; where: Predicate[] }
  /** Any of several filters holds ("with a final project or a final exam"): `(a OR b)`. */
  | { kind: "either"; of: Predicate[] };

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

/** `positional` orders by output position ("ORDER BY 1, 2"), as time series conventionally do. */
export type OrderTerm =
  | { select: number; dir: "ASC" | "DESC"; positional?: boolean }
  | { expr: Expr; dir: "ASC" | "DESC" };

export interface LogicalQuery {
  root: IndexedTable;
  /** Joins in order; each step's source is the root or the target of an earlier step. */
  joins: JoinStep<IndexedTable>[];
  select: SelectItem[];
  distinct: boolean;
  where: Predicate[];
  /** The first `groupBy` select items are the grouping keys (0 = no GROUP BY). */
  groupBy: number;
  having: Predicate[];
  orderBy: OrderTerm[];
  limit?: number;
  /** Count the rows of the query instead of returning them ("how many customers have more than 5 orders"). */
  countRowsAs?: string;
  /** Joins rendered as LEFT JOIN: rows of the root with nothing related stay (counted as 0). */
  outerJoins?: ReadonlySet<JoinStep<IndexedTable>>;
}

export const col = (column: IndexedColumn): Expr => ({ kind: "column", column });

export function exprTables(e: Expr): IndexedTable[] {
  switch (e.kind) {
    case "column":
    case "bucket":
    case "monthNumber":
    case "weekdayName":
      return [e.column.table];
    case "agg":
      return e.arg === undefined ? [] : exprTables(e.arg);
    case "product":
      return e.factors.flatMap(exprTables);
    case "oneMinus":
    case "inUnit":
      return exprTables(e.arg);
    case "star":
      return [e.table];
    case "percent":
      return [...exprTables(e.part), ...exprTables(e.whole)];
    case "difference":
      return [...exprTables(e.left), ...exprTables(e.right)];
    case "ratio":
      return [...exprTables(e.num), ...exprTables(e.den)];
    case "window":
      return exprTables(e.arg);
  }
}

/** Tables of the outer query a predicate reads; a `related` one reads only its own subquery. */
export function predicateTables(p: Predicate): IndexedTable[] {
  if (p.kind === "either") return [...new Set(p.of.flatMap(predicateTables))];
  return p.kind === "related" ? [] : exprTables(p.left);
}

/** `left op value` for a comparison from the question ("over 500", "between 10 and 20"). */
export function comparePredicate(left: Expr, c: Comparison): Predicate {
  return c.op === "between"
    ? { kind: "between", left, low: c.value, high: c.high ?? c.value }
    : { kind: "compare", left, op: c.op, value: c.value };
}

/** An expression and every one inside it, at any depth. */
export const allExpressions = (e: Expr): Expr[] => [e, ...subExpressions(e).flatMap(allExpressions)];

/** The expressions directly inside one: an aggregate's argument, a ratio's parts, a product's factors. */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case "column":
    case "bucket":
    case "monthNumber":
    case "weekdayName":
    case "star":
      return [];
    case "agg":
      return e.arg === undefined ? [] : [e.arg];
    case "product":
      return e.factors;
    case "oneMinus":
    case "inUnit":
    case "window":
      return [e.arg];
    case "percent":
      return [e.part, e.whole];
    case "difference":
      return [e.left, e.right];
    case "ratio":
      return [e.num, e.den];
  }
}

/** Columns an expression reads by name (a `*` reads none in particular). */
export function exprColumns(e: Expr): IndexedColumn[] {
  const own = e.kind === "column" || e.kind === "bucket" || e.kind === "monthNumber" || e.kind === "weekdayName";
  return [
    ...(own ? [e.column] : []),
    ...subExpressions(e).flatMap(exprColumns),
    ...(e.kind === "agg" ? (e.filter ?? []).flatMap(predicateColumns) : []),
  ];
}

export function predicateColumns(p: Predicate): IndexedColumn[] {
  if (p.kind === "either") return p.of.flatMap(predicateColumns);
  return p.kind === "related" ? p.where.flatMap(predicateColumns) : exprColumns(p.left);
}

/** Every column a query reads by name: selected, filtered, grouped, ordered or joined on. */
export function queryColumns(q: LogicalQuery): Set<IndexedColumn> {
  const out = new Set<IndexedColumn>([
    ...q.select.flatMap((s) => exprColumns(s.expr)),
    ...q.where.flatMap(predicateColumns),
    ...q.having.flatMap(predicateColumns),
    ...q.orderBy.flatMap((o) => ("expr" in o ? exprColumns(o.expr) : [])),
  ]);
  return out;
}

const WEEKDAY_NAMES = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;

/** A text column whose sample values are all names of days ('Monday', 'Tue'). */
export function holdsWeekdayNames(c: IndexedColumn): boolean {
  const samples = c.column.samples ?? [];
  return c.kind === "text" && samples.length > 0 && samples.every((v) => WEEKDAY_NAMES.test(v.trim()));
}

const MONTH_NAMES = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

/** A text column whose sample values are all month names ('January', 'Feb'). */
export function holdsMonthNames(c: IndexedColumn): boolean {
  const samples = c.column.samples ?? [];
  return c.kind === "text" && samples.length > 0 && samples.every((v) => MONTH_NAMES.test(v.trim()));
}
