import { type IndexedColumn, type IndexedTable, type JoinStep, STOPWORDS, stepSource, stepTarget } from "../../linking";
import type { AggFn } from "./lexicon";
import { FILLERS, ORDER_HIGH_WORDS, ORDER_LOW_WORDS } from "./lexicon";
import { countTargets, isSignupWord, measureCandidates } from "./measures";
import {
  aliasFrom,
  bestMatches,
  type ColumnMatch,
  isPlural,
  matchColumns,
  matchTables,
  type ResolveContext,
  singular,
  termWeight,
} from "./phrase";
import { rowKey } from "./plan-support";
import { col, type Expr, exprColumns, type LogicalQuery, type SelectItem } from "./query";
import { type Token, tokenize } from "./tokens";

/**
 * "What are the top 3 branches by total late fees? Return the branch name, number of
 * transactions and total amount.": the sentence listing what to return, read apart from the
 * question and applied to its answer — each item found among the answer's columns, or added as a
 * column of a grouped entity or as another aggregate over the same rows. An item that fits neither
 * is refused by name: an answer missing a requested column is not the answer asked for.
 */

export interface OutputItem {
  text: string;
  words: Token[];
  /** The answer is ranked by this aggregate after its first key ("top 5 … by X and Y"). */
  thenRanks?: true;
  /** Shown beside the answer's own columns ("the tracks on album X together with their genre"). */
  alongside?: true;
}

/** Words that open an aggregate phrase: "average drug amount", "number of patients". */
const AGGREGATE_OPENING = String.raw`(?:the\s+)?(?:average|avg|mean|total|sum|number|count|maximum|max|minimum|min)\b`;
const TWO_KEYS = new RegExp(
  String.raw`(\btop\b[^.?!;]*?\bby\s+${AGGREGATE_OPENING}[^.?!;]*?)\s+and\s+(${AGGREGATE_OPENING}[^.?!;,]*)`,
  "i",
);

/**
 * "What are the top 5 drugs by number of treatments and average amount per treatment? Return the
 * drug name, number of treatments, and average amount.": a ranking by two aggregates ranks by the
 * first and breaks ties by the second. The second is taken off the question (its grammar holds one
 * aggregate) and marked on the returned item it names (every word of the item is in it); without
 * such an item the question is left as it is, and refused as before.
 */
export function secondRankingKey(text: string, items: readonly OutputItem[]): { rest: string; items: OutputItem[] } {
  const m = TWO_KEYS.exec(text);
  if (m === null) return { rest: text, items: [...items] };
  const second = new Set(tokenize(m[2] as string).map((t) => t.stem));
  const at = items.findIndex(
    (item) =>
      itemAggregate(item.words) !== undefined &&
      item.words.filter((t) => !FILLERS.has(t.text)).every((t) => second.has(t.stem)),
  );
  if (at < 0) return { rest: text, items: [...items] };
  const rest = `${text.slice(0, m.index)}${m[1]}${text.slice(m.index + m[0].length)}`;
  return { rest, items: items.map((item, i) => (i === at ? { ...item, thenRanks: true } : item)) };
}

const LIST_SENTENCE =
  /^(?:please\s+)?(?:return|give(?:\s+me)?|show(?:\s+me)?|list|provide|include|display)\s+(?:only\s+)?(?:both\s+)?(?:the\s+|their\s+|its\s+)?(.+?)[.?!]*$/i;
/** Where the list ends and a qualifier of the whole answer starts. */
const LIST_END = /\s*(?:,\s*)?\b(?:for each|for every|for the|per|starting|based on|as an?)\b.*$/i;
/**
 * "Show the name and unit price, highest first." / "…, sorted by price": an order asked at the end
 * of the list belongs to the whole answer, so it goes back to the question (where ordering.ts reads it).
 */
const ORDER_TAIL = new RegExp(
  String.raw`\s*(?:,\s*)?\b(?:(?:sorted|ordered)\b|in (?:ascending|descending) order\b|(?:with\s+the\s+)?(?:${ORDER_HIGH_WORDS}|${ORDER_LOW_WORDS})(?:\s+[a-z]+){0,3}?\s+first\b).*$`,
  "i",
);

/** The question with the order a list sentence asked for, before its closing punctuation. */
function withOrderTail(question: string, tail: string | undefined): string {
  if (tail === undefined) return question;
  const order = tail
    .trim()
    .replace(/^,\s*/, "")
    .replace(/[.?!]+$/, "");
  return question.replace(/\s*([.?!]*)\s*$/, `, ${order}$1`);
}
/** Words that only point back at the question's rows: "their corresponding number of loans". */
const POINTERS = new Set([
  "corresponding",
  "respective",
  "their",
  "its",
  "his",
  "her",
  "both",
  "each",
  "the",
  "of",
  "for",
  "and",
]);

/**
 * Splits off the last sentence that lists two or more things to return, when another sentence is
 * left to ask the question: "Return the X, Y and Z." -> items X, Y, Z. "first and last name" is two
 * items. A question that is nothing but such a sentence ("Return the names of ...") is left alone.
 */
/**
 * "Return the top 5 states by revenue, showing the number of customers and the revenue for each
 * state.": the list after "showing"; its "for each state" repeats the ranking's grouping.
 */
const SHOWING_CLAUSE =
  /\s*,\s*(?:showing|displaying|along with|together with)\s+(?:both\s+)?(?:the\s+)?(.+?)(?:\s+(?:for each|for every|per)\s+[^.?!,]+)?(?=[.?!]|$)/i;

/**
 * "List the tracks on the album X together with their genre", "Show every track in playlist Y with
 * the name of its artist": one attribute of each listed row, asked after the rows. "with" alone takes
 * only a possessive ("its", "their") so "customers with orders" stays a condition.
 */
const ATTACHED_CLAUSE =
  /\s*,?\s+(?:(?:along|together)\s+with\s+(?:the\s+|its\s+|their\s+)?|with\s+(?=(?:the\s+)?(?:[a-z]+\s+)?(?:of\s+)?(?:its|their)\s))(.+?)(?:\s+(?:for each|for every|of each)(?:\s+[a-z]+)?)?\s*(?=[.?!]|$)/i;

/**
 * "What is the latitude and longitude of the shop with the highest rating?": attributes of the row a
 * superlative picks. Asked as "Which shop has the highest rating?" with the attributes to return, so
 * the ranking is over shops, never over the attribute's values.
 */
const ATTRIBUTES_OF_RANKED =
  /^\s*what\s+(?:is|are|was|were)\s+the\s+(.+?)\s+of\s+the\s+((?:\d+\s+)?[a-z][a-z ]*?)\s+(?:with|that has|that have|having)\s+the\s+((?:highest|lowest|most|fewest|largest|smallest|greatest|best|worst)\s+.+?)\s*[?.!]?\s*$/i;

function attributesOfRanked(text: string): { rest: string; items: OutputItem[] } | undefined {
  const m = ATTRIBUTES_OF_RANKED.exec(text);
  if (m === null) return undefined;
  const parts = (m[1] as string)
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const entity = m[2] as string;
  const plural = /^\d+\s/.test(entity);
  // "the top 3 titles of the papers with …" and "… of the papers with …" say how many rows elsewhere
  // or not at all: only one row, or a counted number of them, is read here.
  const head = entity.split(" ").pop() as string;
  if (parts.some((p) => /\b(?:top|bottom|first|last|\d+)\b/i.test(p)) || (!plural && isPlural(head))) return undefined;
  return { rest: `Which ${entity} ${plural ? "have" : "has"} the ${m[3]}?`, items: toItems(parts) };
}

export function extractOutputList(text: string): { rest: string; items?: OutputItem[] } {
  const ranked = attributesOfRanked(text);
  if (ranked !== undefined) return ranked;
  const showing = SHOWING_CLAUSE.exec(text);
  if (showing !== null) {
    const parts = (showing[1] as string)
      .replace(/\([^)]*\)/g, "")
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const rest = `${text.slice(0, showing.index)}${text.slice(showing.index + showing[0].length)}`.trim();
    if (parts.length >= 2 && rest.length > 0) return { rest, items: toItems(parts) };
  }
  const attached = ATTACHED_CLAUSE.exec(text);
  if (attached !== null && !/\b(?:and|or)\b|,/.test(attached[1] as string)) {
    const rest = `${text.slice(0, attached.index)}${text.slice(attached.index + attached[0].length)}`.trim();
    if (rest.length > 0)
      return { rest, items: toItems([attached[1] as string]).map((i) => ({ ...i, alongside: true })) };
  }
  // "Top 5 customers by spending: show first name, last name and the total": a colon ends a sentence too.
  const sentences = text.split(/(?<=[.?!:])\s+/);
  for (let k = sentences.length - 1; k >= 0; k--) {
    const sentence = (sentences[k] as string).trim();
    // "Top 5 customers by payments: first name, last name and total": after a colon, no verb needed.
    const m = LIST_SENTENCE.exec(sentences[k - 1]?.endsWith(":") === true ? `show ${sentence}` : sentence);
    if (m === null || /^(?:the\s+)?(?:top|bottom|distinct|unique|list)\b/i.test(m[1] as string)) continue;
    const order = ORDER_TAIL.exec(m[1] as string);
    const body = (m[1] as string).slice(0, order?.index).replace(LIST_END, "").replace(BOTH_NAMES, bothNames);
    const parts = body
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const rest = withOrderTail(
      sentences
        .filter((_, j) => j !== k)
        .join(" ")
        .replace(/:$/, "")
        .trim(),
      order?.[0],
    );
    if (parts.length < 2) continue;
    if (rest.length > 0) return { rest, items: toItems(parts) };
    const grouped = groupedAggregate(m[1] as string, parts);
    if (grouped !== undefined) return grouped;
  }
  return leadingList(text);
}

/** "for each store in Oslo", "per region": the grouping tail of a one-sentence list. */
const GROUPING_TAIL = /\s*(?:,\s*)?\b(?:for each|for every|per)\b.*$/i;

/**
 * "Return the name and average rating for each store in Oslo": a one-sentence list whose
 * only aggregate item, with the grouping after the list, is the question ("average rating for each
 * store in Oslo"); every item is then returned.
 */
function groupedAggregate(body: string, parts: readonly string[]): { rest: string; items: OutputItem[] } | undefined {
  const tail = GROUPING_TAIL.exec(body)?.[0];
  const items = toItems(parts);
  const aggregates = items.filter((i) => itemAggregate(i.words) !== undefined);
  if (tail === undefined || aggregates.length !== 1) return undefined;
  return { rest: `${(aggregates[0] as OutputItem).text} ${tail.trim()}`, items };
}

/** "first and last name" is two items; "the customer's first and last name" keeps its owner on both. */
const BOTH_NAMES = /\b((?:the\s+)?[a-z]+['\u2019]s\s+)?(first|last)\s+and\s+(first|last)\s+names?\b/gi;
const bothNames = (_m: string, owner: string | undefined, a: string, b: string): string =>
  `${owner ?? ""}${a} name, ${owner ?? ""}${b} name`;

const toItems = (parts: readonly string[]): OutputItem[] =>
  parts.map((p) => ({ text: p, words: tokenize(p).filter((t) => t.kind === "word" && !POINTERS.has(t.text)) }));

/** "Return the patient IDs, first names and last names of patients who …", "Return users (user ID and username) who …". */
const LEADING_LIST =
  /^\s*(?:please\s+)?(?:return|give(?:\s+me)?|show(?:\s+me)?|list|provide|display)\s+(?:the\s+)?(.+?)\s+(?:of|for)\s+((?:all\s+)?(?:the\s+)?[a-z][a-z ]*?\s+(?:who|that|which|with|without|in|whose)\b.*)$/i;
/** "Return the distinct list of doctor IDs, first names and last names that have …": the rows are the first item's. */
const LIST_THEN_CLAUSE =
  /^\s*(?:please\s+)?(?:return|give(?:\s+me)?|show(?:\s+me)?|list|provide|display)\s+(?:the\s+)?(distinct\s+|unique\s+)?(?:list\s+of\s+)?(?:the\s+|all\s+)?(distinct\s+|unique\s+)?([a-z][a-z ,]*?)\s+((?:that|who|which)\s+.*)$/i;
const ENTITY_THEN_LIST =
  /^\s*(?:please\s+)?(?:return|give(?:\s+me)?|show(?:\s+me)?|list|provide|display)\s+(?:the\s+|all\s+)?([a-z][a-z ]*?)\s*\(([^)]+)\)\s*(.*)$/i;

/**
 * A question that opens with its list of columns: "Return the X, Y and Z of <rows> who …" and
 * "Return <rows> (X and Y) who …" -> the items, and "<rows> who …" as the question.
 */
function leadingList(text: string): { rest: string; items?: OutputItem[] } {
  const split = (body: string) =>
    body
      .replace(BOTH_NAMES, bothNames)
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
  const inParens = ENTITY_THEN_LIST.exec(text);
  if (inParens !== null) {
    const parts = split(inParens[2] as string);
    if (parts.length >= 2) return { rest: `list ${inParens[1]} ${inParens[3]}`.trim(), items: toItems(parts) };
  }
  const m = LEADING_LIST.exec(text);
  if (m === null) return listThenClause(text, split);
  const parts = split(m[1] as string);
  if (parts.length < 2) return { rest: text };
  return { rest: `list ${m[2]}`, items: toItems(parts) };
}

/**
 * "Return the distinct list of patient IDs, first names and last names that have …": the first item
 * names the rows ("patient IDs"), so the question is "list patient IDs that have …" and the items are
 * applied to its answer.
 */
function listThenClause(text: string, split: (body: string) => string[]): { rest: string; items?: OutputItem[] } {
  const m = LIST_THEN_CLAUSE.exec(text);
  if (m === null) return { rest: text };
  const parts = split(m[3] as string);
  if (parts.length < 2) return { rest: text };
  const distinct = m[1] ?? m[2] ?? "";
  return { rest: `list ${distinct}${parts[0]} ${m[4]}`, items: toItems(parts) };
}

/** The aggregate an item names, and the words left for what it aggregates. */
export function itemAggregate(words: readonly Token[]): { fn: AggFn; distinct: boolean; rest: Token[] } | undefined {
  const texts = words.map((t) => t.text);
  let fn: AggFn | undefined;
  // "average number of shares": the mean of a column that holds a number, not a count.
  if (texts.some((w) => /^(average|avg|mean)$/.test(w)) && texts.some((w) => /^(number|count)$/.test(w))) fn = "avg";
  else if (texts.some((w) => /^(number|count|no)$/.test(w))) fn = "count";
  else if (texts.some((w) => /^(average|avg|mean)$/.test(w))) fn = "avg";
  else if (texts.some((w) => /^(total|sum)$/.test(w))) fn = "sum";
  else if (texts.some((w) => /^(maximum|max|highest)$/.test(w))) fn = "max";
  else if (texts.some((w) => /^(minimum|min|lowest)$/.test(w))) fn = "min";
  if (fn === undefined) return undefined;
  const rest = words.filter(
    (t) =>
      !/^(number|count|no|average|avg|mean|total|sum|maximum|max|highest|minimum|min|lowest|distinct|unique)$/.test(
        t.text,
      ),
  );
  return { fn, distinct: texts.some((w) => w === "distinct" || w === "unique"), rest };
}

const ID_WORDS = /^(id|ids)$/;
/** An item's words that can name a column; an item of filler words alone ("make") is its own name. */
const content = (words: readonly Token[]) => {
  const named = words.filter((t) => ID_WORDS.test(t.text) || (!FILLERS.has(t.text) && !STOPWORDS.has(t.stem)));
  return named.length > 0 ? named : words.filter((t) => !STOPWORDS.has(t.stem));
};

/**
 * "user ID", "patient IDs": the primary key of the table the other words name, whatever the key is
 * called (uid, patient_id).
 */
export function tableKey(ctx: ResolveContext, words: readonly Token[]): IndexedColumn | undefined {
  const last = words[words.length - 1];
  if (last === undefined || !ID_WORDS.test(last.text) || words.length < 2) return undefined;
  const rest = words.slice(0, -1);
  const table = matchTables(ctx, rest).find((m) => m.coverage === 1 && m.used.length === rest.length)?.table;
  if (table === undefined) return undefined;
  // Without a declared key, the column named like one: "id", "<table>_id".
  const own = new Set(["id", `${table.table.name}_id`.toLowerCase(), `${singular(table.table.name)}_id`.toLowerCase()]);
  return singlePk(table) ?? table.columns.find((c) => own.has(c.column.name.toLowerCase()));
}

/** Tables the query reads rows of, and whether some join repeats the root's rows. */
function queryTables(q: LogicalQuery): { tables: IndexedTable[]; fanout: boolean } {
  return { tables: [q.root, ...q.joins.map(stepTarget)], fanout: q.joins.some((s) => !s.forward) };
}

const singlePk = rowKey;

/** COUNT over rows of `target` in this query, or why not. */
function countOf(ctx: ResolveContext, q: LogicalQuery, target: IndexedTable, distinct: boolean): Expr | string {
  const { tables, fanout } = queryTables(q);
  const pk = singlePk(target);
  if (target === q.root && !fanout && !distinct) return { kind: "agg", fn: "count" };
  if (tables.includes(target))
    return pk === undefined
      ? `how to count ${target.table.name} rows once`
      : { kind: "agg", fn: "count", arg: col(pk), distinct: true };
  // "number of distinct customers" on transactions: the distinct values of the key that refers to them.
  const step = ctx.index.graph
    .steps(q.root)
    .find((s) => s.forward && stepTarget(s) === target && s.edge.fromColumns.length === 1);
  const fk = step === undefined ? undefined : q.root.column(step.edge.fromColumns[0] as string);
  return fk === undefined
    ? `how ${target.table.name} relate to the answer's rows`
    : { kind: "agg", fn: "count", arg: col(fk), distinct: true };
}

/** The aggregate an item asks for, over the query's rows. */
function aggregateItem(
  ctx: ResolveContext,
  q: LogicalQuery,
  item: OutputItem,
  fn: AggFn,
  distinct: boolean,
  rest: Token[],
): SelectItem | string {
  const words = content(rest);
  if (words.length === 0) return `what "${item.text}" counts`;
  const { tables, fanout } = queryTables(q);
  // "total signups" beside an answer over customers: each row is a sign-up, so their number.
  if ((fn === "count" || fn === "sum") && words.every(isSignupWord)) {
    const e = countOf(ctx, q, q.root, distinct);
    return typeof e === "string" ? e : { expr: e, alias: `${aliasFrom(words)}_count` };
  }
  if (fn === "count") {
    // "number of payments" beside an answer over payments_in: the rows the answer reads first.
    const targets = countTargets(ctx, words).filter((t) => t.used.length === words.length);
    const target = targets.find((t) => t.kind === "rows" && tables.includes(t.table)) ?? targets[0];
    if (target?.kind === "rows") {
      const e = countOf(ctx, q, target.table, distinct);
      return typeof e === "string" ? e : { expr: e, alias: `${aliasFrom(target.used)}_count` };
    }
    if (target?.kind === "distinct" && tables.includes(target.column.table))
      return {
        expr: { kind: "agg", fn: "count", arg: col(target.column), distinct: true },
        alias: `${aliasFrom(target.used)}_count`,
      };
    return `what "${item.text}" counts`;
  }
  const m = measureCandidates(ctx, words).find((x) => tables.includes(x.table) && x.used.length === words.length);
  if (m === undefined) return `which column "${item.text}" is`;
  if (fanout && (fn === "sum" || fn === "avg")) return `the ${fn} of ${m.name} without counting rows twice`;
  return { expr: { kind: "agg", fn, arg: m.expr }, alias: `${fn === "sum" ? "total" : fn}_${m.name}` };
}

const sameExpr = (a: Expr, b: Expr): boolean => JSON.stringify(exprKey(a)) === JSON.stringify(exprKey(b));
function exprKey(e: Expr): unknown {
  if (e.kind === "agg")
    return [
      e.fn === "count" && e.arg === undefined ? "count*" : e.fn,
      e.distinct === true,
      e.arg === undefined ? null : exprColumns(e.arg).map((c) => `${c.table.table.name}.${c.column.name}`),
    ];
  return exprColumns(e).map((c) => `${c.table.table.name}.${c.column.name}`);
}

/** A column an item names: already shown, or one a grouped entity determines, or one of a plain list's rows. */
function columnItem(
  ctx: ResolveContext,
  q: LogicalQuery,
  item: OutputItem,
  later: readonly OutputItem[] = [],
): { column: IndexedColumn; steps?: JoinStep<IndexedTable>[] } | "shown" | string {
  const words = content(item.words);
  if (words.length === 0) return `which column "${item.text}" is`;
  // "books" names the books table: shown by its label.
  const entity = matchTables(ctx, words).find(
    (m) => m.coverage === 1 && m.exact && m.used.length === words.length,
  )?.table;
  const key = tableKey(ctx, words);
  const byWords =
    key !== undefined
      ? [key]
      : entity !== undefined
        ? entity.label === undefined
          ? []
          : [entity.label]
        : matchColumns(ctx, words)
            .filter((m) => m.used.length === words.length)
            .map((m) => m.column);
  const named = byWords.length > 0 ? byWords : roleQualified(ctx, q, words);
  const shown = q.select.flatMap((s) => (s.expr.kind === "column" || s.expr.kind === "bucket" ? [s.expr.column] : []));
  if (namesShownText(ctx, words, shown)) return "shown";
  if (named.length === 0) return `which column "${item.text}" is`;
  if (named.some((c) => shown.includes(c))) return "shown";
  const keys = q.select.slice(0, q.groupBy).flatMap((s) => (s.expr.kind === "column" ? [s.expr.column] : []));
  const { tables, fanout } = queryTables(q);
  // Grouped by an entity's key: its other columns have one value per group.
  // Grouped by an entity's label ("by student" shows the name): its own key is one per group too,
  // and grouping by it as well keeps two students of one name apart.
  const determined = named.find(
    (c) =>
      q.groupBy > 0 && keys.some((k) => singlePk(c.table) === k || (k === c.table.label && singlePk(c.table) === c)),
  );
  if (determined !== undefined) return { column: determined };
  // Grouped by a plain text column ("models by revenue"): another text column of the same rows listed
  // before it ("Return the make, model, …") is a grouping key too. Lists run from coarse to fine, so a
  // column listed after the grouped one ("the genre and the title") would split the groups instead.
  const namesKey = (k: IndexedColumn) =>
    later.some((l) => {
      const w = content(l.words);
      return matchColumns(ctx, w).some((m) => m.column === k && m.used.length === w.length);
    });
  const beside = named.find(
    (c) =>
      q.groupBy > 0 &&
      c.kind === "text" &&
      !c.isKey &&
      keys.some((k) => k.table === c.table && k.kind === "text" && !k.isKey && k !== c.table.label && namesKey(k)),
  );
  if (beside !== undefined) return { column: beside };
  const listed = named.find(
    (c) =>
      q.groupBy === 0 &&
      !q.select.some((s) => s.expr.kind === "agg") &&
      tables.includes(c.table) &&
      (c.table === q.root || !fanout),
  );
  if (listed !== undefined) return { column: listed };
  // "the books in the Poetry genre together with their author": a column each listed row has one of.
  const related =
    q.groupBy === 0 && !q.select.some((s) => s.expr.kind === "agg") ? relatedColumn(ctx, q, words) : undefined;
  if (related !== undefined) return related;
  return `how to show ${named[0]?.table.table.name}.${named[0]?.column.name} beside the answer's ${q.groupBy > 0 ? "groups" : "rows"}`;
}

/**
 * "the manager's first name" where the answer reaches agents through clients.account_manager_id: a
 * first word naming a key the query joins through (not a table) qualifies a column of the key's
 * table. Returns the columns the other words name there, or none.
 */
function roleQualified(ctx: ResolveContext, q: LogicalQuery, words: readonly Token[]): IndexedColumn[] {
  const [qualifier, ...rest] = words;
  if (qualifier === undefined || rest.length === 0 || matchTables(ctx, [qualifier]).length > 0) return [];
  const targets = q.joins.flatMap((step) => {
    const { from, fromColumns, to } = step.edge;
    const key = fromColumns.length === 1 ? from.column(fromColumns[0] as string) : undefined;
    return key !== undefined && termWeight(ctx, qualifier.stem, key.nameStems) === 1 ? [to] : [];
  });
  const [target, ...others] = targets;
  if (target === undefined || others.some((t) => t !== target)) return [];
  return matchColumns(ctx, rest)
    .filter((m) => m.used.length === rest.length && m.column.table === target)
    .map((m) => m.column);
}

/**
 * "the country name" when the answer shows a text column named "country": the column is the name.
 * Only for a text column already shown, so "customer name" beside a customer id still adds one.
 */
function namesShownText(ctx: ResolveContext, words: readonly Token[], shown: readonly IndexedColumn[]): boolean {
  const last = words[words.length - 1];
  if (last === undefined || words.length < 2 || !/^names?$/.test(last.text)) return false;
  const rest = words.slice(0, -1);
  return matchColumns(ctx, rest).some(
    (m) => m.used.length === rest.length && m.column.kind === "text" && shown.includes(m.column),
  );
}

/** Joins at most this far for a column shown beside each row ("track → album → artist"). */
const RELATED_HOPS = 3;

/**
 * "the tracks on album X together with their genre", "with the name of its artist": a column of a
 * table the answer's rows reach by many-to-one joins only (a track has one genre), so showing it adds
 * a column and never repeats a row. A table named alone stands for its label. Undefined unless
 * exactly one such column is named.
 */
export function relatedColumn(
  ctx: ResolveContext,
  q: LogicalQuery,
  words: readonly Token[],
): { column: IndexedColumn; steps: JoinStep<IndexedTable>[] } | undefined {
  if (words.length === 0) return undefined;
  // From the rows themselves and what they join many-to-one: a table reached across a fan-out
  // (customers ← orders) holds many values per row.
  const tables = [q.root];
  for (const step of q.joins) if (step.forward && tables.includes(stepSource(step))) tables.push(stepTarget(step));
  const reach = ctx.index.graph.manyToOneReach(tables, RELATED_HOPS);
  const paths = new Map<IndexedTable, JoinStep<IndexedTable>[]>();
  for (const table of ctx.index.tables) {
    const steps = reach.get(table.ordinal);
    if (steps !== undefined) paths.set(table, steps);
  }
  // Candidates among the tables so reached: linking saw the question without its list of columns.
  const within: ResolveContext = { ...ctx, near: new Set(paths.keys()) };
  const entity = matchTables(within, words).find((m) => m.coverage === 1 && m.used.length === words.length)?.table;
  const named =
    entity !== undefined
      ? entity.label === undefined
        ? []
        : [entity.label]
      : bestMatches(matchColumns(within, words).filter((m) => m.used.length === words.length)).map((m) => m.column);
  const reached = named.flatMap((column) => {
    const steps = paths.get(column.table);
    return steps === undefined ? [] : [{ column, steps }];
  });
  return reached.length === 1 ? reached[0] : undefined;
}

/** "the tracks on album X together with their genre": whole rows, and beside each the related column. */
function showAlongside(ctx: ResolveContext, q: LogicalQuery, items: readonly OutputItem[]): string | undefined {
  for (const item of items) {
    const related = relatedColumn(ctx, q, content(item.words));
    if (related === undefined)
      return `did not understand "${item.text}" in what to return: no one value of it belongs to each row`;
    q.joins.push(...related.steps);
    q.select.push({ expr: col(related.column) });
  }
  return undefined;
}

/**
 * "Return the patient IDs, first names and last names of patients who …": a list of whole rows
 * returns just the named columns of those rows (each must be one of theirs).
 */
function listColumns(
  ctx: ResolveContext,
  q: LogicalQuery,
  table: IndexedTable,
  items: readonly OutputItem[],
): string | undefined {
  const columns: IndexedColumn[] = [];
  const ordered = q.orderBy.flatMap((o) => ("expr" in o ? exprColumns(o.expr) : []));
  for (const item of items) {
    const words = content(item.words);
    const key = tableKey(ctx, words);
    const named =
      key !== undefined
        ? key.table === table
          ? [key]
          : []
        : likeliestColumns(
            table,
            matchColumns(ctx, words, (c) => c.table === table).filter((m) => m.used.length === words.length),
            ordered,
          );
    // "invoice id, the customer's first name": a column of a table each row has one of.
    const related = named.length === 0 ? relatedColumn(ctx, q, words) : undefined;
    if (related !== undefined) {
      q.joins.push(...related.steps);
      named.push(related.column);
    }
    if (named.length === 0)
      return `did not understand "${item.text}" in what to return: no column of ${table.table.name} is named so`;
    if (named.length > 1)
      return `did not understand "${item.text}" in what to return: it could be ${named.map((c) => `${table.table.name}.${c.column.name}`).join(" or ")}`;
    if (!columns.includes(named[0] as IndexedColumn)) columns.push(named[0] as IndexedColumn);
  }
  q.select = columns.map((c) => ({ expr: col(c) }));
  // "the 3 most recent rentals: rental id and date" keeps its ranking; a plain list is ordered by what it shows.
  const byKey = ordered.length === 0 || ordered.every((c) => c.isKey);
  if (byKey) q.orderBy = [{ select: 0, dir: "ASC" }];
  return undefined;
}

/**
 * "the 3 most recent rentals: rental id and date" where rentals have a rental_date and a return_date:
 * among the columns an item names equally well, the one the query already orders by, else the one
 * whose other words are its table's own name (rental_date in rentals). Several left: all returned.
 */
export function likeliestColumns(
  table: IndexedTable,
  matches: readonly ColumnMatch[],
  ordered: readonly IndexedColumn[],
): IndexedColumn[] {
  const top = Math.max(...matches.map((m) => m.score));
  const best = matches.filter((m) => m.score === top).map((m) => m.column);
  if (best.length <= 1) return best;
  const inOrder = best.filter((c) => ordered.includes(c));
  if (inOrder.length > 0) return inOrder;
  const own = best.filter((c) => c.nameStems.some((s) => table.nameStems.includes(s)));
  return own.length > 0 ? own : best;
}

/**
 * Makes the query return every listed item (see the file comment); returns why not otherwise. New
 * grouped columns go right after the existing keys (and into GROUP BY), new aggregates at the end.
 */
/** Orders a ranked answer by select item `at` after its first key, in the same direction. */
function breakTies(q: LogicalQuery, at: number): string | undefined {
  const first = q.orderBy[0];
  if (first === undefined || q.limit === undefined) return "the answer is not ranked";
  if (!("select" in first) || first.select === at) return "it is the ranking itself";
  q.orderBy = [first, { select: at, dir: first.dir }];
  return undefined;
}

/**
 * "Show first name, last name and the count": an aggregate word alone names the answer's own
 * measure when it has exactly one, of that kind ("the total" a SUM or a COUNT, "the count" a COUNT,
 * "the average" an AVG). Returns its select index.
 */
export function ownMeasure(q: LogicalQuery, fn: AggFn): number | undefined {
  const measures = q.select.flatMap((s, i) => (s.expr.kind === "agg" ? [{ fn: s.expr.fn, i }] : []));
  const only = measures.length === 1 ? measures[0] : undefined;
  if (only === undefined) return undefined;
  return only.fn === fn || (fn === "sum" && only.fn === "count") ? only.i : undefined;
}

/** Words for an answer's figure that are not aggregates: "the amount", "the value". */
const FIGURE_WORDS = /^(amount|amounts|figure|figures|value|values)$/;

/**
 * "What are the total sales of each employee? Show first name, last name and the amount.": a word
 * for a figure names the answer's one sum or average, unless a column of its tables is called so
 * (an amount column is then what is meant).
 */
function namesOwnFigure(ctx: ResolveContext, q: LogicalQuery, item: OutputItem): boolean {
  const words = content(item.words);
  if (words.length !== 1 || !FIGURE_WORDS.test((words[0] as Token).text)) return false;
  const measures = q.select.filter((s) => s.expr.kind === "agg" && s.expr.fn !== "count");
  if (measures.length !== 1 || q.select.filter((s) => s.expr.kind === "agg").length !== 1) return false;
  const { tables } = queryTables(q);
  return !matchColumns(ctx, words).some((m) => tables.includes(m.column.table));
}

export function applyOutputList(
  ctx: ResolveContext,
  q: LogicalQuery,
  items: readonly OutputItem[],
): string | undefined {
  const star = q.select.length === 1 && q.select[0]?.expr.kind === "star" ? q.select[0].expr.table : undefined;
  if (star !== undefined && items.every((i) => i.alongside)) return showAlongside(ctx, q, items);
  if (star !== undefined) return listColumns(ctx, q, star, items);
  if (q.countRowsAs !== undefined || q.select.some((s) => s.expr.kind === "star"))
    return `did not understand how to return "${items.map((i) => i.text).join(", ")}" with this answer`;
  for (const [n, item] of items.entries()) {
    const aggregate = itemAggregate(item.words);
    if (aggregate !== undefined) {
      if (q.groupBy === 0 && !q.select.some((s) => s.expr.kind === "agg"))
        return `did not understand "${item.text}": the answer lists rows, it does not aggregate them`;
      if (content(aggregate.rest).length === 0 && !aggregate.distinct && ownMeasure(q, aggregate.fn) !== undefined)
        continue;
      const wanted = aggregateItem(ctx, q, item, aggregate.fn, aggregate.distinct, aggregate.rest);
      if (typeof wanted === "string") return `did not understand "${item.text}" in what to return: ${wanted}`;
      let shown = q.select.findIndex((s) => sameExpr(s.expr, wanted.expr));
      if (shown < 0) shown = q.select.push(wanted) - 1;
      if (item.thenRanks) {
        const tie = breakTies(q, shown);
        if (tie !== undefined) return `did not understand "${item.text}" as a second ranking: ${tie}`;
      }
      continue;
    }
    if (namesOwnFigure(ctx, q, item)) continue;
    const wanted = columnItem(ctx, q, item, items.slice(n + 1));
    if (wanted === "shown") continue;
    if (typeof wanted === "string") return `did not understand "${item.text}" in what to return: ${wanted}`;
    if (q.groupBy === 0) {
      q.joins.push(...(wanted.steps ?? []));
      q.select.push({ expr: col(wanted.column) });
      continue;
    }
    const at = q.groupBy;
    q.select.splice(at, 0, { expr: col(wanted.column) });
    q.groupBy++;
    q.orderBy = q.orderBy.map((o) => ("select" in o && o.select >= at ? { ...o, select: o.select + 1 } : o));
  }
  return undefined;
}
