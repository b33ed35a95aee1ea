import { type IndexedColumn, placeCode, STOPWORDS, stem, type ValuePosting, valueKey, words } from "../../linking";
import type { ValueHit } from "./assemble";
import { type PatternKind, patternColumn, patternFrame } from "./patterns";
import { isPlural, matchColumns, matchTables, type ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Rules binding question words to column values: when a word is a value at all, and which column
 * a quoted literal the data does not know belongs to. An uncertain binding is refused with the word
 * and its candidate columns, never guessed: a filter on the wrong column answers a different question.
 */

/**
 * "average pages of books by genre", where the title's comment quotes 'book' (or a
 * sample holds it): a value whose every word names a table, or the very column it would filter, is
 * that name, not a filter.
 */
export function namesSchemaObject(
  ctx: ResolveContext,
  hit: readonly Token[],
  postings: readonly ValuePosting[],
): boolean {
  // "side effects" beside a side_effects table: the words name the table together, whatever
  // column holds 'side effect' as a value (a withdrawal reason).
  if (hit.length > 1 && matchTables(ctx, hit).some((m) => m.coverage === 1 && m.exact && m.used.length === hit.length))
    return true;
  return hit.every(
    (t) =>
      t.kind === "word" &&
      (matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.exact) ||
        postings.every((p) => p.column.nameStems.includes(t.stem))),
  );
}

/**
 * "how many car parks are there" beside a car_parks table and a vehicle type 'car': a value whose
 * words, with the words right after or before them, name a table in full is part of that table's
 * name, not a filter ("gift cards" beside a card type 'gift', "bus stops" beside a mode 'bus').
 */
export function partOfTableName(ctx: ResolveContext, tokens: readonly Token[], start: number, end: number): boolean {
  const names = (from: number, to: number) => {
    const span = tokens.slice(from, to);
    return (
      from >= 0 &&
      to <= tokens.length &&
      span.every((t) => t.kind === "word") &&
      matchTables(ctx, span).some((m) => m.coverage === 1 && m.exact && m.used.length === span.length)
    );
  };
  for (let extra = 1; extra <= 2; extra++) if (names(start, end + extra) || names(start - extra, end)) return true;
  return false;
}

/** Verbs that give a row's name: "customers named 'X'", "a film titled 'X'". */
const NAMING_VERBS = new Set(["named", "called", "titled"]);

export type LiteralBinding = Omit<ValueHit, "negated"> | { refused: string };

/**
 * A quoted literal: a known sample value, else an equality on the text column the words right
 * before it name — "customers named 'X'" (the label of the table named, or of a linked one), "the
 * branch 'X'" (the label of the table the word names), "title 'X'" (the column). A literal with
 * no such word ("members who moved from 'Town Library'") is refused, naming the columns it could be.
 */
export function bindLiteral(ctx: ResolveContext, token: Token, before: readonly Token[]): LiteralBinding {
  const code = placeCode(words(token.text));
  const known =
    ctx.index.values.get(valueKey(words(token.text))) ??
    (code === undefined ? undefined : ctx.index.values.get(valueKey([code])));
  if (known !== undefined) return { tokens: [token], postings: known };
  const adjacent = before.filter((t) => t.i === token.i - 1 || t.i === token.i - 2);
  const last = adjacent[adjacent.length - 1];
  const equal = (columns: readonly IndexedColumn[], used: readonly Token[]): LiteralBinding => ({
    tokens: [token, ...used],
    postings: columns.map((column) => ({ column, value: token.text, fromComment: false })),
  });
  const named = matchColumns(
    ctx,
    adjacent.filter((t) => !NAMING_VERBS.has(t.text)),
    (c) => c.kind === "text",
  );
  const [best] = named;
  if (best !== undefined) return equal([best.column], best.used);
  const tableLabels = (toks: readonly Token[]) =>
    matchTables(ctx, toks)
      .filter((m) => m.coverage === 1 && m.table.label?.kind === "text")
      .map((m) => m.table.label as IndexedColumn);
  if (last !== undefined && NAMING_VERBS.has(last.text)) {
    const ofNamed = tableLabels(before.filter((t) => !NAMING_VERBS.has(t.text)));
    const labels =
      ofNamed.length > 0
        ? ofNamed
        : ctx.index.tables.flatMap((t) => (t.label?.kind === "text" && ctx.linked.has(t) ? [t.label] : []));
    if (labels.length > 0) return equal(labels, [last]);
  } else if (last !== undefined && last.i === token.i - 1) {
    const labels = tableLabels([last]);
    if (labels.length > 0) return equal(labels, []);
  }
  const candidates = [
    ...new Set([
      ...named.map((m) => m.column),
      ...ctx.index.tables.flatMap((t) => (t.label !== undefined && ctx.linked.has(t) ? [t.label] : [])),
    ]),
  ];
  const list = candidates
    .slice(0, 4)
    .map((c) => `${c.table.table.name}.${c.column.name}`)
    .join(", ");
  return {
    refused: `did not find a column for the value "${token.text}": no word next to it names one${list.length > 0 ? ` (candidates: ${list})` : ""}`,
  };
}

/**
 * "imprints whose names start with the letter 'N'": a quoted literal in a pattern frame matches part
 * of the column the words before it name. A frame whose column cannot be told is refused by name.
 */
export function patternHit(
  ctx: ResolveContext,
  tokens: readonly Token[],
  literal: Token,
): { tokens: Token[]; postings: ValueHit["postings"]; pattern: PatternKind } | string | undefined {
  const frame = patternFrame(tokens, literal.i);
  if (frame === undefined) return undefined;
  const named = patternColumn(ctx, frame.nameWords);
  if (named === undefined)
    return `did not find which column "${frame.nameWords.map((t) => t.text).join(" ")}" names for the text "${literal.text}"`;
  return {
    tokens: [literal, ...frame.frame, ...named.used],
    postings: [{ column: named.column, value: literal.text, fromComment: false }],
    pattern: frame.kind,
  };
}

/**
 * "the Law faculty", "the Outdoor category": a value after "the" followed by a singular
 * noun naming the table of one of the columns holding it is that table's value; the noun is part of it.
 */
export function valueOfNamedTable(ctx: ResolveContext, tokens: readonly Token[], hit: ValueHit): ValueHit {
  const next = tokens[(hit.tokens[hit.tokens.length - 1] as Token).i + 1];
  // Only a named individual: "the X faculty" (a definite article, a singular noun); "shipped
  // orders" are orders in a state, the noun still what is asked about.
  const article = tokens[(hit.tokens[0] as Token).i - 1];
  if (next?.kind !== "word" || article?.text !== "the" || isPlural(next.text)) return hit;
  const named = new Set(
    matchTables(ctx, [next])
      .filter((m) => m.coverage === 1)
      .map((m) => m.table),
  );
  const own = hit.postings.filter((p) => named.has(p.column.table));
  if (own.length === 0) return hit;
  return { ...hit, tokens: [...hit.tokens, next], postings: own };
}

/** Words between a table noun and its place: "employees based in London", "customers living in Oslo". */
const PLACE_LINKS = new Set(["from", "in", "at", "based", "located", "living", "who", "are", "is", "live", "lives"]);

/**
 * "invoices of customers from Canada", "orders handled by employees based in London": a value right
 * after a table noun and a preposition ("from", "in", "based in") is that table's, when one of its
 * columns holds it (customers.country, not invoices.billing_country).
 */
export function valueOfPrecedingTable(ctx: ResolveContext, tokens: readonly Token[], hit: ValueHit): ValueHit {
  let k = (hit.tokens[0] as Token).i - 1;
  const links: Token[] = [];
  for (; k >= 0 && PLACE_LINKS.has((tokens[k] as Token).text); k--) links.push(tokens[k] as Token);
  const noun = tokens[k];
  if (noun?.kind !== "word" || links.length === 0 || !links.some((t) => /^(from|in|at)$/.test(t.text))) return hit;
  const named = new Set(
    matchTables(ctx, [noun])
      .filter((m) => m.coverage === 1)
      .map((m) => m.table),
  );
  const own = hit.postings.filter((p) => named.has(p.column.table));
  return own.length === 0 || own.length === hit.postings.length ? hit : { ...hit, postings: own };
}

/** Words in column names for where something starts and where it ends. */
const ORIGIN_STEMS = stems(["from", "origin", "source", "depart", "departure", "start", "sender", "pickup"]);
const TARGET_STEMS = stems(["to", "destination", "arrive", "arrival", "end", "receive", "receiver", "dropoff"]);

function stems(plain: readonly string[]): ReadonlySet<string> {
  return new Set(plain.map(stem));
}

/**
 * "shipments from Rotterdam to Hamburg": a value after "from" is the origin column's (from_port),
 * after "to" the destination's (to_port), when it is found in both; never one IN list of the two.
 */
export function directedValue(tokens: readonly Token[], hit: ValueHit): ValueHit {
  const before = tokens[(hit.tokens[0] as Token).i - 1]?.text;
  const stems = before === "from" ? ORIGIN_STEMS : before === "to" ? TARGET_STEMS : undefined;
  if (stems === undefined || hit.postings.length < 2) return hit;
  const directed = hit.postings.filter((p) => p.column.nameStems.some((s) => stems.has(s)));
  return directed.length > 0 && directed.length < hit.postings.length ? { ...hit, postings: directed } : hit;
}

/**
 * "imprints with titles in both the genre X and the genre Y": two values of one column after "both"
 * ask for rows having each, which one IN list (either) would answer wrongly.
 */
export function bothValues(tokens: readonly Token[], values: readonly ValueHit[]): string | undefined {
  const at = tokens.findIndex((t) => t.text === "both");
  if (at < 0) return undefined;
  const after = values.filter((v) => (v.tokens[0] as Token).i > at);
  for (const [k, a] of after.entries())
    for (const b of after.slice(k + 1))
      if (a.postings.some((p) => b.postings.some((q) => q.column === p.column)))
        return `both ${a.tokens.map((t) => t.text).join(" ")} and ${b.tokens.map((t) => t.text).join(" ")}`;
  return undefined;
}

/** "from Rotterdam to Hamburg" whose two values could only land in the same columns: one IN list would be wrong. */
export function undirectedRoute(tokens: readonly Token[], values: readonly ValueHit[]): string | undefined {
  for (const a of values) {
    const first = a.tokens[0] as Token;
    if (tokens[first.i - 1]?.text !== "from") continue;
    const to = tokens[(a.tokens[a.tokens.length - 1] as Token).i + 1];
    const b = values.find((v) => v !== a && (v.tokens[0] as Token).i === (to?.i ?? -2) + 1);
    if (to?.text !== "to" || b === undefined) continue;
    const columns = (v: ValueHit) => new Set(v.postings.map((p) => p.column));
    const [ca, cb] = [columns(a), columns(b)];
    if ([...ca].some((c) => cb.has(c)) && ca.size === cb.size && [...ca].every((c) => cb.has(c)))
      return `from ${first.text} to ${(b.tokens[0] as Token).text}`;
  }
  return undefined;
}

/**
 * "the most common transaction statuses" where some other column holds the value 'transaction': a
 * word that is part of a table's name, followed by a word naming a column of that table, names the
 * column (wallet_transactions.status); it is not a filter on the value.
 */
export function qualifiesColumn(ctx: ResolveContext, word: Token, next: Token | undefined): boolean {
  if (word.kind !== "word" || next?.kind !== "word") return false;
  return matchColumns(ctx, [next]).some(
    (m) =>
      m.used.length === 1 && m.column.table.nameStems.includes(word.stem) && !m.column.nameStems.includes(word.stem),
  );
}

/**
 * "films rated R", "eggs of grade A": a single letter right after a word naming a text column is
 * that column's value when the column holds it. The value index leaves single letters out ("a",
 * "i" are words far more often), so only a column named right before the letter makes it a value.
 */
export function letterValue(ctx: ResolveContext, tokens: readonly Token[], t: Token): ValuePosting[] {
  const named = tokens[t.i - 1];
  if (t.kind !== "word" || t.text.length !== 1 || named?.kind !== "word") return [];
  return matchColumns(ctx, [named])
    .filter((m) => m.column.kind === "text" && m.used.length === 1)
    .flatMap((m) =>
      (m.column.column.samples ?? [])
        .filter((v) => v.trim().toLowerCase() === t.text)
        .map((value) => ({ column: m.column, value, fromComment: false })),
    );
}

/** Currencies by the words that name them, as the ISO codes a currency column holds. */
const CURRENCY_CODES: Readonly<Record<string, string>> = {
  euro: "EUR",
  euros: "EUR",
  dollar: "USD",
  dollars: "USD",
  pound: "GBP",
  pounds: "GBP",
  sterling: "GBP",
  yen: "JPY",
};

/**
 * "donations made in euros" beside donations.currency holding 'EUR': a currency named in words is
 * the code a text column holds, a filter, where it would otherwise only say the unit of an amount
 * ("the biggest order, in dollars"). Only a column sampled with that code takes it.
 */
export function currencyValue(ctx: ResolveContext, t: Token): ValuePosting[] {
  const code = t.kind === "word" ? CURRENCY_CODES[t.text] : undefined;
  return code === undefined ? [] : sampledValues(ctx, (v) => v.trim().toUpperCase() === code);
}

/** Every sampled value of a text column that `holds` accepts, as postings. */
function sampledValues(ctx: ResolveContext, holds: (value: string) => boolean): ValuePosting[] {
  return ctx.index.tables.flatMap((table) =>
    table.columns
      .filter((c) => c.kind === "text")
      .flatMap((c) =>
        (c.column.samples ?? []).filter(holds).map((value) => ({ column: c, value, fromComment: false })),
      ),
  );
}

/**
 * "bidders from the US", "staff based in IT": a short word written in capitals that is also an
 * everyday word ("us", "it", "or", "in") is the code a text column holds exactly so. The value index
 * leaves such words out, and dropping this one answered for every country. Not in a question written
 * all in capitals, where every word is.
 */
export function codeValue(ctx: ResolveContext, t: Token, written: string): ValuePosting[] {
  if (t.kind !== "word" || !STOPWORDS.has(t.text)) return [];
  const capitals: string[] = written.match(/\b[A-Z]{2,4}\b/g) ?? [];
  const wordsWritten: string[] = written.match(/\b[A-Za-z]{2,}\b/g) ?? [];
  const code = t.text.toUpperCase();
  if (!capitals.includes(code) || capitals.length * 2 > wordsWritten.length) return [];
  return sampledValues(ctx, (v) => v.trim() === code);
}
