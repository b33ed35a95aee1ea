import { stem } from "../../linking/text";
import { NUMBER_WORDS } from "../../shared/number-words";
/**
 * The question words the built-in generator understands structurally, as opposed to words that name
 * tables, columns or values (those come from the catalog). Multi-word cues are matched longest first.
 */

export type AggFn = "count" | "sum" | "avg" | "min" | "max" | "median";
/** "weekday" is the day of the week, Sunday 0 … Saturday 6 (PostgreSQL's DOW), not a period. */
export type TimeUnit = "day" | "week" | "month" | "quarter" | "year" | "weekday";
export type CmpOp = ">" | ">=" | "<" | "<=" | "=" | "<>";

export type Cue =
  /** `implies`: the measure word a superlative adjective stands for ("longest" ranks by length). */
  | { kind: "agg"; fn: AggFn; superlative?: boolean; implies?: string }
  | { kind: "distinct" }
  | { kind: "group" }
  | { kind: "bucket"; unit: TimeUnit }
  | { kind: "top"; dir: "desc" | "asc" }
  | { kind: "most"; dir: "desc" | "asc" }
  | { kind: "rankBy"; dir: "desc" | "asc"; by: "quantity" | "count" }
  | { kind: "recent"; dir: "desc" | "asc" }
  /** `implies`: the measure a comparative adjective compares ("longer than" compares lengths). */
  | { kind: "compare"; op: CmpOp; implies?: string }
  | { kind: "between" }
  | { kind: "negate" }
  | { kind: "list" }
  | { kind: "boundary" }
  /** Phrases that only emphasise: "in total", "of all time". */
  | { kind: "noop" }
  /**
   * "percentage of", "share of": a part as a percentage of its whole, or each group's share;
   * "fraction of" the same between 0 and 1.
   */
  | { kind: "share"; fraction?: boolean }
  /** "growth", "compared to", "month over month": a measure in two periods, or period over period. */
  | { kind: "growth"; unit?: TimeUnit }
  | { kind: "unsupported"; what: string };

const EVERY_ROW: Cue = {
  kind: "unsupported",
  what: 'conditions on every related row ("whose every …", "all their …")',
};

const cues: [string, Cue][] = [
  ["how many", { kind: "agg", fn: "count" }],
  // "How many more orders were shipped than refunded?": a difference of two counts, not one count.
  ["how many more", { kind: "unsupported", what: 'differences of two counts ("how many more … than …")' }],
  ["how many fewer", { kind: "unsupported", what: 'differences of two counts ("how many fewer … than …")' }],
  ["how many less", { kind: "unsupported", what: 'differences of two counts ("how many less … than …")' }],
  ["how much more", { kind: "unsupported", what: 'differences of two amounts ("how much more … than …")' }],
  ["how much less", { kind: "unsupported", what: 'differences of two amounts ("how much less … than …")' }],
  ["total number of", { kind: "agg", fn: "count" }],
  ["number of", { kind: "agg", fn: "count" }],
  ["total count of", { kind: "agg", fn: "count" }],
  // "the highest number of citations" ranks by a count, like "the most citations".
  ["highest number of", { kind: "most", dir: "desc" }],
  ["largest number of", { kind: "most", dir: "desc" }],
  ["greatest number of", { kind: "most", dir: "desc" }],
  ["most number of", { kind: "most", dir: "desc" }],
  ["lowest number of", { kind: "most", dir: "asc" }],
  ["smallest number of", { kind: "most", dir: "asc" }],
  ["count of", { kind: "agg", fn: "count" }],
  ["count", { kind: "agg", fn: "count" }],
  ["how much", { kind: "agg", fn: "sum" }],
  ["sum of", { kind: "agg", fn: "sum" }],
  ["sum", { kind: "agg", fn: "sum" }],
  ["total", { kind: "agg", fn: "sum" }],
  ["overall", { kind: "agg", fn: "sum" }],
  ["average", { kind: "agg", fn: "avg" }],
  ["avg", { kind: "agg", fn: "avg" }],
  ["mean", { kind: "agg", fn: "avg" }],
  ["typical", { kind: "agg", fn: "avg" }],
  ["median", { kind: "agg", fn: "median" }],
  ["maximum", { kind: "agg", fn: "max" }],
  ["max", { kind: "agg", fn: "max" }],
  ["highest", { kind: "agg", fn: "max", superlative: true }],
  ["largest", { kind: "agg", fn: "max", superlative: true }],
  ["biggest", { kind: "agg", fn: "max", superlative: true }],
  ["greatest", { kind: "agg", fn: "max", superlative: true }],
  ["most expensive", { kind: "agg", fn: "max", superlative: true, implies: "price" }],
  ["priciest", { kind: "agg", fn: "max", superlative: true, implies: "price" }],
  ["minimum", { kind: "agg", fn: "min" }],
  ["min", { kind: "agg", fn: "min" }],
  ["lowest", { kind: "agg", fn: "min", superlative: true }],
  ["smallest", { kind: "agg", fn: "min", superlative: true }],
  ["least expensive", { kind: "agg", fn: "min", superlative: true, implies: "price" }],
  ["cheapest", { kind: "agg", fn: "min", superlative: true, implies: "price" }],
  // Adjectives of one physical measure: they rank by a column of that name (or its synonyms), or are
  // refused when the schema has none.
  ["longest", { kind: "agg", fn: "max", superlative: true, implies: "length" }],
  ["shortest", { kind: "agg", fn: "min", superlative: true, implies: "length" }],
  ["tallest", { kind: "agg", fn: "max", superlative: true, implies: "height" }],
  ["heaviest", { kind: "agg", fn: "max", superlative: true, implies: "weight" }],
  ["lightest", { kind: "agg", fn: "min", superlative: true, implies: "weight" }],
  ["deepest", { kind: "agg", fn: "max", superlative: true, implies: "depth" }],
  ["shallowest", { kind: "agg", fn: "min", superlative: true, implies: "depth" }],
  ["widest", { kind: "agg", fn: "max", superlative: true, implies: "width" }],
  ["narrowest", { kind: "agg", fn: "min", superlative: true, implies: "width" }],
  ["distinct", { kind: "distinct" }],
  ["unique", { kind: "distinct" }],
  ["different", { kind: "distinct" }],
  ["grouped by", { kind: "group" }],
  ["broken down by", { kind: "group" }],
  ["break down by", { kind: "group" }],
  ["breakdown by", { kind: "group" }],
  ["split by", { kind: "group" }],
  ["for each", { kind: "group" }],
  ["for every", { kind: "group" }],
  ["in each", { kind: "group" }],
  ["by", { kind: "group" }],
  ["per", { kind: "group" }],
  ["each", { kind: "group" }],
  ["across", { kind: "group" }],
  ["daily", { kind: "bucket", unit: "day" }],
  ["weekly", { kind: "bucket", unit: "week" }],
  ["monthly", { kind: "bucket", unit: "month" }],
  ["over time", { kind: "bucket", unit: "month" }],
  ["trend", { kind: "bucket", unit: "month" }],
  ["quarterly", { kind: "bucket", unit: "quarter" }],
  ["yearly", { kind: "bucket", unit: "year" }],
  ["annual", { kind: "bucket", unit: "year" }],
  ["annually", { kind: "bucket", unit: "year" }],
  ["best selling", { kind: "rankBy", dir: "desc", by: "quantity" }],
  ["top selling", { kind: "rankBy", dir: "desc", by: "quantity" }],
  ["most popular", { kind: "rankBy", dir: "desc", by: "quantity" }],
  ["least popular", { kind: "rankBy", dir: "asc", by: "quantity" }],
  ["worst selling", { kind: "rankBy", dir: "asc", by: "quantity" }],
  ["most sold", { kind: "rankBy", dir: "desc", by: "quantity" }],
  ["most common", { kind: "rankBy", dir: "desc", by: "count" }],
  ["most frequent", { kind: "rankBy", dir: "desc", by: "count" }],
  // "the most frequently used coupon codes": used in the most rows.
  ["most frequently used", { kind: "rankBy", dir: "desc", by: "count" }],
  ["most frequently", { kind: "rankBy", dir: "desc", by: "count" }],
  ["most often used", { kind: "rankBy", dir: "desc", by: "count" }],
  ["most used", { kind: "rankBy", dir: "desc", by: "count" }],
  ["least frequently used", { kind: "rankBy", dir: "asc", by: "count" }],
  ["least frequent", { kind: "rankBy", dir: "asc", by: "count" }],
  ["least used", { kind: "rankBy", dir: "asc", by: "count" }],
  ["least common", { kind: "rankBy", dir: "asc", by: "count" }],
  ["most recent", { kind: "recent", dir: "desc" }],
  // "the 3 most recently hired employees", "the least recently serviced vans".
  ["most recently", { kind: "recent", dir: "desc" }],
  ["least recently", { kind: "recent", dir: "asc" }],
  ["latest", { kind: "recent", dir: "desc" }],
  ["newest", { kind: "recent", dir: "desc" }],
  ["last", { kind: "recent", dir: "desc" }],
  ["oldest", { kind: "recent", dir: "asc" }],
  ["earliest", { kind: "recent", dir: "asc" }],
  ["first", { kind: "recent", dir: "asc" }],
  ["top", { kind: "top", dir: "desc" }],
  ["best", { kind: "top", dir: "desc" }],
  ["bottom", { kind: "top", dir: "asc" }],
  ["worst", { kind: "top", dir: "asc" }],
  ["most", { kind: "most", dir: "desc" }],
  // "the busiest day for rentals": the day with the most of them.
  ["busiest", { kind: "most", dir: "desc" }],
  ["quietest", { kind: "most", dir: "asc" }],
  ["least", { kind: "most", dir: "asc" }],
  ["fewest", { kind: "most", dir: "asc" }],
  // "less than or equal to 4" is one comparison; read from "equal to" alone it was "= 4".
  ["more than or equal to", { kind: "compare", op: ">=" }],
  ["greater than or equal to", { kind: "compare", op: ">=" }],
  ["less than or equal to", { kind: "compare", op: "<=" }],
  ["fewer than or equal to", { kind: "compare", op: "<=" }],
  ["more than", { kind: "compare", op: ">" }],
  ["greater than", { kind: "compare", op: ">" }],
  ["larger than", { kind: "compare", op: ">" }],
  ["bigger than", { kind: "compare", op: ">" }],
  ["higher than", { kind: "compare", op: ">" }],
  ["exceeding", { kind: "compare", op: ">" }],
  ["over", { kind: "compare", op: ">" }],
  ["above", { kind: "compare", op: ">" }],
  ["at least", { kind: "compare", op: ">=" }],
  ["no less than", { kind: "compare", op: ">=" }],
  ["minimum of", { kind: "compare", op: ">=" }],
  ["less than", { kind: "compare", op: "<" }],
  ["fewer than", { kind: "compare", op: "<" }],
  ["lower than", { kind: "compare", op: "<" }],
  ["smaller than", { kind: "compare", op: "<" }],
  ["cheaper than", { kind: "compare", op: "<" }],
  ["longer than", { kind: "compare", op: ">", implies: "length" }],
  ["shorter than", { kind: "compare", op: "<", implies: "length" }],
  ["heavier than", { kind: "compare", op: ">", implies: "weight" }],
  ["lighter than", { kind: "compare", op: "<", implies: "weight" }],
  ["under", { kind: "compare", op: "<" }],
  ["below", { kind: "compare", op: "<" }],
  ["at most", { kind: "compare", op: "<=" }],
  ["no more than", { kind: "compare", op: "<=" }],
  ["up to", { kind: "compare", op: "<=" }],
  ["maximum of", { kind: "compare", op: "<=" }],
  ["equal to", { kind: "compare", op: "=" }],
  ["equals", { kind: "compare", op: "=" }],
  ["exactly", { kind: "compare", op: "=" }],
  [">", { kind: "compare", op: ">" }],
  [">=", { kind: "compare", op: ">=" }],
  ["<", { kind: "compare", op: "<" }],
  ["<=", { kind: "compare", op: "<=" }],
  ["=", { kind: "compare", op: "=" }],
  ["<>", { kind: "compare", op: "<>" }],
  ["between", { kind: "between" }],
  ["not", { kind: "negate" }],
  ["excluding", { kind: "negate" }],
  ["exclude", { kind: "negate" }],
  ["except", { kind: "negate" }],
  ["other than", { kind: "negate" }],
  ["non", { kind: "negate" }],
  ["without", { kind: "negate" }],
  ["never", { kind: "negate" }],
  ["no", { kind: "negate" }],
  ["missing", { kind: "negate" }],
  ["lacking", { kind: "negate" }],
  // "No. of orders per customer": the abbreviation of "number" (the tokenizer drops the dot).
  ["no of", { kind: "agg", fn: "count" }],
  // Only explicit list words: "show me revenue" asks for a total, "list revenue" for rows.
  ["list", { kind: "list" }],
  ["list of", { kind: "list" }],
  ["enumerate", { kind: "list" }],
  ["in total", { kind: "noop" }],
  ["altogether", { kind: "noop" }],
  ["of all time", { kind: "noop" }],
  ["all time", { kind: "noop" }],
  ["so far", { kind: "noop" }],
  // "the biggest order, in dollars": the currency of an amount, not a filter.
  ["in dollars", { kind: "noop" }],
  ["in usd", { kind: "noop" }],
  ["in euros", { kind: "noop" }],
  ["in eur", { kind: "noop" }],
  // "break down revenue by segment": the grouping follows with "by".
  ["break down", { kind: "noop" }],
  ["break out", { kind: "noop" }],
  ["percentage of", { kind: "share" }],
  ["percentage", { kind: "share" }],
  ["percent of", { kind: "share" }],
  ["percent", { kind: "share" }],
  ["pct", { kind: "share" }],
  ["share of", { kind: "share" }],
  ["share", { kind: "share" }],
  ["proportion of", { kind: "share" }],
  ["fraction of", { kind: "share", fraction: true }],
  // "what percentage of all tracks does each genre account for": the verb of a share says nothing more.
  ["account for", { kind: "noop" }],
  ["accounts for", { kind: "noop" }],
  ["make up", { kind: "noop" }],
  ["makes up", { kind: "noop" }],
  ["fraction", { kind: "share", fraction: true }],
  ["proportion", { kind: "share" }],
  ["ratio", { kind: "unsupported", what: "ratios" }],
  ["rate of", { kind: "unsupported", what: "rates" }],
  ["growth", { kind: "growth" }],
  ["grow", { kind: "growth" }],
  ["grew", { kind: "growth" }],
  ["grown", { kind: "growth" }],
  ["change", { kind: "growth" }],
  ["changed", { kind: "growth" }],
  ["increase", { kind: "growth" }],
  ["increased", { kind: "growth" }],
  ["decrease", { kind: "growth" }],
  ["decreased", { kind: "growth" }],
  ["compare", { kind: "growth" }],
  ["compared to", { kind: "growth" }],
  ["compared with", { kind: "growth" }],
  ["compared", { kind: "growth" }],
  ["comparison", { kind: "growth" }],
  ["versus", { kind: "growth" }],
  ["vs", { kind: "growth" }],
  ["difference", { kind: "growth" }],
  ["day over day", { kind: "growth", unit: "day" }],
  ["week over week", { kind: "growth", unit: "week" }],
  ["month over month", { kind: "growth", unit: "month" }],
  ["quarter over quarter", { kind: "growth", unit: "quarter" }],
  ["qoq", { kind: "growth", unit: "quarter" }],
  ["year over year", { kind: "growth", unit: "year" }],
  ["yoy", { kind: "growth", unit: "year" }],
  ["cumulative", { kind: "unsupported", what: "running totals" }],
  ["running total", { kind: "unsupported", what: "running totals" }],
  ["forecast", { kind: "unsupported", what: "forecasts" }],
  ["predict", { kind: "unsupported", what: "predictions" }],
  ["correlation", { kind: "unsupported", what: "correlations" }],
  ["why", { kind: "unsupported", what: "explanations" }],
  // "issues created and resolved on the same day", "stays checked in and out by the same employee":
  // two columns (or rows) compared with each other, which a filter on each alone does not say.
  ["same", { kind: "unsupported", what: 'comparisons of two columns or rows ("the same …")' }],
  // "accounts whose every invoice was paid", "customers with all their orders shipped": a condition on
  // every related row, which a join (some row) would answer wrongly.
  ...["whose every", "had every", "has every", "have every", "with every", "where every", "every one of"].map(
    (w): [string, Cue] => [w, EVERY_ROW],
  ),
  ...["all their", "all of their", "all its", "all of its", "all his", "all her"].map((w): [string, Cue] => [
    w,
    EVERY_ROW,
  ]),
];

/** The ends of an order ("highest first", "from lowest to highest"), as regular-expression alternatives. */
export const ORDER_HIGH_WORDS = "highest|largest|longest|biggest|greatest|most|latest|newest|best";
export const ORDER_LOW_WORDS = "lowest|smallest|shortest|least|fewest|earliest|oldest|worst";

/** Words that name an aggregate in a sort key: "ordered by the number of loans". */
export const AGG_WORDS: ReadonlySet<string> = new Set(
  "number count total sum average avg mean maximum minimum max min amount".split(" "),
);

/** Words that end a phrase: what follows qualifies the question rather than naming its subject. */
const BOUNDARIES =
  "in for with from of on at to where that who whose having among during within whom than into via as and or but when while";
for (const w of BOUNDARIES.split(" ")) cues.push([w, { kind: "boundary" }]);

export const CUES: ReadonlyMap<string, Cue> = new Map(cues);
export const MAX_CUE_WORDS = Math.max(...cues.map(([k]) => k.split(" ").length));

/**
 * Words that carry no meaning for SQL: courtesy, auxiliaries, generic nouns and verbs of asking.
 * Words not in this list must be explained by the catalog, or the question is not understood.
 */
export const FILLERS: ReadonlySet<string> = new Set(
  (
    "a an the is are was were be been being am do does did done have has had i me my we our us you your they them " +
    "their it its this that these those there here what whats which who how please can could would should will " +
    "tell find get gets getting see want need know like let return returns show shows give all any some also just " +
    "only very so then there data record records row rows result results info information detail " +
    "details figure figures stats statistic statistics metric metrics report summary " +
    "breakdown overview each every per placed made happened occurred come came comes live lives living located based " +
    "belong belongs belonged currently current ever currently exist exists existing registered recorded available " +
    "one ones many much now today so far whole entire full complete both either neither up new make makes generate " +
    "generates generated bring brings brought produce produces produced " +
    "same other another else more less most least top place places placing single individual something anything once " +
    // "authors associated with them": the relation the join already expresses.
    "associated " +
    // "not returned yet": only stresses the state the filter reads. ("still being sold" is left
    // unexplained: the state it stresses is often one no column spells.)
    "yet " +
    // "orders going to Italy": a movement whose end the value after "to" already names.
    "going heading headed"
  ).split(" "),
);

/**
 * Participles that, closing a question after an auxiliary, only say the values asked for occur in
 * the data: "What payment methods are used?", "Which brands are stocked?". Unlike "Which products
 * are discontinued?", they name no state of the rows.
 */
export const OCCURRENCE_PARTICIPLES: ReadonlySet<string> = new Set(
  "used offered stocked carried listed represented".split(" "),
);

/**
 * Negations that deny a thing rather than a quality: "no open tickets" are missing tickets, whereas
 * "not open tickets" are tickets in another state.
 */
export const ABSENCE_NEGATIONS: ReadonlySet<string> = new Set(["no", "never", "without", "missing", "lacking"]);

/**
 * Verbs that only say a related row exists ("never opened a ticket", "did not buy any products"):
 * between a negation and a table noun they carry nothing the NOT EXISTS does not already say. Verbs
 * outside this list (e.g. "reviewed") may mean a particular column, so they are not read this way.
 */
export const RELATION_VERBS: ReadonlySet<string> = new Set(
  (
    "buy buys bought buying purchase purchases purchased purchasing order orders ordered ordering " +
    "open opens opened opening create creates created creating submit submits submitted submitting " +
    "raise raises raised raising file files filed log logs logged book books booked booking " +
    "get gets got receive receives received receiving use uses used using start starts started " +
    "have has had having make made place placed"
  ).split(" "),
);

/** Irregular past forms and the verb they come from ("led" -> "lead"): the stemmer cannot tell. */
export const IRREGULAR_PAST: ReadonlyMap<string, string> = new Map(
  (
    "written:write wrote:write taught:teach sold:sell bought:buy held:hold took:take taken:take made:make " +
    "sent:send won:win kept:keep led:lead paid:pay given:give ran:run got:get"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/**
 * Verbs whose usual meaning between two tables is the key that links them: a doctor who prescribed a
 * visit is the visit's vet, a carrier that offers a trip is the trip's carrier. A
 * verb outside this list ("praised") may mean something the data does not record, so "users who
 * praised a ticket" is declined unless a comment of the related table uses the verb (as "ID of
 * vet who signed the visit" does). Stems, as `stem()` makes them.
 */
export const LINKING_VERBS: ReadonlySet<string> = new Set(
  (
    "offer provide sell serve operate run carry stock teach take hold own manage employ host publish " +
    "write author prescribe issue assign award sign enroll attend visit complete earn win produce direct " +
    "treat record report create make place submit send post receive use buy purchase order open book " +
    "file log start raise get have perform handle print credit release work"
  )
    .split(" ")
    // Irregular forms the stemmer does not bring back to the verb.
    .concat([...IRREGULAR_PAST.keys()])
    .map(stem),
);

/** Kinds of cue a schema name may contain ("market_share", "change_log", "invoice_no") without meaning it. */
export const NAME_SENSITIVE_CUES: ReadonlySet<Cue["kind"]> = new Set([
  // "the highest list price" beside list_price_amt: "list" names the price, not "list the …".
  "list",
  "share",
  "growth",
  "negate",
  "unsupported",
  "bucket",
]);

/** Time-unit nouns after "by"/"per": "revenue by month". */
export const TIME_UNITS: ReadonlyMap<string, TimeUnit> = new Map([
  ["day", "day"],
  ["days", "day"],
  ["date", "day"],
  ["dates", "day"],
  ["week", "week"],
  ["weeks", "week"],
  ["month", "month"],
  ["months", "month"],
  ["quarter", "quarter"],
  ["quarters", "quarter"],
  ["year", "year"],
  ["years", "year"],
  ["weekday", "weekday"],
  ["weekdays", "weekday"],
]);

/** Words after a number that only give its unit ("500 dollars"). */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  "dollars dollar usd eur euros euro gbp pounds pound bucks".split(" "),
);

export const SMALL_NUMBERS: Readonly<Record<string, number>> = NUMBER_WORDS;

/** Words before a group's noun: "per user", "by region", "each store", "every month". */
export const GROUPING_WORDS: ReadonlySet<string> = new Set(["per", "by", "each", "every"]);
