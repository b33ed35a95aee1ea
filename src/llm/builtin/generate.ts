import { type CatalogIndex, indexCatalog, STOPWORDS, stem, stepTarget } from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import type { QuestionParts } from "./assemble";
import { columnRatio } from "./column-ratio";
import { resolveContext } from "./context";
import { countRatio } from "./count-ratio";
import { unexplainedWords } from "./explained";
import { checkFormulaNote, extractFormulaNote } from "./formula-note";
import { dropMethodNotes } from "./method-notes";
import { applyOrdering, applyThenOrder, extractOrdering, extractThenOrder, type OrderRequest } from "./ordering";
import { applyOutputList, extractOutputList, secondRankingKey } from "./output-list";
import { applyOutputUnit, extractOutputUnit } from "./output-unit";
import { matchColumns, type ResolveContext } from "./phrase";
import { planQuery } from "./plan";
import { holdsWeekdayNames, type LogicalQuery } from "./query";
import { readQuestion } from "./read-question";
import { renderSql } from "./sql-builder";
import { findTie, tieReason } from "./ties";
/**
 * The built-in generator: a deterministic semantic parser from an English question to PostgreSQL
 * over any catalog, with no LLM. It understands a fixed grammar of analytics questions (counts,
 * aggregates, groupings, time buckets, filters, date ranges, top N, lists) and says what it did not
 * understand instead of guessing.
 */

export interface GenerateOptions {
  /** YYYY-MM-DD that relative dates ("last month") are resolved against; default today (UTC). */
  currentDate?: string;
  /** Business vocabulary, one rule a line: "GMV means revenue", "clients = customers". */
  knowledge?: string;
  /** LIMIT for lists and long groupings; default 1000. */
  rowLimit?: number;
  /**
   * Refuse, naming the columns, when two dates or two amounts fit the question equally (ties.ts)
   * instead of taking the first: set in conversations, where the refusal becomes a clarifying
   * question; elsewhere the answer stays what it always was.
   */
  askWhenTied?: boolean;
}

export type BuiltinResult =
  | { ok: true; sql: string; explanation: string; tables: string[] }
  | { ok: false; reason: string };

export const DEFAULT_ROW_LIMIT = 1000;

interface Knowledge {
  rewrites: [RegExp, string][];
}

/**
 * "X means Y" and "X = Y" lines (a few words each side) become word rewrites. Knowledge is free
 * text (ext_knowledge); anything else in it, prose or SQL, is left to LLM generators.
 */
function parseKnowledge(text: string | undefined): Knowledge {
  const rewrites: [RegExp, string][] = [];
  for (const line of (text ?? "").split(/\r?\n/)) {
    const m =
      /^\s*[-*]?\s*"?([A-Za-z][A-Za-z -]{0,40}?)"?\s+(?:means|=|is the same as|refers to)\s+"?([A-Za-z][A-Za-z -]{0,60}?)"?\s*\.?\s*$/i.exec(
        line,
      );
    if (m === null) continue;
    const term = (m[1] as string)
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+");
    rewrites.push([new RegExp(`\\b${term}\\b`, "gi"), (m[2] as string).trim()]);
  }
  return { rewrites };
}

const fail = (reason: string): BuiltinResult => ({ ok: false, reason });

export function generateSql(catalog: Catalog, question: string, options: GenerateOptions = {}): BuiltinResult {
  const rowLimit = options.rowLimit ?? DEFAULT_ROW_LIMIT;
  if (!Number.isInteger(rowLimit) || rowLimit < 1) return fail(`rowLimit must be a positive integer, got ${rowLimit}`);
  let text = question.trim();
  if (text.length === 0) return fail("the question is empty");
  if (catalog.tables.length === 0) return fail("the catalog has no tables");
  for (const [re, replacement] of parseKnowledge(options.knowledge).rewrites) text = text.replace(re, replacement);
  text = dropMethodNotes(text);
  const index = indexCatalog(catalog);
  text = joinHyphenatedNames(index, text);
  text = spellOutIdentifiers(index, text);
  text = weekdayPhrase(index, text);
  text = plainVerbs(text);
  text = causalPhrases(text);
  const ability = abilityPhrase(index, text);
  if ("reason" in ability) return fail(ability.reason);
  text = ability.text;
  text = boundAfterNumber(text);
  const asked = extractOutputUnit(index, text);
  text = asked.rest;
  const formula = extractFormulaNote(text);
  text = formula.rest;
  const listed = extractOutputList(text);
  const outputs = listed.items === undefined ? listed : secondRankingKey(listed.rest, listed.items);
  const second = extractThenOrder(outputs.rest);
  const ordering = extractOrdering(second.rest);
  text = ordering.rest;

  const ctx = resolveContext(catalog, index, text);

  // "the ratio of pages to rating for each book": two columns of a row divided.
  const plain = outputs.items === undefined && ordering.order === undefined;
  const currentDate = options.currentDate ?? new Date().toISOString().slice(0, 10);
  const ratio = plain ? columnRatio(ctx, text) : undefined;
  if (typeof ratio === "string") {
    // "the ratio of shops rated above 4 to all shops": not two columns, perhaps two counts.
    const counts = countRatio(text, (sub) => solveCount(ctx, sub, currentDate, rowLimit));
    if (counts === undefined) return fail(ratio);
    if (typeof counts === "string") return fail(`${ratio}, nor two counts: ${counts}`);
    return { ok: true, ...counts };
  }
  if (ratio !== undefined)
    return {
      ok: true,
      sql: renderSql(ratio.query),
      explanation: ratio.explanation,
      tables: [ratio.query.root.qualifiedName],
    };
  const parts = readQuestion(ctx, text, currentDate);
  if ("reason" in parts) return fail(parts.reason);
  rankByOrdering(ctx, parts, ordering.order);
  const plan = planQuery(ctx, parts, { rowLimit, sorted: ordering.order !== undefined });
  if (!plan.ok) return fail(plan.reason);
  const unranked = topNotKept(parts, plan.query, rowLimit);
  if (unranked !== undefined) return fail(unranked);
  const notUnderstood = unexplainedWords(ctx, parts, plan);
  if (notUnderstood !== undefined) return fail(notUnderstood);
  const unlisted = outputs.items === undefined ? undefined : applyOutputList(ctx, plan.query, outputs.items);
  if (unlisted !== undefined) return fail(unlisted);
  const unordered =
    ordering.order === undefined ? undefined : applyOrdering(ctx, plan.query, ordering.order, rowLimit, text);
  if (unordered !== undefined) return fail(unordered);
  const unsorted = second.order === undefined ? undefined : applyThenOrder(ctx, plan.query, second.order);
  if (unsorted !== undefined) return fail(unsorted);
  const misfit = formula.note === undefined ? undefined : checkFormulaNote(ctx, plan.query, formula.note);
  if (misfit !== undefined) return fail(misfit);
  const unconverted = asked.unit === undefined ? undefined : applyOutputUnit(plan.query, asked.unit);
  if (unconverted !== undefined) return fail(unconverted);
  const tie = options.askWhenTied ? findTie(ctx, parts, plan) : undefined;
  if (tie !== undefined) return fail(tieReason(tie));
  return {
    ok: true,
    sql: renderSql(plan.query),
    explanation: plan.explanation,
    tables: [...new Set([plan.query.root, ...plan.query.joins.map(stepTarget)].map((t) => t.qualifiedName))],
  };
}

/**
 * "top 5 instructors by number of classes taught" (instructors a value of staff.role_cd) was
 * answered as one count of every class: a plan that does not keep the number of rows asked for
 * answers another question. Refused, naming the words.
 */
function topNotKept(parts: QuestionParts, query: LogicalQuery, rowLimit: number): string | undefined {
  const n = parts.intent.rank?.n;
  if (n === undefined || query.limit === Math.min(n, rowLimit)) return undefined;
  return `did not understand "top ${n}": the rows ranked were not found`;
}

/** One side of a ratio of counts, asked as its own question ("How many shops rated above 4?"). */
function solveCount(
  ctx: ResolveContext,
  question: string,
  currentDate: string,
  rowLimit: number,
): { query: LogicalQuery; explanation: string } | string {
  const parts = readQuestion(ctx, question, currentDate);
  if ("reason" in parts) return parts.reason;
  const plan = planQuery(ctx, parts, { rowLimit, sorted: false });
  if (!plan.ok) return plan.reason;
  return unexplainedWords(ctx, parts, plan) ?? { query: plan.query, explanation: plan.explanation };
}

/**
 * "What are the highest peaks, ordered from highest to lowest elevation?": a superlative that
 * names no measure of its own ranks by the one number column its ordering clause names.
 */
function rankByOrdering(ctx: ResolveContext, parts: QuestionParts, order: OrderRequest | undefined): void {
  const agg = parts.intent.agg;
  if (order === undefined || agg?.superlative !== true || agg.implies !== undefined) return;
  const words = order.by.filter((t) => !STOPWORDS.has(t.stem));
  const [word] = words;
  if (word === undefined || words.length !== 1) return;
  const named = matchColumns(ctx, words, (c) => c.kind === "number" && !c.isKey);
  if (named.length === 1) agg.implies = word.text;
}

/**
 * "check-ins", "log-ins" where the schema writes one word (`checkin`, `logins`): the hyphenated
 * pair is that name. Only when the joined word names a table or column and its second part alone does
 * not ("page-views" beside a `page` table is still `pageview`), and no table is named by the two
 * words apart: "drop-offs" beside drop_off and dropoff_line are the drop_off rows, not their lines.
 */
export function joinHyphenatedNames(index: CatalogIndex, text: string): string {
  const names = (w: string) =>
    (index.terms.get(stem(w)) ?? []).some((p) => p.field === "tableName" || p.field === "columnName");
  // By the written name: "sign-ups" is sign_up, "drop-offs" drop_off; its words as the table writes
  // them, since a stopword's plural ("ups") names nothing.
  const tableOfPair = (a: string, b: string) =>
    index.tables
      .map((t) => t.table.name.toLowerCase().split(/[_\s-]+/))
      .find((parts) => parts.length === 2 && parts[0] === a && (parts[1] === b || `${parts[1]}s` === b));
  // "drop-off lines" beside dropoff_line: the joined word begins a longer name with the next word.
  const beginsName = (joined: string, next: string | undefined) =>
    next !== undefined &&
    index.tables.some((t) => {
      const parts = t.table.name.toLowerCase().split(/[_\s-]+/);
      return parts[0] === joined && (parts[1] === next || `${parts[1]}s` === next);
    });
  return text.replace(/\b([A-Za-z]+)-([A-Za-z]+)\b/g, (whole, a: string, b: string, at: number) => {
    const [first, second] = [a.toLowerCase(), b.toLowerCase()];
    const next = /^\s+([A-Za-z]+)/.exec(text.slice(at + whole.length))?.[1]?.toLowerCase();
    const table = beginsName(`${first}${second}`, next) ? undefined : tableOfPair(first, second);
    if (table !== undefined) return table.join(" ");
    return names(`${first}${second}`) && !names(second) ? `${first}${second}` : whole;
  });
}

/**
 * "rentals by day of the week", "the busiest day of week": one word, "weekday", a time unit like
 * "month". Not when the schema keeps the day in a column (day_of_week, or a column of 'Monday's):
 * then the words name it.
 */
export function weekdayPhrase(index: CatalogIndex, text: string): string {
  const named = index.tables.some((t) =>
    t.columns.some((c) => (c.nameStems.includes("week") && c.nameStems.includes("day")) || holdsWeekdayNames(c)),
  );
  return named
    ? text
    : text.replace(/\b(day)(s?) of (?:the )?week\b/gi, (_, day: string, s: string) => `week${day}${s}`);
}

/** Phrasal verbs and the one verb they mean between two tables' rows, by inflection. */
const PHRASAL_VERBS: readonly [RegExp, Record<string, string>][] = [
  [/\b(look|looks|looked|looking) after\b/gi, { look: "serve", looks: "serves", looked: "served", looking: "serving" }],
  [/\b(take|takes|took|taking) care of\b/gi, { take: "serve", takes: "serves", took: "served", taking: "serving" }],
  [
    /\b(deal|deals|dealt|dealing) with\b/gi,
    { deal: "handle", deals: "handles", dealt: "handled", dealing: "handling" },
  ],
];

/**
 * "How many clients is each agent looking after?", "Which nurse took care of the most patients?":
 * a phrasal verb is the one verb it means ("serving"), which relates the two tables' rows by their
 * key; its particle ("after", "of", "with") would otherwise be read as a word of its own ("after"
 * opens a date range).
 */
export function plainVerbs(text: string): string {
  let out = text;
  for (const [re, verbs] of PHRASAL_VERBS)
    out = out.replace(re, (_, verb: string) => {
      const plain = verbs[verb.toLowerCase()] ?? verb;
      return verb[0] === verb[0]?.toUpperCase() ? plain[0]?.toUpperCase() + plain.slice(1) : plain;
    });
  return out;
}

/**
 * "remakes due to shade this year" beside cases.due_dt: "due to" (and "because of", "owing to")
 * gives a cause, never a date that is due; read so, the year was applied to the due date. The cause
 * is what follows, as after "for".
 */
export function causalPhrases(text: string): string {
  return text.replace(/\b(?:due to|because of|owing to|on account of)\b/gi, "for");
}

const ABILITY = /\b(can['’]t|cannot|can\s+not|couldn['’]t|could\s+not|can|could)\s+be\s+([a-z]{3,}ed)\b/gi;

/**
 * "spaces that can't be booked" beside spaces.is_bookable: "can be <participle>" is an ability,
 * which a flag named for it records ("are not bookable"); read as the rows' events it asked for
 * spaces with no bookings. Without such a flag the ability is refused, naming the words.
 */
export function abilityPhrase(index: CatalogIndex, text: string): { text: string } | { reason: string } {
  const words = new Set(index.tables.flatMap((t) => t.columns.flatMap((c) => c.column.name.toLowerCase().split(/_+/))));
  let reason: string | undefined;
  const out = text.replace(ABILITY, (whole, modal: string, participle: string) => {
    const base = participle.toLowerCase().slice(0, -2);
    const adjective = [`${base}able`, `${base}ible`, `${base.replace(/e$/, "")}able`, `${base}eable`].find((w) =>
      words.has(w),
    );
    if (adjective === undefined) {
      reason ??= `did not understand "${whole}": an ability of the rows, which no column records`;
      return whole;
    }
    return `are ${/(not|n['’]t)$/i.test(modal) ? "not " : ""}${adjective}`;
  });
  return reason === undefined ? { text: out } : { reason };
}

const OR_MORE = /\b(\d[\d,.]*)\s+(?:or|and)\s+(?:more|above|higher|greater|over|up)\b/gi;
const OR_FEWER = /\b(\d[\d,.]*)\s+(?:or|and)\s+(?:fewer|less|below|lower|under)\b/gi;

/**
 * "customers with 3 or more policies", "claims of 1000 or less": a bound written after the number is
 * the comparison cue it means ("at least 3", "at most 1000"). Years keep their own reading ("2015
 * or later" opens a date range), and quoted literals are left as written.
 */
export function boundAfterNumber(text: string): string {
  return text
    .split(/('[^']*'|"[^"]*")/)
    .map((part, k) => (k % 2 === 1 ? part : part.replace(OR_MORE, "at least $1").replace(OR_FEWER, "at most $1")))
    .join("");
}

/**
 * "split by device_type", "where sender_type = 0": a table or column name written as it is in the
 * schema is read as its words ("device type"), which name it like any other phrase does.
 */
export function spellOutIdentifiers(index: CatalogIndex, text: string): string {
  const names = new Set(index.tables.flatMap((t) => [t.table.name, ...t.columns.map((c) => c.column.name)]));
  const lower = new Set([...names].map((n) => n.toLowerCase()));
  return text.replace(/\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g, (id) =>
    lower.has(id.toLowerCase()) ? id.replace(/_/g, " ") : id,
  );
}
