import { type DateRange, type DateReadOptions, readDateRange, readPeriodPair, readWeekdays } from "../../dates";
import { type IndexedColumn, matchValues, stem, type ValuePosting, valueKey } from "../../linking";
import { columnPresence, type QuestionParts, type ValueHit } from "./assemble";
import {
  bindLiteral,
  bothValues,
  codeValue,
  currencyValue,
  directedValue,
  letterValue,
  namesSchemaObject,
  partOfTableName,
  patternHit,
  qualifiesColumn,
  undirectedRoute,
  valueOfNamedTable,
  valueOfPrecedingTable,
} from "./bindings";
import { alternativeOr, finishedBesideOngoing, isAgentBy, isParticiple, makingVerbAfterNoun } from "./clauses";
import { endsTableName, existenceVerbs, isRelationVerb, tableNouns } from "./existence";
import { flagAlternative, flagNamed } from "./flags";
import { closesSortPhrase, parseIntent } from "./intent";
import { CUES, FILLERS, GROUPING_WORDS, NAME_SENSITIVE_CUES, TIME_UNITS } from "./lexicon";
import { isCalendarYear } from "./measures";
import { isPlural, matchColumns, matchTables, preferLinked, type ResolveContext } from "./phrase";
import { type Token, tokenize } from "./tokens";

/**
 * The bindings stage: a question's dates, tokens, column values, cue words and clauses read against
 * the catalog (QuestionParts), before any plan. Refusals here name the word and its candidate columns.
 */

/**
 * How the generator reads dates: "since March 2024" leaves the end open (the filter is `>= start`
 * alone), and only prose days written with a number are dates ("on Monday" is more often a
 * day-of-week filter in a data question than last Monday).
 */
const GENERATOR_DATES: DateReadOptions = { openEnd: "unbounded", proseDays: "numeric" };

/** Dates, tokens, column values and cue words of a question: everything but the schema-specific plan. */
/** Words that open a noun phrase: "an active lease", "no accepted offer". */
const PHRASE_OPENERS = new Set(["a", "an", "the", "no", "any", "one"]);

export function readQuestion(
  ctx: ResolveContext,
  question: string,
  currentDate: string,
): QuestionParts | { reason: string } {
  // "on weekends" first, blanked in place, so the date range read next keeps its offsets.
  const week = readWeekdays(question, (word) => spelledBySchema(ctx, word));
  const text = week.rest;
  // A comparison keeps its two periods apart ("growth from 2023 to 2024"); otherwise they make one range.
  const pair = comparesPeriods(ctx, text) ? readPeriodPair(text, currentDate, GENERATOR_DATES) : undefined;
  // "games in season 2025": a year beside a whole-number column's name is that column's value.
  const keep = numberedColumnPhrases(ctx, text);
  const dates =
    pair !== undefined
      ? { ok: true as const, range: pair.range, rest: pair.rest }
      : readDateRange(text, currentDate, keep.length > 0 ? { ...GENERATOR_DATES, keep } : GENERATOR_DATES);
  if (!dates.ok) return { reason: `did not understand the dates: ${dates.reason}` };
  const outside = dates.range === undefined ? undefined : negatedRange(text, dates.range);
  if (outside !== undefined)
    return {
      reason: `did not understand "${outside}": rows outside a period are not supported by the built-in generator`,
    };
  const tokens = tokenize(dates.rest);
  if (!tokens.some((t) => t.kind === "word")) {
    // Everything was read as what to show and how to order it: nothing left says which rows.
    const said = question.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    return { reason: said ? `did not understand "${said}"` : "did not understand which rows the question asks about" };
  }
  // The words before the dates say which date they are of ("rentals made on weekends").
  const anchorAt = dates.range?.index ?? week.filter?.index;
  const anchor =
    anchorAt === undefined
      ? []
      : tokenize(text.slice(0, anchorAt))
          .filter((t) => t.kind === "word" && !FILLERS.has(t.text) && !CUES.has(t.text))
          .slice(-3);

  const period = periodWordAsValue(ctx, tokens);
  if (period !== undefined) return { reason: period };
  // Column values first ("Home & Garden", "shipped"): their words then play no other role.
  const isCueWord = (t: Token) => t.kind !== "word" || (CUES.has(t.text) && t.text !== "and");
  // A verb right before a date ("tickets opened this year") dates the rows; it is not the status
  // value it resembles ('open'). Exact matches ("shipped in 2024") stay values.
  const dateVerb = anchor[anchor.length - 1]?.text;
  const periodAsked =
    anchorAt !== undefined || tokens.some((t) => t.kind === "word" && TIME_UNITS.has(t.text) && !FILLERS.has(t.text));
  const namesTable = tableNouns(ctx, tokens);
  // "users missing a last login": the words name a column (last_login_at), not the value 'login'.
  const presence = new Set(columnPresence(ctx, tokens).flatMap((p) => [...p.span, ...p.tail]));
  const valueMatches = matchValues(
    ctx.index,
    tokens.map((t) => t.text),
    (i) => isCueWord(tokens[i] as Token) && !isPlainNumber(tokens[i] as Token),
  ).filter(
    (m) =>
      // "rated PG-13": a number is part of a value only beside the value's words, never alone.
      !tokens.slice(m.start, m.end).every((t) => t.kind === "number") &&
      !(
        m.end - m.start === 1 &&
        ((m.stemmed && m.text === dateVerb) || isRelationVerb(tokens, m.start, m.stemmed, namesTable))
      ) &&
      // "how many books does each genre have": an auxiliary is never a surname it stems to ('does').
      !(m.stemmed && tokens.slice(m.start, m.end).every((t) => FILLERS.has(t.text))) &&
      // "tickets opened by the users": a participle with its agent is the verb, not the status 'open'.
      !(m.end - m.start === 1 && m.stemmed && isAgentBy(tokens, m.end)) &&
      !(m.end - m.start === 1 && makingVerbAfterNoun(tokens, m.start, (j) => endsTableName(ctx, tokens, j))) &&
      !(
        m.end - m.start === 1 &&
        m.stemmed &&
        finishedBesideOngoing(
          m.text,
          m.postings.map((p) => p.value),
        )
      ) &&
      !tokens.slice(m.start, m.end).some((t) => presence.has(t)) &&
      !(m.end - m.start === 1 && qualifiesColumn(ctx, tokens[m.start] as Token, tokens[m.end])) &&
      // "average base salary" beside base_salary_amt: two words naming a column together are that
      // column, not a value one of them spells ('salary', a rejection reason).
      !(m.end - m.start === 1 && wordOfColumnName(ctx, tokens, m.start)) &&
      !groupedByValueWord(tokens, m, namesTable) &&
      !(m.end - m.start === 1 && m.stemmed && stemsLikeSchemaWord(ctx, tokens, tokens[m.start] as Token, m.postings)) &&
      !(
        m.end - m.start === 1 &&
        (periodAsked || perfectOrYet(tokens, m.start)) &&
        !namesTable(m.end) &&
        namesOwnDateColumn(tokens[m.start] as Token, m.postings)
      ) &&
      !namesSchemaObject(ctx, tokens.slice(m.start, m.end), m.postings) &&
      !partOfTableName(ctx, tokens, m.start, m.end),
  );
  for (const t of tokens) {
    if (valueMatches.some((m) => t.i >= m.start && t.i < m.end)) continue;
    const letter = letterValue(ctx, tokens, t);
    const code = letter.length > 0 ? letter : codeValue(ctx, t, dates.rest);
    const postings = code.length > 0 ? code : currencyValue(ctx, t);
    if (postings.length > 0) valueMatches.push({ start: t.i, end: t.i + 1, text: t.text, postings, stemmed: false });
  }
  valueMatches.sort((a, b) => a.start - b.start);
  // "high priority", "status shipped": a word naming the value's own column belongs to the value —
  // unless it is the plural head noun of a table: "shipped orders" beside order_status lists orders,
  // while "placebo arm participants" lists participants and 'arm' belongs to the value, and so does
  // "courier" in "deliveries does Swift Ltd courier".
  for (const m of valueMatches) {
    // "per active courier", "no active lease": after a grouping word or a determiner a singular noun
    // heads the phrase too.
    const before = tokens[m.start - 1]?.text ?? "";
    const grouped = GROUPING_WORDS.has(before) || PHRASE_OPENERS.has(before);
    const headNoun = (t: Token) =>
      namesTable(t.i) && (isPlural(t.text) || grouped) && !isParticiple(t.text) && !namesTable(t.i + 1);
    // "late loan payments": the word begins the name of a table (loan_payments), not the value's column.
    const beginsTableName = (t: Token) => {
      const next = tokens[t.i + 1];
      return next?.kind === "word" && matchTables(ctx, [t, next]).some((x) => x.coverage === 1 && x.used.length === 2);
    };
    const names = (t: Token | undefined) =>
      t?.kind === "word" &&
      !headNoun(t) &&
      !beginsTableName(t) &&
      m.postings.some((p) => p.column.nameStems.includes(t.stem));
    if (names(tokens[m.end])) m.end++;
    else if (names(tokens[m.start - 1]) && !valueMatches.some((o) => o.end === m.start)) m.start--;
  }
  const valueTokens = new Set<number>();
  for (const m of valueMatches) for (let i = m.start; i < m.end; i++) valueTokens.add(i);
  const names = cueLikeNames(ctx, tokens);
  const verbs = existenceVerbs(ctx, tokens, namesTable, (i) => valueTokens.has(i));
  const intent = parseIntent(tokens, {
    isValue: (i) => valueTokens.has(i),
    namesTable,
    isName: (i) => names.has(i),
    isRelationVerb: (i) => verbs.has(i),
  });
  // "the average number of references" (reference_num): the counted noun belongs to the measure.
  for (const t of intent.measure) {
    const noun = numberOfColumn(ctx, tokens, t) === undefined ? undefined : tokens[t.i + 2];
    if (noun === undefined || intent.measure.includes(noun)) continue;
    // "number" itself is said by the column's count word (comment_count, mention_num).
    intent.context = intent.context.map((c) => c.filter((x) => x !== noun)).filter((c) => c.length > 0);
    intent.measure = [...intent.measure.filter((x) => x !== t), noun];
    intent.cueTokens.add(t);
    break;
  }
  // "orders by loyalty members": a plural spelling a flag (loyalty_member) says whose rows, as "of
  // loyalty members" would; a grouping by true and false is said "by loyalty member status".
  intent.groups = intent.groups.filter((g) => {
    if (!flaggedAgents(ctx, tokens, g)) return true;
    intent.context.push(g);
    return false;
  });
  // ... and they filter the rows rather than say what is asked for.
  intent.subject = intent.subject.filter((t) => !presence.has(t));
  intent.measure = intent.measure.filter((t) => !presence.has(t));
  intent.context = intent.context.map((c) => c.filter((t) => !presence.has(t))).filter((c) => c.length > 0);
  const values: ValueHit[] = valueMatches.map((m) => {
    const hitTokens = tokens.slice(m.start, m.end);
    const hit = { tokens: hitTokens, postings: m.postings, negated: hitTokens.some((t) => intent.negated.has(t.i)) };
    return directedValue(tokens, valueOfPrecedingTable(ctx, tokens, valueOfNamedTable(ctx, tokens, hit)));
  });
  const route = undirectedRoute(tokens, values);
  if (route !== undefined)
    return { reason: `did not understand "${route}": no column tells where it starts from where it ends` };
  // "learners in the Law faculty": the noun went with its value, not into the question.
  const nouns = new Set(values.flatMap((v) => v.tokens));
  intent.subject = intent.subject.filter((t) => !nouns.has(t) || valueTokens.has(t.i));
  intent.context = intent.context.map((c) => c.filter((t) => !nouns.has(t) || valueTokens.has(t.i)));
  const or = alternativeOr(tokens, (i, j) => {
    const at = (k: number) => values.find((v) => v.tokens.some((t) => t.i === k))?.postings.map((p) => p.column) ?? [];
    return at(i).some((c) => at(j).includes(c)) || flagAlternative(ctx, tokens, tokens[i + 1] as Token) !== undefined;
  });
  if (or !== undefined)
    return {
      reason: `did not understand "${or.text}": only alternatives among one column's values are supported ("in Germany or France")`,
    };
  for (const hit of numberedRows(ctx, tokens, intent.looseNumbers)) {
    values.push(hit);
    const taken = new Set(hit.tokens);
    intent.looseNumbers = intent.looseNumbers.filter((t) => !taken.has(t));
    intent.subject = intent.subject.filter((t) => !taken.has(t));
    // "how many 1-star reviews": "star" went with its number, not into what is counted.
    intent.measure = intent.measure.filter((t) => !taken.has(t));
    intent.context = intent.context.map((c) => c.filter((t) => !taken.has(t))).filter((c) => c.length > 0);
  }
  for (const q of intent.quoted) {
    const pattern = patternHit(ctx, tokens, q.token);
    if (typeof pattern === "string") return { reason: pattern };
    const hit = pattern ?? bindLiteral(ctx, q.token, q.before);
    if ("refused" in hit) return { reason: hit.refused };
    values.push({ ...hit, negated: intent.negated.has(q.token.i) });
    // "customers named 'X'": "named" picked the column; the list is still of customers.
    const taken = new Set(hit.tokens);
    intent.subject = intent.subject.filter((t) => !taken.has(t));
    intent.context = intent.context.map((c) => c.filter((t) => !taken.has(t)));
  }
  const both = bothValues(tokens, values);
  if (both !== undefined)
    return { reason: `did not understand "${both}": rows having each of several values are not supported` };
  return {
    intent,
    tokens,
    values,
    range: dates.range,
    ...(week.filter !== undefined ? { weekdays: week.filter } : {}),
    anchor,
    presence: [...presence],
    relationObjects: [...verbs.values()].map((i) => tokens[i] as Token),
    ...(pair !== undefined ? { periods: pair.periods } : {}),
  };
}

function flaggedAgents(ctx: ResolveContext, tokens: readonly Token[], group: readonly Token[]): boolean {
  const last = group[group.length - 1];
  // One word ("by students" beside is_student) is left a grouping: a flag alone is only read on
  // tables the query already joins, so as context it would be dropped.
  if (group.length < 2 || tokens[(group[0] as Token).i - 1]?.text !== "by" || !isPlural((last as Token).text))
    return false;
  if (flagNamed(ctx, group) !== undefined) return true;
  // "verified listeners": the flag (is_verified) and then its table's noun.
  const flag = flagNamed(ctx, group.slice(0, -1));
  return (
    flag !== undefined && matchTables(ctx, [last as Token]).some((m) => m.coverage === 1 && m.table === flag.table)
  );
}

/** A word that is a column's name or one of its values ("an is_weekend flag", a day column holding 'Monday'). */
function spelledBySchema(ctx: ResolveContext, word: string): boolean {
  const lower = word.toLowerCase();
  const stemmed = stem(lower);
  const one = lower.replace(/s$/, "");
  return ctx.index.tables.some((t) =>
    t.columns.some(
      (c) =>
        c.nameStems.includes(stemmed) ||
        (c.column.samples ?? []).some((v) => [lower, one].includes(v.trim().toLowerCase())),
    ),
  );
}

/** Words between a row's noun and its number: "store number 2", "invoice no. 7". */
const NUMBER_WORDS = new Set(["number", "no", "num"]);

/**
 * "customers of store number 2", "lines of invoice 7": a whole number right after a singular noun
 * naming a table (or after "<noun> number") is the row's key, when the table's key is one whole
 * number. A plural noun ("orders 5 days late") or any other number is left alone.
 */
export function numberedRows(ctx: ResolveContext, tokens: readonly Token[], numbers: readonly Token[]): ValueHit[] {
  const out: ValueHit[] = [];
  for (const n of numbers) {
    if (!isPlainNumber(n)) continue;
    const numbered = numberedColumnAt(ctx, tokens, n);
    if (numbered !== undefined) {
      out.push({
        tokens: numbered.words,
        postings: [{ column: numbered.column, value: n.text, fromComment: false }],
        negated: false,
      });
      continue;
    }
    const said = NUMBER_WORDS.has(tokens[n.i - 1]?.text ?? "") ? tokens[n.i - 1] : undefined;
    const noun = tokens[n.i - (said === undefined ? 1 : 2)];
    if (noun?.kind !== "word" || (said === undefined && isPlural(noun.text))) continue;
    const [table, ...others] = matchTables(ctx, [noun]).filter((m) => m.coverage === 1 && m.exact);
    const key =
      table?.table.table.primaryKey.length === 1
        ? table.table.column(table.table.table.primaryKey[0] as string)
        : undefined;
    if (others.length > 0 || key === undefined || key.kind !== "number") continue;
    const words = said === undefined ? [noun, n] : [noun, said, n];
    out.push({ tokens: words, postings: [{ column: key, value: n.text, fromComment: false }], negated: false });
  }
  return out;
}

/** "grade" names grade_lvl: a level is said without the word "level" ("pupils in grade 5"). */
const namesLevel = (c: IndexedColumn, word: Token): boolean =>
  c.nameStems.join(" ") === word.stem ||
  (c.nameStems.length === 2 && c.nameStems[0] === word.stem && LEVEL_WORDS.has(c.nameStems[1] as string));

const LEVEL_WORDS = new Set(["lvl", "level"].map(stem));

/**
 * The whole-number column a word names whole ("season" of games.season, "cohort"), nearest the
 * linked tables; never a key or a calendar year, which other readings handle.
 */
function columnNamedBy(
  ctx: ResolveContext,
  tokens: readonly Token[],
  word: Token | undefined,
): IndexedColumn | undefined {
  if (word?.kind !== "word") return undefined;
  const named = ctx.index.tables
    .flatMap((t) => t.columns)
    .filter((c) => c.kind === "number" && !c.isKey && !isCalendarYear(c) && namesLevel(c, word));
  // Several tables keep a season: the one whose rows the question names ("games in season 2025").
  const nouns = tokens.filter((t) => t !== word && t.kind === "word");
  const namedTables = new Set(
    matchTables(ctx, nouns)
      .filter((m) => m.coverage === 1)
      .map((m) => m.table),
  );
  // Or whose columns it names ("total attendance in season 2025" beside games.attendance).
  const tableNamed = (c: IndexedColumn) =>
    namedTables.has(c.table) ||
    nouns.some((t) => c.table.columns.some((o) => o !== c && !o.isKey && o.nameStems.join(" ") === t.stem));
  const ofNamed = named.filter(tableNamed);
  const [column, ...others] = ofNamed.length > 0 ? ofNamed : preferLinked(ctx, named, (c) => c.table);
  return others.length === 0 ? column : undefined;
}

/**
 * "games in season 2025", "the 2025 season", "cohort 3": a whole number right after a singular
 * word naming a whole-number column, or right before it, is that column's value (the season, not
 * the calendar year 2025, which the season may straddle).
 */
function numberedColumnAt(
  ctx: ResolveContext,
  tokens: readonly Token[],
  n: Token,
): { column: IndexedColumn; words: Token[] } | undefined {
  const before = tokens[n.i - 1];
  const after = tokens[n.i + 1];
  const fromBefore = before !== undefined && !isPlural(before.text) ? columnNamedBy(ctx, tokens, before) : undefined;
  if (fromBefore !== undefined) return { column: fromBefore, words: [before as Token, n] };
  const fromAfter = after !== undefined && !isPlural(after.text) ? columnNamedBy(ctx, tokens, after) : undefined;
  return fromAfter === undefined ? undefined : { column: fromAfter, words: [n, after as Token] };
}

/** The phrases of `text` numberedColumnAt reads, for the date reader to leave alone. */
function numberedColumnPhrases(ctx: ResolveContext, text: string): string[] {
  const tokens = tokenize(text);
  return tokens
    .filter((t) => isPlainNumber(t))
    .map((n) =>
      numberedColumnAt(ctx, tokens, n)
        ?.words.map((t) => t.text)
        .join(" "),
    )
    .filter((p): p is string => p !== undefined);
}

/**
 * "how many employees does each manager have": after "each", "every" or "per", a value that is the
 * noun itself ('Manager' of a job title) is what the rows are grouped by, never a filter that leaves
 * one count. Before a table's noun it still qualifies it ("each premium member").
 */
export function groupedByValueWord(
  tokens: readonly Token[],
  m: { start: number; end: number },
  namesTable: (i: number) => boolean,
): boolean {
  if (!/^(each|every|per)$/.test(tokens[m.start - 1]?.text ?? "")) return false;
  const next = tokens[m.end];
  return !(next?.kind === "word" && namesTable(next.i));
}

/**
 * "issues opened each month", "orders shipped each month": with a period asked, a participle that
 * names both a status value ('open', 'shipped') and a date column of the value's own table (opened_at,
 * shipped_at) says when the rows happened; it is not the status they are in now (a delivered order
 * was shipped too). Before the table's noun it is an adjective and stays a value ("cancelled
 * subscriptions in 2024").
 */
export function namesOwnDateColumn(word: Token, postings: readonly ValuePosting[]): boolean {
  return postings.some((p) =>
    p.column.table.columns.some(
      (c) => (c.kind === "date" || c.kind === "timestamp") && c.nameStems.includes(word.stem),
    ),
  );
}

/**
 * "orders that have shipped", "orders not yet shipped": a participle after "have" or "yet" says the
 * event happened (or not), which its date being set records; a status value ('SHIPPED') is a state
 * the rows may have moved past (delivered orders shipped too).
 */
function perfectOrYet(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i] as Token;
  if (!isParticiple(word.text)) return false;
  let k = i - 1;
  while (tokens[k]?.text === "not" || tokens[k]?.text === "been") k--;
  return /^(have|has|had|yet)$/.test(tokens[k]?.text ?? "");
}

/**
 * A word that only stems to a value ('booked', 'open') but spells a schema word itself: "bookings"
 * is a word of class_bookings' name, and "opened" (a participle) names support_tickets.opened_ts of
 * a table the question names — the rows and their event, not a status of theirs or of other rows.
 */
export function stemsLikeSchemaWord(
  ctx: ResolveContext,
  tokens: readonly Token[],
  word: Token,
  postings: readonly ValuePosting[],
): boolean {
  if (isPlural(word.text) && ctx.index.tables.some((t) => t.nameStems.includes(word.stem))) return true;
  if (!isParticiple(word.text)) return false;
  // The table each other noun names best ("tickets": support_tickets), if it names one.
  const named = tokens.flatMap((t) => {
    const best = t.kind === "word" && t !== word ? matchTables(ctx, [t])[0] : undefined;
    return best !== undefined && (best.coverage === 1 || isPlural(t.text)) ? [best.table] : [];
  });
  // A status of the same rows stays ("cancelled subscriptions": status 'canceled' and cancelled_at).
  return named.some(
    (table) =>
      postings.every((p) => p.column.table !== table) &&
      table.columns.some((c) => (c.kind === "date" || c.kind === "timestamp") && c.nameStems.includes(word.stem)),
  );
}

/** A number as written inside a label ("PG-13", "Route 66"): digits alone, no unit, sign or decimals. */
const isPlainNumber = (t: Token): boolean => t.kind === "number" && /^\d+$/.test(t.text);

/**
 * "the total shipping cost" beside shipping_cost: a word that spells a column's name with its
 * neighbour is that name, not a value it merely stems to (status 'shipped').
 */
export function wordOfColumnName(ctx: ResolveContext, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  return [tokens[i - 1], tokens[i + 1]].some((n) => {
    if (n?.kind !== "word") return false;
    const pair = n.i < t.i ? [n, t] : [t, n];
    return matchColumns(ctx, pair).some(
      (m) => m.used.length === 2 && pair.every((w) => m.column.nameStems.includes(w.stem)),
    );
  });
}

/**
 * Tokens spelling a whole schema name that contains a cue word: "market share", "change log",
 * "invoice no", "visitor count", "units in stock" (a joining word only inside the name). There they name a column or table; "share", "change" or "no" would otherwise turn the
 * question into a percentage, a growth or a negation.
 */
/** Filler adjectives that may open a column's name: new_salary, current_balance, full_price. */
const NAME_MODIFIERS = new Set(["new", "current", "full", "whole", "entire", "available", "registered", "recorded"]);

/** Name words that say how a column is stored, not what it holds: make_nm, kind_cd, make_name. */
const STORAGE_SUFFIXES = new Set(["nm", "name", "cd", "txt", "desc", "val"].map(stem));
/** Last words a column's name may be said without: list_price_amt is "the list price". */
const NAME_SUFFIXES = new Set([...STORAGE_SUFFIXES, "amount"]);

/**
 * "trips per make", "total cost by vehicle make" beside vehicles.make: a filler word ("make", "show",
 * "return") after per/by/each, or after its table's noun, that is a column's whole name names it.
 * Dropped as a filler, the grouping was lost and one total answered.
 */

function fillerNamesColumn(ctx: ResolveContext, tokens: readonly Token[], t: Token): boolean {
  if (t.kind !== "word" || !FILLERS.has(t.text)) return false;
  const prev = tokens[t.i - 1];
  if (prev?.kind !== "word") return false;
  // A column named by the word alone, but for a suffix saying how it is stored (make_nm, kind_cd).
  const named = ctx.index.tables.flatMap((table) =>
    table.columns.filter((c) => {
      const words = c.nameStems.filter((s) => !STORAGE_SUFFIXES.has(s));
      return words.length === 1 && words[0] === t.stem;
    }),
  );
  if (/^(per|by|each|every)$/.test(prev.text)) return named.length > 0;
  return named.some((c) => matchTables(ctx, [prev]).some((m) => m.coverage === 1 && m.table === c.table));
}

export function cueLikeNames(ctx: ResolveContext, tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  // "list price" beside list_price_amt: a name is also said without its storage or amount suffix.
  const bare = (n: readonly string[]) => (NAME_SUFFIXES.has(n.at(-1) ?? "") ? [n, n.slice(0, -1)] : [n]);
  const names = ctx.index.tables
    .flatMap((t) => [t.nameStems, ...t.columns.flatMap((c) => bare(c.nameStems))])
    .filter((n) => n.length > 1);
  for (const t of tokens) {
    const cue = t.kind === "word" ? (CUES.get(t.text) ?? cueOfTwoWords(tokens, t)) : undefined;
    if (cue?.kind === "agg" && namesColumnAfterBy(ctx, tokens, t)) {
      out.add(t.i);
      continue;
    }
    const counted = numberOfColumn(ctx, tokens, t);
    if (counted !== undefined) {
      for (const x of counted) out.add(x.i);
      continue;
    }
    // "visitor count" beside a visitor_count column: the trailing "count" ends the name.
    const namedCount = t.text === "count" && t.i > 0;
    // "units in stock" beside units_in_stock, "date of birth": a joining word inside a name.
    const inner = cue?.kind === "boundary";
    // "by year group" beside year_group: the time unit is a word of the name, not a period.
    const timeWord = t.kind === "word" && TIME_UNITS.has(t.text);
    if (fillerNamesColumn(ctx, tokens, t)) {
      out.add(t.i);
      continue;
    }
    // "the average monthly fee" beside monthly_fee_amt: a period adjective that opens a column's name
    // with the word after it names that column, not a bucket.
    const next = tokens[t.i + 1];
    if (cue?.kind === "bucket" && next?.kind === "word" && names.some((n) => n[0] === t.stem && n[1] === next.stem)) {
      out.add(t.i);
      continue;
    }
    // "the average new salary" beside new_salary: a filler adjective that opens a column's name.
    if (t.kind === "word" && NAME_MODIFIERS.has(t.text)) {
      for (const n of names) {
        const span = tokens.slice(t.i, t.i + n.length);
        if (span.length === n.length && span.every((x, k) => x.kind === "word" && x.stem === n[k])) out.add(t.i);
      }
      continue;
    }
    if (!timeWord && (cue === undefined || (!NAME_SENSITIVE_CUES.has(cue.kind) && !namedCount && !inner))) continue;
    for (const n of names) {
      if (inner && n.length < 3) continue;
      for (let start = t.i - n.length + 1; start <= t.i; start++) {
        if (inner && (start === t.i || start + n.length - 1 === t.i)) continue;
        const span = tokens.slice(Math.max(0, start), start + n.length);
        if (start >= 0 && span.length === n.length && span.every((x, k) => x.kind === "word" && x.stem === n[k]))
          for (const x of span) out.add(x.i);
      }
    }
  }
  return out;
}

/** A cue of two words starting at `t` ("rate of" in "the interest rate of loans", beside interest_rate). */
function cueOfTwoWords(tokens: readonly Token[], t: Token) {
  const next = tokens[t.i + 1];
  return next?.kind === "word" ? CUES.get(`${t.text} ${next.text}`) : undefined;
}

/**
 * "the 3 biggest invoices by total": an aggregate word alone after "by", ending its phrase, is the
 * name of a column called just that (total, count, average) in a table the question is about.
 */
export function namesColumnAfterBy(ctx: ResolveContext, tokens: readonly Token[], t: Token): boolean {
  const next = tokens[t.i + 1];
  // Punctuation is not a token: "by total, highest first" ends at the next cue that is no aggregate.
  const ends =
    next === undefined ||
    next.kind !== "word" ||
    CUES.get(next.text)?.kind === "boundary" ||
    closesSortPhrase(tokens, next.i + 1);
  if (tokens[t.i - 1]?.text !== "by" || !ends) return false;
  return [...ctx.near].some((table) =>
    table.columns.some((c) => c.nameStems.length === 1 && c.nameStems[0] === t.stem && c.kind === "number"),
  );
}

/** Name words for a count kept in a column: mention_num, num_references, like_count. */
const COUNT_NAME_STEMS = new Set(["num", "number", "count", "cnt", "no", "qty"]);

/**
 * "the average number of mentions" beside articles.mention_num: "number of" + a noun spells a
 * numeric column counting that noun, so the words name the column (an average of it), not a COUNT.
 * Returns the "number" token, or undefined.
 */
export function numberOfColumn(ctx: ResolveContext, tokens: readonly Token[], t: Token): Token[] | undefined {
  const of = tokens[t.i + 1];
  const noun = tokens[t.i + 2];
  if (t.text !== "number" || of?.text !== "of" || noun?.kind !== "word") return undefined;
  // "the number of reviews" beside a reviews table counts its rows; review_cnt only caches them.
  if (matchTables(ctx, [noun]).some((m) => m.coverage === 1 && m.exact)) return undefined;
  const spelled = ctx.index.tables.some((table) =>
    table.columns.some(
      (c) =>
        c.kind === "number" &&
        !c.isKey &&
        c.nameStems.length === 2 &&
        c.nameStems.includes(noun.stem) &&
        c.nameStems.some((s) => COUNT_NAME_STEMS.has(s)),
    ),
  );
  return spelled ? [t] : undefined;
}

/** Whether the question has a comparison cue ("growth", "vs", "compared to"), read before its dates are. */
export function comparesPeriods(ctx: ResolveContext, text: string): boolean {
  const tokens = tokenize(text);
  const names = cueLikeNames(ctx, tokens);
  return tokens.some((t) => t.kind === "word" && CUES.get(t.text)?.kind === "growth" && !names.has(t.i));
}

/** A negation right before the dates ("orders not in 2025", "excluding last month"). */
const NEGATION_BEFORE =
  /\b(not|never|excluding|except|other\s+than|outside(?:\s+of)?|apart\s+from|besides)\s+(?:(?:in|during|on|from|at|within|for|of|the)\s+)*$/i;

/**
 * "orders not in 2025 from Spain": the dates are read apart from the rest, so the "not" would
 * negate Spain instead (and with nothing after it, nothing). Returns the negated words, if any.
 */
function negatedRange(text: string, range: DateRange): string | undefined {
  const m = NEGATION_BEFORE.exec(text.slice(0, range.index));
  return m === null ? undefined : `${m[0]}${range.text}`.trim();
}

/**
 * "how many monthly riders" beside riders.plan 'monthly': the word is a grouping by month to the cue
 * scanner and a value to the schema. Read as the grouping, the filter vanished (a wrong answer found
 * while probing); either reading can be meant, so the question is refused naming both.
 */
function periodWordAsValue(ctx: ResolveContext, tokens: readonly Token[]): string | undefined {
  for (const t of tokens) {
    const cue = t.kind === "word" ? CUES.get(t.text) : undefined;
    if (cue?.kind !== "bucket") continue;
    const posting = ctx.index.values.get(valueKey([t.text]))?.[0];
    if (posting === undefined) continue;
    const { column } = posting;
    return `did not understand "${t.text}": it may mean ${column.table.table.name}.${column.column.name} = '${posting.value}', or a grouping per ${cue.unit}; quote the value ("${column.column.name} '${posting.value}'") or say "per ${cue.unit}"`;
  }
  return undefined;
}
