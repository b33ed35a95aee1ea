import type { DateRange } from "../../dates";
import type { QuestionParts } from "./assemble";
import { aliasFrom } from "./phrase";
import { describeExpr, describeFilters, fail, type PlanResult } from "./plan-support";
import type { Expr, Predicate, SelectItem } from "./query";
import type { Token } from "./tokens";

/**
 * Percentages and growth, as rewrites of an already planned measure: whatever the planners found
 * (a count, a sum over joins, a grouping, a time series), the ratio is taken of that measure. So
 * "percentage of orders cancelled" is "how many orders were cancelled" with its filter moved into
 * the numerator, and "revenue growth from 2023 to 2024" is "revenue from 2023 to 2024" split by period.
 */

type Planned = Extract<PlanResult, { ok: true }>;

const percent = (part: Expr, whole: Expr): Expr => ({ kind: "percent", part, whole });
const difference = (left: Expr, right: Expr): Expr => ({ kind: "difference", left, right });
const filtered = (measure: Expr, filter: Predicate[]): Expr =>
  measure.kind === "agg" ? { ...measure, filter: [...(measure.filter ?? []), ...filter] } : measure;

/** The aggregate a plan measures: its last output column, when it is one. */
function measureOf(plan: Planned): SelectItem | undefined {
  const q = plan.query;
  const last = q.select[q.select.length - 1];
  return q.countRowsAs === undefined && q.groupBy < q.select.length && last?.expr.kind === "agg" ? last : undefined;
}

/**
 * Position of the word naming what is measured ("orders" in "percentage of web orders that were
 * cancelled"); the measure's own phrase may hold filter words too ("products are inactive").
 */
function headIndex(parts: QuestionParts, filterWords: ReadonlySet<Token>): number {
  const phrase = parts.intent.measure.length > 0 ? parts.intent.measure : parts.intent.subject;
  return Math.max(-1, ...phrase.filter((t) => !filterWords.has(t)).map((t) => t.i));
}

/**
 * "What percentage of orders were cancelled": filters said after the measured noun pick the part,
 * those before it ("web orders") and the dates stay on the whole. Without such a filter, each group's
 * share of the total ("share of revenue by country"), per period when the groups are also a series.
 */
export function shareOf(plan: Planned, parts: QuestionParts): PlanResult {
  const q = plan.query;
  const m = measureOf(plan);
  if (m === undefined || m.expr.kind !== "agg") return fail("did not find a count or a sum to take a percentage of");
  if (m.expr.fn !== "count" && m.expr.fn !== "sum")
    return fail(
      `percentages of ${m.expr.fn === "avg" ? "averages" : "minimums, maximums or medians"} are not supported: only counts and sums add up to a whole`,
    );
  // An inner join that repeats or drops rows of the measured table would change the whole.
  if (q.joins.some((s) => !s.forward))
    return fail("could not work out a percentage over joins with several rows per measured row");
  const wordsOf = (p: Predicate) => plan.origins?.get(p) ?? [];
  const head = headIndex(parts, new Set(q.where.flatMap(wordsOf)));
  const part = q.where.filter((p) => wordsOf(p).length > 0 && wordsOf(p).every((t) => t.i > head));
  const dims = q.select.slice(0, q.groupBy);
  const hasBucket = dims.some((d) => d.expr.kind === "bucket");
  if (part.length > 0) {
    const words = part.flatMap(wordsOf).sort((a, b) => a.i - b.i);
    const fraction = parts.intent.fraction === true;
    const pct: SelectItem = {
      expr: { ...percent(filtered(m.expr, part), m.expr), ...(fraction ? { fraction } : {}) },
      alias: `${fraction ? "fraction" : "pct"}_${aliasFrom(words, false) || "matching"}`,
    };
    q.where = q.where.filter((p) => !part.includes(p));
    q.select = dims.length > 0 ? [...dims, m, pct] : [pct];
    if (dims.length > 0 && !hasBucket) q.orderBy = [{ select: q.select.length - 1, dir: "DESC" }];
    const rest = [
      q.where.length > 0 ? `where ${describeFilters(q.where)}` : "",
      dims.length > 0 ? `by ${dims.map((d) => d.alias ?? describeExpr(d.expr)).join(", ")}` : "",
    ];
    return { ...plan, explanation: [describeExpr(pct.expr), ...rest].filter(Boolean).join(" ") };
  }
  if (dims.length === 0) return fail(`did not find which part of ${m.alias ?? "the total"} to take a percentage of`);
  const qualifier = rateOrShare(q.where, wordsOf, parts);
  if (qualifier !== undefined)
    return fail(
      `did not understand "${qualifier}" in a percentage by group: each group's share of all ${qualifier} rows, or the rate of ${qualifier} rows within each group? Say "what percentage of … were ${qualifier}" for the rate, or "of all ${qualifier} …" for the share`,
    );
  // "monthly share of revenue by channel": each month's channels add up to 100.
  const partition = hasBucket && dims.length > 1 ? dims.filter((d) => d.expr.kind === "bucket").map((d) => d.expr) : [];
  const fraction = parts.intent.fraction === true;
  const pct: SelectItem = {
    expr: {
      ...percent(m.expr, { kind: "window", fn: "sum", arg: m.expr, partition }),
      ...(fraction ? { fraction } : {}),
    },
    alias: fraction ? "fraction_of_total" : "pct_of_total",
  };
  q.select = [...dims, m, pct];
  return { ...plan, explanation: `${plan.explanation}, with each group's percentage of the total` };
}

/** Filters that pick rows by what they are ("completed", "from Spain"), as opposed to when. */
const QUALIFYING = new Set<Predicate["kind"]>(["equals", "like", "bool", "null", "compare", "between", "either"]);
/** Words saying the percentage is of everything measured: "of all", "account for", "came from". */
const OF_THE_WHOLE =
  /^(?:all|total|whole|entire|overall|account|accounts|accounted|come|comes|came|make|makes|made|contribute|contributes|contributed)$/;

/**
 * "the percentage of completed appointments for each doctor": each doctor's share of all completed
 * appointments, or the share of each doctor's appointments that were completed? Both are common
 * readings, so a qualifier before the measured noun in a grouped percentage is refused, naming it,
 * unless the question says the whole is everything ("of all refunded orders", "came from each").
 */
function rateOrShare(
  where: readonly Predicate[],
  wordsOf: (p: Predicate) => readonly Token[],
  parts: QuestionParts,
): string | undefined {
  if (parts.tokens.some((t) => OF_THE_WHOLE.test(t.text))) return undefined;
  const words = where.filter((p) => QUALIFYING.has(p.kind)).flatMap(wordsOf);
  return words.length > 0 ? words.map((t) => t.text).join(" ") : undefined;
}

/** "q1 2024" -> "q1_2024": a period's words as part of an output name. */
const periodLabel = (r: DateRange): string =>
  r.text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/**
 * "Revenue growth from 2023 to 2024": the measure in each period, the change and the change in
 * percent of the earlier one. "Month over month growth": the same against the previous time bucket,
 * with lag() over the series (within each other grouping).
 */
export function growthOf(plan: Planned, parts: QuestionParts): PlanResult {
  const q = plan.query;
  const m = measureOf(plan);
  if (m === undefined) return fail("did not find a measure whose change to work out");
  const dims = q.select.slice(0, q.groupBy);
  const bucket = dims.find((d) => d.expr.kind === "bucket");
  const name = m.alias ?? "value";
  if (parts.periods !== undefined) {
    if (bucket !== undefined)
      return fail("comparisons of two periods by time bucket are not supported by the built-in generator");
    const range = q.where.find((p): p is Extract<Predicate, { kind: "dateRange" }> => p.kind === "dateRange");
    if (range === undefined) return fail("could not work out which date the compared periods refer to");
    const within = (r: DateRange): Predicate => ({
      kind: "dateRange",
      left: range.left,
      ...(r.start !== undefined ? { start: r.start } : {}),
      ...(r.end !== undefined ? { end: r.end } : {}),
    });
    const [earlier, later] = parts.periods;
    const before = filtered(m.expr, [within(earlier)]);
    const after = filtered(m.expr, [within(later)]);
    // Two periods written alike ("march" and "March") still need two output names.
    const labels =
      periodLabel(earlier) === periodLabel(later) ? ["earlier", "later"] : [periodLabel(earlier), periodLabel(later)];
    q.select = [
      ...dims,
      { expr: before, alias: `${name}_${labels[0]}` },
      { expr: after, alias: `${name}_${labels[1]}` },
      { expr: difference(after, before), alias: "change" },
      { expr: percent(difference(after, before), before), alias: "pct_change" },
    ];
    if (dims.length > 0) q.orderBy = [{ select: dims.length + 1, dir: "DESC" }];
    return {
      ...plan,
      explanation: `${plan.explanation}, in ${earlier.text} and in ${later.text}, with the change and its percentage`,
    };
  }
  if (bucket === undefined)
    return fail('did not find the periods to compare: name two ("from 2023 to 2024") or say "month over month"');
  const previous: Expr = {
    kind: "window",
    fn: "lag",
    arg: m.expr,
    partition: dims.filter((d) => d !== bucket).map((d) => d.expr),
    order: bucket.expr,
  };
  q.select = [
    ...dims,
    m,
    { expr: previous, alias: `previous_${name}` },
    { expr: difference(m.expr, previous), alias: "change" },
    { expr: percent(difference(m.expr, previous), previous), alias: "pct_change" },
  ];
  return {
    ...plan,
    explanation: `${plan.explanation}, with the change from the previous ${bucket.alias ?? "period"} and its percentage`,
  };
}
