import { type IndexedColumn, type IndexedTable, type JoinStep, stem, stepTarget } from "../../linking";
import {
  type Assembly,
  assemble,
  type Dimension,
  dimensionCandidates,
  dimensionItems,
  dimensionTable,
  fanoutOnlyIntoGroups,
  isLookup,
  partialBesideExact,
  type QuestionParts,
  roleJoinMissing,
  splitName,
} from "./assemble";
import { isParticiple } from "./clauses";
import { flagNamed } from "./flags";
import type { Comparison } from "./intent";
import { RELATION_VERBS, TIME_UNITS } from "./lexicon";
import {
  type CountTarget,
  countTargets,
  holdsMoney,
  isAmountWord,
  isCalendarYear,
  namesEventsOf,
  nameWords,
} from "./measures";
import { listedColumns } from "./outputs";
import {
  aliasFrom,
  isPlural,
  matchColumns,
  matchTables,
  mentionsTable,
  type ResolveContext,
  singular,
  termWeight,
} from "./phrase";
import {
  agg,
  type Built,
  baseQuery,
  countComparison,
  countedRows,
  describeExpr,
  describeFilters,
  fail,
  orderAndLimit,
  type PlanOptions,
  type PlanResult,
  pickBest,
  rowKey,
} from "./plan-support";
import { col, comparePredicate, type Expr, type LogicalQuery, predicateTables } from "./query";
import { syntheticWord, type Token } from "./tokens";
import { unitOf } from "./units";
import { admitsZero, keepZeroCounts } from "./zero-counts";

/** Counting questions ("how many", "number of") and plain lists ("list customers in Germany"). */

/** Words between "in"/"on" and the table it names: "in its holdings", "on the roster". */
const CONTAINER_DETERMINERS = new Set(["its", "their", "the", "our", "his", "her"]);

/** Nouns for people in general: "people on the roster" are its rows when it holds people. */
const PEOPLE_WORDS = new Set(["people", "persons", "individuals"]);

/**
 * "How many books does each branch have in its holdings?", "How many people on the roster work at
 * each garage?": the counted noun names nothing in the schema, and one "in"/"on" phrase names a table
 * with its first word. The nouns are that table's rows when its descriptions use the noun ("one book
 * copy") or, for "people", when its rows are people (a first and a last name). Otherwise the noun
 * may be something else the table holds ("widgets in its warehouse" are not warehouse rows), and a
 * unit ("how many hours … in the timesheets") is an amount: neither is counted.
 */
export function countedInTable(
  ctx: ResolveContext,
  parts: QuestionParts,
  phrase: readonly Token[],
): CountTarget | undefined {
  const [noun] = phrase;
  if (noun === undefined || phrase.length !== 1 || unitOf(noun.text) !== undefined || TIME_UNITS.has(noun.text))
    return undefined;
  if (matchTables(ctx, phrase).length > 0 || matchColumns(ctx, phrase).length > 0) return undefined;
  const holds = (table: IndexedTable) =>
    PEOPLE_WORDS.has(noun.text)
      ? splitName(table) !== undefined
      : table.commentStems.includes(noun.stem) || table.columns.some((c) => c.commentStems.includes(noun.stem));
  const found: CountTarget[] = [];
  for (const words of parts.intent.context) {
    const [first] = words;
    if (first === undefined || !/^(in|on)$/.test(precedingWord(parts.tokens, first)?.text ?? "")) continue;
    const [named, ...others] = matchTables(ctx, [first]).filter((m) => m.coverage === 1);
    if (named !== undefined && others.length === 0 && holds(named.table))
      found.push({ kind: "rows", table: named.table, score: 1, used: [noun, first] });
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * "how many loyalty members placed a delivery order", "how many plus members ordered": words right
 * after the count cue that spell a flag (loyalty_member, is_plus_member) name the rows counted,
 * the flag's table's, however many related rows (orders) the rest of the question needs.
 */
export function flaggedRowsCounted(ctx: ResolveContext, tokens: readonly Token[]): CountTarget | undefined {
  const cue = tokens.findIndex(
    (t, i) =>
      (t.text === "many" && tokens[i - 1]?.text === "how") || (t.text === "of" && tokens[i - 1]?.text === "number"),
  );
  if (cue < 0) return undefined;
  for (let n = 3; n >= 2; n--) {
    const words = tokens.slice(cue + 1, cue + 1 + n);
    if (words.length < n || !isPlural((words.at(-1) as Token).text)) continue;
    const flag = flagNamed(ctx, words);
    if (flag !== undefined) return { kind: "rows", table: flag.table, score: 1, used: [] };
  }
  return undefined;
}

/** Plural time words that count a length of time, never rows: "leave days", "hours of practice". */
const DURATION_WORDS = new Set(["days", "nights", "weeks", "months", "years"]);

/**
 * "the number of leave days per employee", "total days of leave": days (hours, weeks …) are a length
 * of time. Unless the counted column is named by the word (a `nights` column), counting rows for them
 * would answer how many requests, not how many days. Returns the word when so.
 */
export function uncountedDuration(phrase: readonly Token[], target: CountTarget): Token | undefined {
  const named = (t: Token) =>
    target.kind === "distinct"
      ? target.column.nameStems.includes(t.stem)
      : target.kind === "sum" && target.used.includes(t);
  return phrase.find(
    (t) =>
      (DURATION_WORDS.has(t.text) || (unitOf(t.text)?.quantity === "duration" && t.text.endsWith("s"))) && !named(t),
  );
}

/** The word before `t`, past a determiner ("in its holdings" → "in"). */
function precedingWord(tokens: readonly Token[], t: Token): Token | undefined {
  let i = t.i - 1;
  while (i >= 0 && CONTAINER_DETERMINERS.has((tokens[i] as Token).text)) i--;
  return tokens[i];
}

/**
 * "the number of titles released after 2010", "How many comedies were released after 2010?": the
 * participle right before the dates says which date they are (release_year), not what is counted.
 */
function withoutDateVerb(ctx: ResolveContext, parts: QuestionParts, phrase: Token[]): Token[] {
  const verb = parts.range === undefined ? undefined : parts.anchor.at(-1);
  const last = phrase.at(-1);
  // Alone it may still be what is counted ("signups in 2024"), unless a value names the rows
  // ("comedies released after 2010").
  const rest = phrase.length > 1 || parts.values.length > 0;
  if (verb === undefined || last === undefined || !rest || last.text !== verb.text) return phrase;
  if (!isParticiple(verb.text) || matchTables(ctx, [verb]).length > 0) return phrase;
  return phrase.slice(0, -1);
}

const summedMoney = (t: CountTarget): boolean =>
  t.kind === "sum" && t.measure.expr.kind === "column" && holdsMoney(t.measure.expr.column);

export function planCount(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  phrase: Token[],
  rowComparisons: Comparison[],
  countComparisons: Comparison[],
  options: PlanOptions,
): PlanResult {
  phrase = withoutDateVerb(ctx, parts, phrase);
  const flagged = flaggedRowsCounted(ctx, parts.tokens);
  let targets: CountTarget[] = flagged !== undefined ? [flagged] : countTargets(ctx, phrase);
  // "order count by status" beside order_total_amt: a count asked is never money summed.
  if (parts.intent.agg?.fn === "count") targets = targets.filter((t) => !summedMoney(t));
  if (targets.length === 0 && phrase.length === 0 && parts.values.length > 0) {
    // "how many admins": the value names what is counted.
    const column = parts.values[0]?.postings[0]?.column;
    if (column !== undefined) targets = [{ kind: "rows", table: column.table, score: 1, used: [] }];
  }
  if (targets.length === 0) {
    const container = countedInTable(ctx, parts, phrase);
    if (container !== undefined) targets = [container];
  }
  const topTarget = targets[0];
  if (topTarget === undefined)
    return fail(
      phrase.length > 0
        ? `did not find what to count for "${phrase.map((t) => t.text).join(" ")}"`
        : "did not find what to count",
    );
  // "Total value of delivered orders" where no column holds an order's value: counting the orders
  // would answer a number of rows for an amount.
  const amount = topTarget.kind === "rows" ? phrase.find(isAmountWord) : undefined;
  if (amount !== undefined && topTarget.kind === "rows")
    return fail(
      `did not understand "${amount.text}": it asks for an amount, and no column of ${topTarget.table.table.name} was read as it`,
    );
  const duration = uncountedDuration(phrase, topTarget);
  if (duration !== undefined)
    return fail(
      `did not understand "${duration.text}": a number of ${duration.text} is a length of time, and no column holds it`,
    );
  const builds: Built[] = [];
  for (const target of targets
    .filter((t) => t.used.length === topTarget.used.length && t.score >= topTarget.score - 1)
    .slice(0, 5)) {
    const fact =
      target.kind === "rows" ? target.table : target.kind === "distinct" ? target.column.table : target.measure.table;
    const compared = countComparisons.map((c) => ({ c, table: countComparison(ctx, c) as IndexedTable }));
    // "the number of loans for every member with at least 5 loans": a comparison on the
    // counted rows themselves keeps the groups whose count passes. Read as "entities having N rows"
    // it would group by each counted row, where every group holds one, and answer 0.
    const ownCount = compared.filter((h) => h.table === fact);
    if (ownCount.length > 0 && groups.length === 0) continue;
    const having = compared.filter((h) => h.table !== fact);
    const entityGroup: Dimension[] =
      having.length > 0
        ? [{ kind: "entity", table: fact, score: 1, used: [], alias: aliasFrom(phrase) || fact.table.name }]
        : [];
    let a = assemble(ctx, parts, fact, entityGroup.length > 0 ? [entityGroup, ...groups] : groups, {
      bucket: parts.intent.bucket,
      rowComparisons,
      // The noun a count comparison counts ("5 listings") names rows, never a state of their date.
      used: [...target.used, ...having.flatMap((h) => countedRows(ctx, h.c)?.words ?? [])],
      extraTables: having.map((h) => h.table),
    });
    for (const h of having) {
      const elsewhere = countedThroughOtherRows(ctx, parts.tokens, fact, h.table, a.joins);
      if (elsewhere !== undefined) a.errors.push(elsewhere);
    }
    const pk = rowKey(fact);
    let measure: Expr;
    let alias: string;
    const tally = target.kind === "rows" ? tallyColumn(fact) : undefined;
    if (tally !== undefined) {
      // Rows that each hold a count ("checkin: business, day, count"): how many is their sum.
      if (a.fanout && !fanoutOnlyIntoGroups(a))
        a.errors.push(`a sum of ${fact.table.name}.${tally.column.name} without counting rows twice`);
      measure = agg("sum", col(tally));
      alias = `total_${aliasFrom(target.used.length > 0 ? target.used : [syntheticWord(fact.table.name)])}`;
    } else if (target.kind === "rows") {
      measure = a.fanout && pk !== undefined ? agg("count", col(pk), true) : agg("count", undefined);
      // Named after the words that name the table ("customers"), else after what was said ("signups").
      const naming = target.used.filter((t) => mentionsTable(ctx, [t], fact));
      alias = `${aliasFrom(naming.length > 0 ? naming : target.used.length > 0 ? target.used : [syntheticWord(fact.table.name)])}_count`;
    } else if (target.kind === "distinct") {
      measure = agg("count", col(target.column), true);
      alias = `${aliasFrom(target.used)}_count`;
    } else {
      if (a.fanout && !fanoutOnlyIntoGroups(a))
        a.errors.push(`a sum of ${describeExpr(target.measure.expr)} without counting rows twice`);
      // "number of comedies released after 2010": release_year only matched "released".
      const summed = target.measure.expr;
      if (summed.kind === "column" && isCalendarYear(summed.column))
        a.errors.push(`a number of ${describeExpr(summed)}: it holds years, which do not add up`);
      measure = agg("sum", target.measure.expr);
      alias = `total_${target.measure.name}`;
    }
    const stored =
      target.kind === "rows" && tally === undefined
        ? storedCount(fact, [...a.required, ...a.joins.map(stepTarget)])
        : undefined;
    if (stored !== undefined && !filtersRows(a, fact, parts) && having.length === 0) {
      const read = readStoredCount(ctx, parts, groups, rowComparisons, fact, stored, target.used);
      if (typeof read === "string") a.errors.push(read);
      else if (read !== undefined) ({ a, measure, alias } = read);
    }
    if (a.fanout && target.kind === "rows" && pk === undefined)
      a.errors.push(`how to count ${fact.table.name} rows once (no single-column primary key)`);
    const dimsFlat = a.dims.flat();
    let q: LogicalQuery;
    if (having.length > 0) {
      // Count entities having more than N related rows: group by the entity, filter, count the groups.
      // "How many customers in each city have more than 2 policies?" would need one count per city;
      // the count of every group is one number, a wrong answer.
      if (groups.length > 0)
        a.errors.push(`a count of ${fact.table.name} passing a count in each ${a.dimNames.slice(1).join(", ")}`);
      q = baseQuery(a, dimsFlat, dimsFlat.length);
      const counts = having.map(({ table }) => {
        const tpk = rowKey(table);
        return tpk === undefined ? agg("count", undefined) : agg("count", col(tpk), true);
      });
      q.having = having.map(({ c }, i) => comparePredicate(counts[i] as Expr, c));
      q.countRowsAs = alias;
      const zero = zeroCountsKept(q, having, counts[0] as Expr);
      if (zero !== undefined) a.errors.push(zero);
    } else {
      q = baseQuery(a, [...dimsFlat, { expr: measure, alias }], dimsFlat.length);
      q.having = ownCount.map(({ c }) => comparePredicate(measure, c));
      for (const { c } of ownCount) for (const t of countedRows(ctx, c)?.words ?? []) a.used.add(t);
      orderAndLimit(q, a.dims, dimsFlat.length, parts.intent.bucket !== undefined, options.rowLimit);
    }
    const describe = [
      q.countRowsAs !== undefined
        ? `number of ${fact.table.name} having ${describeFilters(q.having)}`
        : describeExpr(measure),
      a.dimNames.length > 0 && q.countRowsAs === undefined ? `by ${a.dimNames.join(", ")}` : "",
      a.where.length > 0 ? `where ${describeFilters(a.where)}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    builds.push({ a, value: target.score - 0.3 * a.cost, query: q, describe });
  }
  if (builds.length === 0) return fail(`did not understand a count of ${aliasFrom(phrase)} compared with itself`);
  return pickBest(builds);
}

/**
 * "customers who have ordered from more than one bakery" counted bakeries through each customer's
 * home_bakery_id (one each, so none qualified): the verb names rows of their own (orders) that
 * point at both, and the related rows counted are theirs. Refused where the joins take another way.
 */
function countedThroughOtherRows(
  ctx: ResolveContext,
  tokens: readonly Token[],
  fact: IndexedTable,
  counted: IndexedTable,
  joins: readonly JoinStep<IndexedTable>[],
): string | undefined {
  const onPath = new Set(joins.map(stepTarget));
  const links = (x: IndexedTable, y: IndexedTable) => ctx.index.graph.pathFrom([x], y)?.length === 1;
  for (const t of tokens) {
    if (t.kind !== "word") continue;
    const events = ctx.index.tables.find(
      (x) =>
        x !== fact && x !== counted && !onPath.has(x) && namesEventsOf(t, x) && links(x, fact) && links(x, counted),
    );
    if (events !== undefined)
      return `which ${counted.table.name} to count: those of the ${fact.table.name}' ${events.table.name} ("${t.text}"), which the joins found do not go through`;
  }
  return undefined;
}

export function planList(
  ctx: ResolveContext,
  parts: QuestionParts,
  rowComparisons: Comparison[],
  countComparisons: Comparison[],
  options: PlanOptions,
): PlanResult {
  const { intent } = parts;
  // "products priced under 20": "priced" belongs to the comparison, the list is of products.
  const compared = new Set(rowComparisons.flatMap((c) => c.before));
  // ... and "issued" in "invoices issued last month" names the date of the range, not a column to list.
  const dateWord = (t: Token) =>
    parts.range !== undefined &&
    matchTables(ctx, [t]).length === 0 &&
    matchColumns(ctx, [t], (c) => c.kind === "date" || c.kind === "timestamp").length > 0;
  // "products bought in 2024": the verb before the dates relates the rows to the dated ones; the list
  // is of products, not of order lines.
  const verb = parts.anchor[parts.anchor.length - 1];
  const dateVerb = (t: Token) =>
    t.i === verb?.i && t.text === verb.text && RELATION_VERBS.has(t.text) && intent.subject.indexOf(t) > 0;
  // "studies sponsored by Novagen": a participle with its agent relates the rows to the value; the
  // list is of studies, not of sponsor names.
  const agentVerb = (t: Token) =>
    intent.subject.indexOf(t) > 0 && isParticiple(t.text) && parts.tokens[t.i + 1]?.text === "by";
  const subject = intent.subject.filter((t) => !compared.has(t) && !dateWord(t) && !dateVerb(t) && !agentVerb(t));
  const phrase = subject.length > 0 ? subject : intent.subject.length > 0 ? intent.subject : (intent.context[0] ?? []);
  // "pilots hired since 2024": the subject was the value ('pilot' of crew.role) and the date's verb;
  // the rows listed are the value's, never the dates.
  const valueRows = subject.length === 0 ? rowsNamedByValue(parts) : rowsNamedByFlag(ctx, phrase);
  const named = valueRows !== undefined ? [valueRows] : dimensionCandidates(ctx, phrase);
  // "books" lists the books table, never a book_reviews table, which only shares the word.
  const lookAlikes = partialBesideExact(ctx, named, true);
  const all = named.filter((d) => !lookAlikes.has(d) && !namesOnlyQualifier(ctx, d));
  // Listing the distinct values of a number is rarely meant: "products priced under 20" lists products.
  // Nor of a date a participle names: "playlists created by premium listeners" lists playlists.
  const eventDate = (c: Dimension) =>
    c.kind === "column" &&
    (c.column.kind === "date" || c.column.kind === "timestamp") &&
    c.used.some((t) => isParticiple(t.text)) &&
    c.used.every(
      (t) => isParticiple(t.text) || matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === c.column.table),
    );
  // And true/false is never a list: "only loyalty members" asks for the members, which are not read so.
  const cands = all.some((c) => c.kind === "entity")
    ? all.filter(
        (c) => c.kind === "entity" || (c.column.kind !== "number" && c.column.kind !== "boolean" && !eventDate(c)),
      )
    : all.filter((c) => c.kind === "entity" || c.column.kind !== "boolean");
  if (cands.length === 0) {
    const words = [...intent.subject, ...intent.context.flat()].map((t) => t.text);
    return fail(
      words.length > 0 ? `did not understand "${words.join(" ")}"` : "did not understand what the question asks for",
    );
  }
  const builds: Built[] = [];
  for (const d of cands.filter((c) => c.used.length === cands[0]?.used.length).slice(0, 4)) {
    const fact = dimensionTable(d);
    const having = countComparisons.map((c) => ({ c, table: countComparison(ctx, c) as IndexedTable }));
    const a = assemble(ctx, parts, fact, having.length > 0 ? [[d]] : [], {
      rowComparisons,
      used: [...d.used, ...having.flatMap((h) => countedRows(ctx, h.c)?.words ?? [])],
      // "Who is the manager of store 2": the rows the role key points at, so its table is joined.
      extraTables: [...having.map((h) => h.table), ...(d.kind === "entity" && d.via ? [d.via.table] : [])],
    });
    const role = having.length > 0 ? undefined : roleJoinMissing(a, d);
    if (role !== undefined) a.errors.push(role);
    for (const h of having) {
      const elsewhere = countedThroughOtherRows(ctx, parts.tokens, fact, h.table, a.joins);
      if (elsewhere !== undefined) a.errors.push(elsewhere);
    }
    // "product names in the Books category": listing the column the question fixes to a value would
    // only echo that value back ('Books'); the names meant are another column's.
    if (
      d.kind === "column" &&
      a.where.some((p) => p.kind === "equals" && !p.negated && p.left.kind === "column" && p.left.column === d.column)
    ) {
      a.errors.push(
        `why to list ${d.column.table.table.name}.${d.column.column.name} when the question gives its value`,
      );
    }
    let q: LogicalQuery;
    if (having.length > 0) {
      const dimsFlat = a.dims.flat();
      const { table } = having[0] as { table: IndexedTable };
      const tpk = rowKey(table);
      const count = tpk === undefined ? agg("count", undefined) : agg("count", col(tpk), true);
      q = baseQuery(a, [...dimsFlat, { expr: count, alias: `${singular(table.table.name)}_count` }], dimsFlat.length);
      q.having = having.map(({ c }) => comparePredicate(count, c));
      q.orderBy = [{ select: dimsFlat.length, dir: "DESC" }];
      const zero = zeroCountsKept(q, having, count);
      if (zero !== undefined) a.errors.push(zero);
    } else if (d.kind === "entity" && !(isLookup(d.table) && d.table.label !== undefined)) {
      q = baseQuery(a, [{ expr: { kind: "star", table: d.table } }], 0);
      // "the books in History and their pages": whole rows already show every column they list.
      for (const m of listedColumns(ctx, parts.tokens, d.used, d.table)) for (const t of m.used) a.used.add(t);
      // Joins to rows referencing the entity (orders of a customer) would repeat it.
      q.distinct = a.fanout;
      const pk = d.table.table.primaryKey.map((k) => d.table.column(k)).filter((c) => c !== undefined);
      q.orderBy = pk.map((c) => ({ expr: col(c), dir: "ASC" as const }));
    } else {
      // "the title and rating of the books": every listed column, not the first alone.
      const more = d.kind === "column" ? listedColumns(ctx, parts.tokens, d.used, d.column.table) : [];
      for (const m of more) for (const t of m.used) a.used.add(t);
      q = baseQuery(a, [...dimensionItems(d), ...more.map((m) => ({ expr: col(m.column) }))], 0);
      q.distinct = true;
      q.orderBy = [{ select: 0, dir: "ASC" }];
    }
    q.limit = options.rowLimit;
    const describe = [
      `${q.distinct ? "distinct " : ""}${q.select.map((s) => describeExpr(s.expr)).join(", ")}`,
      a.where.length > 0 ? `where ${describeFilters(a.where)}` : "",
      q.having.length > 0 ? `having ${describeFilters(q.having)}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    builds.push({ a, value: d.score - 0.3 * a.cost, query: q, describe });
  }
  return pickBest(builds);
}

/** Head words of a column's name that make it a property of the noun before them (fee_type, system_kw). */
const PROPERTY_HEADS = new Set(
  "type kind class category status state level size amount amt qty quantity count total rate score date dt time ts year"
    .split(" ")
    .map(stem),
);

/**
 * "fees that haven't been paid" beside port_fees.fee_type, "systems without a battery" beside
 * system_kw: the word names the noun a column qualifies, not what the column holds (a type of fee, a
 * system's size). Listing the column's distinct values would answer with types and sizes; the rows
 * are meant, or the list has no reading. A number is never listed so; nor any column whose last word
 * names a property the question's words leave out.
 */
function namesOnlyQualifier(ctx: ResolveContext, d: Dimension): boolean {
  if (d.kind !== "column") return false;
  // move_type_cd: the head is "type"; "cd" only says how it is stored.
  const words = nameWords(d.column);
  const head = words.at(-1);
  if (head === undefined || words.length < 2) return false;
  if (d.used.some((t) => termWeight(ctx, t.stem, [head]) > 0)) return false;
  return d.column.kind === "number" || PROPERTY_HEADS.has(head);
}

/** The one table whose rows a plural value word names ("pilots" for crew.role = 'pilot'). */
function rowsNamedByValue(parts: QuestionParts): Dimension | undefined {
  const tables = new Set(
    parts.values
      .filter((v) => !v.negated && v.tokens.length === 1 && isPlural((v.tokens[0] as Token).text))
      .flatMap((v) => v.postings.map((p) => p.column.table)),
  );
  const [table, ...others] = [...tables];
  if (table === undefined || others.length > 0) return undefined;
  return { kind: "entity", table, score: 1, used: [], alias: singular(table.table.name) };
}

/**
 * "the company admins" beside members.is_company_admin: a plural phrase that spells a flag whole
 * names the flagged rows, as a value word does; a column sharing one of its words (company_nm) is
 * not what is listed.
 */
function rowsNamedByFlag(ctx: ResolveContext, phrase: readonly Token[]): Dimension | undefined {
  const last = phrase[phrase.length - 1];
  if (last === undefined || !isPlural(last.text)) return undefined;
  // "members who are company admins": words before the flag's may only name its table.
  for (let start = 0; start < phrase.length; start++) {
    const flag = flagNamed(ctx, phrase.slice(start));
    if (flag === undefined) continue;
    if (!phrase.slice(0, start).every((t) => mentionsTable(ctx, [t], flag.table))) return undefined;
    return { kind: "entity", table: flag.table, score: 1, used: [], alias: singular(flag.table.table.name) };
  }
  return undefined;
}

/**
 * A table whose rows are tallies: a whole-number column named just "count" (or "<table> count"). "How
 * many check-ins" over such rows sums it; counting the rows would count tallies, not check-ins.
 */
/**
 * "number of visits for each exhibit theme" beside museum.visit_count: another table the
 * answer reads keeps the count itself (`<rows>_count`, `num_<rows>`), so the data holds two answers.
 */
function storedCount(fact: IndexedTable, read: readonly IndexedTable[]): IndexedColumn | undefined {
  const rows = fact.nameStems.join(" ");
  const holds = (c: IndexedColumn) => {
    const n = c.nameStems;
    return (
      (n[n.length - 1] === "count" && n.slice(0, -1).join(" ") === rows) ||
      (/^(num|number|n)$/.test(n[0] ?? "") && n.slice(1).join(" ") === rows)
    );
  };
  for (const t of read)
    if (t !== fact) for (const c of t.columns) if (c.kind === "number" && !c.isKey && holds(c)) return c;
  return undefined;
}

/**
 * A count another table keeps (venue.review_cnt beside review rows) read instead of counting:
 * "the total number of reviews per category" adds it up; "how many reviews per category" could be
 * either and is refused; when the groups are reached only through the counted rows ("reviews per
 * user"), the kept count cannot answer, and the rows are counted (undefined).
 */
function readStoredCount(
  ctx: ResolveContext,
  parts: QuestionParts,
  groups: Dimension[][],
  rowComparisons: Comparison[],
  fact: IndexedTable,
  stored: IndexedColumn,
  used: Token[],
): { a: Assembly; measure: Expr; alias: string } | string | undefined {
  const a = assemble(ctx, parts, stored.table, groups, { bucket: parts.intent.bucket, rowComparisons, used });
  if (a.errors.length > 0 || a.joins.some((s) => stepTarget(s) === fact)) return undefined;
  if (!asksForTotal(parts))
    return `whether to count ${fact.table.name} rows or read ${stored.table.table.name}.${stored.column.name} (both say how many)`;
  if (a.fanout && !fanoutOnlyIntoGroups(a))
    a.errors.push(`a sum of ${stored.table.table.name}.${stored.column.name} without counting rows twice`);
  const alias = `total_${aliasFrom(used.length > 0 ? used : [syntheticWord(fact.table.name)])}`;
  return { a, measure: agg("sum", col(stored)), alias };
}

/** "the total number of X": the cue adds up, rather than only counting. */
function asksForTotal(parts: QuestionParts): boolean {
  return parts.intent.agg?.cue === "total number of";
}

/** The question filters the counted rows themselves (a date range or a value of theirs): only counting them answers. */
function filtersRows(a: Assembly, fact: IndexedTable, parts: QuestionParts): boolean {
  return (
    (parts.range !== undefined && a.dateColumn?.table === fact) ||
    a.where.some((p) => predicateTables(p).includes(fact))
  );
}

function tallyColumn(table: IndexedTable): IndexedColumn | undefined {
  return table.columns.find(
    (c) =>
      c.kind === "number" &&
      !c.isKey &&
      (c.nameStems.join(" ") === "count" || c.nameStems.join(" ") === [...table.nameStems, "count"].join(" ")),
  );
}

/**
 * "agents with fewer than 3 customers": a threshold a count of 0 passes keeps the entities with no
 * related rows (zero-counts.ts). Two such counts in one question are not combined.
 */
function zeroCountsKept(
  q: LogicalQuery,
  having: readonly { c: Comparison; table: IndexedTable }[],
  count: Expr,
): string | undefined {
  if (!having.some(({ c }) => admitsZero(c))) return undefined;
  const [only] = having;
  if (only === undefined || having.length > 1) return "two counts compared at once where one may be 0";
  return keepZeroCounts(q, only.table, count);
}
