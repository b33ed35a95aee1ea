import { type IndexedColumn, STOPWORDS } from "../../linking";
import { AGG_WORDS, ORDER_HIGH_WORDS, ORDER_LOW_WORDS } from "./lexicon";
import { tableKey } from "./output-list";
import { bestMatches, matchColumns, matchTables, type ResolveContext, termWeight } from "./phrase";
import { col, type Expr, exprColumns, holdsMonthNames, type LogicalQuery } from "./query";
import { type Token, tokenize } from "./tokens";

/**
 * The order a question asks its rows in ("ordered by the number of loans in descending
 * order", "from highest to lowest", "ordered alphabetically", "Order the results by the region
 * name"), read apart from the rest of the question and applied to the finished query. An order the
 * query cannot express on its output is refused, never dropped.
 */

export interface OrderRequest {
  dir?: "ASC" | "DESC";
  /** Words naming the sort key ("the number of loans", "the branch name"); empty: the measure. */
  by: Token[];
  alphabetical: boolean;
  text: string;
}

const HIGH = ORDER_HIGH_WORDS;
const LOW = ORDER_LOW_WORDS;
const DIRECTION = new RegExp(
  `\\b(?:starting\\s+)?from\\s+the\\s+(${HIGH}|${LOW})\\s+((?:[a-z]+\\s+){1,3})to\\s+the\\s+(?:${HIGH}|${LOW})\\b|\\b(?:in\\s+)?(ascending|descending|asc|desc)(?:\\s+order)?\\b|\\b(?:from\\s+)?(${HIGH}|${LOW})\\s+to\\s+(?:the\\s+)?(?:${HIGH}|${LOW})\\b|\\b(alphabetically|in\\s+alphabetical\\s+order)\\b|\\b(?:by\\s+|with\\s+)?(?:the\\s+)?(${HIGH}|${LOW})(?:\\s+[a-z]+){0,3}?\\s+first\\b`,
  "i",
);
/**
 * An ordering clause, from its verb to the end of its sentence: "ordered by …", "sorted in
 * ascending order", "ordered from highest to lowest", "ordered alphabetically", a sentence opening
 * "Order the results by …" / "Sort by …", or a bare "from highest to lowest" / "in descending order" /
 * "in alphabetical order".
 * "ordered" alone stays a verb ("customers who ordered in 2024", "ordered from us"), "order" a noun
 * ("average order value").
 */
const CLAUSE = new RegExp(
  [
    String.raw`(?:,\s*)?\b(?:and\s+)?(?:ordered|sorted|ranked|arranged|listed)(?=\s+(?:by|on|from\s+(?:the\s+)?(?:${HIGH}|${LOW})|alphabetically|in\s+(?:ascending|descending|alphabetical)\s+order)\b)(?:\s+(?:by|on))?`,
    String.raw`(?:^|[.?!]\s*)(?:order|sort)(?=\s+(?:the\s+)?(?:results|rows|them|list)\b|\s+by\b)(?:\s+(?:the\s+)?(?:results|rows|them|list))?(?:\s+(?:by|on))?`,
    String.raw`(?:,\s*)?(?=\b(?:from\s+)?(?:${HIGH}|${LOW})\s+to\s+(?:${HIGH}|${LOW})\b)`,
    // "starting from the best ratings to the lowest": the key between the two ends.
    String.raw`(?:,\s*)?(?=\b(?:starting\s+)?from\s+the\s+(?:${HIGH}|${LOW})\s+(?:[a-z]+\s+){1,3}to\s+the\s+(?:${HIGH}|${LOW})\b)`,
    String.raw`(?:,\s*)?(?=\bin\s+(?:ascending|descending)\s+order\b)`,
    // "List the genres in alphabetical order", "suppliers, alphabetically": no verb needed.
    String.raw`(?:,\s*)?(?=\b(?:in\s+alphabetical\s+order|alphabetically)\b)`,
  ]
    .map((alternative) => `(?:${alternative})`)
    .join("|")
    .replace(/^/, "(?:")
    .concat(")([^.?!;]*)"),
  "i",
);

const isHigh = (w: string) => new RegExp(`^(${HIGH})$`, "i").test(w);

/**
 * "..., ordered by the number of loans in descending order" -> { by: number of
 * loans, dir: DESC }, and the question without the clause. "What are the longest books,
 * ordered from highest to lowest altitude": the direction alone. A question without such a clause
 * comes back unchanged.
 */
export function extractOrdering(text: string): { rest: string; order?: OrderRequest } {
  const m = CLAUSE.exec(text);
  if (m === null) return { rest: text };
  let body = m[1] ?? "";
  const verb = m[0].slice(0, m[0].length - body.length);
  const hasVerb = /ordered|sorted|sort|order|ranked|arranged|listed/i.test(verb);
  if (m.index > 0 && /^[.?!]/.test(m[0])) body = body.trimStart();
  const d = DIRECTION.exec(body);
  let dir: OrderRequest["dir"];
  let alphabetical = false;
  if (d !== null) {
    if (d[1] !== undefined) dir = isHigh(d[1]) ? "DESC" : "ASC";
    else if (d[3] !== undefined) dir = /^desc/i.test(d[3]) ? "DESC" : "ASC";
    else if (d[4] !== undefined) dir = isHigh(d[4]) ? "DESC" : "ASC";
    else if (d[5] !== undefined) alphabetical = true;
    else if (d[6] !== undefined) dir = isHigh(d[6]) ? "DESC" : "ASC";
    // The key named between the two ends stays: "from the best ratings to the lowest" orders by rating.
    body = `${body.slice(0, d.index)} ${d[2] ?? ""} ${body.slice(d.index + d[0].length)}`;
  }
  if (!hasVerb && d === null) return { rest: text };
  const by = tokenize(body).filter(
    (t) => t.kind === "word" && !/^(the|a|an|by|in|order|results?|of|their|its|they|have|has|he|she)$/.test(t.text),
  );
  if (alphabetical) dir = "ASC";
  const order: OrderRequest = { by, alphabetical, text: m[0].trim().replace(/^[,.?!]\s*/, "") };
  if (dir !== undefined) order.dir = dir;
  return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, " ").trim(), order };
}

/**
 * Applies an order request to a finished query: by its measure (the last aggregate of the select,
 * also when the request names it: "by the number of loans"), by a selected column it names
 * ("by the branch name"), or alphabetically by the first text column. Returns why not, otherwise.
 * A top-N query keeps its own ranking: only a request for the same key is consistent with it.
 */
/**
 * "the newest albums …, alphabetically by title" over whole rows: a ranking that keeps the top rows
 * has its own order; replacing it would keep other rows than the ones asked for.
 */
function rankedBy(q: LogicalQuery, rowLimit: number): boolean {
  return q.limit !== undefined && q.limit < rowLimit && q.orderBy.length > 0;
}

export function applyOrdering(
  ctx: ResolveContext,
  q: LogicalQuery,
  order: OrderRequest,
  rowLimit: number,
  question = "",
): string | undefined {
  const restated = restatedWords(ctx, question);
  const measures = q.select
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.expr.kind === "agg" || s.expr.kind === "percent");
  const byMeasure = order.by.length === 0 || order.by.some((t) => AGG_WORDS.has(t.text));
  let key: number | undefined;
  if (order.alphabetical) {
    key = q.select.findIndex((s) => s.expr.kind === "column" && s.expr.column.kind === "text");
    // "List the suppliers from Germany in alphabetical order" over whole rows: by what names them.
    const label = key < 0 ? starLabel(q) : undefined;
    if (label !== undefined) {
      if (rankedBy(q, rowLimit))
        return `did not understand the ordering "${order.text}": the answer is already ranked by another value`;
      q.orderBy = [{ expr: col(label), dir: "ASC" }];
      return undefined;
    }
  } else if (byMeasure && (measures.length > 0 || order.by.length === 0)) {
    key = measures[measures.length - 1]?.i ?? (order.by.length === 0 ? rankedColumn(q) : undefined);
    // "by the number of members" where the answer counts loans: another measure, not this one.
    const item = key === undefined ? undefined : q.select[key];
    const other =
      item === undefined
        ? []
        : order.by.filter(
            (t) =>
              !AGG_WORDS.has(t.text) && !STOPWORDS.has(t.stem) && !restated(t) && !namesMeasure(ctx, t, item.expr, q),
          );
    if (other.length > 0)
      return `did not understand the ordering "${order.text}": ${other.map((t) => `"${t.text}"`).join(", ")} is not what the answer measures`;
  } else {
    const words = order.by.filter((t) => !STOPWORDS.has(t.stem));
    const named = bestMatches(matchColumns(ctx, words).filter((m) => m.used.length === words.length)).map(
      (m) => m.column,
    );
    // "by the film ID": the key of the table the words name.
    const id = tableKey(
      ctx,
      order.by.filter((t) => !STOPWORDS.has(t.stem) || /^ids?$/.test(t.text)),
    );
    if (id !== undefined) named.unshift(id);
    key = q.select.findIndex(
      (s) => (s.expr.kind === "column" || s.expr.kind === "bucket") && named.includes(s.expr.column),
    );
    if (key < 0 && id !== undefined) key = showGroupKey(q, id);
    const extra = key < 0 ? listColumn(q, named) : undefined;
    if (extra !== undefined && q.select.some((s) => s.expr.kind === "star")) {
      // "SELECT r.*": positions are the table's, so the order names the column itself.
      if (rankedBy(q, rowLimit))
        return `did not understand the ordering "${order.text}": the answer is already ranked by another value`;
      q.orderBy = [{ expr: col(extra), dir: order.dir ?? "ASC" }];
      return undefined;
    }
    if (extra !== undefined) {
      q.select.push({ expr: col(extra) });
      key = q.select.length - 1;
    }
    if (key < 0 && words.some((t) => /^(month|year|day|week|quarter|date)s?$/.test(t.text)))
      key = q.select.findIndex((s) => s.expr.kind === "bucket");
  }
  if (key === undefined || key < 0)
    return `did not understand the ordering "${order.text}": it names nothing the answer shows`;
  const dir = order.dir ?? (q.select[key]?.expr.kind === "agg" ? "DESC" : "ASC");
  const first = q.orderBy[0];
  if (q.limit !== undefined && q.limit < rowLimit && first !== undefined && "select" in first) {
    if (first.select !== key)
      return `did not understand the ordering "${order.text}": the answer is already ranked by another value`;
    if (first.dir !== dir) return `did not understand the ordering "${order.text}": it contradicts the ranking`;
    return undefined;
  }
  // Month names sort in calendar order, not alphabetically.
  const shown = q.select[key]?.expr;
  if (shown?.kind === "column" && holdsMonthNames(shown.column)) {
    q.orderBy = [{ expr: { kind: "monthNumber", column: shown.column }, dir }];
    return undefined;
  }
  q.orderBy = [{ select: key, dir }];
  return undefined;
}

/**
 * "total attendance for each film, ordered by the film ID" where the films are grouped by their
 * title: the key is shown first and grouped by too (which also keeps namesakes apart). Returns its
 * select index, or -1 when the answer does not group by a column of the key's table.
 */
function showGroupKey(q: LogicalQuery, key: IndexedColumn): number {
  const grouped = q.select.slice(0, q.groupBy);
  if (!grouped.some((s) => s.expr.kind === "column" && s.expr.column.table === key.table)) return -1;
  q.select.unshift({ expr: col(key) });
  q.groupBy += 1;
  q.orderBy = q.orderBy.map((o) => ("select" in o ? { ...o, select: o.select + 1 } : o));
  return 0;
}

/**
 * "List the shops ordered by rating": a plain list (no grouping, no aggregate) may be ordered
 * by a column of its own rows that it does not show yet (it is then shown too, unless the list shows
 * whole rows). Undefined when the words name no single column of the listed table.
 */
function listColumn(q: LogicalQuery, named: readonly IndexedColumn[]): IndexedColumn | undefined {
  if (q.groupBy > 0 || q.select.some((s) => s.expr.kind === "agg")) return undefined;
  const own = [...new Set(named.filter((c) => c.table === q.root))];
  return own.length === 1 ? own[0] : undefined;
}

/**
 * "ordered by the number of loans" for COUNT(*) over loans, "by total fees" for SUM(late_fees): the
 * word names the counted table or the aggregated column (or its table), not just any column near it.
 */
const PRONOUNS = new Set(["they", "he", "she", "it", "them", "him", "her", "we", "you"]);

/**
 * "ordered by the number of papers they have published": the ordering repeats the question's own
 * verb ("which authors have published the most papers") with a pronoun for its subject. Such words
 * name no table or column and add nothing; a noun ("members") still must be the answer's measure.
 */
function restatedWords(ctx: ResolveContext, question: string): (t: Token) => boolean {
  const said = new Set(tokenize(question).map((t) => t.stem));
  return (t) =>
    PRONOUNS.has(t.text) ||
    (said.has(t.stem) && matchTables(ctx, [t]).length === 0 && matchColumns(ctx, [t]).length === 0);
}

function namesMeasure(ctx: ResolveContext, t: Token, e: Expr, q: LogicalQuery): boolean {
  const columns = exprColumns(e);
  const tables = columns.length === 0 ? [q.root] : columns.map((c) => c.table);
  return [...tables.map((x) => x.nameStems), ...columns.map((c) => c.nameStems)].some(
    (stems) => termWeight(ctx, t.stem, stems) > 0,
  );
}

/** A row-level ranking ("the 3 longest books") orders by its last column. */
function rankedColumn(q: LogicalQuery): number | undefined {
  const first = q.orderBy[0];
  return first !== undefined && "select" in first ? first.select : undefined;
}

/** The text label of the table a "SELECT t.*" lists, if the query lists whole rows of one table. */
function starLabel(q: LogicalQuery): IndexedColumn | undefined {
  const star = q.select.find((s) => s.expr.kind === "star")?.expr;
  const label = star?.kind === "star" ? star.table.label : undefined;
  return label?.kind === "text" ? label : undefined;
}

/**
 * "List the albums, newest first and then alphabetically by title", "oldest first, then by name":
 * a second sort key after an "X first" ordering, taken off the text (so "first" still closes the
 * first ordering) and added after the first key once the query is built.
 */
const THEN_ORDER =
  /(?<=\bfirst)\s*,?\s*(?:and\s+)?then\s+((?:alphabetically|in\s+alphabetical\s+order)(?:\s+by\s+[a-z][a-z ]*?)?|by\s+[a-z][a-z ]*?)\s*(?=[.?!;]|$)/i;

export interface ThenOrder {
  by: Token[];
  text: string;
}

export function extractThenOrder(text: string): { rest: string; order?: ThenOrder } {
  const m = THEN_ORDER.exec(text);
  if (m === null) return { rest: text };
  const by = tokenize((m[1] as string).replace(/^(?:alphabetically|in\s+alphabetical\s+order)/i, "")).filter(
    (t) => t.kind === "word" && !/^(the|by|their|its)$/.test(t.text),
  );
  return {
    rest: `${text.slice(0, m.index)}${text.slice(m.index + m[0].length)}`,
    order: { by, text: (m[1] as string).trim() },
  };
}

/** Adds the second key after the query's first; returns why it cannot, or undefined. */
export function applyThenOrder(ctx: ResolveContext, q: LogicalQuery, second: ThenOrder): string | undefined {
  const refuse = (why: string) => `did not understand the second ordering "${second.text}": ${why}`;
  if (q.orderBy.length !== 1) return refuse("the answer has no single first ordering");
  const star = q.select.find((s) => s.expr.kind === "star")?.expr;
  const rows = star?.kind === "star" ? star.table : undefined;
  const words = second.by.filter((t) => !STOPWORDS.has(t.stem));
  const named =
    words.length === 0
      ? rows === undefined
        ? []
        : [starLabel(q)].flatMap((c) => (c ? [c] : []))
      : bestMatches(matchColumns(ctx, words).filter((m) => m.used.length === words.length)).map((m) => m.column);
  if (rows !== undefined) {
    const key = named.find((c) => c.table === rows);
    if (key === undefined) return refuse(`it names no column of ${rows.table.name}`);
    q.orderBy.push({ expr: col(key), dir: "ASC" });
    return undefined;
  }
  const shown = q.select.findIndex(
    (s) =>
      s.expr.kind === "column" && (words.length === 0 ? s.expr.column.kind === "text" : named.includes(s.expr.column)),
  );
  if (shown < 0) return refuse("it names nothing the answer shows");
  q.orderBy.push({ select: shown, dir: "ASC" });
  return undefined;
}
