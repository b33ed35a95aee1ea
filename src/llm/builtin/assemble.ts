import type { DateRange, WeekdayFilter } from "../../dates";
import {
  abbreviates,
  type IndexedColumn,
  type IndexedTable,
  type JoinStep,
  keyRoleWords,
  type Reached,
  STOPWORDS,
  stepSource,
  stepTarget,
  type ValuePosting,
} from "../../linking";
import { stem, textStems, valueKey } from "../../linking/text";
import { isParticiple } from "./clauses";
import { flagAlternative, flagStems, twoWordFlag } from "./flags";
import type { Comparison, Intent } from "./intent";
import { ABSENCE_NEGATIONS, CUES, FILLERS, GROUPING_WORDS, LINKING_VERBS, type TimeUnit } from "./lexicon";
import {
  CLASSIFIER_HEADS,
  isCalendarYear,
  isMoneySenseWord,
  isMoneyTable,
  measureCandidates,
  namesEventsOf,
  nameWords,
  nounOfVerb,
} from "./measures";
import { likePattern, type PatternKind } from "./patterns";
import {
  aliasFrom,
  type ColumnMatch,
  explains,
  isPlural,
  matchColumns,
  matchTables,
  type ResolveContext,
  singular,
  termWeight,
} from "./phrase";
import {
  col,
  comparePredicate,
  type Expr,
  exprColumns,
  exprTables,
  type Predicate,
  predicateTables,
  type SelectItem,
} from "./query";
import { syntheticWord, type Token } from "./tokens";
import { columnsMeasuring, columnUnit, inColumnUnit, type Quantity, quantitiesOf, saysPrice, unitOf } from "./units";

/**
 * Everything that hangs off the table a question measures (its fact table): group-by dimensions,
 * the date column, value, boolean and numeric filters, and the joins to reach them. Choices that
 * could go several ways (customers.country or countries.name?) go to the nearest table by joins.
 */

export interface ValueHit {
  tokens: Token[];
  postings: readonly ValuePosting[];
  negated: boolean;
  /** Part of the value, not all of it: "names starting with 'J'" (patterns.ts). */
  pattern?: PatternKind;
}

export type Dimension =
  | {
      kind: "entity";
      table: IndexedTable;
      score: number;
      used: Token[];
      alias: string;
      /** The key naming the rows' role ("manager" in store.manager_staff_id): they are reached through it. */
      via?: IndexedColumn;
    }
  | { kind: "column"; column: IndexedColumn; score: number; used: Token[]; alias: string };

export interface QuestionParts {
  intent: Intent;
  tokens: Token[];
  values: ValueHit[];
  range: DateRange | undefined;
  /** Days of the week the rows are restricted to ("on weekends"), on the same date column as `range`. */
  weekdays?: WeekdayFilter;
  /** Words just before the date range ("signed up" in "customers who signed up in 2023"). */
  anchor: Token[];
  /** The two periods a comparison names, earlier first; `range` then spans both. */
  periods?: [DateRange, DateRange];
  /** Words naming a column the rows must have or lack a value of ("have a city"): filters or nothing. */
  presence?: Token[];
  /** Table nouns a verb says related rows of exist ("visits" in "have performed visits"). */
  relationObjects?: Token[];
}

export interface Assembly {
  fact: IndexedTable;
  dims: SelectItem[][];
  dimNames: string[];
  where: Predicate[];
  required: IndexedTable[];
  joins: JoinStep<IndexedTable>[];
  /** Some join walks from a referenced table to the rows referencing it: fact rows repeat. */
  fanout: boolean;
  used: Set<Token>;
  dateColumn: IndexedColumn | undefined;
  /** Lower is better: join distance of the chosen pieces. */
  cost: number;
  errors: string[];
  /** The question words behind each value, flag, comparison and absence filter. */
  origins: Map<Predicate, Token[]>;
  /** Words that chose the date column ("ordered" in "customers who never ordered in 2024"). */
  dateWords: Token[];
}

const stems = (words: string) => new Set(words.split(" ").map(stem));
/** Words in date column names that say nothing about which event is dated. */
export const GENERIC_DATE = stems("date time timestamp day at on");
/** Events a question usually means when it names none: creation, placement, occurrence. */
const PREFERRED_DATE = stems(
  "created order placed occurred issued started signup registered opened paid event transaction submitted sent booked purchased signed joined",
);
/**
 * A birth date is something the rows have, not an event they take part in: "patients each doctor saw
 * in 2025" never means patients born in 2025. Only words naming it ("born", "birth") choose it.
 */
const BIRTH_DATE = stems("birth born dob birthday");
/** Nor is a death date ("pets Dr. Smith saw last month" are not pets that died then). */
const DEATH_DATE = stems("deceased death died");
/**
 * "orders that have shipped", "unpaid invoices", "leases with no end date", "claims did each holder
 * file": a participle (or one with a negating prefix), a word naming the date with "date" after it,
 * or a verb after "did" says the event happened or not. "open requests" names a state instead.
 */
function saysEventHappened(tokens: readonly Token[], t: Token, unprefixed: string | undefined): boolean {
  if (isParticiple(t.text) || (unprefixed !== undefined && isParticiple(unprefixed))) return true;
  if (GENERIC_DATE.has(tokens[t.i + 1]?.stem ?? "")) return true;
  return tokens.slice(Math.max(0, t.i - 4), t.i).some((x) => /^(did|do|does)$/.test(x.text));
}

/** Verbs of a row's own beginning: "clients who joined", "users who signed up", "members registered". */
const JOINING = stems("joined signed registered enrolled subscribed onboarded");
/** Dates a question rarely means unless it says so: bookkeeping and ends. */
const DISFAVOURED_DATE = stems(
  "updated modified deleted due last end cancelled resolved closed expires birth archived",
);

/** Dates of a row's making, which "for <period>" does not mean: booked for, ordered for, requested for. */
const MAKING_DATE = stems("created creation booked booking placed ordered requested submitted entered logged made");

export const qualified = (c: IndexedColumn): string => `${c.table.table.name}.${c.column.name}`;

/**
 * Lookup tables (categories, countries) are shown by their name alone; entities also by their id. A
 * table of people named in two columns is never one, however small: first names repeat. Nor is a
 * table whose rows are dated (customers with a join date): its rows are things that happened or
 * joined, and two of them may share a name.
 */
export function isLookup(t: IndexedTable): boolean {
  return (
    t.table.foreignKeys.length === 0 &&
    t.columns.length <= 4 &&
    splitName(t) === undefined &&
    !t.columns.some((c) => c.kind === "date" || c.kind === "timestamp")
  );
}

/** "first_name" beside "last_name" ("given_name", "surname"): a person's name kept in two columns. */
export function splitName(t: IndexedTable): { first: IndexedColumn; last: IndexedColumn } | undefined {
  const text = t.columns.filter((c) => c.kind === "text" && !c.isKey);
  const first = text.find((c) => /(?:^|_)(?:first|given|fore)_?name$/i.test(c.column.name));
  const last = text.find((c) => /(?:^|_)(?:(?:last|family)_?name|surname)$/i.test(c.column.name));
  return first !== undefined && last !== undefined ? { first, last } : undefined;
}

export function dimensionCandidates(ctx: ResolveContext, phrase: readonly Token[]): Dimension[] {
  const out: Dimension[] = [];
  for (const m of matchTables(ctx, phrase)) {
    if (m.coverage < 0.5) continue;
    const used = withPersonHead(ctx, phrase, m.used);
    const exact = m.coverage === 1 && used.length === phrase.length;
    out.push({
      kind: "entity",
      table: m.table,
      score: m.score + (exact ? 0.5 : 0),
      used,
      alias: aliasFrom(m.used),
    });
  }
  const accept = (c: IndexedColumn) => !c.isPrimaryKey && c.kind !== "other" && (c.isForeignKey || !c.isKey);
  const namedEntity = out.some((d) => d.kind === "entity" && d.used.length === 1 && d.score >= 1);
  for (const m of matchColumns(ctx, phrase, accept)) {
    // "Which products sold the most": products is the table; quantity_per_unit, reached from "sold"
    // by a synonym and from "products" as its table, is no reading of those words.
    if (namedEntity && !m.used.some((t) => m.column.nameStems.includes(t.stem))) continue;
    // "Which officer issued the most fines": the participle is the officer's verb; its date column
    // (fines.issued_ts) is no reading of who.
    const when = m.column.kind === "date" || m.column.kind === "timestamp";
    const someEntity = out.some((d) => d.kind === "entity");
    if (someEntity && when && m.used.every((t) => isParticiple(t.text))) continue;
    // "list the orders": the words name the orders table; its ordered_at, which they stem to, is not
    // what an order is called (listing it would list distinct timestamps, not orders).
    const ownTableNamed = out.some(
      (d) => d.kind === "entity" && d.table === m.column.table && m.used.every((t) => d.used.includes(t)),
    );
    if (ownTableNamed && m.column.kind !== "text") continue;
    // A text foreign key (customers.country -> countries.name) is itself the label; an id is not,
    // whether a number or text named like one (shop_id).
    const fk =
      m.column.isForeignKey && (m.column.kind !== "text" || /id$/i.test(m.column.column.name))
        ? m.column.table.table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === m.column.column.name)
        : undefined;
    const target = fk === undefined ? undefined : ctx.index.table(`${fk.refSchema}.${fk.refTable}`);
    // "by category_id" means the category: show its name.
    if (target !== undefined) {
      // A key named for a role ("manager_staff_id") says which of the target's rows are meant.
      // Not the target's own name, however shortened (emp_no of employees), nor a key word.
      const role = keyRoleWords(m.column, target);
      // "active keepers" beside feedings.fed_by_keeper_id: a role no word says is not the rows
      // meant; read so, the keepers were joined to feedings and those who fed nothing dropped.
      if (role.length > 0 && !m.used.some((t) => termWeight(ctx, t.stem, role) > 0)) continue;
      // Words only the key's comment matched ("taken" in "the clerk who took the fee") say how
      // the key's rows relate, not which entity: they stay for the measure.
      const named = m.used.filter(
        (t) => termWeight(ctx, t.stem, m.column.nameStems) > 0 || termWeight(ctx, t.stem, target.nameStems) > 0,
      );
      const used = withPersonHead(ctx, phrase, named.length > 0 ? named : m.used);
      out.push({
        kind: "entity",
        table: target,
        score: m.score - 0.1,
        used,
        alias: aliasFrom(named.length > 0 ? named : m.used),
        ...(role.length > 0 ? { via: m.column } : {}),
      });
    }
    // Numbers group badly ("by revenue" means rank by it): kept, but behind any other reading.
    else if (!m.column.isKey || (m.column.kind === "text" && !/id$/i.test(m.column.column.name))) {
      // A column keeps its own name in the output: "c.country", not "country_customer".
      out.push({
        kind: "column",
        column: m.column,
        score: m.score - (m.column.kind === "number" ? 1 : 0),
        used: m.used,
        alias: m.column.column.name,
      });
    }
  }
  return out
    .filter((d) => !namesakeLabel(d, out) && !kindOfNamedRows(ctx, d, out))
    .sort((a, b) => b.used.length - a.used.length || b.score - a.score);
}

/**
 * "top selling items by quantity" beside sale_items.item_cat_cd: "items" names the sale items and
 * the column that sorts them into kinds alike; grouped by the kind, the answer ranked categories.
 * A column whose last word (storage words aside) classifies, unsaid by the words, is no reading of
 * a noun that names rows of a table; "by priority" beside priority_lvl, with no priorities table,
 * still is.
 */
function kindOfNamedRows(ctx: ResolveContext, d: Dimension, all: readonly Dimension[]): boolean {
  if (d.kind !== "column") return false;
  const words = nameWords(d.column);
  const head = words.at(-1);
  if (head === undefined || words.length < 2 || !CLASSIFIER_HEADS.has(head)) return false;
  if (d.used.some((t) => termWeight(ctx, t.stem, [head]) > 0)) return false;
  return all.some((e) => e.kind === "entity" && d.used.every((t) => e.used.includes(t)));
}

/**
 * "copies per title" beside titles.title: the word names the table and its label alike; grouped by
 * the label, two titles of one name (or two people) would merge. The table's rows are meant, shown by
 * key and label — unless it is a lookup, whose names are its keys.
 */
function namesakeLabel(d: Dimension, all: readonly Dimension[]): boolean {
  if (d.kind !== "column" || d.column !== d.column.table.label || isLookup(d.column.table)) return false;
  return all.some(
    (e) =>
      e.kind === "entity" &&
      e.via === undefined &&
      e.table === d.column.table &&
      e.used.length === d.used.length &&
      e.used.every((t) => d.used.includes(t)),
  );
}

/** Words a key's name carries for being a key: cust_id, emp_no, acct_num, region_cd. */

/** Head nouns that only say a table's rows are people: "crew member", "faculty members". */
const PERSON_HEADS = new Set(["member", "members", "person", "persons"]);

/**
 * "each crew member", "per faculty member": a person head noun right after the words naming a table
 * belongs to that naming (unless the schema names something by it: a members table).
 */
function withPersonHead(ctx: ResolveContext, phrase: readonly Token[], used: readonly Token[]): Token[] {
  const last = used[used.length - 1];
  const next = last === undefined ? undefined : phrase[phrase.indexOf(last) + 1];
  const head = next !== undefined && PERSON_HEADS.has(next.text) && !used.includes(next);
  return head && matchTables(ctx, [next]).length === 0 ? [...used, next] : [...used];
}

/**
 * "the manager of store 2", "customers per support rep": rows named by a role key (store.manager_staff_id)
 * are the ones that key points at; a join that reaches their table another way (staff.store_id)
 * would list every staff member of the store. Returns what could not be worked out, or undefined.
 */
export function roleJoinMissing(a: Pick<Assembly, "joins">, d: Dimension): string | undefined {
  if (d.kind !== "entity" || d.via === undefined) return undefined;
  const via = d.via;
  const through = a.joins.some(
    (s) => s.edge.from === via.table && s.edge.fromColumns.length === 1 && s.edge.fromColumns[0] === via.column.name,
  );
  if (through) return undefined;
  return `how "${d.used.map((t) => t.text).join(" ")}" relates: ${d.table.table.name} rows reached through ${qualified(via)}, which the joins found do not use`;
}

export function dimensionItems(d: Dimension): SelectItem[] {
  if (d.kind === "column") {
    return [
      d.alias === d.column.column.name || d.alias === ""
        ? { expr: col(d.column) }
        : { expr: col(d.column), alias: d.alias },
    ];
  }
  const t = d.table;
  const label = t.label;
  // The declared key, or the one read from names: grouping by a label alone would merge namesakes.
  const pk =
    t.table.primaryKey.length === 1
      ? t.column(t.table.primaryKey[0] as string)
      : t.table.primaryKey.length === 0
        ? t.columns.find((c) => c.isPrimaryKey)
        : undefined;
  const items: SelectItem[] = [];
  if (pk !== undefined && (!isLookup(t) || label === undefined) && pk !== label) items.push({ expr: col(pk) });
  const name = splitName(t);
  // A person is shown by both halves of the name, each under its own column name.
  if (name !== undefined && label === name.first) items.push({ expr: col(name.first) }, { expr: col(name.last) });
  else if (label !== undefined) items.push({ expr: col(label), alias: d.alias || t.table.name });
  return items;
}

export const dimensionTable = (d: Dimension): IndexedTable => (d.kind === "entity" ? d.table : d.column.table);

type Reach = Map<number, Reached>;

/** Join distances from a fact table, computed once per fact and question. */
const reachCache = new WeakMap<IndexedTable, Reach>();
function reachFrom(ctx: ResolveContext, fact: IndexedTable): Reach {
  let reach = reachCache.get(fact);
  if (reach === undefined) {
    reach = ctx.index.graph.reach(fact);
    reachCache.set(fact, reach);
  }
  return reach;
}

export function hops(ctx: ResolveContext, from: IndexedTable, to: IndexedTable): number | undefined {
  return reachFrom(ctx, from).get(to.ordinal)?.hops;
}

/** The candidate explaining most words, then nearest to the fact, then best scored. */
export function chooseDimension(
  ctx: ResolveContext,
  fact: IndexedTable,
  cands: readonly Dimension[],
): { dim: Dimension; hops: number } | undefined {
  let best: { dim: Dimension; hops: number; value: number } | undefined;
  const maxUsed = Math.max(0, ...cands.map((c) => c.used.length));
  // "users per account" ("account" ~ user by synonym): grouping the rows by themselves counts each
  // once; the table the word names exactly is meant.
  const others = cands.some((c) => dimensionTable(c) !== fact);
  const bySynonym = (d: Dimension) => d.kind === "entity" && d.used.every((t) => !d.table.nameStems.includes(t.stem));
  const partial = partialBesideExact(ctx, cands);
  for (const dim of cands) {
    if (dim.used.length < maxUsed || partial.has(dim)) continue;
    if (others && dimensionTable(dim) === fact && bySynonym(dim)) continue;
    const h = hops(ctx, fact, dimensionTable(dim));
    if (h === undefined) continue;
    const value = dim.score - 0.35 * h;
    if (best === undefined || value > best.value) best = { dim, hops: h, value };
  }
  return best;
}

/**
 * "top 2 couriers with the most loans": "couriers" names the couriers table whole; a column that
 * only shares a word with it (loans.courier_service) is another thing. When a table is named whole,
 * columns whose names the words cover only in part are not candidates — if that table cannot be
 * joined, the grouping is refused rather than answered with a look-alike column.
 */
const LABEL_WORDS = stems("name title label");

export function partialBesideExact(
  ctx: ResolveContext,
  cands: readonly Dimension[],
  idsAreLookAlikes = false,
): Set<Dimension> {
  const whole = (stems: readonly string[], used: readonly Token[]) => {
    // "branch_name" names the branch: a label word adds nothing ("courier_code" refers to a courier, it is not one).
    const meaningful = stems.filter((s) => !STOPWORDS.has(s));
    const things = meaningful.filter((s) => !LABEL_WORDS.has(s));
    const names = things.length > 0 ? things : meaningful;
    // Each word of the name needs a word of its own: "account" (a synonym of user) does not name
    // account_users whole.
    return (
      names.length > 0 &&
      names.length <= used.length &&
      names.every((n) => used.some((t) => termWeight(ctx, t.stem, [n]) > 0))
    );
  };
  const exact = (d: Dimension) =>
    d.kind === "entity" && whole(d.table.nameStems, d.used) && d.used.every((t) => d.table.nameStems.includes(t.stem));
  if (!cands.some(exact)) return new Set();
  // In a list, an id elsewhere that refers to the named table ("prices.ticker_id" beside "tickers") is
  // a look-alike too; a grouping "by business id" may mean the id itself.
  return new Set(
    cands.filter(
      (d) =>
        !exact(d) &&
        ((idsAreLookAlikes && d.kind === "column" && d.column.isKey && d.column.nameStems.at(-1) === "id") ||
          // "customers" beside a customers table never means accounts, which a synonym reaches.
          (d.kind === "entity" && !d.used.some((t) => d.table.nameStems.includes(t.stem))) ||
          !whole(d.kind === "column" ? d.column.nameStems : d.table.nameStems, d.used)),
    ),
  );
}

/** Words saying rows are in a state, not that an event happened: "valid on", "employed on", "open today". */
const STATE_WORDS = stems("valid active employed open current effect force live running headcount");
/** Name words of the date a state begins and ends on: valid_from / valid_to, hire_dt / term_dt. */
const STATE_START = stems("start from begin begins effective hire hired open opened join joined enrolled commenced");
const STATE_END = stems(
  "end ends to until till expiry expires expire term terminated close closed left cancel cancelled finish",
);

/**
 * "permits valid on 1 July 2026", "employees employed on 2025-06-30", "tariffs valid today": a word
 * of a state and a single day ask which rows were in that state then, begun by the day and not ended
 * before it, from the one pair of start and end dates the rows keep. The day is not an event's date
 * (valid_from on that very day). Without one such pair the question is refused.
 */
export function stateOnDay(
  parts: QuestionParts,
  fact: IndexedTable,
): { start: IndexedColumn; end: IndexedColumn; day: string; after: string; words: Token[] } | string | undefined {
  const range = parts.range;
  if (range?.start === undefined || range.end === undefined || !singleDay(range.start, range.end)) return undefined;
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  const words = parts.tokens.filter((t) => t.kind === "word" && STATE_WORDS.has(t.stem) && !valueTokens.has(t));
  if (words.length === 0) return undefined;
  const dates = fact.columns.filter((c) => c.kind === "date" || c.kind === "timestamp");
  const starts = dates.filter((c) => c.nameStems.some((s) => STATE_START.has(s)));
  const ends = dates.filter((c) => c.nameStems.some((s) => STATE_END.has(s)));
  const [start] = starts;
  const [end] = ends;
  if (starts.length !== 1 || ends.length !== 1 || start === undefined || end === undefined || start === end)
    return `which rows were "${words.map((t) => t.text).join(" ")}" ${range.text}: it takes one start and one end date of ${fact.table.name}`;
  return { start, end, day: range.start, after: range.end, words };
}

/** Whether [start, end) is one calendar day (ISO dates). */
function singleDay(start: string, end: string): boolean {
  const next = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === end.slice(0, 10);
}

/** Date columns near the fact, scored by the words around the date range and by their names. */
/** A date column, the question's words naming it, and how well it fits. */
export interface RankedDate {
  column: IndexedColumn;
  used: Token[];
  value: number;
}

/**
 * Every date column within reach of the fact with its value, best first (ties keep catalog order):
 * `assemble` takes the first, unless `guessedDate` finds it a guess; ties.ts asks which one was meant
 * when the first two are tied.
 */
export function rankDateColumns(
  ctx: ResolveContext,
  fact: IndexedTable,
  parts: QuestionParts,
  preferred: readonly IndexedTable[],
  counted: readonly IndexedTable[] = [],
): RankedDate[] {
  const ranked: RankedDate[] = [];
  const questionWords = parts.tokens.filter((t) => t.kind === "word");
  const dated = tableBeforeDates(ctx, parts);
  const forPeriod = /^for\b/i.test(parts.range?.text ?? "");
  const bookedFor = forPeriod ? verbBeforeRange(parts) : undefined;
  // "clients who joined before 2020": joining is the rows' own start, dated on the rows themselves; a
  // related table's date a synonym reaches ("created" of shipments) is not it. Unless the verb names a
  // table of such events ("students who enrolled …" beside enrollments).
  const joining = parts.anchor.find((t) => JOINING.has(t.stem));
  const ownStart = joining !== undefined && !ctx.index.tables.some((t) => t !== fact && namesEventsOf(joining, t));
  // "students who enrolled in Algebra I": the table of the verb's events, on the way to the course
  // the value names, dates them, not the students' own enrolled_on that the same word names.
  const verbEvents = new Set(
    parts.anchor.flatMap((v) => ctx.index.tables.filter((t) => t !== fact && namesEventsOf(v, t))),
  );
  const reachedForValues = new Set(
    parts.values.flatMap((v) =>
      v.postings.flatMap((p) => [
        p.column.table,
        ...(ctx.index.graph.pathFrom([fact], p.column.table) ?? []).map(stepTarget),
      ]),
    ),
  );
  // "trips per month" beside riders.last_trip_at: the noun of the rows asked about names them, not a
  // date of other rows that mentions them (a rider's last trip).
  const factNoun = (t: Token) =>
    isPlural(t.text) && matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === fact);
  // "trips paid in cash yesterday": "paid" names the column the value is of (pay_method = 'cash'),
  // not a date elsewhere (payouts.paid_dt).
  const valueColumns = parts.values.flatMap((v) => v.postings.map((p) => p.column));
  const namesValueColumn = (t: Token) => valueColumns.some((c) => termWeight(ctx, t.stem, c.nameStems) > 0);
  // "sold out events in 2026" beside status 'sold_out' and on_sale_dt: a word of a value of several
  // words names a date only by its own stem, never through a synonym ("sold": sale); a value of one
  // word still does ("issues closed last month": resolved_at).
  const isValueWord = (t: Token) => parts.values.some((v) => v.tokens.length > 1 && v.tokens.some((x) => x.i === t.i));
  // "billing tickets this month" beside category_cd = 'billing': a word read as a value of one table
  // does not also name another table's date (invoices.inv_dt, through "bill").
  const valueOfOtherTable = (t: Token, table: IndexedTable) =>
    parts.values.some((v) => v.tokens.some((x) => x.i === t.i) && v.postings.every((p) => p.column.table !== table));
  for (const [ordinal, { hops: distance, backward, sideways }] of reachFrom(ctx, fact)) {
    const table = ctx.index.tables[ordinal] as IndexedTable;
    if (distance > 3) continue;
    // "tickets sold yesterday" beside the snack sales of the same showing: rows that only share a
    // parent with the fact are other events; their dates date the fact's rows only when a noun of the
    // question names them ("staff in teams with projects started in 2024").
    if (sideways && table !== dated && !nounNames(ctx, parts, table)) continue;
    const dates = table.columns.filter((c) => c.kind === "date" || c.kind === "timestamp");
    // "ACH payments received yesterday": "received" gives payments their money sense, and names no
    // date of another table (cases.received_dt).
    const readsElsewhere = (t: Token, names: readonly string[]) =>
      (table !== fact &&
        (factNoun(t) ||
          namesValueColumn(t) ||
          valueOfOtherTable(t, table) ||
          (isMoneyTable(fact) && isMoneySenseWord(t)))) ||
      summarisesOthers(ctx, t, names, table);
    const namesDate = (t: Token, names: readonly string[]) =>
      termWeight(ctx, t.stem, names) > 0 && !(isValueWord(t) && !names.includes(t.stem)) && !readsElsewhere(t, names);
    // "students who graduated": a participle the name shortens (grad_dt) names the date too, and so
    // does its event's noun ("lines activated": activation_dt).
    const anchorHitsOf = (names: readonly string[]) =>
      parts.anchor.filter(
        (t) =>
          namesDate(t, names) ||
          (isParticiple(t.text) &&
            names.some((s) => (s.length >= 3 && abbreviates(s, t.stem)) || nounOfVerb(t, s)) &&
            !readsElsewhere(t, names)),
      );
    const hitsOf = new Map(dates.map((c) => [c, anchorHitsOf(dateNameStems(c))]));
    // "purchase orders received last week": when a word other than the rows' own noun names one of
    // their dates (received_dt), the noun ("orders") no longer names ordered_dt.
    const ownNoun = (t: Token) => namesOwnRows(ctx, parts.tokens, parts.tokens[t.i] ?? t, table);
    if ([...hitsOf.values()].some((hits) => hits.some((t) => !ownNoun(t))))
      for (const [c, hits] of hitsOf)
        hitsOf.set(
          c,
          hits.filter((t) => !ownNoun(t)),
        );
    const anyDateNamed = [...hitsOf.values()].some((hits) => hits.length > 0);
    for (const c of dates) {
      const names = dateNameStems(c);
      // "sessions booked for next week": the verb before a "for" period says the rows are made; the
      // period is what they are made for, and names no making date (booked_dt).
      const madeFor = (t: Token) => forPeriod && t.i === bookedFor?.i && names.some((s) => MAKING_DATE.has(s));
      const anchorHits = (hitsOf.get(c) ?? []).filter((t) => !madeFor(t));
      // "purchase orders received each month": "orders" names the rows, not their ordered_on; the
      // participle ("received", "ordered") still names the date.
      const wordHits = questionWords.filter(
        (t) =>
          namesDate(t, names) && !anchorHits.includes(t) && !madeFor(t) && !namesOwnRows(ctx, parts.tokens, t, table),
      );
      // The words just before the range decide ("customers who ordered in 2024" -> order_date), even
      // across a join that repeats rows: counts then become COUNT(DISTINCT ...).
      if (names.some((s) => BIRTH_DATE.has(s) || DEATH_DATE.has(s)) && anchorHits.length + wordHits.length === 0)
        continue;
      // "Which mechanic fixed the most bikes in November?": a verb of the question that spells a date's
      // name (fixed_ts) says which event the period dates, wherever it stands, as the verb right
      // before the range does; the noun before the range (bikes, commissioned) does not outweigh it.
      const verbHits = wordHits.filter((t) => isParticiple(t.text) && names.includes(t.stem) && !isValueWord(t));
      let value = 3 * (anchorHits.length + verbHits.length) + wordHits.length - verbHits.length;
      value -= 0.5 * distance + (backward ? 1 : 0);
      if (table === fact) value += ownStart ? 3 : 1;
      if (verbEvents.has(table) && anchorHits.length > 0 && reachedForValues.has(table)) value += 3;
      // "customers who ordered more than 5 times last month" beside orders.placed_at: the verb names
      // the table of its events, whose date no word names; their date, not the customers' sign-up.
      else if (verbEvents.has(table) && !anyDateNamed && !ownStart) value += 3;
      // Related rows the values are reached through ("pets Dr. Smith saw": each pet's appointments,
      // on the way to the vet) are the events the question dates, not the pet's owner's sign-up.
      else if (reachedForValues.has(table) && backward) value += 1;
      if (table === dated && anchorHits.length === 0) value += 3;
      // "members with more than 12 check-ins in November": the rows a count compares are what the
      // period dates, not the members' joining, unless a word names another date.
      if (counted.includes(table) && !anyDateNamed) value += 3;
      if (preferred.includes(table)) value += 0.5;
      if (names.some((s) => PREFERRED_DATE.has(s))) value += 0.3;
      // "appointments last month" beside appt_ts and booked_ts: the date named for the rows' own noun
      // (or its abbreviation) is when they happen; the booking is another event.
      if (namedForOwnRows(c)) value += 0.5;
      if (names.some((s) => DISFAVOURED_DATE.has(s)) && anchorHits.length + wordHits.length === 0) value -= 0.8;
      // "bookings for next week": the date the rows are for (arrival, reserved_for), not when they were
      // made (created_at, booked_dt), unless a word other than the rows' own noun names that.
      const makingNamed = [...anchorHits, ...wordHits].some(
        (t) => !namesOwnRows(ctx, parts.tokens, parts.tokens[t.i] ?? t, table),
      );
      if (forPeriod && names.some((s) => MAKING_DATE.has(s)) && !makingNamed) value -= 2;
      if (c.column.nullable) value -= 0.1;
      // The joining verb the rows' own date answers ("clients who joined": since_dt) is read by it (the
      // question's own token: anchor words are a second tokenization of the text before the range).
      const start = table === fact && ownStart && joining !== undefined ? [parts.tokens[joining.i] ?? joining] : [];
      // Anchor hits as the question's own tokens, which is what the words read are checked against.
      const own = anchorHits.map((t) => parts.tokens[t.i] ?? t);
      ranked.push({ column: c, used: [...own, ...wordHits, ...start], value });
    }
  }
  // Stable: of equal values the first met wins, as it always has.
  return ranked.sort((a, b) => b.value - a.value);
}

/** Words for the yearly return of a date, not the date itself. */
const ANNIVERSARIES = new Set(["birthday", "birthdays", "anniversary", "anniversaries"]);

/**
 * "people with birthdays this month", "members whose birthday is in December": a birthday comes
 * back every year; filtered by the period, the birth date found only people born this month of this
 * year. Days and months of every year are not a range of dates: refused. ("born in 1990" is.)
 */
export function birthdayInPeriod(parts: QuestionParts, date: IndexedColumn): string | undefined {
  const word = parts.tokens.find((t) => ANNIVERSARIES.has(t.text));
  if (word === undefined || parts.range === undefined) return undefined;
  return `whose ${word.text} falls "${parts.range.text}": ${qualified(date)} holds the day itself, and its return every year is not supported by the built-in generator`;
}

/** How close another unnamed date's value may come to the chosen one's before the choice is a guess. */
const DATE_GUESS_MARGIN = 1.5;
/** Dates of the record rather than of what it records: created_ts, entered_dt, logged_at. */
const RECORD_DATE = stems("created creation entered logged inserted added recorded");

/**
 * "trucks with no stops last week" beside truck_stops.created_ts and sched_start_ts: when no word of
 * the question names the date chosen, and it is the record's own (its creation), while the same rows
 * keep a date of what they record that no word names either, nearly as likely, the period may be of
 * either: a stop held last week but entered earlier was missed. Refused, naming both. A date named
 * for the rows' own noun (order_date of orders) is when they happen, and no guess, unless it is
 * their making (booked_ts of bookings) beside a start no word names.
 */
export function guessedDate(parts: QuestionParts, ranked: readonly RankedDate[]): string | undefined {
  const [top, ...rest] = ranked;
  if (top === undefined || top.used.length > 0) return undefined;
  // "reservations made last month": a word of making says the record's (the booking's) date is meant.
  if (parts.tokens.some((t) => MAKING_DATE.has(t.stem) && isParticiple(t.text))) return undefined;
  const names = (c: IndexedColumn, words: ReadonlySet<string>) => dateNameStems(c).some((s) => words.has(s));
  const unnamedBeside = (fits: (r: RankedDate) => boolean) =>
    rest.find((r) => r.column.table === top.column.table && r.used.length === 0 && fits(r));
  const rival = namedForOwnRows(top.column)
    ? // "lane fee revenue in November" beside booking.booked_ts and start_ts: a date named for the
      // rows' own noun is when they happen, unless it is their making (a booking is made, then held).
      names(top.column, MAKING_DATE)
      ? unnamedBeside((r) => names(r.column, START_WORDS))
      : undefined
    : names(top.column, RECORD_DATE)
      ? unnamedBeside(
          (r) =>
            r.value >= top.value - DATE_GUESS_MARGIN &&
            !names(r.column, RECORD_DATE) &&
            !names(r.column, DISFAVOURED_DATE),
        )
      : undefined;
  if (rival === undefined) return undefined;
  return `which date "${parts.range?.text ?? parts.weekdays?.text ?? "the period"}" dates: ${qualified(top.column)} or ${qualified(rival.column)} (no word names either)`;
}

/** A noun of the question (not a verb's participle, nor a synonym: "revenue" of sales) names the table. */
function nounNames(ctx: ResolveContext, parts: QuestionParts, table: IndexedTable): boolean {
  return parts.tokens.some(
    (t) =>
      t.kind === "word" &&
      !isParticiple(t.text) &&
      table.nameStems.includes(t.stem) &&
      matchTables(ctx, [t]).some((m) => m.table === table && m.coverage >= 0.5),
  );
}

/** A date column's name without its generic words ("date", "at"): last_order_at -> last, order. */
const dateNameStems = (c: IndexedColumn): string[] => c.nameStems.filter((s) => !GENERIC_DATE.has(s));

/** Words that make a date a summary of other rows: last_order_at, first_purchase_dt. */
const SUMMARY_DATE = stems("last first latest recent previous");

/**
 * "customers who ordered last month" beside customers.last_order_at and an orders table: a summary
 * date (each customer's latest order) only mentions the rows the word names; the orders themselves
 * are dated. Without such a table the summary date is all there is, and stays.
 */
function summarisesOthers(ctx: ResolveContext, t: Token, names: readonly string[], table: IndexedTable): boolean {
  if (!names.some((s) => SUMMARY_DATE.has(s))) return false;
  return ctx.index.tables.some(
    (other) =>
      other !== table &&
      (namesEventsOf(t, other) || matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === other)),
  );
}

/**
 * order_date of orders, appt_ts or appt_start_ts of appointments: the date named for the rows' own
 * noun (its start is still when they happen), when they happen.
 */
function namedForOwnRows(c: IndexedColumn): boolean {
  const names = dateNameStems(c).filter((s) => !START_WORDS.has(s));
  return names.length > 0 && names.every((s) => c.table.nameStems.some((n) => abbreviates(s, n)));
}

/** Words saying a date is when the rows begin: appt_start_ts, shift_begin_at, class_sched_dt. */
const START_WORDS = stems("start begin scheduled sched");

/** The question's own token of the word right before the date range ("resigned" of "who resigned in 2025"). */
function verbBeforeRange(parts: QuestionParts): Token | undefined {
  const last = parts.anchor[parts.anchor.length - 1];
  const word = last === undefined ? undefined : parts.tokens[last.i];
  // "ported out", "signed up", "checked in": the participle before the particle is the verb.
  const before = word === undefined ? undefined : parts.tokens[word.i - 1];
  return word !== undefined && PARTICLES.has(word.text) && before !== undefined && isParticiple(before.text)
    ? before
    : word;
}

const PARTICLES = new Set(["out", "up", "in", "off", "down", "back", "over", "away"]);

/**
 * "employees who resigned this year" beside term_reason = 'resigned' and hire_dt: the verb before the
 * range names a status value, and the date chosen is not the verb's, so the answer would date the
 * rows by another event (their hire). Refused, naming the date. The rows' own date stays ("orders
 * returned in 2024": order_date, when the order happened, which its status then qualifies). When the
 * verb names the date too ("flights departed last week", sched_dep_ts), that date says the event
 * happened; the value is the rows' current state, which moves on ('departed', then 'landed'), so it
 * is not also required.
 */
function checkEventVerb(
  fact: IndexedTable,
  a: Assembly,
  verb: Token | undefined,
  date: { column: IndexedColumn; used: Token[] },
): void {
  if (verb === undefined || !isParticiple(verb.text)) return;
  const value = a.where.find((p) => p.kind === "equals" && !p.negated && a.origins.get(p)?.includes(verb));
  if (value === undefined) return;
  if (!date.used.some((t) => t.i === verb.i)) {
    if (namedForOwnRows(date.column)) return;
    a.errors.push(
      `which date says when ${fact.table.name} were "${verb.text}": ${qualified(date.column)} is another event`,
    );
    return;
  }
  a.where.splice(a.where.indexOf(value), 1);
}

/**
 * "bikes used yesterday" beside bikes.commissioned_dt and trips: a date that says when the rows came
 * into service dates their own beginning, and a verb that is no such beginning names another event
 * (the trips that used them). Refused, naming both. Synonyms of selling or ordering keep their
 * dates ("tickets sold", purchased_at); only a beginning of the rows' life is told apart, and only
 * where rows of other events point at them.
 */
function otherEventDate(
  ctx: ResolveContext,
  verb: Token | undefined,
  date: { column: IndexedColumn; used: Token[] },
): string | undefined {
  if (verb === undefined || !isParticiple(verb.text) || LIFE_START.has(verb.text)) return undefined;
  if (date.used.some((t) => t.i === verb.i)) return undefined;
  const start = date.column.column.name
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => LIFE_START.has(w));
  if (start === undefined || !hasDatedEvents(ctx, date.column.table)) return undefined;
  return `which date says when ${date.column.table.table.name} were "${verb.text}": ${qualified(date.column)} is when they were ${start}`;
}

/** Participles of a row's life beginning: the date a thing, person or place came into service. */
const LIFE_START = new Set(
  "commissioned installed launched hired joined opened planted built registered founded established acquired enrolled onboarded activated signed".split(
    " ",
  ),
);

/** Rows of another table point at these and carry their own date: events the rows took part in. */
function hasDatedEvents(ctx: ResolveContext, table: IndexedTable): boolean {
  return ctx.index.tables.some(
    (other) =>
      other !== table &&
      other.columns.some((c) => c.kind === "date" || c.kind === "timestamp") &&
      other.columns.some((c) => c.isForeignKey && ctx.index.graph.pathFrom([other], table)?.length === 1),
  );
}

/**
 * "classes cancelled this year" beside classes.class_status = 'cancelled' and class_bookings.
 * cancelled_ts: the verb is a status of the rows themselves, and a date of rows that point at them
 * says when those (a booking) were cancelled, not the class. Refused, naming both — unless the verb
 * names those rows' events ("orders delivered this week": deliveries.delivered_at).
 */
function checkOwnStatusVerb(
  ctx: ResolveContext,
  fact: IndexedTable,
  a: Assembly,
  verb: Token | undefined,
  date: IndexedColumn,
): void {
  // "orders delivered this week" beside deliveries.delivered_at: the verb names that table's events.
  if (verb === undefined || date.table === fact || !isParticiple(verb.text) || namesItsTable(verb, date.table)) return;
  const own = ctx.index.values.get(valueKey([verb.text]))?.find((p) => p.column.table === fact);
  if (own === undefined) return;
  const steps = ctx.index.graph.pathFrom([fact], date.table);
  if (steps === undefined || steps.every((s) => s.forward)) return;
  a.errors.push(
    `which date says when ${fact.table.name} were "${verb.text}" (${qualified(own.column)} = '${own.value}'): ${qualified(date)} is when ${date.table.table.name} were`,
  );
}

/**
 * "equipment not serviced since 2025": the verb naming the rows' own date is denied, so the rows
 * wanted are those whose date falls outside the range (or is empty) — not the range itself, which
 * is all a date filter can say. Refused. (Related rows denied are another matter: "customers who
 * have not ordered since 2025" finds no such order, dated on the orders.)
 */
function deniedDateVerb(
  parts: QuestionParts,
  fact: IndexedTable,
  date: { column: IndexedColumn; used: Token[] },
): string | undefined {
  const verb = verbBeforeRange(parts);
  if (verb === undefined || date.column.table !== fact || !date.used.some((t) => t.i === verb.i)) return undefined;
  const before = parts.tokens[verb.i - 1]?.text ?? "";
  if (before !== "not" && before !== "never") return undefined;
  return `the negation of "${verb.text} ${parts.range?.text ?? ""}": rows whose ${qualified(date.column)} falls outside a period (or is empty) are not supported by the built-in generator`;
}

/** "delivered" and deliveries, "enrolled" and enrollments: the verb begins the table's noun. */
const namesItsTable = (verb: Token, table: IndexedTable): boolean =>
  namesEventsOf(verb, table) || (verb.stem.length >= 4 && table.nameStems.some((s) => s.startsWith(verb.stem)));

/** "shipped", "opened", "signed up": a verb's past participle names the date the event happened. */
const namedByParticiple = (words: readonly Token[]): boolean => words.some((t) => isParticiple(t.text));

/**
 * A word of the plural noun naming the table itself ("purchase orders" of purchase_orders): it names
 * the rows, not one of their dates.
 */
function namesOwnRows(ctx: ResolveContext, tokens: readonly Token[], t: Token, table: IndexedTable): boolean {
  const names = (w: Token | undefined) => w !== undefined && matchTables(ctx, [w]).some((m) => m.table === table);
  const head = isPlural(t.text) ? t : tokens[t.i + 1];
  return head !== undefined && isPlural(head.text) && names(head) && names(t);
}

/**
 * "members who bought more than 24 bottles" beside sales_lines.bottle_qty: a number of units (the
 * noun after the number names the quantity) of rows the fact has many of may be a total over them or
 * one row's; read per row, a member who bought 30 bottles over two orders was left out. Refused.
 * "customers with orders over $500" names the rows, whose own amount each is, and stays.
 */
function amountOfManyRows(
  ctx: ResolveContext,
  fact: IndexedTable,
  c: Comparison,
  target: { expr: Expr; table: IndexedTable; used: Token[] },
): string | undefined {
  if (target.table === fact || c.after.length === 0) return undefined;
  if (!target.used.some((t) => c.after.includes(t))) return undefined;
  if (c.after.some((t) => matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === target.table)))
    return undefined;
  const steps = ctx.index.graph.pathFrom([fact], target.table) ?? [];
  if (steps.every((s) => s.forward)) return undefined;
  return `whether "${c.text}" is one ${target.table.table.name} row's or a total per ${singular(fact.table.name)}`;
}

/** The word before token `i`, past any value words between ("per active driver": "per"). */
export function wordBeforeValues(parts: QuestionParts, i: number): Token | undefined {
  let before = i - 1;
  while (parts.values.some((v) => v.tokens.some((t) => t.i === before))) before--;
  return parts.tokens[before];
}

/**
 * "sites with more than 3 outages this year": the table named right before the dates is the one
 * they date (outages.began_at), not the fact the answer lists (sites.commissioned).
 */
export function tableBeforeDates(ctx: ResolveContext, parts: QuestionParts): IndexedTable | undefined {
  const last = parts.anchor.at(-1);
  if (last === undefined) return undefined;
  // "total minutes watched per user in November", "per active driver": a group's noun is not what
  // the dates date.
  if (GROUPING_WORDS.has(wordBeforeValues(parts, last.i)?.text ?? "")) return undefined;
  // "top earning driver last month": the one entity ranked within the period, not its sign-up.
  if (!isPlural(last.text) && (parts.intent.rank !== undefined || parts.intent.agg?.superlative === true))
    return undefined;
  // "rides on electric bikes last month", "repairs of Cargo bikes": a noun after a preposition (and
  // its qualifiers) says which rows are meant, not which are dated.
  if (afterPreposition(parts.tokens, last)) return undefined;
  const named = matchTables(ctx, [last]).filter((m) => m.coverage === 1);
  if (named.length === 0 && parts.intent.negated.has(last.i)) return onlyTableHeaded(ctx, last, undefined);
  return named.length === 1 ? named[0]?.table : undefined;
}

const ATTACHING = new Set(["on", "of", "for", "from", "at", "to", "about", "via", "by"]);

/** The noun follows a preposition, with at most two qualifying words between. */
function afterPreposition(tokens: readonly Token[], noun: Token): boolean {
  for (let k = noun.i - 1; k >= Math.max(0, noun.i - 3); k--) {
    const t = tokens[k] as Token;
    if (ATTACHING.has(t.text)) return true;
    if (t.kind !== "word" || CUES.has(t.text)) return false;
  }
  return false;
}

function choosePosting(
  ctx: ResolveContext,
  fact: IndexedTable,
  hit: ValueHit,
  required: readonly IndexedTable[],
): { posting: ValuePosting; hops: number } | undefined {
  let best: { posting: ValuePosting; hops: number; value: number } | undefined;
  for (const p of hit.postings) {
    const h = hops(ctx, fact, p.column.table);
    if (h === undefined) continue;
    const value =
      h -
      (required.includes(p.column.table) ? 0.5 : 0) +
      (p.fromComment ? 0.3 : 0) +
      (ctx.linked.has(p.column.table) ? 0 : 2);
    if (best === undefined || value < best.value) best = { posting: p, hops: h, value };
  }
  return best;
}

/**
 * "moves to Spokane" beside move_jobs.origin_city and dest_city: a value both columns of one table
 * hold is in the one a word of the question names apart from the other ("destination"), and
 * otherwise could be either (it was read as the origin): then both are returned.
 */
function twinColumns(
  ctx: ResolveContext,
  parts: QuestionParts,
  hit: ValueHit,
  chosen: IndexedColumn,
): IndexedColumn | [IndexedColumn, IndexedColumn] {
  // A code and its name (section_cd, section_nm), or a row's label, say which row: not two places.
  const place = (c: IndexedColumn) => !c.isKey && c !== c.table.label;
  const twin = hit.postings.find((p) => p.column !== chosen && p.column.table === chosen.table)?.column;
  if (twin === undefined || !place(chosen) || !place(twin)) return chosen;
  const values = new Set(parts.values.flatMap((v) => v.tokens));
  const words = parts.tokens.filter((t) => t.kind === "word" && !values.has(t));
  const named = (c: IndexedColumn, other: IndexedColumn) => {
    const own = c.nameStems.filter((s) => !other.nameStems.includes(s));
    return words.some(
      (t) => termWeight(ctx, t.stem, own) > 0 || own.some((s) => s.length >= 3 && abbreviates(s, t.stem)),
    );
  };
  const [one, other] = [named(chosen, twin), named(twin, chosen)];
  if (one !== other) return one ? chosen : twin;
  return [chosen, twin];
}

/** A one-word value that is half of a two-word flag of the fact, which addFlagFilters reads. */
function halfOfOwnFlag(ctx: ResolveContext, tokens: readonly Token[], hit: ValueHit, fact: IndexedTable): boolean {
  const [word] = hit.tokens;
  if (word === undefined || hit.tokens.length !== 1 || hit.postings.some((p) => p.column.table === fact)) return false;
  const next = tokens[word.i + 1];
  return [twoWordFlag(ctx, tokens, word), next && twoWordFlag(ctx, tokens, next)].some((c) => c?.table === fact);
}

/**
 * "direct bookings", "overdue loans": a value placed before a table's noun, found only in rows
 * that point at that table (reviews.source, fines.reason) and that the question never names,
 * describes those rows, not the noun's: a booking with a review from 'direct' is not a direct
 * booking. Refused, naming the column. A value of a table the noun's rows point at ("Lisbon
 * trips": cities) does describe them, and so does one whose own table the question names.
 */
function describesUnnamedRows(
  ctx: ResolveContext,
  tokens: readonly Token[],
  hit: ValueHit,
  column: IndexedColumn,
): string | undefined {
  const holder = column.table;
  const namesTable = (t: Token, table: IndexedTable) =>
    t.kind === "word" && matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === table);
  if (tokens.some((t) => !hit.tokens.includes(t) && namesTable(t, holder))) return undefined;
  const noun = describedNoun(tokens, hit);
  if (noun?.kind !== "word") return undefined;
  const head = matchTables(ctx, [noun]).find((m) => m.coverage === 1 && m.table !== holder)?.table;
  if (head === undefined) return undefined;
  const steps = ctx.index.graph.pathFrom([head], holder);
  const into = steps?.[steps.length - 1];
  if (into === undefined || into.forward) return undefined;
  const words = hit.tokens.map((t) => t.text).join(" ");
  return `what "${words} ${noun.text}" means: "${words}" is a value of ${qualified(column)}, which describes ${holder.table.name} rows, not the ${noun.text} themselves (ask for "${noun.text} with ${words} ${holder.table.name}" if that is meant)`;
}

/**
 * The noun a value describes: the one after it ("overdue loans"), or before "is/are" when the value
 * is an adjective ("loans are overdue"); a participle there is a passive verb, which may relate the
 * rows through others ("students are registered in each section": enrolments).
 */
function describedNoun(tokens: readonly Token[], hit: ValueHit): Token | undefined {
  const first = hit.tokens[0];
  const last = hit.tokens[hit.tokens.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const copula = tokens[first.i - 1];
  if (copula !== undefined && COPULAS.has(copula.text))
    return hit.tokens.some((t) => isParticiple(t.text)) ? undefined : tokens[first.i - 2];
  return tokens[last.i + 1];
}

const COPULAS = new Set(["is", "are", "was", "were"]);

/**
 * Of columns named about as well ("priced" -> products.unit_price or order_items.unit_price), the one
 * nearest the measured table: "products priced under 20" compare the products' own price.
 */
function nearestColumn(
  ctx: ResolveContext,
  fact: IndexedTable | undefined,
  matches: readonly ColumnMatch[],
): ColumnMatch | undefined {
  const top = matches[0];
  if (top === undefined || fact === undefined) return top;
  const close = matches.filter(
    (m) =>
      m.used.length === top.used.length && m.score >= top.score - 0.5 && hops(ctx, fact, m.column.table) !== undefined,
  );
  const distance = (m: ColumnMatch) => hops(ctx, fact, m.column.table) ?? Number.POSITIVE_INFINITY;
  return close.sort((a, b) => distance(a) - distance(b) || b.score - a.score)[0] ?? top;
}

/**
 * "tools that cost more than 15 dollars to rent": the amount of the fact's rows named by the verb
 * ("rent" begins rental_fee's "rental", "insure" insurance_cost's "insurance"), never the
 * amount "cost" alone would find. No such column, or several: undefined (refused, not guessed).
 */
export function amountFor(
  verb: Token,
  fact: IndexedTable,
  quantity?: Quantity,
  priceWords: readonly Token[] = [],
): { expr: Expr; table: IndexedTable; used: Token[] } | undefined {
  if (verb.stem.length < 3) return undefined;
  // "cost more than 2 to rent": what it costs is money.
  const asked = quantity ?? (priceWords.length > 0 ? "money" : undefined);
  // "to rent" in dollars: rental_fee, not rental_hours (its name says it measures time).
  const measuresOther = (c: IndexedColumn) =>
    asked !== undefined &&
    ((columnUnit(c)?.quantity ?? asked) !== asked ||
      c.nameStems.some((n) => quantitiesOf({ stem: n } as Token).some((q) => q !== asked)));
  const named = fact.columns.filter(
    (c) => c.kind === "number" && !c.isKey && c.nameStems.some((n) => n.startsWith(verb.stem)) && !measuresOther(c),
  );
  const only = named.length === 1 ? named[0] : undefined;
  return only === undefined ? undefined : { expr: col(only), table: fact, used: [verb, ...priceWords] };
}

/**
 * "How many products cost more than 50?": a price verb about the fact's rows compares their own
 * price, not a cost column of another table it found first (orders.shipping_cost). The fact's one
 * price-like amount, or undefined.
 */
function ownPrice(fact: IndexedTable, c: Comparison): { expr: Expr; table: IndexedTable; used: Token[] } | undefined {
  const verb = c.before.find(saysPrice);
  // Only the price word, or it after the fact's own noun ("products cost more than 50").
  if (verb === undefined || c.before.some((t) => t !== verb && !fact.nameStems.includes(t.stem))) return undefined;
  const prices = fact.columns.filter(
    (col) => col.kind === "number" && !col.isKey && col.nameStems.some((s) => PRICE_STEMS.has(s)),
  );
  return prices.length === 1 ? { expr: col(prices[0] as IndexedColumn), table: fact, used: [...c.before] } : undefined;
}
const PRICE_STEMS = new Set(["price", "cost", "fee", "charg"].map(stem));

const askedQuantity = (c: Comparison): Quantity | undefined =>
  c.unit === undefined ? undefined : unitOf(c.unit)?.quantity;

/** "tools that rent for less than 20 dollars", "lots that sell for over 500": the verb right before "for". */
function verbBeforeFor<T>(tokens: readonly Token[], c: Comparison, read: (verb: Token) => T): T | undefined {
  const verb = tokens[c.cue.i - 2];
  if (verb?.kind !== "word" || tokens[c.cue.i - 1]?.text !== "for") return undefined;
  return read(verb);
}

/** A numeric column named by a comparison's words, or the main amount of a table it names. */
export function comparisonColumn(
  ctx: ResolveContext,
  words: readonly Token[],
  fact?: IndexedTable,
): { expr: Expr; table: IndexedTable; used: Token[] } | undefined {
  if (words.length === 0) return undefined;
  const direct = nearestColumn(
    ctx,
    fact,
    matchColumns(ctx, words, (c) => c.kind === "number" && !c.isKey),
  );
  const table = matchTables(ctx, words).find((t) => t.coverage === 1 && t.used.length === words.length);
  if (direct !== undefined && (table === undefined || direct.used.length > table.used.length)) {
    return { expr: col(direct.column), table: direct.column.table, used: direct.used };
  }
  if (table !== undefined) {
    // "orders over 500": the order's amount, i.e. the best revenue-like column of that table.
    const amount = measureCandidates(ctx, [...words, syntheticWord("amount")]).find(
      (m) => m.table === table.table && m.expr.kind === "column",
    );
    if (amount !== undefined) return { expr: amount.expr, table: table.table, used: table.used };
  }
  // "films longer than three hours": the one column of the fact measuring a length.
  const measuring = columnsMeasuring(ctx, words).filter((m) => fact === undefined || m.column.table === fact);
  const only = measuring.length === 1 ? measuring[0] : undefined;
  if (direct === undefined && only !== undefined)
    return { expr: col(only.column), table: only.column.table, used: only.used };
  return undefined;
}

export function assemble(
  ctx: ResolveContext,
  parts: QuestionParts,
  fact: IndexedTable,
  groups: readonly Dimension[][],
  opts: {
    bucket?: TimeUnit;
    rowComparisons: readonly Comparison[];
    extraTables?: readonly IndexedTable[];
    used?: readonly Token[];
  },
): Assembly {
  const a: Assembly = {
    fact,
    dims: [],
    dimNames: [],
    where: [],
    required: [],
    joins: [],
    fanout: false,
    used: new Set(opts.used),
    dateColumn: undefined,
    cost: 0,
    errors: [],
    origins: new Map(),
    dateWords: [],
  };
  const need = (t: IndexedTable) => {
    if (t !== fact && !a.required.includes(t)) a.required.push(t);
  };
  for (const t of opts.extraTables ?? []) need(t);
  const roles: Dimension[] = [];

  for (const cands of groups) {
    const chosen = chooseDimension(ctx, fact, cands);
    if (chosen === undefined) {
      a.errors.push(`how "${cands[0]?.used.map((t) => t.text).join(" ") ?? "?"}" relates to ${fact.table.name}`);
      continue;
    }
    // A weaker reading of the words ("goods" for "products") costs what it loses against the best one.
    a.cost += chosen.hops + 3 * (Math.max(...cands.map((c) => c.score)) - chosen.dim.score);
    for (const t of chosen.dim.used) a.used.add(t);
    a.dims.push(dimensionItems(chosen.dim));
    roles.push(chosen.dim);
    a.dimNames.push(chosen.dim.kind === "entity" ? `${chosen.dim.table.table.name}` : qualified(chosen.dim.column));
    need(dimensionTable(chosen.dim));
  }

  const selfDenied = measuredAbsences(ctx, parts, fact);
  for (const t of selfDenied.nouns) a.used.add(t);
  for (const hit of parts.values) {
    const negated = hit.negated || hit.tokens.some((t) => selfDenied.values.has(t));
    // "active users": a flag on the fact itself beats a status value in another table.
    const flag =
      hit.tokens.length === 1
        ? fact.columns.find(
            (c) => c.kind === "boolean" && flagStems(c).length === 1 && flagStems(c)[0] === hit.tokens[0]?.stem,
          )
        : undefined;
    // "catering orders" beside orders.is_catering_flg and orders.channel_cd 'CATERING': the flag and
    // the value may disagree (catering ordered by phone), and either could be meant.
    const ownValue = hit.postings.find((p) => p.column.table === fact);
    if (flag !== undefined && ownValue !== undefined) {
      a.errors.push(
        `which "${hit.tokens[0]?.text}" is meant: ${qualified(flag)} or ${qualified(ownValue.column)} = '${ownValue.value}'`,
      );
      for (const t of hit.tokens) a.used.add(t);
      continue;
    }
    if (flag !== undefined) {
      const p: Predicate = { kind: "bool", left: col(flag), value: !negated };
      a.where.push(p);
      a.origins.set(p, [...hit.tokens]);
      for (const t of hit.tokens) a.used.add(t);
      continue;
    }
    // "lines ported in" beside lines.port_in_flg: the word is half of the fact's own two-word flag
    // (addFlagFilters reads it), not the 'porting' of another table.
    if (halfOfOwnFlag(ctx, parts.tokens, hit, fact)) continue;
    const chosen = choosePosting(ctx, fact, hit, a.required);
    if (chosen === undefined) {
      a.errors.push(`how "${hit.tokens.map((t) => t.text).join(" ")}" relates to ${fact.table.name}`);
      continue;
    }
    const twins = twinColumns(ctx, parts, hit, chosen.posting.column);
    if (Array.isArray(twins)) {
      a.errors.push(
        `which column "${hit.tokens.map((t) => t.text).join(" ")}" is in: ${qualified(twins[0])} or ${qualified(twins[1])}`,
      );
      continue;
    }
    if (twins !== chosen.posting.column)
      chosen.posting = hit.postings.find((p) => p.column === twins) ?? chosen.posting;
    const unnamedRows = describesUnnamedRows(ctx, parts.tokens, hit, chosen.posting.column);
    if (unnamedRows !== undefined) {
      a.errors.push(unnamedRows);
      continue;
    }
    a.cost += chosen.hops;
    for (const t of hit.tokens) a.used.add(t);
    const column = chosen.posting.column;
    if (hit.pattern !== undefined) {
      const p: Predicate = {
        kind: "like",
        left: col(column),
        pattern: likePattern(hit.pattern, chosen.posting.value),
        negated,
      };
      a.where.push(p);
      a.origins.set(p, [...hit.tokens]);
      need(column.table);
      continue;
    }
    const existing = a.where.find(
      (p): p is Extract<Predicate, { kind: "equals" }> =>
        p.kind === "equals" && p.left.kind === "column" && p.left.column === column && p.negated === negated,
    );
    if (existing !== undefined) {
      existing.values.push(chosen.posting.value);
      a.origins.get(existing)?.push(...hit.tokens);
    } else {
      const p: Predicate = { kind: "equals", left: col(column), values: [chosen.posting.value], negated };
      a.where.push(p);
      a.origins.set(p, [...hit.tokens]);
    }
    need(column.table);
  }

  for (const c of opts.rowComparisons) {
    const found =
      c.purpose !== undefined
        ? amountFor(c.purpose, fact, askedQuantity(c), c.before.filter(saysPrice))
        : (comparisonColumn(ctx, c.after.length > 0 ? c.after : c.before, fact) ??
          comparisonColumn(ctx, c.before, fact) ??
          verbBeforeFor(parts.tokens, c, (verb) => amountFor(verb, fact, askedQuantity(c))));
    const target = found !== undefined && found.table !== fact ? (ownPrice(fact, c) ?? found) : found;
    // "riders who rode more than 10 times" compared the fare with 10: a number of times counts
    // occurrences, and is never a column's value.
    if (target !== undefined && (c.unit === "times" || c.after.some((t) => t.text === "times"))) {
      a.errors.push(`what occurs "${c.text}": a number of times counts rows, not a column's value`);
      continue;
    }
    if (target === undefined) {
      a.errors.push(`what "${c.text}" applies to`);
      continue;
    }
    for (const t of target.used) a.used.add(t);
    if (hops(ctx, fact, target.table) === undefined) {
      a.errors.push(`how "${c.text}" relates to ${fact.table.name}`);
      continue;
    }
    const perRow = amountOfManyRows(ctx, fact, c, target);
    if (perRow !== undefined) {
      a.errors.push(perRow);
      continue;
    }
    const converted = target.expr.kind === "column" ? inColumnUnit(c, target.expr.column) : c;
    if (typeof converted === "string") {
      a.errors.push(converted);
      continue;
    }
    const scaled = percentScaled(converted, target.expr);
    if (typeof scaled === "string") {
      a.errors.push(scaled);
      continue;
    }
    const p = comparePredicate(target.expr, scaled);
    a.where.push(p);
    a.origins.set(p, [c.cue, ...c.after]);
    need(target.table);
  }

  if (opts.bucket !== undefined || parts.range !== undefined || parts.weekdays !== undefined) {
    // A year number on the measured rows themselves beats a date only reached through joins; days
    // of the week need a real date.
    const ownYear =
      parts.weekdays !== undefined
        ? undefined
        : (anchoredYear(ctx, fact, parts.anchor) ??
          (fact.columns.some((c) => c.kind === "date" || c.kind === "timestamp")
            ? undefined
            : yearColumn(ctx, fact, parts.tokens)));
    const state = opts.bucket === undefined ? stateOnDay(parts, fact) : undefined;
    const ranked =
      ownYear?.table === fact || state !== undefined
        ? []
        : rankDateColumns(ctx, fact, parts, a.required, opts.extraTables);
    const date = ranked[0];
    const year = date === undefined ? ownYear : undefined;
    if (typeof state === "string") a.errors.push(state);
    else if (state !== undefined) {
      // "permits valid on 1 July": begun by that day and not ended before it.
      a.where.push(
        { kind: "dateRange", left: col(state.start), end: state.after },
        {
          kind: "either",
          of: [
            { kind: "null", left: col(state.end), isNull: true },
            { kind: "dateRange", left: col(state.end), start: state.day },
          ],
        },
      );
      for (const t of state.words) a.used.add(t);
      a.dateColumn = state.start;
    } else if (date === undefined && year !== undefined) {
      // "each month of 2021" where rows keep a year number and a month column ('January'): by that column.
      const finer =
        opts.bucket !== undefined && opts.bucket !== "year" ? unitColumn(year.table, opts.bucket) : undefined;
      const filtered = byYear(year, finer === undefined ? opts.bucket : undefined, parts.range);
      if (typeof filtered === "string") a.errors.push(filtered);
      else {
        if (finer !== undefined) {
          a.dims.unshift([{ expr: col(finer) }]);
          a.dimNames.unshift(qualified(finer));
        }
        if (filtered.dim !== undefined) {
          a.dims.unshift([filtered.dim]);
          a.dimNames.unshift(qualified(year));
        }
        a.where.push(...filtered.where);
        need(year.table);
      }
    } else if (
      date === undefined &&
      parts.range === undefined &&
      parts.weekdays === undefined &&
      unitColumn(fact, opts.bucket) !== undefined
    ) {
      // "check-ins by day" where rows keep a weekday ('Monday') in a column named "day": that column.
      const column = unitColumn(fact, opts.bucket) as IndexedColumn;
      a.dims.unshift([{ expr: col(column) }]);
      a.dimNames.unshift(qualified(column));
    } else if (date === undefined)
      a.errors.push(
        `which date "${parts.range?.text ?? parts.weekdays?.text ?? opts.bucket}" refers to (no date column near ${fact.table.name})`,
      );
    else {
      a.dateColumn = date.column;
      a.dateWords = date.used;
      if (parts.range !== undefined) {
        const verb = verbBeforeRange(parts);
        checkEventVerb(fact, a, verb, date);
        const otherEvent = otherEventDate(ctx, verb, date);
        if (otherEvent !== undefined) a.errors.push(otherEvent);
        checkOwnStatusVerb(ctx, fact, a, verb, date.column);
        const denied = deniedDateVerb(parts, fact, date);
        if (denied !== undefined) a.errors.push(denied);
      }
      const guessed = guessedDate(parts, ranked);
      if (guessed !== undefined) a.errors.push(guessed);
      const anniversary = birthdayInPeriod(parts, date.column);
      if (anniversary !== undefined) a.errors.push(anniversary);
      for (const t of date.used) a.used.add(t);
      need(date.column.table);
      if (opts.bucket !== undefined) {
        a.dims.unshift(bucketItems(opts.bucket, date.column));
        a.dimNames.unshift(`${opts.bucket} of ${qualified(date.column)}`);
        // "orders shipped each month": the orders not shipped have no month; they are not a group.
        if (parts.range === undefined && date.column.column.nullable && namedByParticiple(date.used))
          a.where.push({ kind: "null", left: col(date.column), isNull: false });
      }
      if (parts.range !== undefined) {
        const p: Predicate = { kind: "dateRange", left: col(date.column) };
        if (parts.range.start !== undefined) p.start = parts.range.start;
        if (parts.range.end !== undefined) p.end = parts.range.end;
        a.where.push(p);
      }
      if (parts.weekdays !== undefined)
        a.where.push({ kind: "weekday", left: col(date.column), days: parts.weekdays.days });
    }
  }

  addFlagAlternatives(ctx, parts, a);
  addFlagFilters(ctx, parts, a);
  excludeAbsent(ctx, parts, a);
  requireRelated(ctx, parts, a);
  addMissingValues(ctx, parts, a);
  addColumnPresence(ctx, parts, a);

  const tree = ctx.index.graph.tree(fact, a.required);
  for (const t of tree.unreachable) a.errors.push(`how to join ${t.table.name} to ${fact.table.name}`);
  a.joins = tree.steps;
  for (const d of roles) {
    const missing = roleJoinMissing(a, d);
    if (missing !== undefined) a.errors.push(missing);
  }
  const viaKeys = new Set(roles.flatMap((d) => (d.kind === "entity" && d.via ? [d.via] : [])));
  for (const step of tree.steps) {
    const unnamed = parallelKeyUnnamed(ctx, parts.tokens, step, viaKeys);
    if (unnamed !== undefined) a.errors.push(unnamed);
  }
  const route = routeUnnamed(ctx, parts.tokens, fact, tree.steps, a.required);
  if (route !== undefined) a.errors.push(route);
  a.fanout = tree.steps.some((s) => !s.forward);
  a.cost += tree.steps.length * 0.1;
  return a;
}

/** Every path of exactly `hops` many-to-one steps from `from` to `to` (hops is at most a few). */
function manyToOneRoutes(
  ctx: ResolveContext,
  from: IndexedTable,
  to: IndexedTable,
  hops: number,
): JoinStep<IndexedTable>[][] {
  if (hops === 0) return from === to ? [[]] : [];
  return ctx.index.graph
    .steps(from)
    .filter((s) => s.forward && stepTarget(s) !== from)
    .flatMap((s) => manyToOneRoutes(ctx, stepTarget(s), to, hops - 1).map((rest) => [s, ...rest]));
}

/**
 * "appointments per clinic" where an appointment's patient has a preferred clinic and its dentist
 * works at one: two chains of many-to-one joins of the same length reach the clinics through
 * different tables, and the join found takes one. Unless a word names a table on the chain taken
 * (or the query needs one for its own sake), say which routes were candidates.
 */
export function routeUnnamed(
  ctx: ResolveContext,
  tokens: readonly Token[],
  fact: IndexedTable,
  steps: readonly JoinStep<IndexedTable>[],
  required: readonly IndexedTable[],
): string | undefined {
  const pathTo = new Map<IndexedTable, JoinStep<IndexedTable>[]>([[fact, []]]);
  for (const s of steps) {
    const before = pathTo.get(stepSource(s));
    if (before !== undefined) pathTo.set(stepTarget(s), [...before, s]);
  }
  const isNamed = (t: IndexedTable) =>
    required.includes(t) || tokens.some((w) => w.kind === "word" && matchTables(ctx, [w]).some((m) => m.table === t));
  for (const [target, whole] of pathTo) {
    if (!whole.every((s) => s.forward)) continue;
    // From the last table a word names on the way ("order value per zone": the orders), the rest
    // of the route is the part nothing chose.
    const named = whole.findLastIndex((s, k) => k < whole.length - 1 && isNamed(stepTarget(s)));
    const path = whole.slice(named + 1);
    const start = path[0] === undefined ? undefined : stepSource(path[0]);
    if (start === undefined || path.length < 2) continue;
    const through = path.slice(0, -1).map(stepTarget);
    // A route by plain keys (clinic_id) is the rows' own relation; one through a key with a role
    // (preferred_clinic_id, counted_by_user_id) is another relation, which a plain route outranks.
    const plain = (r: readonly JoinStep<IndexedTable>[]) => r.every((s) => s.edge.role !== true);
    const others = manyToOneRoutes(ctx, start, target, path.length).filter(
      (r) => r.slice(0, -1).some((s, k) => stepTarget(s) !== through[k]) && (!plain(path) || plain(r)),
    );
    if (others.length === 0) continue;
    const via = (r: readonly JoinStep<IndexedTable>[]) =>
      r
        .slice(0, -1)
        .map((s) => stepTarget(s).table.name)
        .join(" and ");
    return `how ${start.table.name} relate to ${target.table.name}: through ${[path, ...others].map(via).join(" or through ")}`;
  }
  return undefined;
}

/** A key's words that say its role: origin_airport_id → "origin" (not the table's own name, not "id"). */
function roleStems(key: IndexedColumn, target: IndexedTable): string[] {
  return key.nameStems.filter((s) => s !== "id" && !target.nameStems.includes(s));
}

/**
 * "How many flights per airport?" where flights has both an origin and a destination airport: two
 * keys join the same two tables, and nothing in the question says which one relates them. The join
 * found takes one of them; answering would be a guess, so unless a word names the role of the key
 * taken ("per origin airport", or a grouping read through that key), say which keys were candidates.
 */
export function parallelKeyUnnamed(
  ctx: ResolveContext,
  tokens: readonly Token[],
  step: JoinStep<IndexedTable>,
  viaKeys: ReadonlySet<IndexedColumn> = new Set(),
): string | undefined {
  const { from, to, fromColumns } = step.edge;
  const keyOf = (columns: readonly string[]) => (columns.length === 1 ? from.column(columns[0] as string) : undefined);
  const taken = keyOf(fromColumns);
  if (taken === undefined || viaKeys.has(taken)) return undefined;
  const siblings = ctx.index.graph
    .steps(from)
    .filter((s) => s.forward && s.edge.to === to && s.edge.fromColumns.join() !== fromColumns.join());
  if (siblings.length === 0) return undefined;
  const named = roleStems(taken, to).some((r) =>
    tokens.some((t) => t.kind === "word" && termWeight(ctx, t.stem, [r]) > 0),
  );
  if (named) return undefined;
  const keys = [taken, ...siblings.map((s) => keyOf(s.edge.fromColumns))].flatMap((k) => (k ? [k] : []));
  return `which key relates ${from.table.name} to ${to.table.name}: ${keys.map((k) => `${from.table.name}.${k.column.name}`).join(" or ")}`;
}

/**
 * "the total reviews of businesses for each category", "citations per author": the joins repeat a
 * fact row once per row of a link table (business → its category tags, paper → its authorship
 * rows), but each copy lands in another group, so a sum or an average per group still counts it
 * once. Only through a thin link table (its own columns at most one besides keys), grouped by the
 * tag it holds or by what names the one table it points on to (label or primary key), and with no
 * filter there. "Revenue of orders by product category" is refused: an order's several items can
 * share a category, so the order would count twice in it.
 */
export function fanoutOnlyIntoGroups(a: Assembly): boolean {
  const grouping = a.dims.flat().flatMap((d) => exprColumns(d.expr));
  const filtered = new Set(a.where.flatMap(predicateTables));
  const stepsFrom = (t: IndexedTable) => a.joins.filter((s) => stepSource(s) === t);
  // The link table's own tag, or what names the table it points on to.
  const names = (c: IndexedColumn, link: IndexedTable) =>
    c.table === link ? !c.isKey : c === c.table.label || c.isPrimaryKey;
  return a.joins.every((step) => {
    if (step.forward) return true;
    const link = stepTarget(step);
    if (link.columns.filter((c) => !c.isKey).length > 1) return false;
    const onward = stepsFrom(link);
    if (onward.some((s) => !s.forward || stepsFrom(stepTarget(s)).length > 0)) return false;
    const reached = [link, ...onward.map(stepTarget)];
    if (reached.some((t) => filtered.has(t))) return false;
    const there = grouping.filter((c) => reached.includes(c.table));
    return there.length > 0 && there.every((c) => names(c, link));
  });
}

/**
 * The select items of a date bucket: the period's start ("month" → 2024-03-01); for days of the
 * week their number, which orders them, and their name ("rentals by day of the week").
 */
export function bucketItems(unit: TimeUnit, column: IndexedColumn): SelectItem[] {
  if (unit !== "weekday") return [{ expr: { kind: "bucket", unit, column }, alias: unit }];
  return [
    { expr: { kind: "bucket", unit, column }, alias: "day_of_week" },
    { expr: { kind: "weekdayName", column }, alias: "weekday" },
  ];
}

/** A column of the rows named just like the time unit ("day", "month") that is not a date: a label. */
function unitColumn(fact: IndexedTable, unit: TimeUnit | undefined): IndexedColumn | undefined {
  if (unit === undefined) return undefined;
  return fact.columns.find(
    (c) => c.kind !== "date" && c.kind !== "timestamp" && !c.isKey && c.nameStems.join(" ") === stem(unit),
  );
}

/**
 * "awards given in 2020", "awards per year" where rows keep only a year number (a column
 * named "year", no date): the nearest such column, on the fact or one join away.
 */
export function yearColumn(
  ctx: ResolveContext,
  fact: IndexedTable,
  words: readonly Token[] = [],
): IndexedColumn | undefined {
  const isYear = (c: IndexedColumn) => c.kind === "number" && c.nameStems.length === 1 && c.nameStems[0] === "year";
  const own = fact.columns.find(isYear) ?? eventYear(ctx, fact, words);
  if (own !== undefined) return own;
  const near = ctx.index.graph
    .steps(fact)
    .filter((s) => s.forward)
    .map(stepTarget)
    .flatMap((t) => t.columns.filter(isYear));
  return near.length === 1 ? near[0] : undefined;
}

/**
 * "riders born before 1990" beside birth_year and a signup date: a year column the words right
 * before the dates name ("born" ~ birth) is what they date, though the rows also keep a date (the
 * sign-up date had been filtered, a wrong answer found while probing).
 */
function anchoredYear(ctx: ResolveContext, fact: IndexedTable, anchor: readonly Token[]): IndexedColumn | undefined {
  const named = eventYears(fact).filter((c) =>
    c.nameStems.some((s) => s !== "year" && anchor.some((t) => termWeight(ctx, t.stem, [s]) > 0)),
  );
  const datesNamed = fact.columns.some(
    (c) =>
      (c.kind === "date" || c.kind === "timestamp") &&
      c.nameStems.some((s) => !GENERIC_DATE.has(s) && anchor.some((t) => termWeight(ctx, t.stem, [s]) > 0)),
  );
  return named.length === 1 && !datesNamed ? named[0] : undefined;
}

/** Whole-number columns named for the year of an event (release_year, year_published). */
export function eventYears(table: IndexedTable): IndexedColumn[] {
  return table.columns.filter(isCalendarYear);
}

/**
 * "albums released in 2015 or later" beside release_year, "books published before 1950" beside
 * published_year: a whole-number column named for the year of an event stands in for its date. Its
 * other words must be named by the question when the table has several such columns; "years"
 * (a duration: years_of_service) and "year group" are never years.
 */
function eventYear(ctx: ResolveContext, table: IndexedTable, words: readonly Token[]): IndexedColumn | undefined {
  const years = eventYears(table);
  if (years.length <= 1) return years[0];
  const named = years.filter((c) =>
    c.nameStems.some((s) => s !== "year" && words.some((t) => termWeight(ctx, t.stem, [s]) > 0)),
  );
  return named.length === 1 ? named[0] : undefined;
}

/**
 * A year column standing in for a date: "in 2020" is year = 2020, "from 2019 to 2021" a range of
 * years, "per year" groups by it. Anything finer than whole years ("last month", "by week") cannot
 * be answered from a year number and is refused.
 */
export function byYear(
  year: IndexedColumn,
  bucket: TimeUnit | undefined,
  range: DateRange | undefined,
): { dim?: SelectItem; where: Predicate[] } | string {
  if (bucket !== undefined && bucket !== "year")
    return `how to group by ${bucket} with only ${qualified(year)} (a year number)`;
  const where: Predicate[] = [];
  if (range !== undefined) {
    const whole = (d: string | undefined) => d === undefined || d.endsWith("-01-01");
    if (!whole(range.start) || !whole(range.end))
      return `which date "${range.text}" refers to: ${qualified(year)} holds only the year`;
    const from = range.start === undefined ? undefined : Number(range.start.slice(0, 4));
    const to = range.end === undefined ? undefined : Number(range.end.slice(0, 4));
    if (from !== undefined && to === from + 1) where.push({ kind: "compare", left: col(year), op: "=", value: from });
    else {
      if (from !== undefined) where.push({ kind: "compare", left: col(year), op: ">=", value: from });
      if (to !== undefined) where.push({ kind: "compare", left: col(year), op: "<", value: to });
    }
  }
  return bucket === "year" ? { dim: { expr: col(year), alias: "year" }, where } : { where };
}

/**
 * "discount over 15%": a column documented as a fraction (0.15 means 15 %) compares with 0.15, one
 * named or documented as a percentage with 15. Otherwise the scale is a guess either way: declined.
 */
function percentScaled(c: Comparison, target: Expr): Comparison | string {
  if (c.percent !== true) return c;
  const column = target.kind === "column" ? target.column : undefined;
  const about = `${column?.column.name ?? ""} ${column?.column.comment ?? ""}`.toLowerCase();
  if (/fraction|share of 1|\b0\.\d+\b/.test(about))
    return { ...c, value: c.value / 100, ...(c.high !== undefined ? { high: c.high / 100 } : {}) };
  if (/percent|pct|%/.test(about)) return c;
  return `whether ${column !== undefined ? qualified(column) : "the compared value"} holds fractions or percentages for "${c.text}"`;
}

/**
 * "revenue without cancelled orders": the measured rows cannot be missing from themselves, so a
 * negation the scanner read as an absence of them negates its values instead (status <> 'cancelled').
 */
function measuredAbsences(
  ctx: ResolveContext,
  parts: QuestionParts,
  fact: IndexedTable,
): { nouns: Token[]; values: Set<Token> } {
  const mine = parts.intent.absences.filter(
    (ab) => ab.values.length > 0 && matchTables(ctx, [ab.noun]).find((m) => m.coverage === 1)?.table === fact,
  );
  return { nouns: mine.map((ab) => ab.noun), values: new Set(mine.flatMap((ab) => ab.values)) };
}

/**
 * Words that switch a boolean column ("active products", "unpaid invoices") or test an optional
 * date ("cancelled subscriptions" -> cancelled_at IS NOT NULL), on the fact or a table it needs.
 */
/** "students who took a course with a final project or exam": one filter, either flag true. */
function addFlagAlternatives(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  for (const or of parts.tokens) {
    const alternative = a.used.has(or) ? undefined : flagAlternative(ctx, parts.tokens, or);
    if (alternative === undefined) continue;
    const { columns, span } = alternative;
    const table = columns[0].table;
    if (span.some((t) => parts.intent.negated.has(t.i))) {
      a.errors.push(`the negation of "${span.map((t) => t.text).join(" ")}" (neither flag, or not both?)`);
      continue;
    }
    if (table !== a.fact && !a.required.includes(table)) {
      if (hops(ctx, a.fact, table) === undefined) {
        a.errors.push(
          `"${span.map((t) => t.text).join(" ")}" names flags of ${table.table.name}, which the question's ${a.fact.table.name} rows do not reach`,
        );
        continue;
      }
      a.required.push(table);
    }
    const p: Predicate = { kind: "either", of: columns.map((c) => ({ kind: "bool", left: col(c), value: true })) };
    a.where.push(p);
    a.origins.set(p, span);
    for (const t of span) a.used.add(t);
  }
}

function addFlagFilters(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  const tables = [a.fact, ...a.required];
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  for (const t of parts.tokens) {
    if (t.kind !== "word" || valueTokens.has(t)) continue;
    // "vets that have performed visits" counting visits: the noun names the rows, not visit_date's
    // state — unless it ends a two-word flag ("vip patients" of patients.vip_patient), whose first
    // word nothing else read.
    const longer = twoWordFlag(ctx, parts.tokens, t);
    const flagHead = longer !== undefined && !a.used.has(parts.tokens[t.i - 1] as Token);
    if (a.used.has(t) && !flagHead) continue;
    if (!flagHead && matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === a.fact)) continue;
    const next = parts.tokens[t.i + 1];
    // "audio" in "an audio guide" is the first word of has_audio_guide, not the flag has_audio.
    if (next !== undefined && twoWordFlag(ctx, parts.tokens, next) !== undefined) continue;
    if (longer !== undefined) {
      const prev = parts.tokens[t.i - 1] as Token;
      if (!tables.includes(longer.table) && hops(ctx, a.fact, longer.table) !== undefined)
        a.required.push(longer.table);
      else if (!tables.includes(longer.table)) {
        a.errors.push(
          `"${prev.text} ${t.text}" names ${qualified(longer)}, which the question's ${a.fact.table.name} rows do not reach`,
        );
        continue;
      }
      const p: Predicate = {
        kind: "bool",
        left: col(longer),
        value: !parts.intent.negated.has(t.i) && !parts.intent.negated.has(prev.i),
      };
      a.where.push(p);
      a.origins.set(p, [prev, t]);
      a.used.add(prev).add(t);
      continue;
    }
    const documented = documentedFlag(ctx, tables, t);
    if (documented !== undefined) {
      const p: Predicate = {
        kind: "bool",
        left: col(documented.column),
        value: documented.value === !parts.intent.negated.has(t.i),
      };
      a.where.push(p);
      a.origins.set(p, [t]);
      a.used.add(t);
      continue;
    }
    const prefix = /^(un|in|non|not)(.+)$/.exec(t.text);
    const forms: [string, boolean][] = [[t.stem, !parts.intent.negated.has(t.i)]];
    if (prefix !== null) forms.push([stem(prefix[2] as string), false]);
    let done = false;
    for (const table of tables) {
      for (const c of table.columns) {
        // "courses with a lab": has_lab flags a lab.
        const names = c.kind === "boolean" ? flagStems(c) : c.nameStems.filter((s) => !GENERIC_DATE.has(s));
        if (names.length !== 1) continue;
        for (const [s, positive] of forms) {
          if (done || names[0] !== s) continue;
          let p: Predicate;
          if (c.kind === "boolean") p = { kind: "bool", left: col(c), value: positive };
          // "orders that have shipped": shipped_at is set; but "patients who visited" count visits,
          // each of which happened, whatever its visited_on holds.
          else if (
            (c.kind === "date" || c.kind === "timestamp") &&
            c.column.nullable &&
            c !== a.dateColumn &&
            !namesEventsOf(t, c.table) &&
            // "tickets for games in season 2025": the noun of the date's own table (games.game_dt) names
            // its rows, not rows whose date is set.
            !matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.table === c.table) &&
            !relatesToTable(ctx, parts.tokens, t)
          ) {
            // "open requests" is a state (not yet closed), not requests whose opened_ts is set: only a
            // participle says the event happened. Neither reading is safe, so the word is refused.
            if (!saysEventHappened(parts.tokens, t, prefix?.[2])) {
              a.errors.push(`which rows are "${t.text}": a state, which ${qualified(c)} being set does not say`);
              a.used.add(t);
              done = true;
              continue;
            }
            p = { kind: "null", left: col(c), isNull: !positive };
          } else continue;
          a.where.push(p);
          a.origins.set(p, [t]);
          a.used.add(t);
          done = true;
        }
      }
    }
  }
}

/** Words between a preposition and its noun: "in each course", "to the ward". */
const NOUN_DETERMINERS = new Set(["the", "a", "an", "each", "every", "any", "their", "its", "some"]);

/**
 * "students enrolled in each course", "patients admitted to a ward": the participle says how the rows
 * relate to the table its preposition names, not that a date of theirs is set (enrolled_on IS NOT
 * NULL would drop students enrolled in courses whose own date is missing).
 */
function relatesToTable(ctx: ResolveContext, tokens: readonly Token[], verb: Token): boolean {
  const preposition = tokens[verb.i + 1];
  if (preposition?.kind !== "word" || !RELATIVE_PREPOSITIONS.has(preposition.text)) return false;
  let i = verb.i + 2;
  while (tokens[i]?.kind === "word" && NOUN_DETERMINERS.has((tokens[i] as Token).text)) i++;
  const noun = tokens[i];
  return noun?.kind === "word" && matchTables(ctx, [noun]).some((m) => m.coverage === 1);
}

/**
 * "without a city", "missing an email", "not resolved" deny a value; "excluding departures with
 * connections" leaves rows out by what they are, which an IS NULL on a departure column would not say.
 */
export function deniedAsAbsent(tokens: readonly Token[], t: Token): boolean {
  let k = t.i - 1;
  while (k >= 0 && ARTICLES.has(tokens[k]?.text ?? "")) k--;
  const word = tokens[k]?.text ?? "";
  return ABSENCE_NEGATIONS.has(word) || word === "not";
}

/**
 * "customers without a city", "records missing an email": a negated word naming a nullable column of
 * the fact (or a table it needs) asks for the rows where that column is empty.
 */
function addMissingValues(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  const tables = [a.fact, ...a.required];
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  for (const t of parts.tokens) {
    if (
      t.kind !== "word" ||
      !parts.intent.negated.has(t.i) ||
      a.used.has(t) ||
      valueTokens.has(t) ||
      !deniedAsAbsent(parts.tokens, t)
    )
      continue;
    const column = matchColumns(
      ctx,
      [t],
      (c) => tables.includes(c.table) && c.column.nullable && !c.isKey && c.kind !== "boolean",
    )
      .filter((m) => termWeight(ctx, t.stem, m.column.nameStems) === 1)
      .sort((x, y) => tables.indexOf(x.column.table) - tables.indexOf(y.column.table))[0]?.column;
    if (column === undefined) continue;
    const p: Predicate = { kind: "null", left: col(column), isNull: true };
    a.where.push(p);
    a.origins.set(p, [{ ...t, text: "without" }, t]);
    a.used.add(t);
  }
}

/** Words saying a row has a value ("have a city") or lacks one ("missing a last login"). */
const PRESENCE_WORDS = new Set(["have", "has", "had", "having", "with"]);
const LACK_WORDS = new Set(["without", "missing", "lacking", "no"]);
const ARTICLES = new Set(["a", "an", "any"]);
/** "customers with a company listed", "a phone number on record": words that only say a value is there. */
const PRESENCE_TAILS = new Set([
  "listed",
  "recorded",
  "given",
  "provided",
  "entered",
  "specified",
  "set",
  "stored",
  "filled",
]);

/** The stems that name a column, without "at"/"date" and stopwords: last_login_at -> last login. */
export function columnNameWords(c: IndexedColumn): string[] {
  return c.nameStems.filter((s) => !GENERIC_DATE.has(s) && !STOPWORDS.has(s));
}

/**
 * "customers that have a city" (city IS NOT NULL), "users missing a last login" (last_login_at IS
 * NULL): a phrase spelling a nullable column's whole name after "have a" or a lacking word, on the
 * fact or a table it needs. Only exact names: anything looser is left to the final word check.
 */
function addColumnPresence(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  const tables = [a.fact, ...a.required];
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  for (const { word, span, tail, isNull } of columnPresence(ctx, parts.tokens)) {
    const column = tables.flatMap((t) => t.columns).find((c) => presenceNamed(c, span));
    if (column === undefined) continue;
    // "without an employee count": a negated first word already made the filter; the rest is its name.
    if (a.where.some((p) => p.kind === "null" && p.left.kind === "column" && p.left.column === column)) {
      for (const t of [word, ...span, ...tail]) a.used.add(t);
      continue;
    }
    if ([word, ...span].some((t) => a.used.has(t) || valueTokens.has(t))) continue;
    // "order lines with a discount" where discount is never NULL: a value other than zero.
    const p: Predicate = column.column.nullable
      ? { kind: "null", left: col(column), isNull }
      : { kind: "compare", left: col(column), op: isNull ? "=" : ">", value: 0 };
    a.where.push(p);
    a.origins.set(p, [{ ...word, text: isNull ? "without" : "with" }, ...span, ...tail]);
    for (const t of [word, ...span, ...tail]) a.used.add(t);
  }
}

/**
 * A column the rows can have or lack a value of, named whole: a nullable one ("a phone"), or an
 * amount that is never NULL and is then had when it is not zero ("a discount").
 */
// "employees without a manager": a foreign key named by its role (manager_id) is present or missing
// like any column; other keys are not named by a question.
const presenceNamed = (c: IndexedColumn, span: readonly Token[]): boolean =>
  (c.column.nullable || c.kind === "number") &&
  (!c.isKey || (c.isForeignKey && !c.isPrimaryKey)) &&
  c.kind !== "boolean" &&
  columnNameWords(c).join(" ") === span.map((t) => t.stem).join(" ");

/**
 * "employees without a manager" names manager_id by its role; "accounts with no open tickets" does
 * not name openedBy: a table's noun after the word makes it an adjective of those rows.
 */
function namesRoleAlone(ctx: ResolveContext, next: Token | undefined): boolean {
  return !(next?.kind === "word" && matchTables(ctx, [next]).some((m) => m.coverage === 1));
}

/** "have a company listed": `span` names the column, `tail` only says a value is there. */
export interface Presence {
  word: Token;
  span: Token[];
  tail: Token[];
  isNull: boolean;
}

/**
 * Where the question says rows have or lack a value of some nullable column of the catalog, named in
 * full: "have a city", "missing a last login". Read before column values, so that "login" there is
 * the column's name, not the event type 'login'.
 */
export function columnPresence(ctx: ResolveContext, toks: readonly Token[]): Presence[] {
  const out: Presence[] = [];
  const columns = ctx.index.tables.flatMap((t) => t.columns);
  for (const w of toks) {
    const present = PRESENCE_WORDS.has(w.text);
    if (w.kind !== "word" || (!present && !LACK_WORDS.has(w.text))) continue;
    let k = w.i + 1;
    // "have signed a contract" for signed_contract: the participle is the name's first word.
    const verb = present && toks[k]?.kind === "word" && isParticiple((toks[k] as Token).text) ? toks[k] : undefined;
    if (verb !== undefined) k++;
    let article = false;
    for (; toks[k]?.kind === "word" && ARTICLES.has((toks[k] as Token).text); k++) article = true;
    if (present && !article) continue;
    for (let len = 3; len >= 1; len--) {
      const named = toks.slice(k, k + len);
      if (
        named.length !== len ||
        named.some((t) => t.kind !== "word" || matchTables(ctx, [t]).some((m) => m.coverage === 1))
      )
        continue;
      const span = verb === undefined ? named : [verb, ...named];
      const next = toks[k + len];
      const column = columns.find((c) => presenceNamed(c, span));
      if (column === undefined || (column.isKey && !namesRoleAlone(ctx, next))) continue;
      const tail = next?.kind === "word" && PRESENCE_TAILS.has(next.text) ? [next] : [];
      const denied = /^(not|never)$/.test(toks[w.i - 1]?.text ?? "");
      out.push({ word: w, span, tail, isNull: present === denied });
      break;
    }
  }
  return out;
}

/**
 * A boolean column whose comment says which value a word means: "True while the product is on sale;
 * false for discontinued products" makes "discontinued products" is_active = false. Only for words no
 * table or column is named by (those are read as names), and only in a clause that says true or false.
 */
function documentedFlag(
  ctx: ResolveContext,
  tables: readonly IndexedTable[],
  t: Token,
): { column: IndexedColumn; value: boolean } | undefined {
  if (ctx.index.terms.get(t.stem)?.some((p) => p.field === "tableName" || p.field === "columnName")) return undefined;
  for (const table of tables) {
    for (const c of table.columns) {
      if (c.kind !== "boolean" || !c.commentStems.includes(t.stem)) continue;
      for (const clause of (c.column.comment ?? "").split(/[;.]|\bbut\b|,\s*(?=true|false)/i)) {
        if (!textStems(clause).includes(t.stem)) continue;
        const said = /\b(true|false)\b/i.exec(clause);
        if (said !== null) return { column: c, value: (said[1] as string).toLowerCase() === "true" };
      }
    }
  }
  return undefined;
}

/**
 * "installations with no readings" beside generation_readings: the one other table whose name ends
 * in the word (its head noun) is what is missing, as if named whole.
 */
function onlyTableHeaded(ctx: ResolveContext, t: Token, fact: IndexedTable | undefined): IndexedTable | undefined {
  const headed = ctx.index.tables.filter((x) => x !== fact && x.nameStems.length > 1 && x.nameStems.at(-1) === t.stem);
  return headed.length === 1 ? headed[0] : undefined;
}

/**
 * A negated word naming another table ("customers who never placed an order", "orders without
 * payments") asks for rows with no related rows there: NOT EXISTS along the foreign keys. Filters on
 * the tables of that path ("no order in 2024") move inside the subquery, and the outer query no
 * longer joins them.
 */
function excludeAbsent(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  for (const t of parts.tokens) {
    // A word that only picked the date column still says what is absent ("did not order in 2024").
    if (
      t.kind !== "word" ||
      !parts.intent.negated.has(t.i) ||
      (a.used.has(t) && !a.dateWords.includes(t)) ||
      valueTokens.has(t)
    )
      continue;
    // A name of two words ("no change log", "without order items") is denied by its first.
    const next = parts.tokens[t.i + 1];
    const pair =
      next?.kind === "word" && !valueTokens.has(next)
        ? matchTables(ctx, [t, next]).find((m) => m.coverage === 1 && m.used.length === 2 && m.table !== a.fact)
        : undefined;
    const related =
      pair?.table ??
      matchTables(ctx, [t]).find((m) => m.coverage === 1 && m.table !== a.fact)?.table ??
      onlyTableHeaded(ctx, t, a.fact);
    if (related === undefined) continue;
    const path = ctx.index.graph.pathFrom([a.fact], related);
    // Only rows that point at the fact ("orders of a customer") can be missing for it; a table the
    // fact itself references is there whenever the foreign key is set.
    if (path === undefined || path.length === 0 || path.every((s) => s.forward)) continue;
    // "never bought Electronics products": the values that qualify the missing rows are looked up
    // from them, inside the subquery, never in the outer query.
    const qualifiers = new Set(parts.intent.absences.find((ab) => ab.noun === t)?.values ?? []);
    for (const p of a.where) {
      if (!(a.origins.get(p) ?? []).some((w) => qualifiers.has(w))) continue;
      for (const x of predicateTables(p)) {
        if (x === a.fact || path.some((s) => stepTarget(s) === x)) continue;
        const more = ctx.index.graph.pathFrom(path.map(stepTarget), x);
        if (more === undefined)
          a.errors.push(
            `how to relate "${(a.origins.get(p) ?? []).map((w) => w.text).join(" ")}" to the missing ${related.table.name}`,
          );
        else path.push(...more);
      }
    }
    const onPath = new Set(path.map(stepTarget));
    const moved = a.where.filter((p) => {
      const ts = predicateTables(p);
      return ts.length > 0 && ts.every((x) => onPath.has(x));
    });
    // "halls without bookings last month": the period right after the missing rows is theirs; dated
    // by the fact's own date instead, the answer would ask another question.
    const lastBeforeRange = parts.anchor.at(-1);
    if (
      lastBeforeRange?.i === t.i &&
      a.where.some((p) => p.kind === "dateRange" && !moved.includes(p) && predicateTables(p).includes(a.fact))
    ) {
      a.errors.push(`which date of the missing ${related.table.name} the period is of`);
      continue;
    }
    const steps = trimTail(path, new Set(moved.flatMap(predicateTables)));
    const inside = new Set(steps.map(stepTarget));
    const outerTables = new Set([
      ...a.dims.flat().flatMap((d) => exprTables(d.expr)),
      ...a.where.filter((p) => !moved.includes(p)).flatMap(predicateTables),
    ]);
    if ([...inside].some((x) => outerTables.has(x) || x === a.fact)) {
      a.errors.push(`how to use ${related.table.name} both for the absence of rows and elsewhere in the question`);
      continue;
    }
    const p: Predicate = { kind: "related", negated: true, steps, where: moved };
    a.where = [...a.where.filter((w) => !moved.includes(w)), p];
    // Named for what is missing: "pct_without_orders".
    a.origins.set(p, [
      { ...t, text: "without" },
      { ...t, text: related.table.name },
    ]);
    // The outer query keeps only the tables it still reads.
    a.required = a.required.filter((x) => !onPath.has(x) || outerTables.has(x));
    if (a.dateColumn !== undefined && inside.has(a.dateColumn.table)) a.dateColumn = undefined;
    a.used.add(t);
    if (pair !== undefined && next !== undefined) a.used.add(next);
  }
}

/**
 * A word in a qualifying clause naming another table the query does not read ("writers who have
 * written books", "modules taken by learners in a faculty") asks for rows that have related rows:
 * EXISTS along the join path, the farthest such table first so one subquery covers the clause's
 * nouns. Filters on other tables than the fact qualify the related rows ("books in the genre X"),
 * so they move inside, reached through the related table.
 */
function requireRelated(ctx: ResolveContext, parts: QuestionParts, a: Assembly): void {
  const valueTokens = new Set(parts.values.flatMap((v) => v.tokens));
  const qualifying = new Set(parts.intent.context.flat().filter((t) => inRelativeClause(parts.tokens, t)));
  // The rows asked about must be named outside the clause ("the names of the authors who ..."), not
  // be a table the planner tries as a stand-in.
  const namesFact = (t: Token) =>
    t.kind === "word" && !qualifying.has(t) && matchTables(ctx, [t]).some((m) => m.table === a.fact);
  if (!parts.tokens.some(namesFact)) return;
  const candidates: { token: Token; table: IndexedTable; steps: JoinStep<IndexedTable>[] }[] = [];
  for (const t of parts.tokens) {
    if (t.kind !== "word" || !qualifying.has(t) || a.used.has(t) || valueTokens.has(t) || parts.intent.negated.has(t.i))
      continue;
    const table = matchTables(ctx, [t]).find((m) => m.coverage === 1 && m.table !== a.fact)?.table;
    if (table === undefined || a.required.includes(table)) continue;
    const steps = ctx.index.graph.pathFrom([a.fact], table);
    if (steps === undefined || steps.length === 0 || steps.every((s) => s.forward)) continue;
    candidates.push({ token: t, table, steps });
  }
  if (candidates.length === 0) return;
  const farthest = candidates.reduce((x, y) => (y.steps.length > x.steps.length ? y : x));
  const path = [...farthest.steps];
  const outerTables = new Set(a.dims.flat().flatMap((d) => exprTables(d.expr)));
  const moved: Predicate[] = [];
  for (const p of a.where) {
    const ts = predicateTables(p);
    if (ts.length === 0 || ts.includes(a.fact) || ts.some((x) => outerTables.has(x))) continue;
    for (const x of ts) {
      if (path.some((s) => stepTarget(s) === x)) continue;
      const more = ctx.index.graph.pathFrom(path.map(stepTarget), x);
      if (more === undefined) {
        a.errors.push(`how to relate ${x.table.name} to the ${farthest.table.table.name} asked about`);
        return;
      }
      path.push(...more);
    }
    moved.push(p);
  }
  const onPath = new Set(path.map(stepTarget));
  if ([...onPath].some((x) => outerTables.has(x) || x === a.fact)) {
    a.errors.push(`how to use ${farthest.table.table.name} both for related rows and elsewhere in the question`);
    return;
  }
  // Every word of the clause must be read: "students who found the instructor hilarious" names a
  // column elsewhere ("hilarious"); an EXISTS on comments alone would drop it.
  const clause = parts.intent.context.find((c) => c.includes(farthest.token)) ?? [];
  const movedWords = new Set(moved.flatMap((m) => a.origins.get(m) ?? []));
  const unread = clause.filter(
    (w) =>
      w.kind === "word" &&
      !FILLERS.has(w.text) &&
      !a.used.has(w) &&
      !valueTokens.has(w) &&
      !movedWords.has(w) &&
      !parts.intent.cueTokens.has(w) &&
      !candidates.some((c) => c.token === w && onPath.has(c.table)) &&
      !reducedRelativeVerb(ctx, parts.tokens, w) &&
      ![...onPath].some(
        (x) => termWeight(ctx, w.stem, x.nameStems) > 0 || namesEventDate(ctx, w, x) || describesLink(w, x),
      ),
  );
  if (unread.length > 0) {
    a.errors.push(`how ${unread.map((w) => `"${w.text}"`).join(", ")} qualifies the ${farthest.table.table.name}`);
    return;
  }
  const p: Predicate = { kind: "related", negated: false, steps: path, where: moved };
  a.where = [...a.where.filter((w) => !moved.includes(w)), p];
  a.origins.set(p, [
    { ...farthest.token, text: "with" },
    { ...farthest.token, text: farthest.table.table.name },
  ]);
  a.required = a.required.filter((x) => !onPath.has(x));
  if (a.dateColumn !== undefined && onPath.has(a.dateColumn.table)) a.dateColumn = undefined;
  for (const c of candidates) if (onPath.has(c.table)) a.used.add(c.token);
  for (const w of clause) if (w.kind === "word" && reducedRelativeVerb(ctx, parts.tokens, w)) a.used.add(w);
}

/**
 * "students who have taken a course", where the enrolment table's comments say "the course was
 * taken": a linking verb that a comment of a table on the path uses describes that link.
 */
function describesLink(w: Token, table: IndexedTable): boolean {
  return (
    LINKING_VERBS.has(w.stem) &&
    (table.commentStems.includes(w.stem) || table.columns.some((c) => c.commentStems.includes(w.stem)))
  );
}

/** Prepositions after a reduced relative's participle: "titles published in", "orders placed by". */
const RELATIVE_PREPOSITIONS = new Set(["in", "by", "at", "on", "from", "for", "with", "to", "under", "through"]);

/**
 * "titles published in the genre X", "orders placed by members": a participle right after a table
 * noun and before a preposition only says how the rows relate; the preposition's object says which.
 * Only verbs that usually mean the linking key (LINKING_VERBS), and not when the verb names a table
 * or column itself.
 */
export function reducedRelativeVerb(ctx: ResolveContext, tokens: readonly Token[], w: Token): boolean {
  const before = tokens[w.i - 1];
  const after = tokens[w.i + 1];
  return (
    isParticiple(w.text) &&
    before?.kind === "word" &&
    matchTables(ctx, [before]).some((m) => m.coverage === 1) &&
    after?.kind === "word" &&
    RELATIVE_PREPOSITIONS.has(after.text) &&
    LINKING_VERBS.has(w.stem) &&
    !explains(ctx, w, ctx.index.tables, false)
  );
}

/** Words that open a clause about related rows: "who have written", "with orders", "taken by students". */
const RELATIVE_OPENERS = new Set(["who", "that", "which", "whose", "with", "having", "have", "has", "had", "by"]);

/** An event verb dating the related rows ("opened" for opened_at): it says which rows, not a filter. */
function namesEventDate(ctx: ResolveContext, w: Token, table: IndexedTable): boolean {
  return table.columns.some(
    (c) => (c.kind === "date" || c.kind === "timestamp") && termWeight(ctx, w.stem, c.nameStems) > 0,
  );
}

/** The nearest clause word before `t` opens a relative clause (not "of", "in", "for" ...). */
function inRelativeClause(tokens: readonly Token[], t: Token): boolean {
  for (let i = t.i - 1; i >= 0; i--) {
    const w = tokens[i] as Token;
    if (w.kind !== "word") return false;
    if (RELATIVE_OPENERS.has(w.text)) return true;
    if (CUES.get(w.text)?.kind === "boundary") return false;
  }
  return false;
}

/**
 * Forward steps at the end of an absence path whose tables no filter needs prove nothing: a set,
 * non-null foreign key always finds its row ("products never ordered" needs order_items, not orders).
 */
function trimTail(steps: JoinStep<IndexedTable>[], filtered: ReadonlySet<IndexedTable>): JoinStep<IndexedTable>[] {
  const out = [...steps];
  while (out.length > 1) {
    const last = out[out.length - 1] as JoinStep<IndexedTable>;
    const holder = last.edge.from;
    const alwaysThere = last.forward && last.edge.fromColumns.every((c) => holder.column(c)?.column.nullable === false);
    if (!alwaysThere || filtered.has(stepTarget(last))) break;
    out.pop();
  }
  return out;
}
