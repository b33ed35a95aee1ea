import { type IndexedColumn, type IndexedTable, STOPWORDS } from "../../linking";
import { stem } from "../../linking/text";
import { isParticiple } from "./clauses";
import {
  aliasFrom,
  type ColumnMatch,
  isPlural,
  matchColumns,
  matchTables,
  preferLinked,
  type ResolveContext,
  termWeight,
} from "./phrase";
import { col, type Expr } from "./query";
import { syntheticWord, type Token } from "./tokens";
import { columnsMeasuring, heldInOtherTimeUnit } from "./units";

/**
 * What can be summed, averaged or counted for a phrase. A measure is a row-level expression on one
 * table (its grain); the planner picks among candidates by score and by whether the joins the
 * question needs would repeat that table's rows.
 */

export interface Measure {
  expr: Expr;
  table: IndexedTable;
  score: number;
  used: Token[];
  /** Base of the output column name: "revenue", "unit_price". */
  name: string;
  /** Prices and rates are averaged by default, amounts summed. */
  defaultAgg: "sum" | "avg";
}

export type CountTarget =
  | { kind: "rows"; table: IndexedTable; score: number; used: Token[] }
  | { kind: "distinct"; column: IndexedColumn; score: number; used: Token[] }
  | { kind: "sum"; measure: Measure; score: number; used: Token[] };

const stems = (ws: string) => new Set(ws.split(" ").map(stem));
/** Words that ask for money earned: they may be answered by quantity * price on line items. */
const REVENUE_WORDS = stems("revenue sales sale sell selling income turnover gmv earnings spend spent spending");
const AVERAGED = stems(
  "price rate percent ratio score discount rating age margin satisfaction duration latitude longitude temperature",
);
const PRICE = stems("price");
/** Name words of a column that already holds a rate or an average ("calories_per_100g", "avg_speed"). */
const PER_UNIT = stems("per avg average mean");

/**
 * "the total calories of each recipe" beside ingredients.calories_per_100g: a column kept per unit
 * or already averaged adds up to nothing meaningful, so its sum is refused rather than answered.
 */
export const isPerUnit = (c: IndexedColumn): boolean => hasStem(c, PER_UNIT);
/** Nouns that name a number of items: what they measure is a quantity column. */
const QUANTITY_NOUNS = stems("unit units quantity quantities qty piece pieces volume");

const hasStem = (c: IndexedColumn, set: ReadonlySet<string>) => c.nameStems.some((s) => set.has(s));

/** Words before "year" in a name that make it no calendar year: a school's year group, a level. */
const NOT_CALENDAR = new Set(["group", "level", "grade", "school"]);

/**
 * A number column holding calendar years ("year", release_year), not a duration (years_of_service)
 * or a year group. Years are points in time: never summed, never what "the number of" counts.
 */
/** "year", and "yr" as exported schemas abbreviate it (birth_yr, model_yr). */
const YEAR_WORDS = new Set(["year", "yr"]);

export function isCalendarYear(c: IndexedColumn): boolean {
  return (
    c.kind === "number" &&
    !c.isKey &&
    YEAR_WORDS.has(c.nameStems[c.nameStems.length - 1] ?? "") &&
    !/years/i.test(c.column.name) &&
    !c.nameStems.some((s) => NOT_CALENDAR.has(s))
  );
}
/** quantity, qty (expanded by the tokenizer), units, units_sold; not unit_price. */
const isQuantity = (c: IndexedColumn) =>
  c.nameStems.includes("quantity") || /^(units?|units_sold|num_units)$/i.test(c.column.name);
/**
 * Numbers that place a row in a sequence (billing_order, display_order, sort_seq): summed or
 * averaged they measure nothing; "order value" named billing_order by its last word. Only a phrase
 * naming the whole column measures it.
 */
const SEQUENCE = stems("order seq sequence sort ordinal idx");
const placesInSequence = (c: IndexedColumn): boolean =>
  (c.nameStems.length > 1 && SEQUENCE.has(c.nameStems[c.nameStems.length - 1] as string)) ||
  // "average game score" beside game_no and score_pts: a number a row is known by (game_no, lane_no)
  // counts nothing. (A "_num" column may be a number of things counted: only "_no".)
  /.+_no$/i.test(c.column.name);
const isMeasureColumn = (c: IndexedColumn) => c.kind === "number" && !c.isKey;
const namesWhole = (c: IndexedColumn, used: readonly Token[]): boolean =>
  c.nameStems.every((s) => used.some((t) => t.stem === s));
const SOLD_WORDS = stems("sold sell selling sells bought purchased ordered shipped");
/** Quantities still held, not moved: qty_available, stock_remaining, units_on_hand. */
const STOCK = stems("available availability stock remaining inventory reserved left hand onhand");
const holdsStock = (c: IndexedColumn): boolean => hasStem(c, STOCK);

/**
 * "average plays per listener" beside plays.ms_played, "claims filed per month" beside
 * claims.claim_amt, "how many tracks" beside tracks.track_no: a plural noun naming a table whole
 * names its rows, and a number column carrying the noun among other words is not what it measures.
 * A column named just the noun (ratings.rating) still is; money tables are read by their amounts.
 */
function namesOwnRowsOnly(ctx: ResolveContext, c: IndexedColumn, used: readonly Token[], counted = false): boolean {
  if (used.length === 0 || c.nameStems.join(" ") === c.table.nameStems.join(" ")) return false;
  // "total payments" may be their amounts; "how many payments" (counted) never is.
  if (isMoneyTable(c.table) && !counted) return false;
  // The table's whole name, or when counted any noun of it ("donations" of donations_received): a
  // number of donations is never the sum of their donation_amount.
  return used.every(
    (t) =>
      t.kind === "word" &&
      isPlural(t.text) &&
      (matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.exact && m.table === c.table) ||
        (counted && c.table.nameStems.includes(t.stem))),
  );
}

function defaultAgg(c: IndexedColumn): "sum" | "avg" {
  return hasStem(c, AVERAGED) || isPerUnit(c) ? "avg" : "sum";
}

/** quantity * unit_price (* (1 - discount)) on tables that have both: line-item revenue. */
function lineRevenue(table: IndexedTable): Expr | undefined {
  // qty_available * price is the value of unsold stock, not money taken.
  const quantity = table.columns.find((c) => isMeasureColumn(c) && isQuantity(c) && !holdsStock(c));
  const price = table.columns.find((c) => isMeasureColumn(c) && hasStem(c, PRICE));
  if (quantity === undefined || price === undefined) return undefined;
  const factors: Expr[] = [col(quantity), col(price)];
  const discount = table.columns.find((c) => isMeasureColumn(c) && c.nameStems.includes("discount"));
  if (discount !== undefined) {
    // Only a discount documented as a rate or percentage can be applied; an absolute discount amount
    // per line or per unit is ambiguous, so it is left out rather than guessed.
    const text = `${discount.column.name} ${discount.column.comment ?? ""}`.toLowerCase();
    if (/percent|pct/.test(text) && !/fraction/.test(text))
      factors.push({ kind: "oneMinus", arg: col(discount), percent: true });
    else if (/fraction|rate|ratio|0\.\d/.test(text))
      factors.push({ kind: "oneMinus", arg: col(discount), percent: false });
  }
  return { kind: "product", factors };
}

const UNIT = stem("unit");

/**
 * Number columns named by a participle whose noun the phrase says: "generation" of kwh_generated,
 * "enrollment" of students_enrolled. The participle is a word of the column's name as written.
 */
function eventNounColumns(ctx: ResolveContext, phrase: readonly Token[]): { column: IndexedColumn; used: Token[] }[] {
  const nouns = phrase.filter((t) => t.kind === "word" && t.i >= 0);
  if (nouns.length === 0) return [];
  return ctx.index.tables.flatMap((table) =>
    table.columns.flatMap((c) => {
      if (!isMeasureColumn(c)) return [];
      const participles = c.column.name
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => /ed$/.test(w));
      const used = nouns.filter((t) => participles.some((w) => nounOfVerb(syntheticWord(w), t.text)));
      return used.length > 0 ? [{ column: c, used }] : [];
    }),
  );
}

/**
 * "unit_price", "unit_cost": "unit" only says "per unit" there. A column of that kind is named by a
 * phrase only if it names the rest ("price"): "units sold" are quantities, never unit prices.
 */
export function namedOnlyAsUnit(ctx: ResolveContext, c: IndexedColumn, phrase: readonly Token[]): boolean {
  if (!c.nameStems.includes(UNIT) || isQuantity(c)) return false;
  const rest = c.nameStems.filter((s) => s !== UNIT && !STOPWORDS.has(s));
  return rest.length > 0 && !phrase.some((t) => termWeight(ctx, t.stem, rest) > 0);
}

/**
 * "cancellation rate by property" beside reservations.rate_amt: a word right before "rate" that the
 * column's name does not carry makes it another rate (a share of cancelled rows), not the column;
 * and a rating column is no rate at all.
 * "average daily rate" beside daily_rate stays that column.
 */
export function otherRate(phrase: readonly Token[], c: IndexedColumn): boolean {
  // By the words as written: "rating" stems like "rate" and is not one.
  const at = phrase.findIndex((t) => /^(rate|rates|ratio)$/.test(t.text));
  // "return rate by genre" beside reviews.rating: a rate is never a rating.
  if (at >= 0 && /rating/i.test(c.column.name)) return true;
  const before = phrase[at - 1];
  if (at <= 0 || before?.kind !== "word" || /^(average|avg|mean|total|the|a|an)$/.test(before.text)) return false;
  return /(^|_)(rate|ratio)(_|$)/i.test(c.column.name) && !c.nameStems.includes(before.stem);
}

/** Money that is one part of what a row costs: never its value, nor what was spent on it, unless named. */
const PART_OF_PRICE = stems("shipping freight postage tax vat discount deposit tip commission surcharge");
/** Money the business pays out: spending, never revenue. */
const PAID_OUT = stems("cost wage wages salary");
/** A column of money by its name's last word: order_total_amt, fee_amount. */
export const holdsMoney = (c: IndexedColumn): boolean => MONEY_HEADS.has(c.nameStems.at(-1) ?? "");

/** Money a row may reach, never money taken: credit_limit_amt, budget_amt. */
const CEILINGS = stems("limit budget cap ceiling allowance");
/** Bounds named in a column: max_size, minimum_age ("min" is as often minutes: video_min). */
const BOUNDS = stems("max maximum minimum");
const SPEND_WORDS = stems("spend spent spending");
/** Words that only say a column holds money: the word before them is what the money is. */
const MONEY_HEADS = stems("amt amount value");
/** A fee's kind that is still the whole fee: std_fee, base_fee, annual_fee. */
const WHOLE_FEE = stems("std standard base list unit flat annual monthly daily hourly weekly total");

/**
 * "top members by spend" beside orders.shipping_amt, "revenue by branch" beside staff.hourly_wage,
 * "sales of seasonal products" beside products.unit_cost_amt: a money column named for a part of
 * the price (shipping, tax, a rush fee) measures only that, and one named for what the business pays
 * (cost, wage) is spending, never sales, and a ceiling (credit_limit_amt) is no money taken at all;
 * only a question naming it reads it.
 */
export function unnamedPartOfPrice(ctx: ResolveContext, c: IndexedColumn, phrase: readonly Token[]): boolean {
  const names = (s: string) => phrase.some((t) => termWeight(ctx, t.stem, [s]) > 0);
  const stems = c.nameStems.filter((s) => !STOPWORDS.has(s));
  // "the average class size" beside max_size: a bound the rows may reach is not their size, even
  // where the word after it is asked.
  if (stems.some((s) => BOUNDS.has(s) && !names(s))) return true;
  // "total cost" beside shipping_cost: the word the column's name ends in is named, so it is a cost asked.
  const head = stems.filter((s) => !MONEY_HEADS.has(s)).at(-1);
  if (head !== undefined && phrase.some((t) => t.stem === head)) return false;
  if (stems.some((s) => (PART_OF_PRICE.has(s) || CEILINGS.has(s)) && !names(s))) return true;
  const spending = phrase.some((t) => SPEND_WORDS.has(t.stem));
  if (!spending && stems.some((s) => PAID_OUT.has(s) && !names(s))) return true;
  const fee = stems.indexOf(stem("fee"));
  const kind = stems[fee - 1];
  // "number of fees charged" beside late_fees: the question names fees, and this is one.
  return fee > 0 && kind !== undefined && !WHOLE_FEE.has(kind) && !names(kind) && !names(stem("fee"));
}

export function measureCandidates(ctx: ResolveContext, phrase: readonly Token[]): Measure[] {
  // Money is named by the word asked ("revenue excluding cancelled orders" -> revenue), anything
  // else by the phrase ("average order value" -> order_value, "quantity sold" -> quantity_sold).
  const revenueWord = phrase.find((t) => REVENUE_WORDS.has(t.stem));
  // "revenue by zone" beside menu_items.price_amt: money taken adds up; a price or a rate, which is
  // averaged, is what one unit costs and not the money a group took, unless its name says it is the
  // price a sale fetched (selling_price) or the question names it ("total price of tickets sold").
  const pricedAsSold = (m: ColumnMatch) =>
    hasStem(m.column, REVENUE_WORDS) ||
    m.used.some((t) => !REVENUE_WORDS.has(t.stem) && m.column.nameStems.includes(t.stem));
  const phraseName = aliasFrom(
    phrase.filter((t) => !/^(total|overall|sum|average|avg|mean)$/.test(t.text) && t.i >= 0),
    false,
  );
  const moneyName = revenueWord !== undefined ? aliasFrom([revenueWord], false) : phraseName;
  const out: Measure[] = matchColumns(ctx, phrase, (c) => isMeasureColumn(c) && !namedOnlyAsUnit(ctx, c, phrase))
    .filter((m) => !namesOwnRowsOnly(ctx, m.column, m.used))
    .filter((m) => !placesInSequence(m.column) || namesWhole(m.column, m.used))
    .filter((m) => revenueWord === undefined || defaultAgg(m.column) === "sum" || pricedAsSold(m))
    .filter((m) => !otherRate(phrase, m.column))
    .filter((m) => !unnamedPartOfPrice(ctx, m.column, phrase))
    .filter((m) => !moneyOfNamedRows(m.column, phrase))
    .filter((m) => !heldInOtherTimeUnit(phrase, m.column))
    .map((m: ColumnMatch) => ({
      expr: col(m.column),
      table: m.column.table,
      score: m.score,
      used: m.used,
      name: (isQuantity(m.column) ? phraseName : moneyName) || m.column.column.name,
      // Revenue adds up, even read from a sale's price.
      defaultAgg: revenueWord === undefined ? defaultAgg(m.column) : "sum",
    }));
  // "generation per month" beside generation_readings.kwh_generated: the noun of the verb a number
  // column is named by names that column.
  for (const m of eventNounColumns(ctx, phrase)) {
    if (out.some((o) => o.expr.kind === "column" && o.expr.column === m.column)) continue;
    out.push({
      expr: col(m.column),
      table: m.column.table,
      score: m.used.length,
      used: m.used,
      name: phraseName || m.column.column.name,
      defaultAgg: defaultAgg(m.column),
    });
  }
  // "the longest tracks" beside tracks.milliseconds: a column whose unit measures the quantity named,
  // behind any column the words name themselves.
  for (const m of columnsMeasuring(ctx, phrase)) {
    if (out.some((o) => o.expr.kind === "column" && o.expr.column === m.column)) continue;
    if (heldInOtherTimeUnit(phrase, m.column)) continue;
    out.push({
      expr: col(m.column),
      table: m.column.table,
      score: 0.9 * m.used.length,
      used: m.used,
      name: phraseName || m.column.column.name,
      defaultAgg: defaultAgg(m.column),
    });
  }
  const revenueWords = phrase.filter((t) => REVENUE_WORDS.has(t.stem));
  if (revenueWords.length > 0) {
    for (const table of preferLinked(ctx, [...ctx.index.tables], (t) => t)) {
      const expr = lineRevenue(table);
      if (expr === undefined) continue;
      const qualifiers = phrase.filter(
        (t) => !revenueWords.includes(t) && termWeight(ctx, t.stem, table.nameStems) > 0,
      );
      // Scored like a column named "revenue", discounted: a stored order total, when the question's
      // joins allow it, is simpler and already net of whatever the line formula cannot know.
      const base =
        revenueWords.reduce((s, t) => s + termWeight(ctx, t.stem, [stem("revenue")]), 0) +
        0.6 * qualifiers.length +
        0.6;
      out.push({
        expr,
        table,
        score: 0.75 * base + (ctx.linked.has(table) ? 0.1 : 0),
        used: [...revenueWords, ...qualifiers],
        name: moneyName || "revenue",
        defaultAgg: "sum",
      });
    }
  }
  // "units sold", "quantity by month": a count of items, never an amount that happens to share a
  // synonym ("sold"); without a quantity column the question is declined rather than answered in money.
  if (phrase.some((t) => QUANTITY_NOUNS.has(t.stem))) {
    const sold = phrase.some((t) => SOLD_WORDS.has(t.stem));
    return out
      .filter(
        (m) =>
          m.expr.kind === "column" &&
          (isQuantity(m.expr.column) || m.expr.column.nameStems.some((s) => QUANTITY_NOUNS.has(s))) &&
          !(sold && holdsStock(m.expr.column)),
      )
      .sort((a, b) => b.score - a.score);
  }
  return exactBeforeSynonyms(out).sort((a, b) => b.score - a.score);
}

/**
 * "total fee for each bike" beside rentals.fee and bikes.list_price (price ~ fee): a column whose
 * name holds the words themselves wins over one only a synonym names, however near its table is.
 * Synonym-only columns are dropped when an exact one reads as many words.
 */
function exactBeforeSynonyms(measures: Measure[]): Measure[] {
  const exact = (m: Measure) =>
    m.expr.kind === "column" &&
    m.used.every((t) => (m.expr as { column: IndexedColumn }).column.nameStems.includes(t.stem));
  const synonymOnly = (m: Measure) =>
    m.expr.kind === "column" &&
    !m.used.some((t) => (m.expr as { column: IndexedColumn }).column.nameStems.includes(t.stem));
  const best = measures.filter(exact);
  if (best.length === 0) return measures;
  return measures.filter((m) => !(synonymOnly(m) && best.some((b) => b.used.length >= m.used.length)));
}

/** Words for a row coming into being: "customer signups" are customers. */
const SIGNUP_WORDS = stems("signup signups registration registrations enrollment enrollments onboarding");
export const isSignupWord = (t: Token): boolean => SIGNUP_WORDS.has(t.stem);

/** Tables whose rows are money movements: "total payments" sums their amount instead of counting. */
const MONEY_TABLES = stems(
  "payment invoice bill sale transaction revenue charge refund fee donation deposit fine penalty expense expenditure",
);
export const isMoneyTable = (t: IndexedTable): boolean => t.nameStems.some((s) => MONEY_TABLES.has(s));
export const isRevenueWord = (t: Token): boolean => REVENUE_WORDS.has(t.stem);
/** Words for money earned, never a number of rows: "revenue", "income", "turnover". */
const EARNED_WORDS = new Set(["revenue", "revenues", "income", "turnover", "earnings", "takings"]);
export const isEarnedWord = (t: Token): boolean => EARNED_WORDS.has(t.text);
/** Nouns of a sum of money earned or spent: never the rows themselves, unlike "orders" or "payments". */
export const isFigureNoun = (t: Token): boolean =>
  EARNED_WORDS.has(t.text) || t.text === "spend" || t.text === "spending";
/** Nouns of an amount of money, which no number of rows answers: "the total value of orders". */
const AMOUNT_WORDS = new Set(["value", "values", "worth", "amount", "amounts"]);
export const isAmountWord = (t: Token): boolean => AMOUNT_WORDS.has(t.text) || isFigureNoun(t);
/** Words that give money movements their money sense: "payments received", "invoices in dollars". */
const MONEY_SENSE = stems(
  "received receive collected collect taken earned money dollars dollar usd eur euros cash value amount amounts worth",
);
/** The quantity columns of a table: "total stock" -> stock_levels.quantity. */
export function tableQuantities(ctx: ResolveContext, table: IndexedTable, phrase: readonly Token[]): Measure[] {
  return measureCandidates(ctx, [...phrase, syntheticWord("quantity")]).filter(
    (m) => m.table === table && m.expr.kind === "column" && isQuantity(m.expr.column),
  );
}

/** The money columns of a table, best first: "total payments" -> payments.amount. */
export function tableAmounts(ctx: ResolveContext, table: IndexedTable, phrase: readonly Token[]): Measure[] {
  return measureCandidates(ctx, [...phrase, syntheticWord("amount")]).filter(
    (m) => m.table === table && m.expr.kind === "column",
  );
}

export const isMoneySenseWord = (t: Token): boolean => t.kind === "word" && MONEY_SENSE.has(t.stem);

/** Numeric columns named like a quantity, for "best-selling". */
export function quantityColumns(ctx: ResolveContext): IndexedColumn[] {
  // Only plan-rank's "units sold" asks: stock still held was never sold.
  const all = ctx.index.tables.flatMap((t) =>
    t.columns.filter((c) => isMeasureColumn(c) && isQuantity(c) && !holdsStock(c)),
  );
  return preferLinked(ctx, all, (c) => c.table);
}

const YES_NO = /^(y|n|yes|no|true|false|t|f|0|1)$/i;

/**
 * A text column holding a yes/no answer ("fee_charged": 'Yes'/'No', or a comment "Whether a
 * late fee was charged"): "the number of fees charged" never counts its two values.
 */
export function isYesNoText(c: IndexedColumn): boolean {
  const samples = c.column.samples ?? [];
  if (samples.length > 0 && samples.every((s) => YES_NO.test(s.trim()))) return true;
  return /^\s*(indicates )?whether\b/i.test(c.column.comment ?? "");
}

/**
 * What "how many X" counts: rows of a table ("orders"), distinct values of a column ("countries
 * customers come from" -> customers.country), or a quantity to sum ("units", "seats").
 */
/** Words of a column's name that make it what a row is charged: rush_fee_amt, list_price, unit_cost. */
const CHARGE_NAMES = stems("fee charge surcharge price cost");

/**
 * "rush jobs" beside print_jobs.rush_fee_amt, "long distance moves" beside move_jobs.distance_mi: a
 * phrase ending in a plural noun of its table's name (and not of the column's) names rows.
 */
function endsInRowsOf(c: IndexedColumn, phrase: readonly Token[]): boolean {
  const last = phrase.at(-1);
  if (phrase.length < 2 || last === undefined || !/s$/.test(last.text)) return false;
  return c.table.nameStems.includes(last.stem) && !c.nameStems.includes(last.stem);
}

/** What rows are charged (a fee, a price) is no number of them; money movements ("late fees") are their amounts. */
const moneyOfNamedRows = (c: IndexedColumn, phrase: readonly Token[]): boolean =>
  c.nameStems.some((s) => CHARGE_NAMES.has(s)) && !isMoneyTable(c.table) && endsInRowsOf(c, phrase);

export function countTargets(ctx: ResolveContext, phrase: readonly Token[]): CountTarget[] {
  const out: CountTarget[] = [];
  for (const t of matchTables(ctx, phrase)) {
    if (t.coverage < 0.5) continue;
    // A phrase that names a table completely ("customers", "order items") counts its rows.
    const exact = t.coverage === 1 && t.exact && t.used.length === phrase.length;
    out.push({ kind: "rows", table: t.table, score: t.score + (exact ? 10 : 0), used: t.used });
  }
  // Distinct values of a text column; never of dates, flags or numbers ("how many active products"
  // filters on is_active, it does not count its two values).
  // A key column pointing at a table the phrase names ("tickers" beside prices.ticker_id) is that
  // table's rows seen from elsewhere: the table itself is meant.
  const namedTable = out.some((o) => o.kind === "rows" && o.score >= 10);
  for (const m of matchColumns(ctx, phrase, (c) => !c.isPrimaryKey && c.kind === "text" && !isYesNoText(c))) {
    if (namedTable && m.column.isKey) continue;
    if (namesOnlyWhatIsClassified(ctx, m.column, phrase) || namesOwnTableOnly(ctx, m.column, phrase)) continue;
    // "issues resolved per week": a participle says what happened to the rows counted; it does not
    // name a column whose values are counted (resolution).
    const naming = m.used.filter((t) => termWeight(ctx, t.stem, m.column.nameStems) > 0);
    if (naming.every((t) => isParticiple(t.text))) continue;
    out.push({ kind: "distinct", column: m.column, score: m.score, used: m.used });
  }
  // "customer signups", "user registrations": the rows themselves, each a sign-up, when the table
  // records when its rows were created.
  const signup = phrase.filter((t) => SIGNUP_WORDS.has(t.stem));
  if (signup.length === 1 && phrase.length === 2) {
    const rest = phrase.filter((t) => !signup.includes(t));
    for (const t of matchTables(ctx, rest)) {
      const dated = t.table.columns.some((c) => c.kind === "date" || c.kind === "timestamp");
      if (t.coverage === 1 && t.exact && dated)
        out.push({ kind: "rows", table: t.table, score: t.score + 10, used: [...phrase] });
    }
  }
  // "signups", "logins": events recorded by a date column count the rows of its table. Never money
  // earned: "revenue" reaches sold_at by a synonym, but the revenue of sales is not their number.
  for (const m of matchColumns(ctx, phrase, (c) => c.kind === "date" || c.kind === "timestamp")) {
    // "churned accounts" beside an optional churned_at: only some rows churned; beside a word naming
    // the rows, the participle is a filter on the date, not a name for every row ("spent" alone still
    // names the spending).
    const qualifies =
      m.column.column.nullable &&
      m.used.some((t) => isParticiple(t.text)) &&
      matchTables(ctx, phrase).some((t) => t.table === m.column.table && t.coverage === 1);
    if (qualifies) continue;
    // "How many orders did Taco Titan do?" beside truck.purchase_dt: a synonym ("order" ~ "purchase")
    // names another thing's date, not events of these rows; only the date's own words count its rows.
    if (!m.used.every((t) => m.column.nameStems.some((s) => sameRoot(t.stem, s)))) continue;
    if (m.used.length === phrase.length && !m.used.some(isEarnedWord))
      out.push({ kind: "rows", table: m.column.table, score: m.score - 0.5, used: m.used });
  }
  for (const m of matchColumns(
    ctx,
    phrase,
    (c) => isMeasureColumn(c) && c.kind === "number" && !namedOnlyAsUnit(ctx, c, phrase),
  )) {
    if (
      hasStem(m.column, AVERAGED) ||
      isCalendarYear(m.column) ||
      namesOwnRowsOnly(ctx, m.column, m.used, true) ||
      unnamedPartOfPrice(ctx, m.column, phrase)
    )
      continue;
    // "units sold" never counts stock still held (qty_available).
    if (holdsStock(m.column) && phrase.some((t) => SOLD_WORDS.has(t.stem))) continue;
    // "how many long distance moves" beside move_jobs.distance_mi: rows the phrase ends in are
    // counted, never a number of theirs summed.
    if (endsInRowsOf(m.column, phrase)) continue;
    const measure: Measure = {
      expr: col(m.column),
      table: m.column.table,
      score: m.score,
      used: m.used,
      name: m.column.column.name,
      defaultAgg: "sum",
    };
    out.push({ kind: "sum", measure, score: m.score - 0.2, used: m.used });
  }
  // More of the phrase explained first, then score.
  return out.sort((a, b) => b.used.length - a.used.length || b.score - a.score);
}

/** Last words of a column that sorts rows into kinds: charge_type, enrol_status, pay_method. */
export const CLASSIFIER_HEADS = stems(
  "type kind class category status state reason cause method mode channel source tier level lvl code cd",
);

/**
 * "charges per type", "how many blocked patrons": the noun names only what a classifying column
 * classifies (the "charge" of charge_type, the "patron" of patron_type), so it counts those rows,
 * never the distinct kinds — grouped by that very column every count would be 1. "how many charge
 * types" names the head, and counts kinds.
 */
function namesOnlyWhatIsClassified(ctx: ResolveContext, c: IndexedColumn, phrase: readonly Token[]): boolean {
  if (CLASSIFIER_HEADS.has(c.nameStems.at(-1) ?? "") && headUnnamed(ctx, c, phrase)) return true;
  // "refunds by room" beside refund_reason_txt: the head is "reason"; "txt" only says how it is stored.
  const words = nameWords(c);
  const head = words.at(-1);
  return (
    head !== undefined &&
    words.length >= 2 &&
    CLASSIFIER_HEADS.has(head) &&
    !phrase.some((t) => termWeight(ctx, t.stem, [head]) > 0)
  );
}

/** Words of a name that say how a value is stored, not what it is: move_type_cd, refund_reason_txt. */
const STORED_AS = stems("cd code nm txt desc flg");
/** A column's name without its storage words: refund_reason_txt is "refund reason". */
export const nameWords = (c: IndexedColumn): string[] => c.nameStems.filter((s) => !STORED_AS.has(s));

/** The column's name has two or more words and the phrase names none of them as its last. */
function headUnnamed(ctx: ResolveContext, c: IndexedColumn, phrase: readonly Token[]): boolean {
  const head = c.nameStems.at(-1);
  return head !== undefined && c.nameStems.length >= 2 && !phrase.some((t) => termWeight(ctx, t.stem, [head]) > 0);
}

/**
 * "churned accounts" beside accounts.acct_nm: words naming the column's own table, and not its last
 * word, count the table's rows, not its distinct names. ("suppliers" beside products.supplier_name,
 * with no suppliers table, still counts the names.)
 */
function namesOwnTableOnly(ctx: ResolveContext, c: IndexedColumn, phrase: readonly Token[]): boolean {
  return headUnnamed(ctx, c, phrase) && matchTables(ctx, phrase).some((m) => m.table === c.table && m.coverage === 1);
}

/** Endings that make an event's noun from its verb: rent → rental, book → booking, reserve → reservation. */
const EVENT_NOUN_ENDINGS = ["", "al", "ing", "ion", "ation", "ment"];

/**
 * "Which film has been rented the most times?", "customers who booked more than 3 times": a past
 * participle names the table of its events when that table's name is the verb with a noun ending
 * (rented → rental, booked → bookings, ordered → orders). "times" counts those rows. Returns the
 * table and the participle, or undefined unless exactly one table is named so.
 */
export function eventTable(
  ctx: ResolveContext,
  tokens: readonly Token[],
): { table: IndexedTable; verb: Token } | undefined {
  const found: { table: IndexedTable; verb: Token }[] = [];
  for (const verb of tokens) {
    for (const table of preferLinked(ctx, [...ctx.index.tables], (t) => t))
      if (namesEventsOf(verb, table)) found.push({ table, verb });
  }
  return found.length === 1 ? found[0] : undefined;
}

/** Endings that make the one who acts from a verb: supply → supplier, manage → manager, ship → shipper. */
const ACTOR_NOUN_ENDINGS = ["er", "r", "or"];

/**
 * "Which products does X supply?" beside a suppliers table: the verb says what the table's rows do,
 * so it adds nothing the join to that table does not. (A final "y" becomes "i": supply → supplier.)
 */
export function namesActorOf(verb: Token, table: IndexedTable): boolean {
  if (verb.kind !== "word" || table.nameStems.length !== 1) return false;
  const base = verb.stem.replace(/y$/, "i");
  return ACTOR_NOUN_ENDINGS.some(
    (e) => table.nameStems[0] === `${base}${e}` || table.nameStems[0] === `${verb.stem}${e}`,
  );
}

/** "visited" and a visits table, "rented" and rental: the participle is the event the table records. */
export function namesEventsOf(verb: Token, table: IndexedTable): boolean {
  return table.nameStems.length === 1 && nounOfVerb(verb, table.nameStems[0] as string);
}

/** The noun (a name's stem) is the past participle's event: "activated" activation, "enrolled" enrollment. */
/** One word's forms: "cancellation" and cancel_dt's "cancel", "registration" and "register". */
function sameRoot(a: string, b: string): boolean {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n === a.length || n === b.length || n >= 5;
}

export function nounOfVerb(verb: Token, noun: string): boolean {
  if (verb.kind !== "word" || !/ed$/.test(verb.text)) return false;
  // The stem drops a doubled consonant the noun keeps: "enrolled" is enrol, its noun "enrollment".
  const bases = new Set([verb.stem, verb.text.slice(0, -2)]);
  return [...bases].some((b) => EVENT_NOUN_ENDINGS.some((e) => noun === `${b}${e}`));
}
