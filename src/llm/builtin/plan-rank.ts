import { type IndexedColumn, type IndexedTable, namesEachRow, stepTarget } from "../../linking";
import { stem } from "../../linking/text";
import {
  assemble,
  type Dimension,
  dimensionCandidates,
  dimensionTable,
  eventYears,
  fanoutOnlyIntoGroups,
  type QuestionParts,
} from "./assemble";
import { type Comparison, closesSortPhrase } from "./intent";
import type { AggFn } from "./lexicon";
import {
  countTargets,
  eventTable,
  isMoneyTable,
  type Measure,
  measureCandidates,
  quantityColumns,
  tableAmounts,
} from "./measures";
import { isPlural, matchColumns, matchTables, type ResolveContext, singular } from "./phrase";
import {
  AVG_WORDS,
  agg,
  type Built,
  baseQuery,
  CANDIDATE_SHARE,
  describeExpr,
  describeFilters,
  fail,
  measureAlias,
  type PlanOptions,
  type PlanResult,
  pickBest,
  rowKey,
} from "./plan-support";
import { col, type Expr, type LogicalQuery } from "./query";
import { syntheticWord, type Token } from "./tokens";
import { rankZeroCounts } from "./zero-counts";

/**
 * Rankings: "top 5 products by revenue", "which customer spent the most", "the 10 most recent orders".
 * A ranking by a column of the entity itself is a row-level ORDER BY; otherwise entities are grouped.
 */

/** Words that rank by units sold: "which category sells the most" is "best-selling". */
const SELLING = new Set(["sell", "sells", "selling", "sold"].map(stem));
/** "units sold", "quantity sold": counted items, whatever columns share the word ("unit_price"). */
const QUANTITY_WORDS = new Set(
  ["unit", "units", "quantity", "quantities", "qty", "volume", "pieces", "items"].map(stem),
);

export function planRank(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  entityPhrase: Token[],
  rankWords: Token[],
  n: number | undefined,
  rowComparisons: Comparison[],
  options: PlanOptions,
): PlanResult {
  const { intent } = parts;
  let measurePhrase = rankWords;
  const rank = { ...(intent.rank ?? { dir: intent.agg?.fn === "min" ? "asc" : "desc", measure: [] }) };
  // "Which film has been rented the most (times)?", "Which customers have rented the most?": the rows
  // of the event a participle names are counted; the participle is not part of what is ranked.
  const event = countsOccurrences(measurePhrase)
    ? eventTable(ctx, parts.tokens)
    : measurePhrase.length === 0 && rank.by === undefined
      ? eventTable(ctx, [...entityPhrase, ...intent.context.flat()])
      : undefined;
  const entities = dimensionCandidates(
    ctx,
    entityPhrase.filter((t) => t !== event?.verb),
  );
  if (entities.length === 0)
    return fail(
      entityPhrase.length > 0
        ? `did not understand what to rank: "${entityPhrase.map((t) => t.text).join(" ")}"`
        : "did not understand what to rank",
    );
  // One row only when no word of what is ranked is plural: "the most common customer names" are several.
  const named = entityPhrase.filter((t) => entities[0]?.used.includes(t));
  const one = named.length > 0 && !named.some((t) => isPlural(t.text));
  const limit = n ?? (one ? 1 : sortsEveryRow(parts) ? options.rowLimit : 10);
  const dir = rank.dir === "asc" ? "ASC" : "DESC";
  // "the top 2 guests per country by total bill": the top rows of every group, which one LIMIT over
  // all groups would not give (it kept the top 2 overall, a wrong answer).
  // "… and how many are in each neighbourhood" where neighbourhoods are ranked: the same rows, no group.
  const sameAsRanked = (d: Dimension | undefined) => {
    const e = entities[0];
    if (d === undefined || e === undefined) return false;
    return d.kind === "entity" && e.kind === "entity"
      ? d.table === e.table
      : d.kind === "column" && e.kind === "column" && d.column === e.column;
  };
  const otherGroups = groups.filter((g) => !sameAsRanked(g[0]));
  if (otherGroups.length > 0 && rank.by !== "recent" && limit < options.rowLimit) {
    const per = otherGroups[0]?.[0]?.used.map((t) => t.text).join(" ") ?? "group";
    return fail(`did not understand the top rows of each ${per}: a ranking within every group is not supported`);
  }

  if (rank.by === "recent") {
    // "the earliest harvest in each year": the first row of every period, which one LIMIT over all
    // rows would not give (it answered the first harvest ever).
    if (intent.bucket !== undefined)
      return fail(
        `did not understand the ${rank.dir === "desc" ? "latest" : "earliest"} rows of each ${intent.bucket}: a ranking within every period is not supported`,
      );
    const entity = entities.find((e) => e.kind === "entity");
    if (entity === undefined || entity.kind !== "entity")
      return fail(`did not understand which rows are "${rank.dir === "desc" ? "latest" : "earliest"}"`);
    const keyed = groupedRecencyDate(groups, entity.table);
    if (typeof keyed === "string") return fail(keyed);
    const named = keyed ?? namedRecencyDate(ctx, parts, entity.table);
    const used = [...entity.used, ...(named?.used ?? [])];
    const a = assemble(ctx, parts, entity.table, [], { rowComparisons, used, bucket: undefined });
    const q = baseQuery(a, [{ expr: { kind: "star", table: entity.table } }], 0);
    const dateCol = named?.column ?? a.dateColumn ?? chooseEntityDate(entity.table);
    if (typeof dateCol === "string") return fail(dateCol);
    q.orderBy = [{ expr: col(dateCol), dir }];
    q.limit = limit;
    q.distinct = a.fanout;
    return a.errors.length > 0
      ? fail(`could not work out ${a.errors[0]}`)
      : {
          ok: true,
          query: q,
          explanation: `${entity.table.table.name} ordered by ${dateCol.column.name} ${dir}, first ${limit}`,
          used: a.used,
          tables: [a.fact, ...a.required],
        };
  }

  // What to rank by: named words, or what "best-selling" / "most common" imply, or revenue by default.
  let measures: Measure[] = [];
  let countTable: IndexedTable | undefined;
  if (measurePhrase.length === 0 && rank.by === undefined && event === undefined) {
    // "which customers spent the most": the subject's other words say what by.
    measurePhrase = entityPhrase.filter((t) => !entities[0]?.used.includes(t));
  }
  const selling =
    measurePhrase.some((t) => SELLING.has(t.stem)) &&
    measurePhrase.every((t) => SELLING.has(t.stem) || QUANTITY_WORDS.has(t.stem));
  // "units sold": both words are the quantity measure.
  const sellingWords = selling ? measurePhrase : [];
  if (selling && quantityColumns(ctx).length > 0) {
    rank.by = "quantity";
    measurePhrase = [];
  }
  const eventWords = event === undefined ? [] : [...new Set([event.verb, ...measurePhrase])];
  if (event !== undefined) measurePhrase = [];
  const countTarget = measurePhrase.length > 0 ? countTargets(ctx, measurePhrase)[0] : undefined;
  // "top 5 customers by total payments": a total of money movements is their amount, as in planQuery.
  // "top 10 customers by total billed": the total of a money verb's events (bills) is their amount.
  const amounts =
    countTarget?.kind === "rows" && countTarget.score >= 10 && totals(intent) && isMoneyTable(countTarget.table)
      ? tableAmounts(ctx, countTarget.table, measurePhrase)
      : event !== undefined && totals(intent) && isMoneyTable(event.table)
        ? tableAmounts(ctx, event.table, eventWords)
        : [];
  if (amounts.length > 0) measures = amounts;
  else if (event !== undefined) countTable = event.table;
  else if (countTarget?.kind === "rows" && countTarget.score >= 10) countTable = countTarget.table;
  else if (measurePhrase.length > 0) measures = measureCandidates(ctx, measurePhrase);
  else if (rank.by === "quantity") {
    measures = quantityColumns(ctx).map((c) => ({
      expr: col(c),
      table: c.table,
      score: 1,
      used: sellingWords,
      name: "units_sold",
      defaultAgg: "sum",
    }));
    if (measures.length === 0) {
      const using = usingRows(ctx, entities[0]);
      if (typeof using === "string") return fail(using);
      countTable = using;
    }
  } else if (pluralValueRanked(parts)) {
    // "which source brings the most hires": a plural value right after the superlative counts the
    // rows it picks, never revenue.
    countTable = entities[0] === undefined ? undefined : rowsPickedByValue(ctx, parts, entities[0]);
    if (countTable === undefined) return fail("did not understand which rows to count for the ranking");
    // "top 10 drivers by number of completed trips": a number is never ranked by revenue.
  } else if (rank.by !== "count" && intent.agg?.fn !== "count")
    measures = measureCandidates(ctx, [syntheticWord("revenue")]);
  else if (measurePhrase.length === 0 && entities[0] !== undefined)
    countTable = rowsPickedByValue(ctx, parts, entities[0]);
  if (measurePhrase.length > 0 && measures.length === 0 && countTable === undefined) {
    return fail(`did not find a numeric column for "${measurePhrase.map((t) => t.text).join(" ")}"`);
  }
  const said =
    intent.agg !== undefined && !intent.agg.superlative && intent.agg.fn !== "count" ? intent.agg.fn : undefined;
  const explicitAgg = namedAggregate(measurePhrase) ?? said;

  const builds: Built[] = [];
  const facts: { fact: IndexedTable; m?: Measure; score: number }[] =
    countTable !== undefined
      ? [{ fact: countTable, score: 1 }]
      : measures.length > 0
        ? bestMeasures(measures)
            .slice(0, 6)
            .map((m) => ({ fact: m.table, m, score: m.score }))
        : entities.map((e) => ({ fact: dimensionTable(e), score: e.score }));
  for (const { fact, m, score } of facts) {
    const a = assemble(ctx, parts, fact, [entities, ...groups], {
      rowComparisons,
      used: m?.used ?? countTarget?.used ?? eventWords,
    });
    const entityDims = a.dims[0] ?? [];
    const entityTable = entities.find((e) =>
      entityDims.some(
        (d) =>
          d.expr.kind === "column" &&
          (e.kind === "entity" ? d.expr.column.table === e.table : d.expr.column === e.column),
      ),
    );
    const rowLevel =
      m !== undefined &&
      (entityTable?.kind === "entity"
        ? entityTable.table === m.table
        : entityTable?.kind === "column" &&
          (columnOfNamedRows(ctx, parts, entityTable, m.table) || namesRowsOf(entityTable, m.table))) &&
      (explicitAgg === undefined || spellsColumn(m, measurePhrase)) &&
      intent.agg?.fn !== "sum";
    let q: LogicalQuery;
    let measureExpr: Expr;
    let alias: string;
    if (rowLevel && m !== undefined) {
      measureExpr = m.expr;
      // Ranked by an implied measure ("the 3 largest orders"), the column keeps its own name.
      alias = rankWords.length === 0 && m.expr.kind === "column" ? m.expr.column.column.name : m.name;
      q = baseQuery(a, [...a.dims.flat(), { expr: measureExpr, alias }], 0);
    } else {
      const pk = rowKey(fact);
      // From the bottom, the entities with none of the counted rows come first (zero-counts.ts).
      const ranked = entityTable === undefined ? undefined : dimensionTable(entityTable);
      const fewest = m === undefined && dir === "ASC" && ranked !== undefined && ranked !== fact;
      if (m === undefined) {
        measureExpr =
          (a.fanout || fewest) && pk !== undefined ? agg("count", col(pk), a.fanout) : agg("count", undefined);
        alias = `${singular(fact.table.name)}_count`;
      } else {
        const rows = rowsNamedBeside(ctx, measurePhrase, m);
        if (rows !== undefined)
          a.errors.push(`what to rank by: "${rows.text}" names rows to count, not ${describeExpr(m.expr)}`);
        const f = explicitAgg ?? rowSuperlative(ctx, parts, m, measurePhrase) ?? m.defaultAgg;
        if (a.fanout && !fanoutOnlyIntoGroups(a))
          a.errors.push(`${f.toUpperCase()} of ${describeExpr(m.expr)} without counting rows twice`);
        measureExpr = agg(f, m.expr);
        alias = measureAlias(f, m);
      }
      const dimsFlat = a.dims.flat();
      q = baseQuery(a, [...dimsFlat, { expr: measureExpr, alias }], dimsFlat.length);
      if (fewest && ranked !== undefined) {
        const zero = rankZeroCounts(q, ranked, fact, measureExpr);
        if (zero !== undefined) a.errors.push(zero);
      }
    }
    q.orderBy = [{ select: q.select.length - 1, dir }];
    q.limit =
      n === undefined &&
      (options.sorted === true || sortsEveryRow(parts) || (intent.rank === undefined && !intent.agg?.superlative))
        ? options.rowLimit
        : limit;
    // "the longest books" with no measure named: each book's count of itself ranks nothing.
    if (m === undefined && entityTable?.kind === "entity" && entityTable.table === fact)
      a.errors.push(`what to rank ${fact.table.name} by (no measure named)`);
    const describe = [
      `${a.dimNames.join(", ")} ranked by ${describeExpr(measureExpr)} ${dir}`,
      a.where.length > 0 ? `where ${describeFilters(a.where)}` : "",
      `first ${q.limit}`,
    ]
      .filter(Boolean)
      .join(", ");
    builds.push({ a, value: score - 0.3 * a.cost, query: q, describe });
  }
  return pickBest(builds);
}

/**
 * "the longest flight" read "flight" as flights.flight_no: the column that names each of the measured
 * rows (by the table's own noun) stands for the rows themselves, ranked one by one; grouped by it,
 * flights sharing a number were summed into one.
 */
function namesRowsOf(dim: Extract<Dimension, { kind: "column" }>, table: IndexedTable): boolean {
  const { column } = dim;
  if (column.table !== table) return false;
  // A label named for someone else ("agent name" of calls) groups the calls by agent.
  return namesEachRow(column) || (column === table.label && column.nameStems.some((s) => table.nameStems.includes(s)));
}

/**
 * "Which 3 vessels were most frequently delayed?": ranked by a count with no rows named, the ranked
 * rows themselves (one vessel each) count nothing; the rows a value word picks on a table pointing at
 * them (crossings where outcome = 'delayed') are what happened most often. Only for the rows or a
 * column naming each of them: "the most common cities of customers with cancelled orders" still
 * counts customers.
 */
/** "which source brings the most hires": a plural value ('hired') right after "most"/"fewest". */
function pluralValueRanked(parts: QuestionParts): boolean {
  const cue = parts.tokens.find((t) => /^(most|fewest|least)$/.test(t.text));
  if (cue === undefined) return false;
  return parts.values.some(
    (v) => !v.negated && v.tokens[0]?.i === cue.i + 1 && isPlural(v.tokens[v.tokens.length - 1]?.text ?? ""),
  );
}

function rowsPickedByValue(ctx: ResolveContext, parts: QuestionParts, ranked: Dimension): IndexedTable | undefined {
  const table = dimensionTable(ranked);
  if (ranked.kind === "column" && ranked.column !== table.label && !namesEachRow(ranked.column)) return undefined;
  const picked = new Set<IndexedTable>();
  for (const v of parts.values) {
    if (v.negated) continue;
    for (const p of v.postings) {
      const t = p.column.table;
      if (t !== table && ctx.index.graph.manyToOnePath([t], table) !== undefined) picked.add(t);
    }
  }
  return picked.size === 1 ? [...picked][0] : undefined;
}

/**
 * "the title and price of the 5 most expensive books": a column of the measured rows, with a word
 * naming those rows (in the subject or after it), ranks the rows themselves; grouped by the title,
 * two books of one title were averaged into one.
 */
function columnOfNamedRows(
  ctx: ResolveContext,
  parts: QuestionParts,
  dim: Extract<Dimension, { kind: "column" }>,
  table: IndexedTable,
): boolean {
  // The superlative's own noun ("most expensive books"); "Which genre of books has the highest
  // price?" still ranks the genres.
  const cueEnd = parts.intent.agg?.superlative === true ? parts.intent.agg.cue?.split(" ").at(-1) : undefined;
  return (
    cueEnd !== undefined &&
    dim.column.table === table &&
    parts.tokens.some(
      (t) =>
        parts.tokens[t.i - 1]?.text === cueEnd &&
        !dim.used.includes(t) &&
        matchTables(ctx, [t]).some((x) => x.coverage === 1 && x.table === table),
    )
  );
}

/**
 * "the seller with the fewest sold listings" summed bids.amount ("sold" reads as revenue): a plural
 * noun of the ranking words naming another table than the measure's says what is counted. Returns
 * that noun, or undefined.
 */
function rowsNamedBeside(ctx: ResolveContext, words: readonly Token[], m: Measure): Token | undefined {
  return words.find(
    (t) =>
      !m.used.includes(t) &&
      isPlural(t.text) &&
      matchTables(ctx, [t]).some((x) => x.coverage === 1 && x.table !== m.table),
  );
}

/**
 * "the most popular room type" with no quantity column counted the rooms of each type: popularity is
 * how often the rows are used, so the one table whose rows point at the ranked ones (bookings) is
 * counted. Several such tables (plays, ratings) are refused naming them; none leaves the rows'
 * own count ("the most popular genre" of one table of titles).
 */
function usingRows(ctx: ResolveContext, ranked: Dimension | undefined): IndexedTable | string | undefined {
  if (ranked === undefined) return undefined;
  const table = dimensionTable(ranked);
  const using = [
    ...new Set(
      ctx.index.graph
        .steps(table)
        .filter((s) => !s.forward)
        .map(stepTarget),
    ),
  ].filter((t) => t !== table);
  if (using.length <= 1) return using[0];
  return `which rows make ${table.table.name} popular: ${using.map((t) => t.table.name).join(" or ")}`;
}

/** "the 3 biggest invoices by total": the words are the name of the column itself (invoices.total). */
const spellsColumn = (m: Measure, words: readonly Token[]): boolean =>
  m.expr.kind === "column" && m.expr.column.nameStems.join(" ") === words.map((t) => t.stem).join(" ");

/** "the most times", "rented the most": a count of occurrences, named by "times" or a participle alone. */
const countsOccurrences = (phrase: readonly Token[]): boolean =>
  phrase.length > 0 && phrase.every((t) => t.text === "times" || /ed$/.test(t.text));

/** "by total payments": the question says "total" (or "sum"), not "most" or "number of". */
const totals = (intent: QuestionParts["intent"]): boolean => intent.agg?.fn === "sum" && !intent.agg.superlative;

/**
 * "by average price" averages, "by total revenue" sums: a ranking measure's own aggregate word beats
 * its column's default ("top 5 states by total revenue" sums sale_price, which alone would be averaged).
 */
export function namedAggregate(words: readonly Token[]): AggFn | undefined {
  if (words.some((t) => AVG_WORDS.test(t.text))) return "avg";
  if (words.some((t) => /^(total|sum)$/.test(t.text))) return "sum";
  return undefined;
}

/**
 * "which branch has the highest-rated book": a superlative before a singular noun naming the
 * measured rows picks one row, so each group ranks by the MAX (or MIN) of its rows, not their average.
 */
function rowSuperlative(
  ctx: ResolveContext,
  parts: QuestionParts,
  m: Measure,
  words: readonly Token[],
): AggFn | undefined {
  const sup = parts.intent.agg;
  if (sup?.superlative !== true || (sup.fn !== "max" && sup.fn !== "min")) return undefined;
  const rows = words.some(
    (t) => !isPlural(t.text) && matchTables(ctx, [t]).some((x) => x.table === m.table && x.coverage === 1),
  );
  return rows ? sup.fn : undefined;
}

/**
 * Candidates worth building: those explaining the most words, then scoring near the best. "by units
 * sold" is quantity (both words), not unit_price (one): a measure on the ranked table itself would
 * otherwise win on its shorter joins alone.
 */
function bestMeasures(measures: readonly Measure[]): Measure[] {
  const most = Math.max(...measures.map((m) => m.used.length));
  const kept = measures.filter((m) => m.used.length === most);
  const top = Math.max(...kept.map((m) => m.score));
  return kept.filter((m) => m.score >= top * CANDIDATE_SHARE);
}

/**
 * "the 5 latest orders by shipped date": a grouping that names a date of the ranked rows is their
 * order key. Any other grouping ("the 3 most recent orders for each customer") asks for the latest
 * rows of every group, which a single ranking does not answer: refused, never dropped.
 */
export function groupedRecencyDate(
  groups: readonly Dimension[][],
  table: IndexedTable,
): { column: IndexedColumn; used: Token[] } | string | undefined {
  if (groups.length === 0) return undefined;
  const [only] = groups;
  const date = groups.length === 1 ? only?.[0] : undefined;
  if (
    date?.kind === "column" &&
    date.column.table === table &&
    (date.column.kind === "date" || date.column.kind === "timestamp")
  )
    return { column: date.column, used: date.used };
  const what = (only ?? []).map((d) => d.alias)[0] ?? "group";
  return `did not understand the latest rows of each ${what}: a ranking within every group is not supported`;
}

/**
 * "List the employees, earliest hire date first", "products by price, highest first": the words
 * say how to sort every row, not how many to keep (no top 10 without a number).
 */
export function sortsEveryRow(parts: QuestionParts): boolean {
  const words = parts.tokens.filter((t) => t.kind === "word");
  const last = words[words.length - 1];
  return last !== undefined && closesSortPhrase(parts.tokens, last.i);
}

/** Words of a date column that say a row came into being: "created_at", "signup_date", "joined_on". */
const CREATION = /creat|regist|signup|sign_up|join|added|insert|open/;

/**
 * "the 10 most recent orders": the date a row is ranked by when the question names none — the
 * table's only date, or among several the one named for the table (`order_date` of orders) or for
 * its creation (`created_at`); several equally fitting dates ("the newest employees" with a birth date
 * and a hire date) are refused, naming them.
 */
export function chooseEntityDate(table: IndexedTable): IndexedColumn | string {
  const dates = table.columns.filter(
    (c) => (c.kind === "date" || c.kind === "timestamp") && !/updat|delet|modif/.test(c.column.name),
  );
  // "albums, newest first" where albums keep only a release year: that year orders them.
  const [year, ...otherYears] = eventYears(table);
  if (dates.length === 0 && year !== undefined && otherYears.length === 0) return year;
  if (dates.length === 0) return `no date column to order ${table.table.name} by`;
  if (dates.length === 1) return dates[0] as IndexedColumn;
  const own = dates.filter((c) => c.nameStems.some((s) => table.nameStems.includes(s)) || CREATION.test(c.column.name));
  if (own.length === 1) return own[0] as IndexedColumn;
  const names = dates.map((c) => `${table.table.name}.${c.column.name}`).join(", ");
  return `did not understand which date orders ${table.table.name} (candidates: ${names})`;
}

const RECENCY = new Set(["recent", "recently", "latest", "newest", "last", "oldest", "earliest", "first"]);

/**
 * "List the employees, earliest hire date first", "the latest shipped date": words right after a
 * recency cue that name a date column of the ranked table are the order key (not a filter that the
 * column is set).
 */
export function namedRecencyDate(
  ctx: ResolveContext,
  parts: QuestionParts,
  table: IndexedTable,
): { column: IndexedColumn; used: Token[] } | undefined {
  const { tokens, intent } = parts;
  const cue = [...intent.cueTokens].filter((t) => RECENCY.has(t.text)).sort((a, b) => a.i - b.i)[0];
  if (cue === undefined) return undefined;
  const after: Token[] = [];
  for (let k = cue.i + 1; k < tokens.length && after.length < 3; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== "word" || RECENCY.has(t.text) || intent.cueTokens.has(t)) break;
    after.push(t);
  }
  for (let len = after.length; len >= 1; len--) {
    const span = after.slice(0, len);
    const hits = matchColumns(
      ctx,
      span,
      (c) => c.table === table && (c.kind === "date" || c.kind === "timestamp"),
    ).filter((m) => m.used.length === len);
    if (hits.length === 1) return { column: (hits[0] as { column: IndexedColumn }).column, used: span };
  }
  return undefined;
}
