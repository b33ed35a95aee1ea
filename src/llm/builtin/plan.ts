import { type IndexedColumn, type IndexedTable, stepTarget } from "../../linking";
import {
  assemble,
  type Dimension,
  dimensionCandidates,
  dimensionTable,
  fanoutOnlyIntoGroups,
  type QuestionParts,
  wordBeforeValues,
} from "./assemble";
import type { Comparison, Intent, Rank } from "./intent";
import { type AggFn, FILLERS, TIME_UNITS, type TimeUnit } from "./lexicon";
import {
  countTargets,
  isCalendarYear,
  isEarnedWord,
  isMoneySenseWord,
  isMoneyTable,
  isPerUnit,
  isRevenueWord,
  type Measure,
  measureCandidates,
  tableAmounts,
  tableQuantities,
} from "./measures";
import { relatedColumn } from "./output-list";
import {
  aliasFrom,
  isPlural,
  matchColumns,
  matchTables,
  mentionsTable,
  type ResolveContext,
  termWeight,
} from "./phrase";
import { planCount, planList } from "./plan-count";
import { planRank } from "./plan-rank";
import { growthOf, shareOf } from "./plan-ratio";
import {
  agg,
  type Built,
  baseQuery,
  CANDIDATE_SHARE,
  countComparison,
  describeExpr,
  describeFilters,
  fail,
  measureAlias,
  orderAndLimit,
  type PlanOptions,
  type PlanResult,
  pickBest,
  rowKey,
} from "./plan-support";
import { col, comparePredicate, type Expr, type LogicalQuery, type Predicate } from "./query";
import { syntheticWord, type Token } from "./tokens";

export type { PlanOptions, PlanResult } from "./plan-support";

/**
 * Turns a parsed question into a LogicalQuery for one schema. Four shapes: an aggregate (optionally
 * grouped), a count, a ranking (top N), and a plain list. For each, candidate fact tables are tried
 * and the one whose joins are shortest and do not repeat the measured rows wins.
 */

/**
 * "Which films have been watched": "watched" names one word of would_watch_again, which is no amount
 * the question asks to total. A bare amount totalled must be named in full (each word of the column's
 * name said, or a synonym of it).
 */
function namesWholeColumn(ctx: ResolveContext, m: Measure, words: readonly Token[]): boolean {
  if (m.expr.kind !== "column") return true;
  return m.expr.column.nameStems.every((s) => words.some((t) => termWeight(ctx, t.stem, [s]) > 0));
}

/**
 * "average units per case for each product", "average fare per km by city": an average "per" one
 * thing beside another grouping is an average of each case's (each km's) figure within each group,
 * two aggregates in one; grouped by both, every average was over one case's rows. Refused. ("average
 * weight per shipment by carrier", where the shipments are the rows averaged, has no "per" group left.)
 */
export function averagePerWithinGroups(intent: Intent, groups: number, per: Token[] | undefined): string | undefined {
  if (intent.agg?.fn !== "avg" || groups < 2 || per === undefined) return undefined;
  return `did not understand "per ${per.map((t) => t.text).join(" ")}" beside another grouping: averages of per-${per.map((t) => t.text).join(" ")} figures within groups are not supported by the built-in generator`;
}

export function planQuery(ctx: ResolveContext, parts: QuestionParts, options: PlanOptions): PlanResult {
  const { intent } = parts;
  if (intent.unsupported !== undefined)
    return fail(`${intent.unsupported} are not supported by the built-in generator`);
  const busiest = rankedPeriod(parts);
  if (busiest !== undefined) return planRankedPeriod(ctx, parts, busiest, options);
  const used = new Set<Token>();
  let n = intent.rank?.n;
  const loose = intent.looseNumbers[0];
  if (
    loose !== undefined &&
    (intent.rank !== undefined || intent.agg?.superlative) &&
    n === undefined &&
    Number.isInteger(loose.value)
  ) {
    n = loose.value;
    used.add(loose);
  }
  for (const t of intent.looseNumbers) if (!used.has(t)) return fail(`did not understand the number "${t.text}"`);
  if (n !== undefined && (!Number.isInteger(n) || n < 1))
    return fail(`did not understand "top ${n}": the number of rows must be a whole number from 1`);
  if (n !== undefined) n = Math.min(n, options.rowLimit);

  const groups: Dimension[][] = [];
  const groupWords: Token[][] = [];
  const byMeasures: Token[][] = [];
  let perGroup: Token[] | undefined;
  const subjectMeasured =
    intent.agg === undefined &&
    intent.subject.length > 0 &&
    !namesTable(ctx, intent.subject) &&
    measureCandidates(ctx, intent.subject)[0]?.used.length === intent.subject.length;
  for (const g of intent.groups) {
    const dims = dimensionCandidates(ctx, g);
    const measures = measureCandidates(ctx, g);
    const bestDim = dims[0];
    const bestMeasure = measures[0];
    // "top 5 products by revenue": a "by" phrase naming a measure ranks rather than groups; "for
    // each floor" always groups, a number column too, and so does "the average grade by year group",
    // whose measure is already named (it has nothing left to rank by).
    const before = parts.tokens[(g[0]?.i ?? 0) - 1]?.text ?? "";
    // "scans per gate", "bottles produced per vintage": "per" groups, and never ranks, by a label or a
    // year; "revenue per seat" (seat_capacity) is a rate, which no grouping answers.
    const per = before === "per";
    // "Litres pressed by pressing year": a figure before "by" is what is measured, so "by" groups;
    // only rows ("batches by litres pressed") are ranked.
    const each =
      /^(each|every)$/.test(before) ||
      (per && bestDim !== undefined && groupsByLabel(bestDim)) ||
      (before === "by" && subjectMeasured);
    const measured =
      intent.agg !== undefined && !intent.agg.superlative && intent.measure.length > 0 && intent.rank === undefined;
    if (
      bestMeasure !== undefined &&
      !((each || measured) && bestDim !== undefined) &&
      (bestDim === undefined || (bestMeasure.used.length >= bestDim.used.length && bestMeasure.score > bestDim.score))
    ) {
      if (per && !perInMeasureName(ctx, parts, g))
        return fail(
          `did not understand "per ${g.map((t) => t.text).join(" ")}": a figure per unit of ${describeExpr(bestMeasure.expr)} (a rate) is not supported by the built-in generator`,
        );
      byMeasures.push(g);
    } else if (perInMeasureName(ctx, parts, g)) {
      // "the average price per kwh by region": "kwh" finishes the measure's name.
      intent.measure = [...intent.measure, ...g];
    } else if (bestDim !== undefined && averagePerOwnRow(ctx, parts, g, bestDim)) {
      for (const t of g) intent.cueTokens.add(t);
    } else if (bestDim !== undefined) {
      groups.push(dims);
      groupWords.push(g);
      if (per) perGroup = g;
    } else return fail(`did not understand the grouping "${g.map((t) => t.text).join(" ")}"`);
  }
  const nested = averagePerWithinGroups(intent, groups.length, perGroup);
  if (nested !== undefined) return fail(nested);
  const rankMeasure = [...(intent.rank?.measure ?? []), ...byMeasures.flat()];
  const superlativeEntity = intent.agg?.superlative === true && intent.subject.length > 0;
  const rowComparisons = intent.comparisons.filter((c) => countComparison(ctx, c) === undefined);
  const countComparisons = intent.comparisons.filter((c) => countComparison(ctx, c) !== undefined);

  // "the last order", "the first customer": recency without a number, which a bare "last" cannot
  // signal in the scanner ("last name" is a column).
  const lead = intent.subject[0];
  if (
    intent.rank === undefined &&
    lead !== undefined &&
    /^(last|first)$/.test(lead.text) &&
    namesTable(ctx, intent.subject.slice(1))
  ) {
    intent.rank = { dir: lead.text === "last" ? "desc" : "asc", by: "recent", measure: [] };
    intent.subject = intent.subject.slice(1);
    intent.cueTokens.add(lead);
  }

  const related = relatedRecency(ctx, intent.subject);
  if (related !== undefined)
    return fail(`did not understand "${related}": the first or last of related rows is not supported`);

  let result: PlanResult;
  const ratio = intent.share || intent.growth !== undefined;
  if (ratio && intent.rank === undefined && intent.agg === undefined) {
    // "percentage of orders ...", "revenue growth ...": the measure is named without an aggregate.
    result = planMeasure(ctx, parts, groups, rowComparisons, countComparisons, options);
  } else if (intent.rank !== undefined && intent.agg?.fn === "count" && intent.subject.length > 0) {
    // "top 10 cities by number of customers": a count that ranks.
    result = planRank(
      ctx,
      parts,
      groups,
      intent.subject,
      [...rankMeasure, ...intent.measure],
      n,
      rowComparisons,
      options,
    );
  } else if (
    intent.agg?.superlative &&
    intent.subject.length === 0 &&
    intent.measure.length > 0 &&
    namesTable(ctx, intent.measure)
  ) {
    // "the 3 largest orders": the words after the superlative are what is ranked, by its amount, or
    // by what a "by" phrase names ("the 10 largest tracks by file size").
    const implied = intent.agg.implies === undefined ? [] : [syntheticWord(intent.agg.implies)];
    const by = byMeasures.flat();
    result = planRank(ctx, parts, groups, intent.measure, by.length > 0 ? by : implied, n, rowComparisons, options);
  } else if (intent.agg?.fn === "count" && !superlativeEntity) {
    result = planCount(
      ctx,
      parts,
      groups,
      intent.measure.length > 0 ? intent.measure : intent.subject,
      rowComparisons,
      countComparisons,
      options,
    );
  } else if (intent.rank !== undefined || superlativeEntity || byMeasures.length > 0) {
    if (intent.agg !== undefined && !intent.agg.superlative && intent.measure.length > 0)
      rankMeasure.push(...intent.measure);
    if (intent.agg?.superlative)
      rankMeasure.push(...(intent.agg.implies !== undefined ? [syntheticWord(intent.agg.implies)] : intent.measure));
    result = planRank(ctx, parts, groups, intent.subject, rankMeasure, n, rowComparisons, options);
  } else if (intent.agg !== undefined && groups.length === 0 && comparedPerSubject(ctx, intent, rowComparisons)) {
    const dims = comparedPerSubject(ctx, intent, rowComparisons) ?? [];
    const measures = measureCandidates(ctx, intent.measure);
    result = planAggregate(ctx, parts, [dims], measures, intent.agg.fn, intent.measure, rowComparisons, options, true);
  } else if (intent.agg !== undefined) {
    let phrase = intent.measure.length > 0 ? intent.measure : intent.subject;
    if (phrase.length === 0) {
      // "how much did each segment spend": the measure hides in a grouping's extra words.
      phrase = groups.flatMap((cands, k) => (groupWords[k] ?? []).filter((t) => !(cands[0]?.used.includes(t) ?? true)));
      for (let k = 0; k < groups.length; k++)
        groups[k] = dimensionCandidates(
          ctx,
          (groupWords[k] ?? []).filter((t) => !phrase.includes(t)),
        );
    }
    const moneyIn = moneyTakenIn(ctx, parts, phrase);
    if (moneyIn !== undefined) {
      for (const t of phrase) used.add(t);
      phrase = [...moneyIn, ...phrase];
      intent.context = intent.context.filter((c) => c !== moneyIn);
    }
    const measures = measureCandidates(ctx, phrase);
    // "total orders by month": a total of rows is a count.
    const count = countTargets(ctx, phrase)[0];
    const mass = count?.kind === "rows" ? totalOfMass(ctx, intent, phrase, count.table) : undefined;
    if (count?.kind === "rows" && isMoneyTable(count.table)) {
      // "total payments": the amounts, not the number of rows.
      const amounts = tableAmounts(ctx, count.table, phrase);
      // "total revenue per genre" beside sales(quantity, unit_price): money earned is never a number
      // of rows; with no amount column the line formula measures it.
      const earned = amounts.length === 0 && phrase.some(isRevenueWord) ? measures : [];
      result =
        amounts.length > 0 || earned.length > 0
          ? planAggregate(
              ctx,
              parts,
              groups,
              amounts.length > 0 ? amounts : earned,
              intent.agg.fn,
              phrase,
              rowComparisons,
              options,
            )
          : planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
    } else if (count?.kind === "rows" && moneyWordsBeside(phrase, measures).length > 0) {
      result = earnedByPrice(ctx, parts, groups, phrase, count.table, measures, rowComparisons, options);
      if (result.ok) for (const t of phrase) used.add(t);
    } else if (mass !== undefined) {
      // "total stock per warehouse": a singular noun naming a table of quantities sums its quantity.
      result = planAggregate(ctx, parts, groups, [mass], "sum", phrase, rowComparisons, options);
    } else if (
      count?.kind === "rows" &&
      countsRows(intent.agg.fn) &&
      (measures[0] === undefined || count.used.length > (measures[0]?.used.length ?? 0))
    ) {
      result = planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
    } else result = planAggregate(ctx, parts, groups, measures, intent.agg.fn, phrase, rowComparisons, options);
  } else if (groups.length > 0 || intent.bucket !== undefined) {
    const count = countTargets(ctx, intent.subject)[0];
    const measures = measureCandidates(ctx, intent.subject);
    // "payments received by method": money movements named with a money word are summed, not counted.
    const moneyWords = parts.tokens.filter(isMoneySenseWord);
    const earned = count?.kind === "rows" && moneyWordsBeside(intent.subject, measures).length > 0;
    const amounts =
      count?.kind === "rows" && isMoneyTable(count.table) && moneyWords.length > 0
        ? tableAmounts(ctx, count.table, intent.subject)
        : [];
    if (amounts.length > 0) {
      result = planAggregate(ctx, parts, groups, amounts, "sum", intent.subject, rowComparisons, options);
      if (result.ok) for (const t of moneyWords) used.add(t);
    } else if (earned && count?.kind === "rows") {
      result = earnedByPrice(ctx, parts, groups, intent.subject, count.table, measures, rowComparisons, options);
      if (result.ok) for (const t of intent.subject) used.add(t);
    } else if (count?.kind === "rows" && asksAttributePerGroup(parts))
      result =
        attributePerRow(ctx, parts, groups, options) ??
        fail(
          `did not understand "${parts.tokens.map((t) => t.text).join(" ")}" as a count: it asks which ${intent.subject.map((t) => t.text).join(" ")} each one has, and listing that per group is not supported by the built-in generator`,
        );
    else if (count?.kind === "rows" && count.score >= 10)
      result = planCount(ctx, parts, groups, intent.subject, rowComparisons, countComparisons, options);
    else if (measures.length > 0)
      result = planAggregate(ctx, parts, groups, measures, undefined, intent.subject, rowComparisons, options);
    else if (count !== undefined)
      result = planCount(ctx, parts, groups, intent.subject, rowComparisons, countComparisons, options);
    else
      result = fail(
        intent.subject.length > 0
          ? `did not find a measure or table for "${intent.subject.map((t) => t.text).join(" ")}"`
          : "did not find what to measure",
      );
  } else {
    // "revenue in 2023": a bare amount is a total; a bare price or a table is a list.
    const measures = measureCandidates(ctx, intent.subject);
    const count = countTargets(ctx, intent.subject)[0];
    const m = measures[0];
    // "categories with revenue over 1000000": groups of the subject, filtered on an aggregate.
    // "suppliers with a total stock above 100": the same for a total no column is named by.
    const onRevenue = rowComparisons.find((c) => c.before.some(isRevenueWord) || totalsUnnamed(ctx, c));
    const subjectDims =
      onRevenue === undefined
        ? []
        : dimensionCandidates(
            ctx,
            intent.subject.filter((t) => !onRevenue.before.includes(t)),
          );
    if (onRevenue !== undefined && subjectDims.length > 0) {
      result = planAggregate(
        ctx,
        parts,
        [subjectDims, ...groups],
        measureCandidates(ctx, onRevenue.before),
        totalsUnnamed(ctx, onRevenue) ? "sum" : undefined,
        onRevenue.before,
        rowComparisons,
        options,
        true,
      );
    } else if (
      !intent.list &&
      !listsComparedRows(parts, rowComparisons) &&
      m !== undefined &&
      m.defaultAgg === "sum" &&
      m.used.length === intent.subject.length &&
      namesWholeColumn(ctx, m, intent.subject) &&
      !(count?.kind === "rows" && count.score >= 10)
    ) {
      result = planAggregate(ctx, parts, groups, measures, undefined, intent.subject, rowComparisons, options);
    } else result = planList(ctx, parts, rowComparisons, countComparisons, options);
  }
  if (result.ok && ratio && intent.rank !== undefined)
    return fail("rankings by percentages or growth are not supported by the built-in generator");
  const planned = result;
  const dropped = planned.ok ? countComparisons.find((c) => !comparesWith(planned.query, c)) : undefined;
  if (dropped !== undefined) return fail(`did not understand "${dropped.text}" beside the rest of the question`);
  // Growth wins over a percentage: "by what percentage did revenue grow" asks for the growth rate.
  if (result.ok && intent.growth !== undefined) result = growthOf(result, parts);
  else if (result.ok && intent.share) result = shareOf(result, parts);
  if (result.ok) for (const t of used) result.used.add(t);
  return result;
}

/**
 * "books with an average rating above 4.5 and at least 10 reviews": a count the question compares
 * ("at least 10 reviews") must be a condition of the query; a plan that took another branch (an
 * average) would answer without it.
 */
function comparesWith(q: LogicalQuery, c: Comparison): boolean {
  const holds = (p: Predicate): boolean =>
    (p.kind === "compare" && p.value === c.value) ||
    (p.kind === "between" && p.low === c.value) ||
    (p.kind === "related" && p.where.some(holds)) ||
    (p.kind === "either" && p.of.some(holds)) ||
    (p.kind === "compare" && p.left.kind === "agg" && (p.left.filter ?? []).some(holds));
  return [...q.where, ...q.having].some(holds) || q.countRowsAs !== undefined;
}

/**
 * "What city is each store in?", "Which team does each player belong to?": a question word right
 * before one singular noun, grouped by "each", asks for that thing per group, not how many there are
 * ("customers by country" counts customers).
 */
export function asksAttributePerGroup(parts: QuestionParts): boolean {
  const [lead, noun] = parts.tokens;
  const subject = parts.intent.subject;
  return (
    (lead?.text === "what" || lead?.text === "which") &&
    subject.length === 1 &&
    subject[0] === noun &&
    noun !== undefined &&
    !isPlural(noun.text)
  );
}

/**
 * "What city is each store in?", "Which region is each branch in?": the attribute one row of the
 * grouped table has, through many-to-one joins only (a store has one address, an address one city),
 * listed per row with the row's key and label. Undefined when anything else filters or groups the
 * rows, or the attribute is not reached so: the question is then refused as before.
 */
export function attributePerRow(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  options: PlanOptions,
): PlanResult | undefined {
  const dim = groups.length === 1 ? groups[0]?.[0] : undefined;
  const filtered =
    parts.values.length > 0 ||
    parts.range !== undefined ||
    parts.weekdays !== undefined ||
    parts.intent.comparisons.length > 0;
  if (dim?.kind !== "entity" || filtered) return undefined;
  const table = dim.table;
  const query: LogicalQuery = {
    root: table,
    joins: [],
    select: [],
    distinct: false,
    where: [],
    groupBy: 0,
    having: [],
    orderBy: [],
  };
  const related = relatedColumn(ctx, query, parts.intent.subject);
  if (related === undefined || related.column.table === table) return undefined;
  const shown = [rowKey(table), table.label, related.column].filter(
    (c, i, all): c is IndexedColumn => c !== undefined && all.indexOf(c) === i,
  );
  query.joins = related.steps;
  // "l.name" alone says little: the related column is called what the question called it.
  const alias = aliasFrom(parts.intent.subject);
  query.select = shown.map((c) =>
    c === related.column && c.column.name !== alias ? { expr: col(c), alias } : { expr: col(c) },
  );
  query.orderBy = [{ select: 0, dir: "ASC" }];
  query.limit = options.rowLimit;
  return {
    ok: true,
    query,
    explanation: `${shown.map((c) => `${c.table.table.name}.${c.column.name}`).join(", ")} for each ${table.table.name} row`,
    used: new Set([...parts.intent.subject, ...dim.used]),
    tables: [table, ...related.steps.map(stepTarget)],
  };
}

/** A measure named by its words alone: the rows a noun names are counted, an amount is summed. */
function planMeasure(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  rowComparisons: Comparison[],
  countComparisons: Comparison[],
  options: PlanOptions,
): PlanResult {
  const { intent } = parts;
  const phrase = withoutCompared(intent.measure.length > 0 ? intent.measure : intent.subject, rowComparisons);
  const count = countTargets(ctx, phrase)[0];
  const measures = measureCandidates(ctx, phrase);
  const top = measures[0];
  // "percentage of payments made by card" counts payments; "share of revenue" sums it.
  if (count?.kind === "rows" && (top === undefined || count.score >= 10 || count.used.length > top.used.length)) {
    return planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
  }
  if (top !== undefined) return planAggregate(ctx, parts, groups, measures, undefined, phrase, rowComparisons, options);
  if (count !== undefined) return planCount(ctx, parts, groups, phrase, rowComparisons, countComparisons, options);
  return fail(
    phrase.length > 0
      ? `did not find a measure or table for "${phrase.map((t) => t.text).join(" ")}"`
      : "did not find what to measure",
  );
}

/**
 * "How much was taken in payments?", "How much has each clerk collected in fees?": a sum whose only
 * words say money came in, with a phrase of its own naming a table of money movements. Returns that
 * phrase: the amounts summed are its table's.
 */
export function moneyTakenIn(ctx: ResolveContext, parts: QuestionParts, phrase: readonly Token[]): Token[] | undefined {
  if (parts.intent.agg?.fn !== "sum" || phrase.length === 0 || !phrase.every(isMoneySenseWord)) return undefined;
  const tables = parts.intent.context.filter((c) => {
    const target = countTargets(ctx, c)[0];
    return target?.kind === "rows" && target.used.length === c.length && isMoneyTable(target.table);
  });
  return tables.length === 1 ? tables[0] : undefined;
}

/**
 * "total ticket revenue by venue", "ticket revenue per event": the revenue of rows that each have a
 * price is the sum of their prices; counting the rows drops the word (it did: a wrong answer). No
 * single price: refused, naming the table.
 */
function earnedByPrice(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  phrase: Token[],
  table: IndexedTable,
  measures: readonly Measure[],
  rowComparisons: Comparison[],
  options: PlanOptions,
): PlanResult {
  const prices = measureCandidates(ctx, [syntheticWord("price")]).filter(
    (m) => m.table === table && m.expr.kind === "column",
  );
  const [price, ...others] = prices;
  if (price !== undefined && others.length === 0)
    return planAggregate(ctx, parts, groups, [price], "sum", phrase, rowComparisons, options);
  const words = moneyWordsBeside(phrase, measures).map((t) => t.text);
  return fail(`did not understand which amount of ${table.table.name} is the ${words.join(" ")}`);
}

/** Words for money earned that no measure found reads: "revenue" in "total ticket revenue". */
function moneyWordsBeside(phrase: readonly Token[], measures: readonly Measure[]): Token[] {
  // A count may have read the word too ("revenue" ~ sold_at by a synonym): it is still not counted.
  return phrase.filter((t) => isEarnedWord(t) && !measures.some((m) => m.used.includes(t)));
}

/**
 * "total stock per warehouse", "the total inventory of each shop": "total" before a singular noun
 * that names a table holding one quantity column is the sum of that quantity ("total orders", plural,
 * counts rows). Returns the quantity, or undefined.
 */
function totalOfMass(
  ctx: ResolveContext,
  intent: QuestionParts["intent"],
  phrase: readonly Token[],
  table: IndexedTable,
): Measure | undefined {
  if (intent.agg?.fn !== "sum" || phrase.length === 0 || phrase.some((t) => isPlural(t.text))) return undefined;
  const quantities = tableQuantities(ctx, table, phrase);
  if (quantities.length > 0) return quantities.length === 1 ? quantities[0] : undefined;
  // "total stock per bin" where stock_levels keeps one figure (on_hand): the sum of that figure; a
  // count of the rows would be the number of bins' records, not the stock.
  const figures = table.columns.filter((c) => c.kind === "number" && !c.isKey && !isPerUnit(c));
  const [only] = figures;
  if (only === undefined || figures.length > 1) return undefined;
  return { expr: col(only), table, score: 1, used: [...phrase], name: only.column.name, defaultAgg: "sum" };
}

/**
 * "Which zones have an average stock above 10?", "teams whose highest score is over 90": an
 * aggregate compared with a number, its words the whole measure, is a figure per row of the subject
 * (the groups, filtered by HAVING), never each related row's value. Returns the subject's readings
 * as a table, or undefined.
 */
export function comparedPerSubject(
  ctx: ResolveContext,
  intent: QuestionParts["intent"],
  rowComparisons: readonly Comparison[],
): Dimension[] | undefined {
  const { agg, measure, subject } = intent;
  if (agg === undefined || agg.superlative || agg.fn === "count" || measure.length === 0 || subject.length === 0)
    return undefined;
  const compared = rowComparisons.some(
    (c) => c.before.length === measure.length && measure.every((t) => c.before.includes(t)),
  );
  if (!compared) return undefined;
  const dims = dimensionCandidates(ctx, subject).filter((d) => d.kind === "entity" && d.used.length === subject.length);
  return dims.length > 0 ? dims : undefined;
}

/**
 * "Which suppliers have a total stock above 100?": "total" opens the compared words and no column
 * is named with it (as total_amount is in "a total amount over 100"), so the comparison is on a sum
 * per row of the subject, never on each row's value.
 */
export function totalsUnnamed(ctx: ResolveContext, c: Comparison): boolean {
  const [first] = c.before;
  if (first?.text !== "total") return false;
  return !measureCandidates(ctx, c.before).some((m) => m.used.includes(first) && m.used.length === c.before.length);
}

/**
 * "Which parcels have postage under 0.5?": a question asking which rows, whose amount is the
 * column a comparison filters on, lists those rows; it does not total the amount.
 */
export function listsComparedRows(parts: QuestionParts, comparisons: readonly Comparison[]): boolean {
  const lead = parts.tokens[0]?.text;
  const subject = parts.intent.subject;
  return (
    (lead === "which" || lead === "what") &&
    comparisons.length > 0 &&
    withoutCompared(subject, comparisons).length < subject.length
  );
}

/**
 * "What share of invoice lines have a quantity over 1?": the column a comparison filters on is the
 * condition, not the measure (a share of lines, not of the quantity summed). Kept when nothing else
 * would be left.
 */
export function withoutCompared(phrase: readonly Token[], comparisons: readonly Comparison[]): Token[] {
  const compared = new Set(comparisons.flatMap((c) => c.before));
  const rest = phrase.filter((t) => !compared.has(t));
  return rest.length > 0 ? rest : [...phrase];
}

/**
 * "the average rating of stores" where ratings are kept per visit: the table named after "of"
 * is one the measured rows point at, so "average of X" could mean over every review or over each
 * business's own average. Those differ; the question is declined rather than answered one way.
 */
function averagedOwner(
  ctx: ResolveContext,
  parts: QuestionParts,
  phrase: readonly Token[],
  measured: IndexedTable,
): IndexedTable | undefined {
  const last = phrase[phrase.length - 1];
  if (last === undefined) return undefined;
  let i = last.i + 1;
  if (parts.tokens[i]?.text !== "of") return undefined;
  for (i++; parts.tokens[i] !== undefined && FILLERS.has((parts.tokens[i] as Token).text); i++);
  const named = parts.tokens[i];
  if (named?.kind !== "word") return undefined;
  const owner = matchTables(ctx, [named]).find((m) => m.coverage === 1)?.table;
  if (owner === undefined || owner === measured) return undefined;
  const path = ctx.index.graph.pathFrom([measured], owner);
  return path !== undefined && path.length > 0 && path.every((s) => s.forward) ? owner : undefined;
}

interface RankedPeriod {
  unit: TimeUnit;
  word: Token;
  rank: Rank;
  /** "the highest invoice total": the measure is totalled, and "total" is its aggregate. */
  total?: Token;
}

/** "Which month had the most orders?": a time unit alone as what is ranked. */
function rankedPeriod(parts: QuestionParts): RankedPeriod | undefined {
  const { intent } = parts;
  const total = trailingTotal(parts);
  const rank = intent.rank ?? total?.rank;
  // "What was the busiest day for rentals?": the period follows the superlative, what is counted "for".
  const after = rank?.measure[0];
  if (intent.subject.length === 0 && rank?.measure.length === 1 && after !== undefined && TIME_UNITS.has(after.text)) {
    const unit = TIME_UNITS.get(after.text) as TimeUnit;
    if (intent.bucket !== undefined || intent.groups.length > 0 || rank.by === "recent") return undefined;
    return { unit, word: after, rank: { ...rank, measure: [] } };
  }
  const word = intent.subject[0];
  const unit = word === undefined ? undefined : TIME_UNITS.get(word.text);
  if (rank === undefined || intent.subject.length !== 1 || unit === undefined || intent.bucket !== undefined)
    return undefined;
  if (rank.by === "recent" || intent.groups.length > 0) return undefined;
  return { unit, word: word as Token, rank, ...(total !== undefined ? { total: total.word } : {}) };
}

const TOTAL_WORDS = new Set(["total", "sum"]);

/**
 * "Which month had the highest invoice total?", "the lowest sales total": a superlative whose measure
 * ends with "total" ranks by that total; it is not the largest single row. Returns the ranking and the
 * "total" word, or undefined.
 */
export function trailingTotal(parts: QuestionParts): { rank: Rank; word: Token } | undefined {
  const { agg, measure, rank } = parts.intent;
  const word = measure[measure.length - 1];
  if (rank !== undefined || agg?.superlative !== true || agg.implies !== undefined) return undefined;
  if ((agg.fn !== "max" && agg.fn !== "min") || word === undefined || measure.length < 2) return undefined;
  if (!TOTAL_WORDS.has(word.text) || parts.tokens[word.i + 1]?.kind === "word") return undefined;
  return { rank: { dir: agg.fn === "max" ? "desc" : "asc", measure: [] }, word };
}

/**
 * The measure per period, ordered by it, the top row(s) kept: "which month had the most orders" is
 * orders by month, the largest first, one row; "the 3 busiest days" three. The measure is what the
 * rank names ("most orders", "highest revenue"), counted or summed as the question would be alone.
 */
function planRankedPeriod(
  ctx: ResolveContext,
  parts: QuestionParts,
  period: RankedPeriod,
  options: PlanOptions,
): PlanResult {
  const { intent } = parts;
  // "the highest invoice total": "total" is the SUM, unless a column is called that.
  const totalNamesColumn =
    period.total !== undefined &&
    [...ctx.near].some((t) =>
      t.columns.some((c) => c.kind === "number" && c.nameStems.includes(period.total?.stem ?? "")),
    );
  const named = [...period.rank.measure, ...intent.measure].filter((t) => t !== period.total || totalNamesColumn);
  // "Which month was the busiest for rentals?": what is counted follows "for".
  const fromContext = named.length === 0 && intent.context.length === 1;
  const measureWords = fromContext ? (intent.context[0] as Token[]) : named;
  if (measureWords.length === 0) return fail(`did not understand what ranks the ${period.word.text}s`);
  intent.cueTokens.add(period.word);
  const asked: QuestionParts = {
    ...parts,
    intent: {
      ...intent,
      bucket: period.unit,
      rank: undefined,
      subject: measureWords,
      measure: [],
      context: fromContext ? [] : intent.context,
      agg:
        period.total !== undefined
          ? { fn: "sum", superlative: false, cue: period.total.text }
          : intent.agg?.superlative
            ? undefined
            : intent.agg,
    },
  };
  if (period.total !== undefined) intent.cueTokens.add(period.total);
  // "the 3 busiest days": a number just before the superlative is how many periods.
  const count = intent.looseNumbers.find(
    (t) => Number.isInteger(t.value) && t.i < period.word.i && period.word.i - t.i <= 2,
  );
  if (count !== undefined) asked.intent.looseNumbers = intent.looseNumbers.filter((t) => t !== count);
  const result = planQuery(ctx, asked, { ...options, sorted: true });
  if (!result.ok) return result;
  const q = result.query;
  const measure = q.select.findIndex((s) => s.expr.kind === "agg");
  if (measure < 0) return fail(`did not understand what ranks the ${period.word.text}s`);
  q.orderBy = [{ select: measure, dir: period.rank.dir === "asc" ? "ASC" : "DESC" }];
  q.limit = Math.min(period.rank.n ?? count?.value ?? (isPlural(period.word.text) ? 10 : 1), options.rowLimit);
  result.used.add(period.word);
  if (count !== undefined) result.used.add(count);
  return result;
}

/**
 * "Which customer placed the first order?": "first"/"last" inside the subject, before a noun naming
 * a table, asks for the rows related to another table's earliest or latest row. Listing the subject
 * instead would be a wrong answer. Returns the words, or undefined when the subject has no such pair
 * ("the last order" leads the subject and is a ranking; "first name" names a column).
 */
export function relatedRecency(ctx: ResolveContext, subject: readonly Token[]): string | undefined {
  for (let k = 1; k < subject.length - 1; k++) {
    const word = subject[k] as Token;
    const noun = subject[k + 1] as Token;
    if (!/^(first|last)$/.test(word.text) || noun.i !== word.i + 1) continue;
    if (matchColumns(ctx, [word, noun]).some((m) => m.used.length === 2)) continue;
    if (namesTable(ctx, [noun])) return `${word.text} ${noun.text}`;
  }
  return undefined;
}

function namesTable(ctx: ResolveContext, words: Token[]): boolean {
  const t = countTargets(ctx, words)[0];
  return t?.kind === "rows" && t.score >= 10;
}

/**
 * A grouping "per" reads as groups: a column of words, a calendar year, or a number that labels
 * rather than measures (gate_no, floor_number, a key).
 */
function groupsByLabel(d: Dimension): boolean {
  if (d.kind === "entity" || d.column.kind !== "number") return true;
  const c = d.column;
  return c.isKey || isCalendarYear(c) || /(^|_)(no|num|nbr|number|code|cd|id)$/i.test(c.column.name);
}

/**
 * "the average price per kwh by region" beside price_per_kwh: "per" and the words after it spell
 * the rest of the measure's column name; they are not a grouping by the kwh column.
 */
export function perInMeasureName(ctx: ResolveContext, parts: QuestionParts, group: readonly Token[]): boolean {
  const first = group[0];
  if (first === undefined || parts.tokens[first.i - 1]?.text !== "per") return false;
  const before = parts.tokens[first.i - 2];
  if (before === undefined || !parts.intent.measure.includes(before)) return false;
  const spelled = [before, ...group].map((t) => t.stem);
  return ctx.index.tables.some((t) =>
    t.columns.some(
      (c) => c.kind === "number" && c.nameStems.includes("per") && spelled.every((w) => c.nameStems.includes(w)),
    ),
  );
}

/**
 * "total orders by month" counts the orders; "the average order" or "the largest outage" names no
 * amount, and counting the rows would answer another question.
 */
export const countsRows = (fn: AggFn): boolean => fn === "sum" || fn === "count";

/**
 * "average quiz score per quiz" read as quizzes.pass_score grouped by each quiz: a figure of the
 * measured table's own column, grouped by that table's primary key (or its label) with no join
 * repeating its rows, is one row's value per group, never an average or a total. Returns the
 * grouping column's name when so.
 */
export function groupedByOwnRows(
  table: IndexedTable,
  dims: readonly { expr: Expr }[],
  fanout: boolean,
): string | undefined {
  const pk = table.columns.filter((c) => c.isPrimaryKey);
  if (fanout || pk.length !== 1) return undefined;
  // Its key, or a label named for its rows ("revenue per stall" grouped by stalls.stall_nm; not
  // support_tickets.agent_nm, which many tickets share).
  const label = table.label;
  const ownLabel =
    label !== undefined &&
    (label.nameStems.some((s) => table.nameStems.includes(s)) || /^(name|title)$/i.test(label.column.name));
  const own = ownLabel ? [pk[0], label] : [pk[0]];
  const key = dims.find((d) => d.expr.kind === "column" && own.includes(d.expr.column));
  return key?.expr.kind === "column" ? key.expr.column.column.name : undefined;
}

/**
 * "the average cost per trip by subscription": "per" naming the rows the average is taken over
 * (trips hold the cost) says what is averaged, not a grouping; grouped by each trip, every
 * "average" would be one row's own value.
 */
export function averagePerOwnRow(
  ctx: ResolveContext,
  parts: QuestionParts,
  group: readonly Token[],
  dim: Dimension,
): boolean {
  const fn = parts.intent.agg?.fn;
  // "per manager" (employees reached through manager_id) groups by a role, not by each averaged row.
  if ((fn !== "avg" && fn !== "median") || (dim.kind === "entity" && dim.via !== undefined)) return false;
  // The rows themselves, or their label ("per flight" read as flights.flight_no), or their own key
  // ("per timesheet entry" beside timesheets.entry_id).
  const table = dimensionTable(dim);
  // "per order type" beside orders.order_type is a grouping by the type, not by each order.
  if (dim.kind === "column" && dim.column !== table.label && !dim.column.isKey) return false;
  // "per order line" names order_lines with both words, though "order" alone names orders; "per
  // completed trip" names the trips, 'completed' only says which.
  const nouns = group.filter((t) => !parts.values.some((v) => v.tokens.includes(t)));
  const namesTable = matchTables(ctx, nouns).some((m) => m.table === table && m.coverage === 1);
  const namesKey = (t: Token) =>
    matchTables(ctx, [t]).some((m) => m.table === table && m.coverage === 1) ||
    table.columns.some((c) => c.isPrimaryKey && c.nameStems.includes(t.stem));
  if (nouns.length === 0 || (!namesTable && !nouns.every(namesKey))) return false;
  if (wordBeforeValues(parts, group[0]?.i ?? 0)?.text !== "per") return false;
  return measureCandidates(ctx, parts.intent.measure)[0]?.table === table;
}

export function planAggregate(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  measures: Measure[],
  fn: AggFn | undefined,
  phrase: Token[],
  rowComparisons: Comparison[],
  options: PlanOptions,
  entityGroups = false,
): PlanResult {
  const top = measures[0];
  if (top === undefined)
    return fail(`did not find a numeric column for "${phrase.map((t) => t.text).join(" ") || "the measure"}"`);
  const grouped = groups.length > 0 || parts.intent.bucket !== undefined || entityGroups;
  // "categories with revenue over 10000": a comparison on the measure itself filters groups.
  const isHaving = (c: Comparison) =>
    grouped && (c.before.length === 0 ? c.after.length === 0 : c.before.every((t) => phrase.includes(t)));
  const context = [...parts.intent.subject, ...parts.intent.context.flat()];
  const builds: Built[] = [];
  for (const m of measures.filter((x) => x.score >= top.score * CANDIDATE_SHARE).slice(0, 6)) {
    const a = assemble(ctx, parts, m.table, groups, {
      bucket: parts.intent.bucket,
      rowComparisons: rowComparisons.filter((c) => !isHaving(c)),
      used: m.used,
    });
    const f = fn ?? m.defaultAgg;
    // SUM or AVG over joins that repeat the measured rows would be wrong, not just slow.
    const unsafe = a.fanout && !fanoutOnlyIntoGroups(a) && (f === "sum" || f === "avg" || f === "median");
    if (unsafe)
      a.errors.push(
        `${f.toUpperCase()} of ${describeExpr(m.expr)} without counting rows twice (the question joins tables with several rows per ${m.table.table.name} row)`,
      );
    if (f === "sum" && m.expr.kind === "column" && isPerUnit(m.expr.column))
      a.errors.push(
        `a total of ${describeExpr(m.expr)}: it is kept per unit or as an average, so its sum would not be a total`,
      );
    // "number of comedies released after 2010" summed release_year: a year is a point in time.
    if (f === "sum" && m.expr.kind === "column" && isCalendarYear(m.expr.column))
      a.errors.push(`a total of ${describeExpr(m.expr)}: it holds years, which do not add up`);
    const owner = f === "avg" || f === "median" ? averagedOwner(ctx, parts, phrase, m.table) : undefined;
    if (owner !== undefined)
      a.errors.push(
        `the ${f === "avg" ? "average" : "median"} ${phrase.map((t) => t.text).join(" ")} of ${owner.table.name}: ${describeExpr(m.expr)} is kept per ${m.table.table.name} row, so it could be over all of them or over each ${owner.table.name}'s own ${f === "avg" ? "average" : "median"}`,
      );
    const measureExpr = agg(f, m.expr);
    const dimsFlat = a.dims.flat();
    const own = groupedByOwnRows(m.table, dimsFlat, a.fanout);
    if (own !== undefined && f !== "count")
      a.errors.push(`the ${f} of ${describeExpr(m.expr)} per ${own}: each group is one ${m.table.table.name} row`);
    const q = baseQuery(a, [...dimsFlat, { expr: measureExpr, alias: measureAlias(f, m) }], dimsFlat.length);
    q.having = rowComparisons.filter(isHaving).map((c) => comparePredicate(measureExpr, c));
    orderAndLimit(q, a.dims, dimsFlat.length, parts.intent.bucket !== undefined, options.rowLimit);
    const bonus = mentionsTable(ctx, context, m.table) ? 0.4 : 0;
    const describe = [
      `${describeExpr(measureExpr)}`,
      a.dimNames.length > 0 ? `by ${a.dimNames.join(", ")}` : "",
      a.where.length > 0 ? `where ${describeFilters(a.where)}` : "",
      q.having.length > 0 ? `having ${describeFilters(q.having)}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    builds.push({ a, value: m.score + bonus - 0.3 * a.cost, query: q, describe });
  }
  return pickBest(builds);
}
