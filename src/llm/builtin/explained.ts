import { type IndexedColumn, type IndexedTable, type JoinStep, STOPWORDS, stem, stepTarget } from "../../linking";
import { GENERIC_DATE, parallelKeyUnnamed, type QuestionParts, reducedRelativeVerb } from "./assemble";
import { isParticiple, makingVerbAfterNoun } from "./clauses";
import { endsTableName } from "./existence";
import { tableNounAt } from "./intent";
import { ABSENCE_NEGATIONS, FILLERS, IRREGULAR_PAST, LINKING_VERBS, OCCURRENCE_PARTICIPLES } from "./lexicon";
import { isCalendarYear, isFigureNoun, namesActorOf, namesEventsOf, nameWords } from "./measures";
import { explains, isPlural, matchColumns, matchTables, type ResolveContext, singular } from "./phrase";
import type { PlanResult } from "./plan";
import { describeFilters } from "./plan-support";
import {
  allExpressions,
  type Expr,
  exprTables,
  type LogicalQuery,
  type Predicate,
  predicateTables,
  queryColumns,
  subExpressions,
} from "./query";
import type { Token } from "./tokens";

/** Words between a noun and its verb that add no meaning: "tickets were sold", "orders have been placed". */
const AUXILIARIES: ReadonlySet<string> = new Set([
  "was",
  "were",
  "is",
  "are",
  "be",
  "been",
  "being",
  "has",
  "have",
  "had",
]);

/**
 * The last check before SQL: every word of the question is read by the plan, or the answer is refused
 * naming the words left over (a word naming a column the query never reads, a table named but not
 * queried, a negation not turned into a filter). Answering without them would answer another question.
 */

/**
 * "average discount on invoices that had one": "one" after "have" stands for the thing measured, a
 * condition that the rows have it (a discount above nothing), which no filter reads; as a filler it
 * was dropped and every invoice averaged. Left unexplained, so the question is refused.
 */
function pronounOfMeasure(tokens: readonly Token[], t: Token): boolean {
  if (t.text !== "one" || !/^(have|has|had)$/.test(tokens[t.i - 1]?.text ?? "")) return false;
  return !tokens.slice(t.i + 1).some((x) => x.kind === "word");
}

/** Words of a column's name that make its values states: status_cd, stage, lifecycle_state. */
const STATE_HEADS = new Set(["status", "state", "stage", "phase", "condition"].map(stem));

/** Words saying the rows are in some state now: "current staff", "dogs we currently have". */
const NOW_WORDS = new Set(["current", "currently"]);

/**
 * "current employees hired before 2020", "the dogs we currently have": "current" says the rows are
 * in some state now (employed, in the shelter), which only a filter on a state reads: a value, a
 * flag, or an end date not yet set ("vessels currently berthed": status 'BERTHED'). Without one the
 * answer took every row ever recorded, and the word is left unexplained.
 */
function readsState(where: readonly Predicate[]): boolean {
  return where.some(
    (p) =>
      (p.kind === "equals" && p.left.kind === "column" && nameWords(p.left.column).some((s) => STATE_HEADS.has(s))) ||
      p.kind === "bool" ||
      (p.kind === "null" && p.isNull) ||
      (p.kind === "related" && readsState(p.where)) ||
      (p.kind === "either" && readsState(p.of)),
  );
}

/** Filler words that, said of the rows, are a state of theirs: "courses that are full". */
const STATE_FILLERS = new Set(["full", "complete", "available", "live", "current", "new", "existing"]);
/** Words after which an adjective or a verb is said of the rows: "are full", "did we complete". */
const PREDICATE_LEADS = new Set(["is", "are", "was", "were", "be", "been", "we", "they", "you"]);

/**
 * "courses that are full", "how many moves did we complete": a filler word ("a full list", "the
 * complete set") said of the rows is a condition on them, which must be read (it was dropped:
 * every course, every move scheduled).
 */
function predicateFiller(tokens: readonly Token[], t: Token): boolean {
  return STATE_FILLERS.has(t.text) && PREDICATE_LEADS.has(tokens[t.i - 1]?.text ?? "");
}

/**
 * Every content word must be accounted for: used by the plan, or describing a table it reads.
 * Otherwise the SQL would silently ignore part of the question.
 */
export function unexplainedWords(
  ctx: ResolveContext,
  parts: QuestionParts,
  plan: Extract<PlanResult, { ok: true }>,
): string | undefined {
  const { intent, tokens } = parts;
  const contradiction =
    excludedYetJoined(plan.query) ??
    outsideItsJoins(plan.query) ??
    absenceAsMissingDate(plan.query, tokens) ??
    negatedOnManySide(plan.query) ??
    exclusiveOnManySide(plan.query, tokens) ??
    countsEachRowOnce(plan.query) ??
    yearsSummed(plan.query) ??
    measuresItsGroup(plan.query) ??
    breakdownUngrouped(tokens, plan.query) ??
    figureListed(tokens, plan) ??
    whichAsFigure(tokens, plan.query) ??
    superlativeLost(parts, plan.query) ??
    sellingUnsummed(tokens, plan.query) ??
    uniqueByOwnDate(parts, plan.query) ??
    otherVerbMeasured(tokens, plan.query) ??
    strayThan(parts) ??
    sharedComplement(tokens) ??
    valueSplitAcross(ctx, parts) ??
    negationLost(parts, plan) ??
    joinKeyUnnamed(ctx, parts, plan.query);
  if (contradiction !== undefined) return contradiction;
  // Only the tables the query reads explain a word: a word naming a column of a table that was merely
  // linked ("tenants with late payments" answered from tenants alone) is a condition the answer dropped.
  const queried = new Set([...plan.tables, ...queriedTables(plan.query)]);
  const valueSet = new Set(parts.values.flatMap((v) => v.tokens));
  // "each show" beside a shows table: a filler word in noun position names the table, and must be read.
  const namesTable = (i: number) => matchTables(ctx, [tokens[i] as Token]).some((m) => m.coverage === 1);
  const filler = (t: Token) =>
    FILLERS.has(t.text) &&
    !tableNounAt(tokens, t.i, namesTable) &&
    !predicateFiller(tokens, t) &&
    !(NOW_WORDS.has(t.text) && !readsState(plan.query.where)) &&
    !pronounOfMeasure(tokens, t);
  const open = (t: Token) =>
    t.kind === "word" && !filler(t) && !intent.cueTokens.has(t) && !valueSet.has(t) && !plan.used.has(t);
  // "imprints that have published titles" where "titles" ended up a name column: the verb was read as
  // saying related rows exist, so its object must be a table the query reads.
  const lostObject = (parts.relationObjects ?? []).find(
    (o) => !matchTables(ctx, [o]).some((m) => m.coverage === 1 && queried.has(m.table)),
  );
  if (lostObject !== undefined) return `did not understand how the ${lostObject.text} relate to the rows asked about`;
  // "have a city" the plan could not turn into a filter (the column is not on the rows asked about).
  const absentFilter = (parts.presence ?? []).filter((t) => !plan.used.has(t));
  if (absentFilter.length > 0)
    return `did not understand "${absentFilter.map((t) => t.text).join(" ")}": no such column on the rows asked about`;
  const spelled = spelledUnusedColumn(ctx, parts, plan);
  if (spelled !== undefined)
    return `did not understand "${spelled.words}": the query does not use ${spelled.column.table.table.name}.${spelled.column.column.name}, which it spells out`;
  const twice = selfReference(ctx, parts);
  if (twice !== undefined)
    return `did not understand "${twice}": the question speaks of two different ${twice} rows, which the built-in generator does not relate`;
  // "titles published in the genre X": the participle after a queried table's noun only relates rows.
  // "How many reviews has each customer written?": a linking verb closing the question after a
  // queried table's noun only says how the counted rows relate to it.
  const lastWord = tokens.findLast((t) => t.kind === "word");
  // "How many people on the roster work at each garage?", "titles written by each author": a linking
  // verb before "at/in/for/by each …" says how the counted rows relate to the groups.
  const beforeGroup = (t: Token) =>
    /^(at|in|for|with|on|by)$/.test(tokens[t.i + 1]?.text ?? "") && /^(each|every)$/.test(tokens[t.i + 2]?.text ?? "");
  // "Which author wrote the most books?": a linking verb before the ranked count says how the
  // counted rows relate to the ranked ones.
  const beforeRank = (t: Token) => {
    const k = tokens[t.i + 1]?.text === "the" ? t.i + 2 : t.i + 1;
    return /^(most|fewest|least)$/.test(tokens[k]?.text ?? "");
  };
  // "How many accounts is each account manager serving?": the noun may name the key the rows are
  // related by (accounts.account_manager_id) rather than a table.
  const relating = (t: Token) => {
    // "tickets were sold for each event": the noun before the auxiliary.
    let k = t.i - 1;
    while (AUXILIARIES.has(tokens[k]?.text ?? "") && k > t.i - 3) k--;
    const noun = tokens[k];
    return (
      (reducedRelativeVerb(ctx, tokens, t) ||
        (LINKING_VERBS.has(t.stem) && (t === lastWord || beforeGroup(t) || beforeRank(t)))) &&
      noun !== undefined &&
      (matchTables(ctx, [noun]).some((m) => m.coverage === 1 && queried.has(m.table)) ||
        (plan.used.has(noun) &&
          matchColumns(ctx, [noun], (c) => c.isForeignKey).some((m) => queried.has(m.column.table))))
    );
  };
  // "Which products does X supply?": the verb of a queried table's rows (suppliers), or of its events.
  const actsAs = (t: Token) => [...queried].some((q) => namesActorOf(t, q) || namesEventsOf(t, q));
  // "What payment methods are used?": the closing participle only says the values occur.
  const occurs = (t: Token) =>
    t === lastWord && OCCURRENCE_PARTICIPLES.has(t.text) && AUXILIARIES.has(tokens[t.i - 1]?.text ?? "");
  // "print jobs logged this week": a verb of the making of a queried table's rows says they were made.
  const madeRows = (t: Token) =>
    makingVerbAfterNoun(tokens, t.i, (j) => endsTableName(ctx, tokens, j, (table) => queried.has(table)));
  // A word naming a whole table the query does not read is told apart below ("how … relates").
  const namesSomeTable = (t: Token) => matchTables(ctx, [t]).some((m) => m.coverage === 1);
  const unknown = tokens.filter(
    (t) =>
      open(t) &&
      !explains(ctx, t, queried) &&
      !namesSomeTable(t) &&
      !relating(t) &&
      !namesDataSet(ctx, t) &&
      !actsAs(t) &&
      !occurs(t) &&
      !madeRows(t),
  );
  // "how many customers have a city": a word naming a column the query never reads was dropped.
  for (const t of tokens) {
    const column = open(t) ? namesUnusedColumn(ctx, t, plan) : undefined;
    if (column !== undefined)
      return `did not understand "${t.text}": the query does not use ${column.table.table.name}.${column.column.name}, which it names`;
  }
  if (unknown.length > 0) return `did not understand ${unknown.map((t) => `"${t.text}"`).join(", ")} in this schema`;
  for (const t of tokens) {
    const role = open(t) ? roleOfVerb(t, plan) : undefined;
    if (role !== undefined)
      return `did not understand "${t.text}": it may mean ${role.column.table.table.name}.${role.column.column.name} = '${role.value}', which the query does not filter`;
  }
  // "discontinued products" where only a comment mentions discontinued products: the word qualifies
  // the rows counted, and no filter says how. Answering for all products would be silently wrong.
  const qualifiers = tokens.filter(
    (t) => open(t) && !explains(ctx, t, queried, false) && qualifiesTable(ctx, tokens, t),
  );
  if (qualifiers.length > 0) {
    const [q] = qualifiers as [Token];
    return `did not understand which ${tokens[q.i + 1]?.text ?? "rows"} are "${q.text}": no column says so (only a description mentions it)`;
  }
  // "customers with orders", "users who opened a ticket": a table named but not queried would be
  // silently ignored (the answer would list every customer); existence is not in the grammar.
  const ignored = tokens.filter(
    (t) =>
      open(t) &&
      !intent.negated.has(t.i) &&
      matchTables(ctx, [t]).some((m) => m.coverage === 1) &&
      !matchTables(ctx, [t]).some((m) => queried.has(m.table)),
  );
  if (ignored.length > 0)
    return `did not understand how ${ignored.map((t) => `"${t.text}"`).join(", ")} relates to the question`;
  // A negation the plan did not turn into a filter ("customers without orders" is an anti-join).
  const negated = tokens.filter((t) => open(t) && intent.negated.has(t.i));
  if (negated.length > 0) return `did not understand the negation of ${negated.map((t) => `"${t.text}"`).join(", ")}`;
  return undefined;
}

/**
 * "breakdown of denial reasons", "resolution breakdown for bugs" listed the reasons once each: a
 * breakdown asks for a figure per group (how many rows have each reason), which a query without
 * groups does not give. Refused rather than answered as a list.
 */
function breakdownUngrouped(tokens: readonly Token[], q: LogicalQuery): string | undefined {
  if (q.groupBy > 0 || !tokens.some((t) => t.kind === "word" && t.text === "breakdown")) return undefined;
  return `did not understand "breakdown": a breakdown gives a figure per group, and the query has no groups`;
}

/** A filter that excludes: NOT EXISTS, NOT IN, IS NULL, = false, = 0. */
function excludes(p: Predicate): boolean {
  switch (p.kind) {
    case "related":
      return p.negated || p.where.some(excludes);
    case "equals":
    case "like":
      return p.negated;
    case "bool":
      return !p.value;
    case "null":
      return p.isNull;
    // "moorings with no surcharge": a nothing-valued amount (surcharge = 0).
    case "compare":
      return p.value === 0 && (p.op === "=" || p.op === "<=");
    case "either":
      return p.of.some(excludes);
    default:
      return false;
  }
}

/** The FILTER clauses of every aggregate inside an expression (a share's numerator, a ratio's parts). */
function aggregateFilters(e: Expr): Predicate[] {
  return [...(e.kind === "agg" ? (e.filter ?? []) : []), ...subExpressions(e).flatMap(aggregateFilters)];
}

/**
 * "installations without readings in the last 7 days" listed the installations WITH readings then:
 * the negated noun was read (its table joined for the dates) but no filter of the query excludes
 * anything. Refused, naming the word.
 */
function negationLost(parts: QuestionParts, plan: Extract<PlanResult, { ok: true }>): string | undefined {
  const q = plan.query;
  const negated = parts.tokens.find((t) => parts.intent.negated.has(t.i) && plan.used.has(t));
  if (negated === undefined) return undefined;
  const filters = [...q.where, ...q.having, ...q.select.flatMap((s) => aggregateFilters(s.expr))];
  if (filters.some(excludes)) return undefined;
  // "products that are not discontinued" read as is_active = true: a filter made of the word itself.
  if (filters.some((p) => p.kind !== "dateRange" && (plan.origins?.get(p) ?? []).some((t) => t.i === negated.i)))
    return undefined;
  return `did not understand the negation of "${negated.text}": the answer would not exclude anything`;
}

/**
 * "ticket revenue last month" answered with the tickets of last month: a list reads no figure, so a
 * noun of money earned or spent that the plan did not read was dropped, or read as a list of
 * distinct amounts ("revenue this week"). Refused, naming the word.
 */
function figureListed(tokens: readonly Token[], plan: Extract<PlanResult, { ok: true }>): string | undefined {
  const q = plan.query;
  if (!q.select.every((s) => s.expr.kind === "column" || s.expr.kind === "star")) return undefined;
  // "revenue this week" as the distinct amounts charged: the word was read, as a list of numbers.
  const listsNumbers = q.distinct && q.select.some((s) => s.expr.kind === "column" && s.expr.column.kind === "number");
  const word = tokens.find((t) => t.kind === "word" && isFigureNoun(t) && (!plan.used.has(t) || listsNumbers));
  if (word === undefined) return undefined;
  return plan.used.has(word)
    ? `did not understand "${word.text}": it asks for a figure, and it was read as a list of distinct amounts`
    : `did not understand "${word.text}": it asks for a figure, and no column of the rows listed was read as it`;
}

/**
 * "Which meeting room has the largest capacity?" answered with MAX(capacity) alone: "which" and
 * "who" ask for rows, and a query of one ungrouped figure names none. Refused, where the rows the
 * question means could not be told (here a value, 'meeting_room', stood for them).
 */
function whichAsFigure(tokens: readonly Token[], q: LogicalQuery): string | undefined {
  const first = tokens.find((t) => t.kind === "word");
  if (first === undefined || !WHICH_WORDS.has(first.text)) return undefined;
  if (q.groupBy > 0 || q.select.some((s) => s.expr.kind === "column" || s.expr.kind === "star")) return undefined;
  return `did not understand "${first.text}": it asks which rows, and the answer would be a single figure`;
}

const WHICH_WORDS = new Set(["which", "who", "whom"]);

/**
 * "trips that started and ended at Central Station", "parcels picked up and dropped off in Leeds":
 * one place or value after two joined verbs belongs to both, each its own column (start and end
 * station); a reading gives it to one and drops the other. Refused, naming the words.
 */
function sharedComplement(tokens: readonly Token[]): string | undefined {
  for (const and of tokens) {
    if (and.text !== "and" && and.text !== "or") continue;
    const before = tokens[and.i - 1];
    const first = PARTICLE_WORDS.has(before?.text ?? "") ? tokens[and.i - 2] : before;
    let k = and.i + 1;
    const second = tokens[k];
    if (first === undefined || second === undefined || !isParticiple(first.text) || !isParticiple(second.text))
      continue;
    // "picked up and dropped off at": a particle may follow either verb.
    k++;
    if (PARTICLE_WORDS.has(tokens[k]?.text ?? "")) k++;
    if (!COMPLEMENT_PREPOSITIONS.has(tokens[k]?.text ?? "")) continue;
    return `did not understand "${tokens
      .slice(first.i, k + 1)
      .map((t) => t.text)
      .join(" ")}": what follows belongs to both verbs, each its own column`;
  }
  return undefined;
}

/**
 * "How many business cards did we print?" read client_type 'BUSINESS' and product_family 'CARDS'
 * beside item_desc 'Standard Business Card': two words read as values of two columns that another
 * value holds side by side may be that one thing. Refused, naming both readings. (Two columns of one
 * table, a first and a last name, are one row's already.)
 */
function valueSplitAcross(ctx: ResolveContext, parts: QuestionParts): string | undefined {
  for (const first of parts.values) {
    const last = first.tokens.at(-1);
    const second = parts.values.find((v) => v.tokens[0]?.i === (last?.i ?? -2) + 1);
    if (last === undefined || second === undefined || first.tokens.length !== 1 || second.tokens.length !== 1) continue;
    const word = second.tokens[0] as Token;
    // "customer Rebecca Taylor": a first and a last name of one row are one value already.
    const tables = (v: typeof first) => new Set(v.postings.map((p) => p.column.table));
    if ([...tables(first)].some((t) => tables(second).has(t))) continue;
    const columns = new Set([...first.postings, ...second.postings].map((p) => p.column));
    for (const [key, postings] of ctx.index.valueStems) {
      const words = key.split(" ");
      const at = words.indexOf(last.stem);
      if (at < 0 || words[at + 1] !== word.stem) continue;
      const whole = postings.find((p) => !columns.has(p.column));
      if (whole === undefined) continue;
      const [a, b] = [first.postings[0], second.postings[0]];
      return `did not understand "${last.text} ${word.text}": ${a?.column.column.name} '${a?.value}' and ${b?.column.column.name} '${b?.value}', or ${whole.column.table.table.name}.${whole.column.column.name} '${whole.value}'`;
    }
  }
  return undefined;
}

const PARTICLE_WORDS = new Set(["up", "off", "out", "in", "down"]);
const COMPLEMENT_PREPOSITIONS = new Set(["at", "in", "from", "to", "on", "by", "with"]);

/** Money named by how it moved (paid_amt, amount_charged): the same sale any verb of it names. */
const MONEY_PARTICIPLES = new Set(["paid", "charged", "billed", "invoiced", "collected", "received", "spent", "owed"]);

/**
 * "Which wine has sold the most bottles?" answered by wines.bottles_produced: a number named for
 * one event (produced) measures only that one, and the question's verb (sold) is another. Refused,
 * naming both, unless the question says the column's own verb too.
 */
function otherVerbMeasured(tokens: readonly Token[], q: LogicalQuery): string | undefined {
  const ordered = q.orderBy.flatMap((o): Expr[] => {
    const e = "expr" in o ? o.expr : q.select[o.select]?.expr;
    return e === undefined ? [] : [e];
  });
  const measured = [...q.select.slice(q.groupBy).map((s) => s.expr), ...ordered]
    .flatMap(allExpressions)
    .flatMap((e) => (e.kind === "column" && e.column.kind === "number" ? [e.column] : []));
  const verbs = tokens.filter((t) => t.kind === "word" && isParticiple(t.text));
  for (const c of measured) {
    const own = c.column.name
      .toLowerCase()
      .split(/[^a-z]+/)
      .find((w) => isParticiple(w) && !MONEY_PARTICIPLES.has(w));
    if (own === undefined || verbs.some((v) => v.stem === stem(own))) continue;
    const other = verbs[0];
    if (other !== undefined)
      return `did not understand "${other.text}": ${c.table.table.name}.${c.column.name} measures what was ${own}`;
  }
  return undefined;
}

/**
 * "the 3 largest orders" answered as COUNT(*) of all orders: a superlative or a ranking asks for the
 * rows at one end, or the extreme value; an answer that neither orders its rows nor takes a MAX or
 * MIN says nothing of it. Refused, naming the word.
 */
function superlativeLost(parts: QuestionParts, q: LogicalQuery): string | undefined {
  const { intent } = parts;
  if (intent.rank === undefined && intent.agg?.superlative !== true) return undefined;
  if (q.orderBy.length > 0 || q.limit === 1) return undefined;
  const extreme = q.select
    .flatMap((s) => allExpressions(s.expr))
    .some((e) => e.kind === "agg" && (e.fn === "max" || e.fn === "min"));
  if (extreme || q.having.length > 0) return undefined;
  const word = intent.agg?.superlative === true ? intent.agg.cue : "the ranking";
  return `did not understand "${word}": the answer would neither rank its rows nor take the ${intent.agg?.fn === "min" ? "smallest" : "largest"} value`;
}

/**
 * "unique members per month this year" counted members by their own sign-up month: "unique"
 * says each is counted once where they could repeat (a member active in many months), so the rows
 * are counted through their events; counted by a date of their own, nothing repeats and the word is
 * not read. Refused for a period or a bucket on the counted rows alone.
 */
function uniqueByOwnDate(parts: QuestionParts, q: LogicalQuery): string | undefined {
  const { intent } = parts;
  if (!intent.distinct || q.joins.length > 0) return undefined;
  if (intent.bucket === undefined && parts.range === undefined) return undefined;
  const word = parts.tokens.find((t) => /^(unique|distinct|different)$/.test(t.text));
  return `did not understand "${word?.text ?? "unique"}": by a date of their own, ${q.root.table.name} rows fall in one period each, so they are counted through some events, which the question does not name`;
}

/** Words before "selling" that rank by what sold: "best-selling", "top selling". */
const SALES_RANKS = new Set(["best", "top", "highest", "biggest", "fastest"]);

/**
 * "top selling items by quantity", "best-selling books by quantity": what sells best is ranked by
 * what it sold added up. An answer ranking single rows by a number of theirs (one sale line's
 * quantity, a book's stock) without adding anything up ranks something else. Refused.
 */
function sellingUnsummed(tokens: readonly Token[], q: LogicalQuery): string | undefined {
  const selling = tokens.find((t) => t.text === "selling" && SALES_RANKS.has(tokens[t.i - 1]?.text ?? ""));
  if (selling === undefined) return undefined;
  const summed = q.select.flatMap((s) => allExpressions(s.expr)).some((e) => e.kind === "agg");
  if (summed) return undefined;
  return `did not understand "${tokens[selling.i - 1]?.text} selling": the answer ranks single rows, not what they sold added up`;
}

/**
 * "pupils who were late more times than they were absent", "accounts that have paid more than they
 * were billed": a "than" that no comparison with a number took compares two figures of the rows (or
 * with "twice", "an hour"), which the built-in generator does not; read without it, the answer drops
 * the condition. ("Rather than", "other than" only join phrases.)
 */
function strayThan(parts: QuestionParts): string | undefined {
  const { tokens, intent } = parts;
  // A number or a value after it ("later than 2020", "other than 'Gold'") is compared or read elsewhere.
  const valueAfter = (i: number) => tokens.slice(i + 1, i + 4).some((t) => t.kind === "number" || t.kind === "quoted");
  const stray = tokens.find(
    (t) =>
      t.text === "than" &&
      !intent.comparisons.some((c) => c.cue.i <= t.i && t.i <= c.cue.i + 4) &&
      !/^(rather|other)$/.test(tokens[t.i - 1]?.text ?? "") &&
      !valueAfter(t.i) &&
      !/\bthan\b/.test(parts.range?.text ?? ""),
  );
  if (stray === undefined) return undefined;
  return `did not understand "${tokens
    .slice(Math.max(0, stray.i - 2), stray.i + 3)
    .map((t) => t.text)
    .join(" ")}": it compares with something other than a number, which is not supported`;
}

/**
 * "guests who never booked a suite" joined the bookings to filter the suite, then asked that no
 * booking exist: rows the query both requires and excludes (a wrong answer that can never return a
 * row, found while probing).
 */
function excludedYetJoined(q: LogicalQuery): string | undefined {
  const joined = new Set(q.joins.map(stepTarget));
  // An EXISTS beside a NOT EXISTS of any such rows: "listeners who never played a track" asked that
  // no play exist and that a play of a track exist (always empty). "customers who ordered but never
  // paid by card" denies only some orders, and stands.
  const required = q.where.flatMap((p) => (p.kind === "related" && !p.negated ? [p.steps.map(stepTarget)] : []));
  for (const p of q.where) {
    if (p.kind !== "related" || !p.negated) continue;
    const denied = p.steps.map(stepTarget);
    const both =
      denied.find((t) => joined.has(t)) ??
      (p.where.length === 0 && required.some((path) => denied.every((t, i) => path[i] === t))
        ? denied[denied.length - 1]
        : undefined);
    if (both !== undefined)
      return `did not understand the negation: the answer would need ${both.table.name} rows that it also excludes (say which ${both.table.name} should not exist)`;
  }
  return undefined;
}

/**
 * "stations with no rides", "stations with more than 100 rides" where rides keep a start and an end
 * station: the join took the first key, as "How many rides per station?" is refused for. Related-row
 * filters (EXISTS, NOT EXISTS) and the joins of counted thresholds are built apart from the planner's
 * join tree, so every join of the final query is checked here.
 */
function joinKeyUnnamed(ctx: ResolveContext, parts: QuestionParts, q: LogicalQuery): string | undefined {
  for (const step of [...q.joins, ...relatedSteps(q.where)]) {
    const unnamed = parallelKeyUnnamed(ctx, parts.tokens, step);
    if (unnamed !== undefined) return `could not work out ${unnamed}`;
  }
  return undefined;
}

/**
 * "kitchens with no chefs" became kitchens with some staff member who is not a chef: a value denied
 * on rows joined from the many side (one kitchen, many staff) keeps every row that has any
 * other related row, where the question asks that none has the value.
 */
function negatedOnManySide(q: LogicalQuery): string | undefined {
  const manySide = new Set(q.joins.filter((s) => !s.forward).map(stepTarget));
  for (const p of q.where) {
    if ((p.kind !== "equals" && p.kind !== "like") || !p.negated || p.left.kind !== "column") continue;
    const { table, column } = p.left.column;
    if (!manySide.has(table)) continue;
    return `did not understand the negation: it may mean no ${table.table.name} row has that ${column.name}, or some ${table.table.name} row has another; the built-in generator does not choose`;
  }
  return undefined;
}

/**
 * "members with plots in more than one garden" counted gardens that a related-rows subquery had
 * taken inside it (EXISTS (… gardens g …) … COUNT(DISTINCT g.garden_id)): SQL that cannot run. A
 * table the answer reads outside must be joined there.
 */
function outsideItsJoins(q: LogicalQuery): string | undefined {
  const joined = new Set([q.root, ...q.joins.map(stepTarget)]);
  const read = [
    ...q.select.flatMap((s) => exprTables(s.expr)),
    ...q.where.flatMap(predicateTables),
    ...q.having.flatMap(predicateTables),
    ...q.orderBy.flatMap((o) => ("expr" in o ? exprTables(o.expr) : [])),
  ];
  const missing = read.find((t) => !joined.has(t));
  return missing === undefined
    ? undefined
    : `did not understand how to read ${missing.table.name} both inside the related rows and outside them`;
}

/**
 * "Bottles produced per vintage" answered as SUM(vintage_yr) grouped by the bottles: whichever
 * reading put it there, a sum of calendar years measures nothing (the plan refuses the ones it
 * makes knowingly; this catches any other).
 */
function yearsSummed(q: LogicalQuery): string | undefined {
  const summed = q.select
    .flatMap((s) => allExpressions(s.expr))
    .find((e) => e.kind === "agg" && e.fn === "sum" && e.arg?.kind === "column" && isCalendarYear(e.arg.column));
  if (summed?.kind !== "agg" || summed.arg?.kind !== "column") return undefined;
  return `a total of ${summed.arg.column.table.table.name}.${summed.arg.column.column.name}: it holds years, which do not add up`;
}

/**
 * "Milk by milking shift" answered as SUM(milking_shift) grouped by milking_shift: the word of the
 * figure found the grouping's own column, so each group would measure itself. The figure the
 * question means (litres milked) was not found.
 */
function measuresItsGroup(q: LogicalQuery): string | undefined {
  const keys = q.select.slice(0, q.groupBy).flatMap((s) => (s.expr.kind === "column" ? [s.expr.column] : []));
  const own = q.select
    .slice(q.groupBy)
    .map((s) => s.expr)
    .find((e) => e.kind === "agg" && e.fn !== "count" && e.arg?.kind === "column" && keys.includes(e.arg.column));
  if (own?.kind !== "agg" || own.arg?.kind !== "column") return undefined;
  const name = `${own.arg.column.table.table.name}.${own.arg.column.column.name}`;
  return `did not understand which figure to measure per ${name}: the word found ${name} itself`;
}

/**
 * "most used label" answered as COUNT(*) of labels grouped by labels.label_nm: rows counted per their
 * own key, or per the name their table is called by (city_nm of cities), count 1 each. The question
 * meant rows elsewhere (the labels' uses), which the plan did not find.
 */
function countsEachRowOnce(q: LogicalQuery): string | undefined {
  if (q.groupBy === 0 || q.joins.length > 0) return undefined;
  const counted = q.select.some(
    (s) => s.expr.kind === "agg" && s.expr.fn === "count" && s.expr.arg === undefined && s.expr.filter === undefined,
  );
  if (!counted) return undefined;
  const { root } = q;
  const ownName = (c: IndexedColumn) => c === root.label && root.nameStems.every((n) => c.nameStems.includes(n));
  const key = q.select
    .slice(0, q.groupBy)
    .find(
      (s) =>
        s.expr.kind === "column" &&
        s.expr.column.table === root &&
        (s.expr.column.isPrimaryKey || ownName(s.expr.column)),
    );
  if (key === undefined || key.expr.kind !== "column") return undefined;
  return `did not understand what to count for each ${root.table.name} row: counted by its own ${key.expr.column.column.name}, each would count once`;
}

const REQUEST_VERBS = new Set(["show", "list", "give", "return", "display", "get", "find", "me", "count", "include"]);

/**
 * "customers who only order takeout", "guests whose bookings were all cancelled": a value required of
 * every related row. The query keeps anyone with one such row (one customer, many orders), and the
 * "only" or "all" that makes it every row would be dropped. "only active users", a value of the rows
 * themselves, is a plain filter.
 */
function exclusiveOnManySide(q: LogicalQuery, tokens: readonly Token[]): string | undefined {
  // "show only customers who …", "list only the orders …": "only" narrowing the request is no such claim.
  const word = tokens.find(
    (t, i) =>
      ((t.text === "only" || t.text === "exclusively") && i > 0 && !REQUEST_VERBS.has(tokens[i - 1]?.text ?? "")) ||
      (t.text === "all" && AUXILIARIES.has(tokens[i - 1]?.text ?? "")),
  );
  if (word === undefined) return undefined;
  const manySide = new Set(q.joins.filter((s) => !s.forward).map(stepTarget));
  const related = q.where.flatMap((p) => (p.kind === "related" && !p.negated ? p.where : []));
  const onMany = [...q.where.filter((p) => predicateTables(p).some((t) => manySide.has(t))), ...related];
  const valued = onMany.find((p) => p.kind === "equals" || p.kind === "bool" || p.kind === "like");
  if (valued === undefined) return undefined;
  return `did not understand "${word.text}": asking that every related row has ${describeFilters([valued])}, not just one, is not supported by the built-in generator`;
}

/**
 * "guests who never paid by card" became a card payment without a paid date: "never"/"no" before a
 * word naming a date of related rows (one guest, many payments) reads as a missing date on some of
 * them, where the question denies that any such row exists.
 */
function absenceAsMissingDate(q: LogicalQuery, tokens: readonly Token[]): string | undefined {
  if (!tokens.some((t) => ABSENCE_NEGATIONS.has(t.text))) return undefined;
  const manySide = new Set(q.joins.filter((s) => !s.forward).map(stepTarget));
  for (const p of q.where) {
    if (p.kind !== "null" || !p.isNull || p.left.kind !== "column" || !manySide.has(p.left.column.table)) continue;
    const { table, column } = p.left.column;
    return `did not understand the negation: it may mean no ${table.table.name} row exists, or some have no ${column.name}; the built-in generator does not choose`;
  }
  return undefined;
}

/**
 * "How many projects has each employee led?" counted every assignment while assignments.role holds
 * 'lead': a verb read as relating the rows may instead name a value of a column on the joined rows
 * ('lead', 'manager' for "managed"). Answering for every row would ignore it. Returns the column and
 * value, or undefined.
 */
function roleOfVerb(
  t: Token,
  plan: Extract<PlanResult, { ok: true }>,
): { column: IndexedColumn; value: string } | undefined {
  const irregular = IRREGULAR_PAST.get(t.text);
  const base = irregular ?? /^(.{3,}?)e?d$/.exec(t.text)?.[1];
  if (base === undefined) return undefined;
  // Who does it: "directed" -> director, "managed" -> manager, "written" -> writer; an irregular
  // verb's own form is a role too ("led" -> lead). A state ("opened" -> 'open') is not a role.
  const forms = new Set(
    [`${base}or`, `${base}er`, `${base}r`, ...(irregular !== undefined ? [irregular] : [])].map((w) => stem(w)),
  );
  const read = queryColumns(plan.query);
  for (const table of queriedTables(plan.query)) {
    for (const c of table.columns) {
      if (c.kind !== "text" || read.has(c)) continue;
      const value = (c.column.samples ?? []).find((v) => forms.has(stem(v.toLowerCase())));
      if (value !== undefined) return { column: c, value };
    }
  }
  return undefined;
}

/** Words for the data as a whole: "films in the catalog", "customers in the database". */
const DATA_SET_WORDS = new Set(["catalog", "catalogue", "database", "dataset", "system", "db"]);

/**
 * "What percentage of the films in the catalog are rated R?": a word for the whole data set says
 * nothing about which rows, unless the schema uses it as a name (a catalogs table, a system column).
 */
export function namesDataSet(ctx: ResolveContext, t: Token): boolean {
  if (!DATA_SET_WORDS.has(t.text)) return false;
  const postings = ctx.index.terms.get(t.stem) ?? [];
  return !postings.some((p) => p.field === "tableName" || p.field === "columnName");
}

/**
 * The word names a column of a queried table ("city" in "customers that have a city") that the query
 * never reads, and names no table: answering without it would silently drop what it asks about.
 */
function namesUnusedColumn(
  ctx: ResolveContext,
  t: Token,
  plan: Extract<PlanResult, { ok: true }>,
): IndexedColumn | undefined {
  if (matchTables(ctx, [t]).length > 0) return undefined;
  const queried = queriedTables(plan.query);
  const read = queryColumns(plan.query);
  for (const table of queried) {
    for (const c of table.columns) {
      // Date columns are named by event verbs ("paid", "ordered") that only say which rows are meant;
      // another word ("open" of opened_ts) names a state the query would not have read.
      if (
        c.isKey ||
        ((c.kind === "date" || c.kind === "timestamp") && (isVerbForm(t.text) || GENERIC_DATE.has(t.stem)))
      )
        continue;
      if (!c.nameStems.filter((s) => !STOPWORDS.has(s)).includes(t.stem)) continue;
      if (!read.has(c)) return c;
    }
  }
  return namesOtherFigure(ctx, t, queried);
}

const isVerbForm = (word: string): boolean => isParticiple(word) || /ing$/.test(word) || IRREGULAR_PAST.has(word);

/**
 * "total units on hand per category" summed order lines' qty while "hand" named stock_levels.on_hand:
 * a word naming a number column of a table the query never reads, and no column of the tables it
 * does, asked for that figure. Returns the column, or undefined.
 */
function namesOtherFigure(
  ctx: ResolveContext,
  t: Token,
  queried: ReadonlySet<IndexedTable>,
): IndexedColumn | undefined {
  // A verb form ("attended" beside people_attended) relates rows; only a noun names a figure.
  if (/(ed|ing)$/.test(t.text)) return undefined;
  const names = (c: IndexedColumn) => c.nameStems.filter((s) => !STOPWORDS.has(s)).includes(t.stem);
  if ([...queried].some((q) => q.columns.some(names))) return undefined;
  // The last word of the name is what the column counts ("hand" of on_hand); others qualify it
  // ("take" of would_take_again, which "taken" only stems to).
  const head = (c: IndexedColumn) => c.nameStems.filter((s) => !STOPWORDS.has(s)).at(-1) === t.stem;
  const figures = ctx.index.tables
    .filter((x) => !queried.has(x))
    .flatMap((x) => x.columns.filter((c) => c.kind === "number" && !c.isKey && head(c)));
  return figures[0];
}

/**
 * "Which states border the state where …", "employees who earn more than the employee …": rows of
 * one table set against one particular row of the same table (a plural, then "the" + the singular).
 * The grammar has one row per table, so the answer would confuse the two.
 */
function selfReference(ctx: ResolveContext, parts: QuestionParts): string | undefined {
  const { tokens } = parts;
  const values = new Set(parts.values.flatMap((v) => v.tokens));
  const tableOf = (t: Token) =>
    t.kind === "word" && !values.has(t)
      ? matchTables(ctx, [t]).find((m) => m.coverage === 1 && m.exact)?.table
      : undefined;
  for (const t of tokens) {
    const table = tableOf(t);
    if (table === undefined || !isPlural(t.text)) continue;
    const again = tokens.find(
      (u) => u.i > t.i + 1 && tableOf(u) === table && !isPlural(u.text) && tokens[u.i - 1]?.text === "the",
    );
    if (again !== undefined) return singular(t.text);
  }
  return undefined;
}

/**
 * "top stores by visitor count" beside a `visitor_count` column: the words spell a number column
 * of a table the question is about, and start with another table's name, so counting reviews
 * instead would answer something else.
 */
function spelledUnusedColumn(
  ctx: ResolveContext,
  parts: QuestionParts,
  plan: Extract<PlanResult, { ok: true }>,
): { words: string; column: IndexedColumn } | undefined {
  const read = queryColumns(plan.query);
  const { tokens } = parts;
  for (const table of new Set([...ctx.linked, ...queriedTables(plan.query)])) {
    for (const c of table.columns) {
      const n = c.nameStems;
      if (c.kind !== "number" || c.isKey || n.length < 2 || read.has(c)) continue;
      for (let i = 0; i + n.length <= tokens.length; i++) {
        const span = tokens.slice(i, i + n.length);
        // Only "<table> count" and the like: there the words read as a count of that table's rows.
        if (
          span.every((t, k) => t.kind === "word" && t.stem === n[k]) &&
          matchTables(ctx, [span[0] as Token]).some((m) => m.coverage === 1)
        )
          return { words: span.map((t) => t.text).join(" "), column: c };
      }
    }
  }
  return undefined;
}

/** Tables the query reads, those of its related-rows subqueries included. */
function queriedTables(query: Extract<PlanResult, { ok: true }>["query"]): Set<IndexedTable> {
  return new Set([query.root, ...[...query.joins, ...relatedSteps(query.where)].map(stepTarget)]);
}

/** The join steps of related-rows subqueries (EXISTS, NOT EXISTS), nested ones and those inside "either". */
function relatedSteps(where: readonly Predicate[]): JoinStep<IndexedTable>[] {
  return where.flatMap((p) =>
    p.kind === "related" ? [...p.steps, ...relatedSteps(p.where)] : p.kind === "either" ? relatedSteps(p.of) : [],
  );
}

/**
 * The word stands right before a word naming a table on its own: an adjective of those rows. After an
 * auxiliary it is a verb taking them as its object ("members who have attended bookings").
 */
function qualifiesTable(ctx: ResolveContext, tokens: readonly Token[], t: Token): boolean {
  if (AUXILIARIES.has(tokens[t.i - 1]?.text ?? "")) return false;
  const next = tokens[t.i + 1];
  return next?.kind === "word" && matchTables(ctx, [next]).some((m) => m.coverage === 1);
}
