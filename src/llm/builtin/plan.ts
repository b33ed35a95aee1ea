import { type Dimension, dimensionCandidates, type QuestionParts } from "./assemble";
import type { Comparison } from "./intent";
import type { AggFn } from "./lexicon";
import { countTargets, isMoneyTable, isRevenueWord, type Measure, measureCandidates } from "./measures";
import type { IndexedTable } from "../../linking";
import { mentionsTable, type ResolveContext } from "./phrase";
import { planCount, planList } from "./plan-count";
import { planRank } from "./plan-rank";
import {
  agg, baseQuery, type Built, CANDIDATE_SHARE, comparePredicate, countComparison, describeExpr, describeFilters, fail, measureAlias,
  orderAndLimit, pickBest, type PlanOptions, type PlanResult, word,
} from "./plan-support";
import type { Token } from "./tokens";
import { assemble } from "./assemble";

export type { PlanOptions, PlanResult } from "./plan-support";

/**
 * Turns a parsed question into a LogicalQuery for one schema. Four shapes: an aggregate (optionally
 * grouped), a count, a ranking (top N), and a plain list. For each, candidate fact tables are tried
 * and the one whose joins are shortest and do not repeat the measured rows wins.
 */

export function planQuery(ctx: ResolveContext, parts: QuestionParts, options: PlanOptions): PlanResult {
  const { intent } = parts;
  if (intent.unsupported !== undefined) return fail(`${intent.unsupported} are not supported by the built-in generator`);
  const used = new Set<Token>();
  let n = intent.rank?.n;
  const loose = intent.looseNumbers[0];
  if (loose !== undefined && (intent.rank !== undefined || intent.agg?.superlative) && n === undefined && Number.isInteger(loose.value)) {
    n = loose.value;
    used.add(loose);
  }
  for (const t of intent.looseNumbers) if (!used.has(t)) return fail(`did not understand the number "${t.text}"`);

  const groups: Dimension[][] = [];
  const byMeasures: Token[][] = [];
  for (const g of intent.groups) {
    const dims = dimensionCandidates(ctx, g);
    const measures = measureCandidates(ctx, g);
    const bestDim = dims[0];
    const bestMeasure = measures[0];
    // "top 5 products by revenue": a "by" phrase naming a measure ranks rather than groups.
    if (bestMeasure !== undefined && (bestDim === undefined || (bestMeasure.used.length >= bestDim.used.length && bestMeasure.score > bestDim.score))) {
      byMeasures.push(g);
    } else if (bestDim !== undefined) groups.push(dims);
    else return fail(`did not understand the grouping "${g.map((t) => t.text).join(" ")}"`);
  }
  const rankMeasure = [...(intent.rank?.measure ?? []), ...byMeasures.flat()];
  const superlativeEntity = intent.agg?.superlative === true && intent.subject.length > 0;
  const rowComparisons = intent.comparisons.filter((c) => countComparison(ctx, c) === undefined);
  const countComparisons = intent.comparisons.filter((c) => countComparison(ctx, c) !== undefined);

  let result: PlanResult;
  // "top 10 cities by number of customers": a count that ranks.
  if (intent.rank !== undefined && intent.agg?.fn === "count" && intent.subject.length > 0) {
    result = planRank(ctx, parts, groups, [...rankMeasure, ...intent.measure], n, rowComparisons, options);
  } else if (intent.agg?.fn === "count" && !superlativeEntity) {
    result = planCount(ctx, parts, groups, intent.measure.length > 0 ? intent.measure : intent.subject, rowComparisons, countComparisons, options);
  } else if (intent.rank !== undefined || superlativeEntity || byMeasures.length > 0) {
    if (intent.agg !== undefined && !intent.agg.superlative && intent.measure.length > 0) rankMeasure.push(...intent.measure);
    if (intent.agg?.superlative) rankMeasure.push(...(intent.agg.implies === "price" ? [word("price")] : intent.measure));
    result = planRank(ctx, parts, groups, rankMeasure, n, rowComparisons, options);
  } else if (intent.agg !== undefined) {
    const phrase = intent.measure.length > 0 ? intent.measure : intent.subject;
    const measures = measureCandidates(ctx, phrase);
    // "total orders by month": a total of rows is a count.
    const count = countTargets(ctx, phrase)[0];
    if (count?.kind === "rows" && isMoneyTable(count.table)) {
      // "total payments": the amounts, not the number of rows.
      const amounts = tableAmounts(ctx, count.table, phrase);
      result = amounts.length > 0 ? planAggregate(ctx, parts, groups, amounts, intent.agg.fn, phrase, rowComparisons, options) : planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
    } else if (count?.kind === "rows" && (measures[0] === undefined || count.used.length > (measures[0]?.used.length ?? 0))) {
      result = planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
    } else result = planAggregate(ctx, parts, groups, measures, intent.agg.fn, phrase, rowComparisons, options);
  } else if (groups.length > 0 || intent.bucket !== undefined) {
    const count = countTargets(ctx, intent.subject)[0];
    const measures = measureCandidates(ctx, intent.subject);
    if (count?.kind === "rows" && count.score >= 10) result = planCount(ctx, parts, groups, intent.subject, rowComparisons, countComparisons, options);
    else if (measures.length > 0) result = planAggregate(ctx, parts, groups, measures, undefined, intent.subject, rowComparisons, options);
    else if (count !== undefined) result = planCount(ctx, parts, groups, intent.subject, rowComparisons, countComparisons, options);
    else result = fail(intent.subject.length > 0 ? `did not find a measure or table for "${intent.subject.map((t) => t.text).join(" ")}"` : "did not find what to measure");
  } else {
    // "revenue in 2023": a bare amount is a total; a bare price or a table is a list.
    const measures = measureCandidates(ctx, intent.subject);
    const count = countTargets(ctx, intent.subject)[0];
    const m = measures[0];
    // "categories with revenue over 1000000": groups of the subject, filtered on an aggregate.
    const onRevenue = rowComparisons.find((c) => c.before.some(isRevenueWord));
    const subjectDims = onRevenue === undefined ? [] : dimensionCandidates(ctx, intent.subject.filter((t) => !onRevenue.before.includes(t)));
    if (onRevenue !== undefined && subjectDims.length > 0) {
      result = planAggregate(ctx, parts, [subjectDims, ...groups], measureCandidates(ctx, onRevenue.before), undefined, onRevenue.before, rowComparisons, options, true);
    } else if (!intent.list && m !== undefined && m.defaultAgg === "sum" && m.used.length === intent.subject.length && !(count?.kind === "rows" && count.score >= 10)) {
      result = planAggregate(ctx, parts, groups, measures, undefined, intent.subject, rowComparisons, options);
    } else result = planList(ctx, parts, rowComparisons, countComparisons, options);
  }
  if (result.ok) for (const t of used) result.used.add(t);
  return result;
}

/** The money columns of a table, best first: "total payments" -> payments.amount. */
export function tableAmounts(ctx: ResolveContext, table: IndexedTable, phrase: Token[]): Measure[] {
  return measureCandidates(ctx, [...phrase, word("amount")]).filter((m) => m.table === table && m.expr.kind === "column");
}

export function planAggregate(
  ctx: ResolveContext, parts: QuestionParts, groups: Dimension[][], measures: Measure[], fn: AggFn | undefined, phrase: Token[],
  rowComparisons: Comparison[], options: PlanOptions, entityGroups = false,
): PlanResult {
  const top = measures[0];
  if (top === undefined) return fail(`did not find a numeric column for "${phrase.map((t) => t.text).join(" ") || "the measure"}"`);
  const grouped = groups.length > 0 || parts.intent.bucket !== undefined || entityGroups;
  // "categories with revenue over 10000": a comparison on the measure itself filters groups.
  const isHaving = (c: Comparison) => grouped && (c.before.length === 0 ? c.after.length === 0 : c.before.every((t) => phrase.includes(t)));
  const context = [...parts.intent.subject, ...parts.intent.context.flat()];
  const builds: Built[] = [];
  for (const m of measures.filter((x) => x.score >= top.score * CANDIDATE_SHARE).slice(0, 6)) {
    const a = assemble(ctx, parts, m.table, groups, { bucket: parts.intent.bucket, rowComparisons: rowComparisons.filter((c) => !isHaving(c)), used: m.used });
    const f = fn ?? m.defaultAgg;
    // SUM or AVG over joins that repeat the measured rows would be wrong, not just slow.
    const unsafe = a.fanout && (f === "sum" || f === "avg" || f === "median");
    if (unsafe) a.errors.push(`${f.toUpperCase()} of ${describeExpr(m.expr)} without counting rows twice (the question joins tables with several rows per ${m.table.table.name} row)`);
    const measureExpr = agg(f, m.expr);
    const dimsFlat = a.dims.flat();
    const q = baseQuery(a, [...dimsFlat, { expr: measureExpr, alias: measureAlias(f, m) }], dimsFlat.length);
    q.having = rowComparisons.filter(isHaving).map((c) => comparePredicate(measureExpr, c));
    orderAndLimit(q, a.dims, dimsFlat.length, parts.intent.bucket !== undefined, options.rowLimit);
    const bonus = mentionsTable(ctx, context, m.table) ? 0.4 : 0;
    const describe = [
      `${describeExpr(measureExpr)}`,
      a.dimNames.length > 0 ? `by ${a.dimNames.join(", ")}` : "",
      a.where.length > 0 ? `where ${describeFilters(a.where)}` : "",
      q.having.length > 0 ? `having ${describeFilters(q.having)}` : "",
    ].filter(Boolean).join(" ");
    builds.push({ a, value: m.score + bonus - 0.3 * a.cost, query: q, describe });
  }
  return pickBest(builds);
}
