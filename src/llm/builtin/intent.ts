import { isAgentBy, isQualifiedAgentBy } from "./clauses";
import {
  ABSENCE_NEGATIONS,
  type AggFn,
  type CmpOp,
  CUES,
  type Cue,
  FILLERS,
  MAX_CUE_WORDS,
  RELATION_VERBS,
  SMALL_NUMBERS,
  TIME_UNITS,
  type TimeUnit,
  UNIT_WORDS,
} from "./lexicon";
import { syntheticWord, type Token } from "./tokens";
import { unitOf } from "./units";

/**
 * The shape of a question before it meets the catalog: which words name the subject, the measure,
 * the groupings, the ranking and the comparisons. Resolution (plan.ts) decides what those words
 * mean in a given schema; this scanner only reads the question's grammar of cue words.
 */

export interface Comparison {
  op: CmpOp | "between";
  value: number;
  /** Upper bound of "between 10 and 20". */
  high?: number;
  /** Content words just before the comparison ("unit price" in "unit price below 20"). */
  before: Token[];
  /** Content words just after the number ("orders" in "more than 5 orders"). */
  after: Token[];
  text: string;
  /** The comparison word itself ("over"): where the comparison sits in the question. */
  cue: Token;
  /** The number was a percentage ("over 15%"): its scale depends on the column compared. */
  percent?: boolean;
  /** The unit written after the number ("three hours", "99 cents"), converted to the column's (units.ts). */
  unit?: string;
  /** The verb of "cost more than 2 dollars *to rent*": which of the row's amounts is compared. */
  purpose?: Token;
}

export interface Rank {
  dir: "desc" | "asc";
  n?: number;
  by?: "quantity" | "count" | "recent";
  /** Words after "most"/"least": "orders" in "with the most orders". */
  measure: Token[];
}

export interface Intent {
  agg?: { fn: AggFn; superlative: boolean; implies?: string; cue: string };
  distinct: boolean;
  /** What the question is about when no aggregate names it: "orders" in "orders by status". */
  subject: Token[];
  /** What an aggregate applies to: "order value" in "average order value". */
  measure: Token[];
  groups: Token[][];
  bucket?: TimeUnit;
  rank?: Rank;
  comparisons: Comparison[];
  /** Token indices under a negation ("not cancelled"). */
  negated: Set<number>;
  /**
   * Table nouns a negation denies through a verb or values ("never opened a ticket", "no open
   * tickets"), with those values: they qualify the missing rows, unless the noun turns out to be the
   * measured table itself ("revenue without cancelled orders"), where they are what is negated.
   */
  absences: Absence[];
  /** Phrases after boundary words ("customers" in "orders from customers"). */
  context: Token[][];
  /** Quoted literals with the words before them ("named 'Smith'"). */
  quoted: { token: Token; before: Token[] }[];
  /** Numbers no cue claimed: a leading "10" in "10 customers with the most orders". */
  looseNumbers: Token[];
  /** Tokens read as cue words or their numbers: understood, whatever the catalog says. */
  cueTokens: Set<Token>;
  list: boolean;
  /** "percentage of", "share of": a ratio to a whole rather than the measure itself. */
  share: boolean;
  /** "What fraction of …": the share between 0 and 1, not a percentage. */
  fraction?: boolean;
  /** "growth", "compared to", "month over month": the measure's change between periods. */
  growth?: { unit?: TimeUnit };
  unsupported?: string;
}

export interface Absence {
  noun: Token;
  values: Token[];
}

/** What the scanner may know of the schema without resolving anything: which words are special. */
export interface ScanHints {
  /** Tokens already understood as column values ("Germany"): skipped here, they become filters. */
  isValue: (i: number) => boolean;
  /** Tokens naming a table on their own ("ticket"): what a negation can deny. */
  namesTable?: (i: number) => boolean;
  /** Tokens of a schema name that looks like a cue ("share" in "market share"): plain words here. */
  isName?: (i: number) => boolean;
  /**
   * Verbs that only say related rows exist in this question ("that have performed visits"),
   * beyond the fixed RELATION_VERBS: read as cue words, never as names.
   */
  isRelationVerb?: (i: number) => boolean;
}

/**
 * Prepositions and determiners between a negation and what it negates: "customers not from Spain",
 * "products not in the Shoes category", "users not with any orders".
 */
const NEGATED_PREPOSITIONS = new Set(
  "from in at on of with within inside via through by for to into using the a an any".split(" "),
);

/** Figures a comparison may be made against that are themselves aggregates: "above (the) average". */
const AGGREGATE_BENCHMARKS = new Set(["average", "avg", "mean", "median", "typical", "overall", "total"]);

/** Cue kinds a negation cannot reach: a comparison read without its "not" would be its opposite. */
const NEGATABLE_ONLY_AS_WORDS: ReadonlySet<Cue["kind"]> = new Set(["compare", "between"]);

/** Prepositions between a relation verb and its table noun: "not been used in any bookings". */
const VERB_PREPOSITIONS = new Set(["in", "on", "for", "from", "to", "by", "with"]);

/** Auxiliaries that start a question's clause after its measure: "how many orders *did* customers place". */
const AUXILIARIES = new Set(["did", "do", "does", "have", "has", "had", "were", "was", "are", "is"]);

/** Words a comparison looks through to find its subject: "products with a price over 20". */
const LINK_WORDS = new Set([
  "with",
  "whose",
  "where",
  "of",
  "a",
  "an",
  "the",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "having",
  "that",
  "which",
  "who",
  "priced",
  "costing",
  "worth",
]);

/** Words that open a relative clause: "users who joined", "orders that shipped". */
const RELATIVE_PRONOUNS = new Set(["who", "that", "which", "whose"]);

function matchCue(
  tokens: readonly Token[],
  at: number,
  skip: (i: number) => boolean,
): { cue: Cue; length: number; text: string } | undefined {
  for (let len = Math.min(MAX_CUE_WORDS, tokens.length - at); len >= 1; len--) {
    const span = tokens.slice(at, at + len);
    if (span.some((t) => skip(t.i) || (t.kind !== "word" && t.kind !== "symbol"))) continue;
    const text = span.map((t) => t.text).join(" ");
    const cue = CUES.get(text);
    if (cue !== undefined) return { cue, length: len, text };
  }
  return undefined;
}

/**
 * "Which 2 genres have the highest average rating?", "the lowest total sales": a superlative that
 * implies no measure of its own, right before an average or a total, ranks by that aggregate; it is
 * not a second aggregate (MAX of an average).
 */
export function ranksByAggregate(
  tokens: readonly Token[],
  at: number,
  length: number,
  cue: Cue,
  skip: (i: number) => boolean,
): boolean {
  if (cue.kind !== "agg" || cue.superlative !== true || cue.implies !== undefined) return false;
  if (cue.fn !== "max" && cue.fn !== "min") return false;
  const next = matchCue(tokens, at + length, skip);
  return next?.cue.kind === "agg" && next.cue.superlative !== true && (next.cue.fn === "avg" || next.cue.fn === "sum");
}

/** Words that say which end of an order comes first: "highest first", "earliest hire date first". */
const ORDER_ENDS = new Set([
  "highest",
  "lowest",
  "largest",
  "smallest",
  "biggest",
  "most",
  "least",
  "cheapest",
  "longest",
  "shortest",
  "latest",
  "earliest",
  "newest",
  "oldest",
  "recent",
]);

/**
 * "…, highest first", "earliest hire date first": the question's last word is "first", a few words
 * after a word naming an end of the order. It asks for a sort of every row, not for the first rows.
 */
export function closesSortPhrase(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at];
  if (t?.text !== "first" || tokens.slice(at + 1).some((x) => x.kind === "word")) return false;
  return tokens.slice(Math.max(0, at - 4), at).some((x) => ORDER_ENDS.has(x.text));
}

/** Words after a figure that make it one per listed row: "and how many cases each has designed". */
const PER_ROW_WORDS = new Set(["each", "per"]);

/**
 * "cancelled courses this year and how many students had enrolled", "jobs on hold and the average
 * delay": rows named first, then a figure after "and" with no "each" or "per" tying it to them, ask
 * for the rows and a figure about them. One answer cannot be both; answering the figure alone drops
 * the list (and which rows it was over).
 */
export function listThenFigure(tokens: readonly Token[], at: number): boolean {
  const and = tokens[at - 1]?.text === "the" || tokens[at - 1]?.text === "an" ? at - 2 : at - 1;
  if (tokens[and]?.text !== "and") return false;
  // "Which users posted reviews …, and how many reviews have they posted?" is a count per listed row
  // (countPerListed).
  if (tokens[0]?.text === "which" && tokens[at]?.text === "how") return false;
  const listed = tokens.slice(0, and).some((t) => t.kind === "word" && !CUES.has(t.text));
  return listed && !tokens.slice(at).some((t) => PER_ROW_WORDS.has(t.text));
}

/**
 * "mechanics hired in 2025 and how many repairs each has done": "each" opened a grouping that no
 * word filled ("done" is a status value), and the count was answered over every mechanic at once.
 * An "each" left empty, by words after it or at the question's end, loses the grouping it asked for;
 * a period after it ("each month") is a bucket and a figure ("each … total") a measure, not a loss.
 */
function groupLost(tokens: readonly Token[], cue: Token, isValue: (i: number) => boolean): boolean {
  const next = tokens[cue.i + 1];
  if (cue.text !== "each") return false;
  if (next === undefined) return true;
  if (next.kind !== "word") return false;
  if (TIME_UNITS.has(next.text) || CUES.has(next.text)) return false;
  return tokens.slice(cue.i + 1).some((t) => t.kind === "word" && !isValue(t.i));
}

/** Question words that, after "and", open a second question: "… and who bowled it". */
const SECOND_QUESTION_WORDS = new Set(["who", "which", "what", "where", "when", "why"]);
const COPULAS = new Set(["is", "are", "was", "were"]);

/**
 * "the highest score ever bowled and who bowled it": a question word after "and" asks a second
 * thing, which one answer drops; "adoptions where the counselor was also the one who approved it",
 * "accounts whose account rep is also their CSM": "is also" says two roles of a row are one person,
 * a comparison of two keys the built-in generator does not make (every adoption was listed).
 */
export function secondAsk(tokens: readonly Token[]): string | undefined {
  for (const t of tokens) {
    const next = tokens[t.i + 1]?.text ?? "";
    if (t.text === "and" && SECOND_QUESTION_WORDS.has(next)) return "several questions in one";
    if (COPULAS.has(t.text) && next === "also") return 'two roles of one row being the same ("is also")';
  }
  return undefined;
}

const numberAt = (t: Token | undefined): number | undefined =>
  t === undefined ? undefined : t.kind === "number" ? t.value : SMALL_NUMBERS[t.text];

/**
 * "never opened a ticket", "did not buy any products", "no open tickets": a negation reaching a table
 * noun through a relation verb or column values denies the related rows, not the verb or the values.
 * Right after "not" ("not cancelled orders") the values are what is negated, unless a verb came
 * between ("did not place cancelled orders"). `k` is the first token after the negation and fillers.
 */
function absenceAt(
  tokens: readonly Token[],
  k: number,
  owning: boolean,
  hints: Required<ScanHints>,
): (Absence & { verb?: Token; links?: Token[] }) | undefined {
  const { isValue, namesTable, isRelationVerb } = hints;
  const filler = (j: number) => tokens[j]?.kind === "word" && FILLERS.has((tokens[j] as Token).text) && !isValue(j);
  let j = k;
  const first = tokens[j];
  // "never purchased Electronics products": a verb that also names a table ("purchase" ~ orders) is
  // still the verb when another table noun follows it.
  const nounFollows = () => {
    let x = j + 1;
    while (filler(x) || isValue(x)) x++;
    return tokens[x]?.kind === "word" && namesTable(x);
  };
  const verb =
    first?.kind === "word" &&
    !isValue(j) &&
    (RELATION_VERBS.has(first.text) || isRelationVerb(j)) &&
    (!namesTable(j) || nounFollows())
      ? first
      : undefined;
  const links: Token[] = [];
  if (verb !== undefined) {
    j++;
    for (; filler(j) || (tokens[j]?.kind === "word" && VERB_PREPOSITIONS.has((tokens[j] as Token).text)); j++)
      links.push(tokens[j] as Token);
  } else if (!owning) return undefined;
  const values: Token[] = [];
  for (; j < tokens.length && isValue(j); j++) values.push(tokens[j] as Token);
  while (filler(j)) j++;
  const noun = tokens[j];
  if (noun?.kind !== "word" || isValue(j) || !namesTable(j) || (verb === undefined && values.length === 0))
    return undefined;
  return verb === undefined ? { noun, values } : { noun, values, verb, links };
}

const PERSONAL_PRONOUNS = new Set(["they", "he", "she", "it", "we"]);

/**
 * "candidates who were rejected for every job they applied to", "drivers who worked each day they
 * were scheduled": "every"/"each" and a noun that a clause of its own (a pronoun and its verb)
 * narrows asks about all of those rows, not one group per row.
 */
export function everyRowClause(tokens: readonly Token[], isValue: (i: number) => boolean): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!/^(every|each)$/.test(tokens[i]?.text ?? "")) continue;
    for (let j = i + 1; j <= i + 3 && j + 1 < tokens.length; j++) {
      const t = tokens[j] as Token;
      // "for each media type, what share … does it account for": the pronoun is a new clause's subject.
      if (t.kind !== "word" || isValue(j) || AUXILIARIES.has(t.text)) break;
      if (j > i + 1 && PERSONAL_PRONOUNS.has(t.text) && tokens[j + 1]?.kind === "word") return true;
    }
  }
  return false;
}

/** Words after which a noun is expected: "each show", "the results", "how many returns". */
const NOUN_OPENERS = new Set([
  "the",
  "a",
  "an",
  "each",
  "every",
  "per",
  "by",
  "of",
  "for",
  "many",
  "all",
  "any",
  "which",
  "what",
  "their",
  "its",
  "our",
  "my",
  "your",
  "some",
  "no",
  "these",
  "those",
  "this",
  "that",
  "most",
  "fewest",
]);

/**
 * "episodes for each show", "how many returns", "the results of each race": a word that is a filler
 * in most questions ("show me", "return the") names a table in noun position, after a determiner.
 */
export function tableNounAt(tokens: readonly Token[], i: number, namesTable: (i: number) => boolean): boolean {
  const before = tokens[i - 1];
  return before?.kind === "word" && NOUN_OPENERS.has(before.text) && namesTable(i);
}

/** Reads the cue words of a tokenised question (see ScanHints for what it is told of the schema). */
export function parseIntent(tokens: readonly Token[], scanHints: ScanHints): Intent {
  const hints: Required<ScanHints> = {
    namesTable: () => false,
    isName: () => false,
    isRelationVerb: () => false,
    ...scanHints,
  };
  const { isValue } = hints;
  // "items on each list" beside a lists table: the list word is the table's name, not "list the …".
  const isName = (i: number) =>
    hints.isName(i) ||
    (CUES.get((tokens[i] as Token | undefined)?.text ?? "")?.kind === "list" &&
      tableNounAt(tokens, i, hints.namesTable));
  const intent: Intent = {
    distinct: false,
    subject: [],
    measure: [],
    groups: [],
    comparisons: [],
    negated: new Set(),
    absences: [],
    context: [],
    quoted: [],
    looseNumbers: [],
    cueTokens: new Set(),
    list: false,
    share: false,
  };
  type Slot = "subject" | "measure" | "group" | "rank" | "context";
  let slot = "subject" as Slot;
  let cur: Token[] = intent.subject;
  const setSlot = (s: Slot, phrase: Token[]) => {
    slot = s;
    cur = phrase;
  };
  const newContext = () => {
    const phrase: Token[] = [];
    intent.context.push(phrase);
    setSlot("context", phrase);
  };
  const filler = (t: Token) => FILLERS.has(t.text) && !tableNounAt(tokens, t.i, hints.namesTable) && !hints.isName(t.i);
  const content = (t: Token) => t.kind === "word" && !isValue(t.i) && !filler(t) && (!CUES.has(t.text) || isName(t.i));
  const notCue = (i: number) => isValue(i) || isName(i);
  const opened: { group: Token[]; cue: Token }[] = [];
  const twoAsks = secondAsk(tokens);
  if (twoAsks !== undefined) {
    intent.unsupported = twoAsks;
    return intent;
  }
  if (everyRowClause(tokens, isValue)) {
    intent.unsupported = 'conditions on every related row ("for every job they applied to")';
    return intent;
  }

  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i] as Token;
    if (isValue(t.i)) {
      i++;
      continue;
    }
    if (hints.isRelationVerb(t.i)) {
      intent.cueTokens.add(t);
      // "Which carriers offer trips": the object qualifies the subject, it is not part of its name.
      if (slot === "subject" && cur.length > 0) newContext();
      i++;
      continue;
    }
    const m = matchCue(tokens, i, notCue);
    if (m === undefined) {
      if (t.kind === "quoted") intent.quoted.push({ token: t, before: cur.slice(-3) });
      else if (t.kind === "number") intent.looseNumbers.push(t);
      else if (t.kind === "word" && slot === "group" && cur.length === 0 && TIME_UNITS.has(t.text) && !isName(t.i)) {
        // "by month and channel": the period is a grouping too; stay in the group slot.
        intent.bucket = TIME_UNITS.get(t.text);
        intent.cueTokens.add(t);
      } else if (
        t.kind === "word" &&
        slot === "subject" &&
        cur.length > 0 &&
        /^(have|has|had)$/.test(t.text) &&
        hints.namesTable(t.i + 1)
      ) {
        // "Which carriers have trips": what follows "have" qualifies the subject, it is not part of
        // its name (carrier_trip).
        newContext();
      } else if (t.kind === "word" && slot === "measure" && cur.length > 0 && AUXILIARIES.has(t.text)) {
        // "how many orders did Corporate customers place": what is counted ends at the auxiliary;
        // who placed them qualifies it.
        newContext();
      } else if (t.kind === "word" && intent.negated.has(t.i)) {
        // Negated words become filters or nothing; they never name what is asked for.
      } else if (t.kind === "word" && !filler(t)) cur.push(t);
      i++;
      continue;
    }
    const { cue, length } = m;
    const next = tokens[i + length];
    for (let k = i; k < i + length; k++) intent.cueTokens.add(tokens[k] as Token);
    switch (cue.kind) {
      case "unsupported":
        intent.unsupported = cue.what;
        return intent;
      case "agg":
        if (length === 1 && cue.superlative === true && closesSortPhrase(tokens, i + 1)) {
          // "Top 5 customers by total spending, highest first": which end comes first, not an aggregate.
          const dir = cue.fn === "max" ? "desc" : "asc";
          if (intent.rank?.n !== undefined && intent.rank.dir !== dir) {
            intent.unsupported = "orders opposite to their ranking";
            return intent;
          }
          // "…, longest first": what the adjective implies is the order's key, unless one was named.
          const implied = cue.implies === undefined ? [] : [syntheticWord(cue.implies)];
          const measure = intent.rank?.measure.length ? intent.rank.measure : implied;
          intent.rank = { ...intent.rank, dir, measure };
          break;
        }
        if (ranksByAggregate(tokens, i, length, cue, notCue)) {
          // "the highest average rating": the superlative orders the groups by the aggregate after it.
          intent.rank = { ...intent.rank, dir: cue.fn === "max" ? "desc" : "asc", measure: intent.rank?.measure ?? [] };
          break;
        }
        if (intent.agg?.fn === "avg" && cue.fn === "count" && slot === "measure" && cur.length === 0) {
          // "average number of items per order" is a ratio of counts, which the grammar does not cover.
          intent.unsupported = "averages of counts";
          return intent;
        }
        if (intent.agg === undefined && intent.rank === undefined && listThenFigure(tokens, i)) {
          intent.unsupported = "a list of rows and a figure about them in one question";
          return intent;
        }
        if (
          intent.agg !== undefined &&
          /^how /.test(
            tokens
              .slice(i, i + length)
              .map((x) => x.text)
              .join(" "),
          )
        ) {
          // "how many loans were returned and how many were not": two questions, one answer.
          intent.unsupported = "several questions in one";
          return intent;
        }
        if (intent.agg !== undefined) {
          // "average total amount", "highest total spend": "total" is part of the measure's name.
          // Any other second aggregate asks a second question ("total revenue and average order value").
          if (cue.fn === "sum" && slot === "measure") cur.push(...tokens.slice(i, i + length));
          else if (cue.fn !== intent.agg.fn) {
            intent.unsupported = "several aggregates in one question";
            return intent;
          }
        } else {
          intent.agg = {
            fn: cue.fn,
            superlative: cue.superlative === true,
            cue: tokens
              .slice(i, i + length)
              .map((x) => x.text)
              .join(" "),
          };
          if (cue.implies !== undefined) intent.agg.implies = cue.implies;
          // "most expensive products": the words after name the entity, the measure is implied.
          if (cue.implies === undefined) setSlot("measure", intent.measure);
        }
        break;
      case "distinct":
        intent.distinct = true;
        break;
      case "group":
        if (length === 1 && (isAgentBy(tokens, i) || isQualifiedAgentBy(tokens, i, isValue, hints.namesTable))) {
          newContext();
          break;
        }
        intent.groups.push([]);
        setSlot("group", intent.groups[intent.groups.length - 1] as Token[]);
        opened.push({ group: cur, cue: tokens[i + length - 1] as Token });
        break;
      case "bucket":
        // "average daily generation per installation", "average monthly kwh per account": the average
        // of each period's total, two aggregates in one, not an average per period.
        if (
          intent.agg?.fn === "avg" &&
          !isName(t.i) &&
          /^(daily|weekly|monthly|quarterly|yearly|annual)$/.test(t.text)
        ) {
          intent.unsupported = `averages of ${t.text} totals ("average ${t.text} …")`;
          return intent;
        }
        intent.bucket = cue.unit;
        break;
      case "top":
      case "recent": {
        const n = numberAt(next);
        // "last"/"first" rank only with a number ("last 10 orders"); alone they are words ("last login").
        if (cue.kind === "recent" && n === undefined && /^(last|first)$/.test(t.text)) {
          // "earliest hire date first": the closing "first" only says which end comes first.
          // Otherwise the word is a name's ("last name") or must be explained like one: "Which customer
          // placed the first order" ranks another table's rows, which no plan here does.
          if (!closesSortPhrase(tokens, i)) {
            intent.cueTokens.delete(t);
            cur.push(t);
          }
          break;
        }
        intent.rank = { ...intent.rank, dir: cue.dir, measure: intent.rank?.measure ?? [] };
        if (cue.kind === "recent") intent.rank.by = "recent";
        if (n !== undefined) {
          intent.rank.n = n;
          intent.cueTokens.add(next as Token);
          i += 1;
        }
        if (intent.subject.length === 0) setSlot("subject", intent.subject);
        else newContext();
        break;
      }
      case "rankBy":
        intent.rank = { ...intent.rank, dir: cue.dir, by: cue.by, measure: intent.rank?.measure ?? [] };
        break;
      case "most": {
        intent.rank = { ...intent.rank, dir: cue.dir, measure: intent.rank?.measure ?? [] };
        setSlot("rank", intent.rank.measure);
        break;
      }
      case "compare":
      case "between": {
        let j = i + length;
        while (tokens[j]?.kind === "word" && /^(a|an|the|of)$/.test((tokens[j] as Token).text)) j++;
        const value = numberAt(tokens[j]);
        // "cheaper than the average product price": a comparison with a figure the query must work
        // out first; read without it, the question became "the average product price".
        if (value === undefined && AGGREGATE_BENCHMARKS.has(tokens[j]?.text ?? "")) {
          intent.unsupported = `comparisons with an aggregate ("${t.text} … ${(tokens[j] as Token).text}")`;
          return intent;
        }
        if (value === undefined) {
          // "over"/"under" without a number are just prepositions.
          newContext();
          break;
        }
        const comparison: Comparison = {
          op: cue.kind === "between" ? "between" : cue.op,
          value,
          before: [],
          after: [],
          text: "",
          cue: t,
        };
        if (tokens[j]?.percent === true) comparison.percent = true;
        j++;
        if (cue.kind === "between") {
          const high = tokens[j]?.text === "and" ? numberAt(tokens[j + 1]) : undefined;
          if (high === undefined) {
            intent.unsupported = "number ranges without two bounds";
            return intent;
          }
          comparison.high = high;
          j += 2;
        }
        // "longer than three hours", "over 99 cents": the unit is kept to convert to the column's.
        const unit = tokens[j]?.kind === "word" ? (tokens[j] as Token).text : undefined;
        if (unit !== undefined && unitOf(unit) !== undefined) {
          comparison.unit = unit;
          j++;
        }
        while (tokens[j]?.kind === "word" && UNIT_WORDS.has((tokens[j] as Token).text)) j++;
        // "films longer than three hours": the length is compared, whatever the words before say.
        if (cue.kind === "compare" && cue.implies !== undefined) comparison.before.push(syntheticWord(cue.implies));
        for (let k = i - 1; k >= 0 && comparison.before.length < 3; k--) {
          const b = tokens[k] as Token;
          // "a total amount over 100": "total" is part of the compared column's name here.
          if (content(b) || (b.text === "total" && comparison.before.length > 0)) comparison.before.unshift(b);
          else if (comparison.before.length > 0 || !LINK_WORDS.has(b.text)) break;
        }
        // "more than 2 active policies": a value right before the noun qualifies the counted rows and
        // stays a value; the noun is what the number counts.
        const qualifier = comparison.after.length === 0 && isValue(j) && !isValue(j + 1);
        if (qualifier && tokens[j + 1] !== undefined && content(tokens[j + 1] as Token)) j++;
        while (j < tokens.length && comparison.after.length < 3 && content(tokens[j] as Token))
          comparison.after.push(tokens[j++] as Token);
        const purpose = comparison.after.length === 0 && tokens[j]?.text === "to" ? tokens[j + 1] : undefined;
        if (purpose !== undefined && content(purpose)) {
          comparison.purpose = purpose;
          j += 2;
        }
        comparison.text = tokens
          .slice(i, j)
          .map((x) => x.text)
          .join(" ");
        for (let k = i; k < j; k++)
          if (!comparison.after.includes(tokens[k] as Token) && !isValue(k)) intent.cueTokens.add(tokens[k] as Token);
        intent.comparisons.push(comparison);
        i = j;
        newContext();
        continue;
      }
      case "negate": {
        // A negation covers the next value ("not Home & Garden") or the next word ("not active").
        let k = i + length;
        const skippable = (j: number) =>
          tokens[j]?.kind === "word" &&
          !isValue(j) &&
          (FILLERS.has((tokens[j] as Token).text) || NEGATED_PREPOSITIONS.has((tokens[j] as Token).text));
        while (skippable(k)) k++;
        // "orders not in 2025": the dates were read apart, and a "not" left negating nothing would be
        // dropped silently.
        if (tokens[k] === undefined) {
          intent.unsupported = `negations of dates or of nothing the question names ("${t.text}" at its end)`;
          return intent;
        }
        // "do not cost more than 20", "not over 20": the comparison would be read without its "not".
        const negatedCue = Array.from({ length: k + 2 - (i + length) }, (_, n) => i + length + n)
          .map((at) => matchCue(tokens, at, notCue))
          .find((c) => c !== undefined && NEGATABLE_ONLY_AS_WORDS.has(c.cue.kind));
        if (negatedCue !== undefined) {
          intent.unsupported = `negated comparisons ("${t.text} … ${negatedCue.text}")`;
          return intent;
        }
        const absence = absenceAt(tokens, k, ABSENCE_NEGATIONS.has(t.text) || k > i + length, hints);
        if (absence !== undefined) {
          intent.negated.add(absence.noun.i);
          for (const w of [absence.verb ?? [], absence.links ?? []].flat()) intent.cueTokens.add(w);
          intent.absences.push({ noun: absence.noun, values: absence.values });
          i = absence.noun.i + 1;
          continue;
        }
        // "not from France or Spain": every value of the list is negated (NOT IN), not the first alone.
        if (isValue(k))
          for (; k < tokens.length && isValue(k); k++) {
            intent.negated.add(k);
            if (/^(or|nor)$/.test(tokens[k + 1]?.text ?? "") && isValue(k + 2)) k++;
          }
        // "weren't 'cancelled'": a quoted literal is a value too.
        else if (tokens[k]?.kind === "quoted") intent.negated.add(k);
        else if (tokens[k]?.kind === "word" && (!CUES.has((tokens[k] as Token).text) || isName(k)))
          intent.negated.add(k);
        // "not than", "not where": a negation of a word that only joins phrases would vanish. (Other
        // cue words, "missing a last login", are read by the column-presence rules.)
        else if (CUES.get(tokens[k]?.text ?? "")?.kind === "boundary") {
          intent.unsupported = `negations of "${tokens[k]?.text ?? ""}"`;
          return intent;
        }
        break;
      }
      case "list":
        intent.list = true;
        break;
      case "noop":
        break;
      case "share":
        intent.share = true;
        if (cue.fraction) intent.fraction = true;
        // "by what percentage did revenue grow": "by" asked for the answer's form, not a grouping.
        if (slot === "group" && cur.length === 0) {
          intent.groups.pop();
          setSlot("subject", intent.subject);
        } else if (slot === "group" && tokens[i + length - 1]?.text === "of" && intent.subject.length === 0) {
          // "For each genre, what percentage of all tracks …": the grouping ended; the whole follows.
          setSlot("subject", intent.subject);
        }
        break;
      case "growth":
        // "containers loaded vs discharged": "vs" between two values splits the rows by them; read as
        // a change between periods, the values were merged into one series.
        if (/^(vs|versus)$/.test(t.text) && isValue(i - 1) && isValue(i + length)) {
          intent.unsupported = `splits by two values ("${tokens[i - 1]?.text} ${t.text} ${tokens[i + length]?.text}"; ask for the figure per value)`;
          return intent;
        }
        if (cue.unit !== undefined && intent.growth?.unit !== undefined && intent.growth.unit !== cue.unit) {
          intent.unsupported = "comparisons over two different periods";
          return intent;
        }
        intent.growth = cue.unit !== undefined ? { unit: cue.unit } : { ...intent.growth };
        break;
      case "boundary":
        if (slot === "group" && t.text === "and") {
          // "by category and country": another grouping.
          intent.groups.push([]);
          setSlot("group", intent.groups[intent.groups.length - 1] as Token[]);
          break;
        }
        if (slot === "group" && cur.length > 0 && RELATIVE_PRONOUNS.has(t.text) && intent.groups.length === 1) {
          // "transactions by users who joined this year": "by" named who made them, not a grouping;
          // the phrase qualifies what is counted, like "transactions of users who joined this year".
          const agent = intent.groups.pop() as Token[];
          newContext();
          cur.push(...agent);
          break;
        }
        // "average of unit price", "number of orders": "of" right after the cue changes nothing.
        if (t.text === "of" && (slot === "measure" || slot === "rank") && cur.length === 0) break;
        if (
          slot === "subject" &&
          intent.subject.length === 0 &&
          intent.measure.length === 0 &&
          intent.agg === undefined
        )
          break;
        newContext();
        break;
    }
    i += length;
  }
  // "orders with a total amount over 100": "total" names the compared column, it does not aggregate.
  const compared = new Set(intent.comparisons.flatMap((c) => c.before));
  if (intent.agg?.cue === "total" && intent.measure.length > 0 && intent.measure.every((t) => compared.has(t))) {
    intent.measure = [];
    delete intent.agg;
  }
  // "month over month growth": the periods compared are the series' buckets.
  const unit = intent.growth?.unit;
  if (unit !== undefined) {
    if (intent.bucket !== undefined && intent.bucket !== unit) {
      intent.unsupported = `${unit}-over-${unit} comparisons of figures by ${intent.bucket}`;
      return intent;
    }
    intent.bucket = unit;
  }
  const lost = opened.find((o) => o.group.length === 0 && groupLost(tokens, o.cue, isValue));
  if (lost !== undefined) {
    const words = tokens.slice(lost.cue.i, lost.cue.i + 2).map((x) => x.text);
    intent.unsupported = `groupings no word names ("${words.join(" ")}")`;
    return intent;
  }
  intent.groups = intent.groups.filter((g) => g.length > 0);
  intent.context = intent.context.filter((c) => c.length > 0);
  countPerListed(tokens, intent, hints);
  return intent;
}

/**
 * "Which users have posted reviews for …, and how many reviews have they posted?": the rows asked
 * for, then a count of their related rows: the listed noun is what the count is grouped by. Only
 * when it names a table and the count is of something else ("Which cities …, and how many cities
 * are there?" counts the list itself, and is left alone).
 */
function countPerListed(tokens: readonly Token[], intent: Intent, hints: Required<ScanHints>): void {
  if (intent.agg?.fn !== "count" || intent.agg.superlative || intent.groups.length > 0 || intent.rank !== undefined)
    return;
  const noun = intent.subject[0];
  if (tokens[0]?.text !== "which" || noun?.i !== 1 || !hints.namesTable(noun.i)) return;
  const how = tokens.findIndex((t) => t.text === "how" && tokens[t.i + 1]?.text === "many");
  if (how < 2 || tokens[how - 1]?.text !== "and" || intent.measure.some((t) => t.stem === noun.stem)) return;
  intent.groups.push([noun]);
  intent.subject = intent.subject.slice(1);
  // "… have they posted?": the verb restates the first clause's, and says nothing new.
  const said = new Set(tokens.slice(0, how).map((t) => t.stem));
  for (const t of tokens.slice(how))
    if (t.kind === "word" && said.has(t.stem) && !intent.measure.includes(t)) intent.cueTokens.add(t);
}
