import type { Catalog, CatalogColumn, CatalogTable } from "../sql/catalog.types";
import {
  type CatalogIndex,
  type IndexedColumn,
  type IndexedTable,
  indexCatalog,
  type PostingField,
} from "./catalog-index";
import { type JoinStep, stepTarget } from "./join-graph";
import { DEFAULT_SYNONYMS, SYNONYM_FACTOR, type SynonymMap, synonymsOf } from "./synonyms";
import { STOPWORDS, stem, words } from "./text";
import { matchValues } from "./values";

export interface LinkOptions {
  /** Tables kept by relevance, before the tables needed only to join them are added. */
  maxTables?: number;
  /** Columns kept per table (keys are always kept); all columns when unset. */
  maxColumns?: number;
  /**
   * Prompt tokens the linked schema may fill (see tableTokens). Unset: only the relevant tables and
   * their bridges. Set: the rest of the budget brings in the whole schema when it fits, else the
   * neighbours of the chosen tables; `maxTables` then caps the total.
   */
  budgetTokens?: number;
  /**
   * Business context sent with the question (`ext_knowledge`: "TUC = total user count from
   * user_sessions"): the tables it names gain a little relevance, so a budget brings them in, but a
   * word of the context never outranks a word of the question.
   */
  context?: string;
  synonyms?: SynonymMap;
}

export interface LinkedColumn {
  column: CatalogColumn;
  score: number;
}

export interface LinkedTable {
  table: CatalogTable;
  qualifiedName: string;
  score: number;
  /** True when the table was added only to join two relevant tables. */
  bridge: boolean;
  /** Best-scoring first; unscored columns follow in table order. */
  columns: LinkedColumn[];
}

/** A foreign key between two linked tables: `from` holds the key, `to` is referenced. */
export interface LinkedJoin {
  from: { table: string; columns: string[] };
  to: { table: string; columns: string[] };
}

export interface MatchedValue {
  table: string;
  column: string;
  value: string;
  /** The question's words that matched. */
  text: string;
}

export interface LinkedSchema {
  tables: LinkedTable[];
  joins: LinkedJoin[];
  matchedValues: MatchedValue[];
}

/** 5-8 tables keep an LLM prompt small while leaving room for the tables a join needs. */
export const DEFAULT_MAX_TABLES = 6;
/** A budget never brings in more than this many tables (a 500-table schema of tiny tables). */
const MAX_FILLED_TABLES = 16;
/** As the LLM prompt: columns past this are named, not described. */
const MAX_PROMPT_COLUMNS = 30;
/** At most this many tables are added to connect the relevant ones. */
const MAX_BRIDGES = 4;
/** Tables scoring below this share of the best table are noise from common words. */
const RELATIVE_CUTOFF = 0.15;
/** A word found inside a run-together identifier ("vendor" in `zqvendor`): nearly a match. */
const COMPOUND_FACTOR = 0.8;
/** A word equal to a sample value is strong evidence ("Germany" -> customers.country). */
const VALUE_WEIGHT = 4;

const TABLE_WEIGHT: Record<PostingField, number> = {
  tableName: 3,
  columnName: 1,
  tableComment: 0.8,
  columnComment: 0.25,
};
const COLUMN_WEIGHT: Record<PostingField, number> = {
  tableName: 0,
  columnName: 2,
  tableComment: 0,
  columnComment: 0.5,
};

export interface ScoredSchema {
  tables: Map<IndexedTable, number>;
  columns: Map<IndexedColumn, number>;
  values: { column: IndexedColumn; value: string; text: string }[];
  /** For each question word (or matched value), the table it points at most strongly. */
  bestByTerm: Map<string, IndexedTable>;
}

/**
 * Stems of the question's content words, in order, with duplicates removed. A stop word is kept
 * when the catalog names a table by it ("each show" beside a shows table: catalog-index.ts).
 */
export function questionStems(question: string, index?: CatalogIndex): string[] {
  const named = (w: string) => index?.terms.has(stem(w)) === true;
  return [
    ...new Set(
      words(question)
        .filter((w) => (!STOPWORDS.has(w) || named(w)) && !/^\d+$/.test(w))
        .map(stem),
    ),
  ];
}

/** Relevance of every table and column to a question (only non-zero entries are present). */
export function scoreSchema(
  index: CatalogIndex,
  question: string,
  synonyms: SynonymMap = DEFAULT_SYNONYMS,
): ScoredSchema {
  const tables = new Map<IndexedTable, number>();
  const columns = new Map<IndexedColumn, number>();
  const stems = questionStems(question, index);
  const stemSet = new Set(stems);
  const bestByTerm = new Map<string, IndexedTable>();
  const nameHits = new Map<IndexedTable, Set<string>>();
  for (const term of stems) {
    const expansions: [string, number][] = [
      [term, 1],
      ...synonymsOf(term, synonyms).map((s): [string, number] => [s, SYNONYM_FACTOR]),
      ...index.compounds(term).map((s): [string, number] => [s, COMPOUND_FACTOR]),
    ];
    // Per table and column only the best evidence for this word counts, so a table with many
    // order_* columns is not ranked above `orders` for the word "order".
    const bestTable = new Map<IndexedTable, number>();
    const bestColumn = new Map<IndexedColumn, number>();
    for (const [s, factor] of expansions) {
      const weight = factor * index.idf(s);
      for (const p of index.terms.get(s) ?? []) {
        let w = TABLE_WEIGHT[p.field] * weight;
        if (p.field === "tableName") {
          nameHits.set(p.table, (nameHits.get(p.table) ?? new Set()).add(term));
          // "order items" names order_items fully; "orders" only half of it.
          const covered = p.table.nameStems.filter((n) => stemSet.has(n)).length / p.table.nameStems.length;
          w *= 0.5 + 0.5 * covered;
        }
        bestTable.set(p.table, Math.max(bestTable.get(p.table) ?? 0, w));
        if (p.column !== undefined) {
          bestColumn.set(p.column, Math.max(bestColumn.get(p.column) ?? 0, COLUMN_WEIGHT[p.field] * weight));
        }
      }
    }
    let best: [IndexedTable, number] | undefined;
    let second = 0;
    for (const [t, w] of bestTable) {
      tables.set(t, (tables.get(t) ?? 0) + w);
      if (best === undefined || w > best[1]) {
        second = best?.[1] ?? 0;
        best = [t, w];
      } else second = Math.max(second, w);
    }
    // Only a word that points somewhere in particular ("name" is in every table) seeds a table.
    if (best !== undefined && best[1] > 1.2 * second) bestByTerm.set(term, best[0]);
    for (const [c, w] of bestColumn) columns.set(c, (columns.get(c) ?? 0) + w);
  }
  const values: ScoredSchema["values"] = [];
  for (const match of matchValues(index, words(question))) {
    for (const p of match.postings) {
      values.push({ column: p.column, value: p.value, text: match.text });
      columns.set(p.column, (columns.get(p.column) ?? 0) + VALUE_WEIGHT);
      tables.set(p.column.table, (tables.get(p.column.table) ?? 0) + VALUE_WEIGHT);
    }
    const first = match.postings[0];
    if (first !== undefined) bestByTerm.set(`value:${match.text}`, first.column.table);
  }
  preferBaseTables(index, tables, bestByTerm, nameHits);
  return { tables, columns, values, bestByTerm };
}

/** A table named only by the business context weighs this share of one the question names. */
const CONTEXT_FACTOR = 0.3;
/** Context is free text: only its first words are read. */
const MAX_CONTEXT_CHARS = 2000;

function addContext(
  index: CatalogIndex,
  scored: ScoredSchema,
  question: string,
  context: string,
  synonyms?: SynonymMap,
): void {
  const asked = new Set(questionStems(question, index));
  const extra = questionStems(context.slice(0, MAX_CONTEXT_CHARS), index).filter((s) => !asked.has(s));
  if (extra.length === 0) return;
  const fromContext = scoreSchema(index, extra.join(" "), synonyms);
  for (const [table, score] of fromContext.tables)
    scored.tables.set(table, (scored.tables.get(table) ?? 0) + CONTEXT_FACTOR * score);
  for (const [column, score] of fromContext.columns)
    scored.columns.set(column, (scored.columns.get(column) ?? 0) + CONTEXT_FACTOR * score);
}

/** A view that only repeats its tables keeps this share of its score. */
const REPEATING_VIEW_FACTOR = 0.4;

/**
 * Views that only repeat base tables (a `film_list` over `film`) must not crowd out the tables a
 * question needs: a view keeps its score only when a question word names the view and none of the
 * tables it reads ("monthly sales" → a `monthly_sales` reporting view); otherwise its score shrinks
 * and a word it won goes to the base table the word also points at.
 */
function preferBaseTables(
  index: CatalogIndex,
  tables: Map<IndexedTable, number>,
  bestByTerm: Map<string, IndexedTable>,
  nameHits: ReadonlyMap<IndexedTable, ReadonlySet<string>>,
): void {
  for (const view of index.tables) {
    if (view.kind === "table" || view.viewOf.length === 0 || !tables.has(view)) continue;
    const bases = view.viewOf.map((name) => index.table(name)).filter((t): t is IndexedTable => t !== undefined);
    const own = [...(nameHits.get(view) ?? [])].filter((term) => !bases.some((b) => nameHits.get(b)?.has(term)));
    if (own.length > 0) continue;
    tables.set(view, (tables.get(view) ?? 0) * REPEATING_VIEW_FACTOR);
    for (const [term, best] of bestByTerm) {
      if (best !== view) continue;
      const base = bases
        .filter((b) => (tables.get(b) ?? 0) > 0)
        .sort((a, b) => (tables.get(b) ?? 0) - (tables.get(a) ?? 0))[0];
      if (base === undefined) bestByTerm.delete(term);
      else bestByTerm.set(term, base);
    }
  }
}

/**
 * Ranks the catalog's tables and columns against a question and adds the tables needed to join the
 * relevant ones along foreign keys (declared or read from names). With `budgetTokens`, the rest of
 * the budget is spent the way a person would widen their view: a schema that fits is shown whole,
 * otherwise the tables next to the chosen ones (a link table, a lookup) come in by relevance until
 * the budget is spent. Pure and synchronous; the catalog's index is built on first use.
 */
export function linkSchema(catalog: Catalog, question: string, options: LinkOptions = {}): LinkedSchema {
  const index = indexCatalog(catalog);
  const scored = scoreSchema(index, question, options.synonyms);
  if (options.context) addContext(index, scored, question, options.context, options.synonyms);
  const score = (t: IndexedTable) => scored.tables.get(t) ?? 0;
  const chosen = chooseRelevant(scored, Math.max(1, options.maxTables ?? DEFAULT_MAX_TABLES));
  const { included, bridges } = connect(index, chosen);
  if (options.budgetTokens !== undefined && options.budgetTokens > 0) {
    fillToBudget(index, included, score, options.budgetTokens, options.maxTables ?? MAX_FILLED_TABLES);
  }
  const inSet = new Set(included);
  const joins: LinkedJoin[] = [];
  for (const t of included) {
    for (const step of index.graph.steps(t)) {
      if (step.forward && inSet.has(step.edge.to)) {
        joins.push({
          from: { table: t.qualifiedName, columns: [...step.edge.fromColumns] },
          to: { table: step.edge.to.qualifiedName, columns: [...step.edge.toColumns] },
        });
      }
    }
  }

  return {
    tables: included.map((t) => ({
      table: t.table,
      qualifiedName: t.qualifiedName,
      score: round(scored.tables.get(t) ?? 0),
      bridge: bridges.has(t),
      columns: rankColumns(t, scored.columns, options.maxColumns),
    })),
    joins,
    matchedValues: scored.values
      .filter((v) => inSet.has(v.column.table))
      .map((v) => ({
        table: v.column.table.qualifiedName,
        column: v.column.column.name,
        value: v.value,
        text: v.text,
      })),
  };
}

/** Every word keeps its best table, however weak next to a strongly matched value ("revenue" next
 * to "Electronics"); the remaining places go by score. Best first. */
function chooseRelevant(scored: ScoredSchema, maxTables: number): IndexedTable[] {
  const score = (t: IndexedTable) => scored.tables.get(t) ?? 0;
  const ranked = [...scored.tables].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || a[0].ordinal - b[0].ordinal);
  const top = ranked[0]?.[1] ?? 0;
  const seeds = [...new Set(scored.bestByTerm.values())].sort((a, b) => score(b) - score(a) || a.ordinal - b.ordinal);
  return [...new Set([...seeds, ...ranked.filter(([, s]) => s >= top * RELATIVE_CUTOFF).map(([t]) => t)])]
    .slice(0, maxTables)
    .sort((a, b) => score(b) - score(a) || a.ordinal - b.ordinal);
}

/**
 * Connects each chosen table to those before it by the shortest join path; the path's inner tables
 * are bridges. A table that cannot be connected stays, unjoined: it may still be what was asked.
 */
function connect(
  index: CatalogIndex,
  chosen: readonly IndexedTable[],
): { included: IndexedTable[]; bridges: Set<IndexedTable> } {
  const included: IndexedTable[] = [];
  const bridges = new Set<IndexedTable>();
  for (const t of chosen) {
    if (included.length > 0 && !included.includes(t)) {
      const path: JoinStep<IndexedTable>[] | undefined = index.graph.pathFrom(included, t);
      const inner = (path ?? []).map(stepTarget).filter((x) => x !== t && !included.includes(x));
      if (bridges.size + inner.length <= MAX_BRIDGES) {
        for (const b of inner) {
          bridges.add(b);
          included.push(b);
        }
      }
    }
    if (!included.includes(t)) included.push(t);
  }
  return { included, bridges };
}

/**
 * Prompt tokens a table costs, about as the LLM prompt writes it (a line per column with its type,
 * a clipped comment and a few samples). An estimate at ~4 characters a token: it only has to rank
 * "fits" against "does not fit".
 */
export function tableTokens(t: IndexedTable): number {
  const hit = tokenCache.get(t);
  if (hit !== undefined) return hit;
  const tokens = estimateTokens(t);
  tokenCache.set(t, tokens);
  return tokens;
}
const tokenCache = new WeakMap<IndexedTable, number>();

function estimateTokens(t: IndexedTable): number {
  let chars = 40 + t.qualifiedName.length + Math.min(t.table.comment?.length ?? 0, 160);
  for (const c of t.columns.slice(0, MAX_PROMPT_COLUMNS)) {
    const samples = (c.column.samples ?? []).slice(0, 6).reduce((n, v) => n + Math.min(v.length, 40) + 4, 0);
    chars += 12 + c.column.name.length + c.column.type.length + Math.min(c.column.comment?.length ?? 0, 160) + samples;
  }
  return Math.ceil(chars / 4);
}

/**
 * Spends what the budget leaves on the tables a question is likeliest to need next: a schema that
 * fits whole is shown whole; otherwise neighbours of the included tables, those next to the most
 * relevant ones first, while they fit. `included` is extended in place, in the order added.
 */
function fillToBudget(
  index: CatalogIndex,
  included: IndexedTable[],
  score: (t: IndexedTable) => number,
  budgetTokens: number,
  maxTables: number,
): void {
  const inSet = new Set(included);
  let used = included.reduce((n, t) => n + tableTokens(t), 0);
  const total = index.tables.reduce((n, t) => n + tableTokens(t), 0);
  if (total <= budgetTokens) {
    // Base tables before views: a view repeats what its tables already show.
    const isView = (t: IndexedTable) => (t.kind === "table" ? 0 : 1);
    const rest = index.tables
      .filter((t) => !inSet.has(t))
      .sort((a, b) => isView(a) - isView(b) || score(b) - score(a) || a.ordinal - b.ordinal);
    included.push(...rest.slice(0, Math.max(0, maxTables - included.length)));
    return;
  }
  for (;;) {
    if (included.length >= maxTables) return;
    // A neighbour's claim: its own relevance plus half that of the best included table beside it.
    const claims = new Map<IndexedTable, number>();
    included.forEach((t, rank) => {
      const via = score(t) + 1 / (rank + 2);
      for (const step of index.graph.steps(t)) {
        const n = stepTarget(step);
        if (inSet.has(n)) continue;
        claims.set(n, Math.max(claims.get(n) ?? 0, score(n) + via / 2));
      }
    });
    const next = [...claims]
      .filter(([t]) => used + tableTokens(t) <= budgetTokens)
      .sort((a, b) => b[1] - a[1] || a[0].ordinal - b[0].ordinal)[0]?.[0];
    if (next === undefined) return;
    included.push(next);
    inSet.add(next);
    used += tableTokens(next);
  }
}

function rankColumns(
  t: IndexedTable,
  scores: ReadonlyMap<IndexedColumn, number>,
  max: number | undefined,
): LinkedColumn[] {
  const ordered = [...t.columns].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || a.ordinal - b.ordinal);
  const kept = max === undefined ? ordered : ordered.filter((c, i) => i < max || c.isPrimaryKey || c.isForeignKey);
  return kept.map((c) => ({ column: c.column, score: round(scores.get(c) ?? 0) }));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
