import { type DateReadOptions, readDateRange, readPeriodPair } from "../../dates";
import {
  type CatalogIndex,
  DEFAULT_SYNONYMS,
  type IndexedColumn,
  type IndexedTable,
  indexCatalog,
  linkSchema,
  matchValues,
  STOPWORDS,
  stem,
  stepTarget,
} from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import { columnPresence, type QuestionParts, reducedRelativeVerb, type ValueHit } from "./assemble";
import {
  bindLiteral,
  bothValues,
  directedValue,
  namesSchemaObject,
  patternHit,
  qualifiesColumn,
  undirectedRoute,
  valueOfNamedTable,
} from "./bindings";
import { alternativeOr, isAgentBy } from "./clauses";
import { columnRatio } from "./column-ratio";
import { countRatio } from "./count-ratio";
import { existenceVerbs, isRelationVerb, tableNouns } from "./existence";
import { flagAlternative } from "./flags";
import { parseIntent } from "./intent";
import { CUES, FILLERS, LINKING_VERBS, NAME_SENSITIVE_CUES } from "./lexicon";
import { dropMethodNotes } from "./method-notes";
import { applyOrdering, extractOrdering, type OrderRequest } from "./ordering";
import { applyOutputList, extractOutputList } from "./output-list";
import { explains, isPlural, matchColumns, matchTables, type ResolveContext, singular } from "./phrase";
import { type PlanResult, planQuery } from "./plan";
import { type LogicalQuery, queryColumns } from "./query";
import { renderSql } from "./sql-builder";
import { findTie, tieReason } from "./ties";
import { type Token, tokenize } from "./tokens";

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
/** Linking keeps a few more tables than an LLM prompt would: they only break ties here. */
const LINKED_TABLES = 8;

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
  const outputs = extractOutputList(text);
  const ordering = extractOrdering(outputs.rest);
  text = ordering.rest;

  const linked = new Set(
    linkSchema(catalog, text, { maxTables: LINKED_TABLES })
      .tables.map((t) => index.table(t.qualifiedName))
      .filter((t): t is IndexedTable => t !== undefined),
  );
  const near = new Set(linked);
  for (const t of linked) for (const step of index.graph.steps(t)) near.add(stepTarget(step));
  const ctx: ResolveContext = { index, synonyms: DEFAULT_SYNONYMS, linked, near };

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
  const notUnderstood = unexplainedWords(ctx, parts, plan);
  if (notUnderstood !== undefined) return fail(notUnderstood);
  const unlisted = outputs.items === undefined ? undefined : applyOutputList(ctx, plan.query, outputs.items);
  if (unlisted !== undefined) return fail(unlisted);
  const unordered =
    ordering.order === undefined ? undefined : applyOrdering(ctx, plan.query, ordering.order, rowLimit, text);
  if (unordered !== undefined) return fail(unordered);
  const tie = options.askWhenTied ? findTie(ctx, parts, plan) : undefined;
  if (tie !== undefined) return fail(tieReason(tie));
  return {
    ok: true,
    sql: renderSql(plan.query),
    explanation: plan.explanation,
    tables: [...new Set([plan.query.root, ...plan.query.joins.map(stepTarget)].map((t) => t.qualifiedName))],
  };
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
 * not ("page-views" beside a `page` table is still `pageview`).
 */
export function joinHyphenatedNames(index: CatalogIndex, text: string): string {
  const names = (w: string) =>
    (index.terms.get(stem(w)) ?? []).some((p) => p.field === "tableName" || p.field === "columnName");
  return text.replace(/\b([A-Za-z]+)-([A-Za-z]+)\b/g, (whole, a: string, b: string) =>
    names(`${a}${b}`.toLowerCase()) && !names(b.toLowerCase()) ? `${a}${b}` : whole,
  );
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

/**
 * How the generator reads dates: "since March 2024" leaves the end open (the filter is `>= start`
 * alone), and only prose days written with a number are dates ("on Monday" is more often a
 * day-of-week filter in a data question than last Monday).
 */
const GENERATOR_DATES: DateReadOptions = { openEnd: "unbounded", proseDays: "numeric" };

/** Dates, tokens, column values and cue words of a question: everything but the schema-specific plan. */
function readQuestion(ctx: ResolveContext, text: string, currentDate: string): QuestionParts | { reason: string } {
  // A comparison keeps its two periods apart ("growth from 2023 to 2024"); otherwise they make one range.
  const pair = comparesPeriods(ctx, text) ? readPeriodPair(text, currentDate, GENERATOR_DATES) : undefined;
  const dates =
    pair !== undefined
      ? { ok: true as const, range: pair.range, rest: pair.rest }
      : readDateRange(text, currentDate, GENERATOR_DATES);
  if (!dates.ok) return { reason: `did not understand the dates: ${dates.reason}` };
  const tokens = tokenize(dates.rest);
  if (!tokens.some((t) => t.kind === "word")) return { reason: `did not understand "${text}"` };
  const anchor =
    dates.range === undefined
      ? []
      : tokenize(text.slice(0, dates.range.index))
          .filter((t) => t.kind === "word" && !FILLERS.has(t.text) && !CUES.has(t.text))
          .slice(-3);

  // Column values first ("Home & Garden", "shipped"): their words then play no other role.
  const isCueWord = (t: Token) => t.kind !== "word" || (CUES.has(t.text) && t.text !== "and");
  // A verb right before a date ("tickets opened this year") dates the rows; it is not the status
  // value it resembles ('open'). Exact matches ("shipped in 2024") stay values.
  const dateVerb = anchor[anchor.length - 1]?.text;
  const namesTable = tableNouns(ctx, tokens);
  // "users missing a last login": the words name a column (last_login_at), not the value 'login'.
  const presence = new Set(columnPresence(ctx, tokens).flatMap((p) => p.span));
  const valueMatches = matchValues(
    ctx.index,
    tokens.map((t) => t.text),
    (i) => isCueWord(tokens[i] as Token),
  ).filter(
    (m) =>
      !(
        m.end - m.start === 1 &&
        ((m.stemmed && m.text === dateVerb) || isRelationVerb(tokens, m.start, m.stemmed, namesTable))
      ) &&
      // "how many books does each genre have": an auxiliary is never a surname it stems to ('does').
      !(m.stemmed && tokens.slice(m.start, m.end).every((t) => FILLERS.has(t.text))) &&
      // "tickets opened by the users": a participle with its agent is the verb, not the status 'open'.
      !(m.end - m.start === 1 && m.stemmed && isAgentBy(tokens, m.end)) &&
      !tokens.slice(m.start, m.end).some((t) => presence.has(t)) &&
      !(m.end - m.start === 1 && qualifiesColumn(ctx, tokens[m.start] as Token, tokens[m.end])) &&
      !namesSchemaObject(ctx, tokens.slice(m.start, m.end), m.postings),
  );
  // "high priority", "status shipped": a word naming the value's own column belongs to the value.
  for (const m of valueMatches) {
    const names = (t: Token | undefined) =>
      t?.kind === "word" && m.postings.some((p) => p.column.nameStems.includes(t.stem));
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
  // ... and they filter the rows rather than say what is asked for.
  intent.subject = intent.subject.filter((t) => !presence.has(t));
  intent.measure = intent.measure.filter((t) => !presence.has(t));
  intent.context = intent.context.map((c) => c.filter((t) => !presence.has(t))).filter((c) => c.length > 0);
  const values: ValueHit[] = valueMatches.map((m) => {
    const hitTokens = tokens.slice(m.start, m.end);
    const hit = { tokens: hitTokens, postings: m.postings, negated: hitTokens.some((t) => intent.negated.has(t.i)) };
    return directedValue(tokens, valueOfNamedTable(ctx, tokens, hit));
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
    anchor,
    presence: [...presence],
    relationObjects: [...verbs.values()].map((i) => tokens[i] as Token),
    ...(pair !== undefined ? { periods: pair.periods } : {}),
  };
}

/**
 * Tokens spelling a whole schema name that contains a cue word: "market share", "change log",
 * "invoice no", "visitor count". There they name a column or table; "share", "change" or "no" would otherwise turn the
 * question into a percentage, a growth or a negation.
 */
function cueLikeNames(ctx: ResolveContext, tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  const names = ctx.index.tables
    .flatMap((t) => [t.nameStems, ...t.columns.map((c) => c.nameStems)])
    .filter((n) => n.length > 1);
  for (const t of tokens) {
    const cue = t.kind === "word" ? CUES.get(t.text) : undefined;
    // "visitor count" beside a visitor_count column: the trailing "count" ends the name.
    const namedCount = t.text === "count" && t.i > 0;
    if (cue === undefined || (!NAME_SENSITIVE_CUES.has(cue.kind) && !namedCount)) continue;
    for (const n of names) {
      for (let start = t.i - n.length + 1; start <= t.i; start++) {
        const span = tokens.slice(Math.max(0, start), start + n.length);
        if (start >= 0 && span.length === n.length && span.every((x, k) => x.kind === "word" && x.stem === n[k]))
          for (const x of span) out.add(x.i);
      }
    }
  }
  return out;
}

/** Whether the question has a comparison cue ("growth", "vs", "compared to"), read before its dates are. */
function comparesPeriods(ctx: ResolveContext, text: string): boolean {
  const tokens = tokenize(text);
  const names = cueLikeNames(ctx, tokens);
  return tokens.some((t) => t.kind === "word" && CUES.get(t.text)?.kind === "growth" && !names.has(t.i));
}

/**
 * Every content word must be accounted for: used by the plan, or describing a table it touches (or
 * one linking found relevant). Otherwise the SQL would silently ignore part of the question.
 */
function unexplainedWords(
  ctx: ResolveContext,
  parts: QuestionParts,
  plan: Extract<PlanResult, { ok: true }>,
): string | undefined {
  const { intent, tokens } = parts;
  const touched = [...plan.tables, ...plan.query.joins.map(stepTarget), ...ctx.linked];
  const valueSet = new Set(parts.values.flatMap((v) => v.tokens));
  const open = (t: Token) =>
    t.kind === "word" && !FILLERS.has(t.text) && !intent.cueTokens.has(t) && !valueSet.has(t) && !plan.used.has(t);
  // "imprints that have published titles" where "titles" ended up a name column: the verb was read as
  // saying related rows exist, so its object must be a table the query reads.
  const queried = new Set([...plan.tables, ...queriedTables(plan.query)]);
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
  const relating = (t: Token) => {
    const noun = tokens[t.i - 1];
    return (
      (reducedRelativeVerb(ctx, tokens, t) || (t === lastWord && LINKING_VERBS.has(t.stem))) &&
      noun !== undefined &&
      matchTables(ctx, [noun]).some((m) => m.coverage === 1 && touched.includes(m.table))
    );
  };
  const unknown = tokens.filter((t) => open(t) && !explains(ctx, t, touched) && !relating(t));
  // "how many customers have a city": a word naming a column the query never reads was dropped.
  for (const t of tokens) {
    const column = open(t) ? namesUnusedColumn(ctx, t, plan) : undefined;
    if (column !== undefined)
      return `did not understand "${t.text}": the query does not use ${column.table.table.name}.${column.column.name}, which it names`;
  }
  if (unknown.length > 0) return `did not understand ${unknown.map((t) => `"${t.text}"`).join(", ")} in this schema`;
  // "discontinued products" where only a comment mentions discontinued products: the word qualifies
  // the rows counted, and no filter says how. Answering for all products would be silently wrong.
  const qualifiers = tokens.filter(
    (t) => open(t) && !explains(ctx, t, touched, false) && qualifiesTable(ctx, tokens, t),
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
      // Date columns are named by event verbs ("paid", "ordered") that only say which rows are meant.
      if (c.isKey || c.kind === "date" || c.kind === "timestamp") continue;
      if (!c.nameStems.filter((s) => !STOPWORDS.has(s)).includes(t.stem)) continue;
      if (!read.has(c)) return c;
    }
  }
  return undefined;
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
  const inSubqueries = query.where.flatMap((p) => (p.kind === "related" ? p.steps.map(stepTarget) : []));
  return new Set([query.root, ...query.joins.map(stepTarget), ...inSubqueries]);
}

/** The word stands right before a word naming a table on its own: an adjective of those rows. */
function qualifiesTable(ctx: ResolveContext, tokens: readonly Token[], t: Token): boolean {
  const next = tokens[t.i + 1];
  return next?.kind === "word" && matchTables(ctx, [next]).some((m) => m.coverage === 1);
}
