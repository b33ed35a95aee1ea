import {
  type CatalogIndex,
  type IndexedColumn,
  type IndexedTable,
  type Posting,
  STOPWORDS,
  SYNONYM_FACTOR,
  type SynonymMap,
  synonymsOf,
} from "../../linking";
import type { Token } from "./tokens";

/**
 * Matching a phrase of question words against table and column names. Scores favour exact words over
 * synonyms, names over comments, and names fully covered by the phrase ("unit price" -> unit_price
 * rather than price_list_id), so the best candidate is the one a reader would pick.
 */

export interface ResolveContext {
  index: CatalogIndex;
  synonyms: SynonymMap;
  /** Tables schema linking found relevant to the whole question: a tie-breaker in big catalogs. */
  linked: ReadonlySet<IndexedTable>;
  /** `linked` plus the tables one foreign key away: where candidates are looked for first. */
  near: ReadonlySet<IndexedTable>;
}

export interface TableMatch {
  table: IndexedTable;
  score: number;
  used: Token[];
  /** Share of the table's name words the phrase covers. */
  coverage: number;
  /** Every used word is the table's own word, not a synonym. */
  exact: boolean;
}

export interface ColumnMatch {
  column: IndexedColumn;
  score: number;
  used: Token[];
}

/**
 * Candidates in tables schema linking chose, when there are any. In a catalog of hundreds of tables
 * many have an `amount` or a `status`; the ones the whole question points at are the right ones.
 */
export function preferLinked<T>(ctx: ResolveContext, items: T[], tableOf: (item: T) => IndexedTable): T[] {
  const linked = items.filter((i) => ctx.near.has(tableOf(i)));
  return linked.length > 0 ? linked : items;
}

/** 1 for the same stem, SYNONYM_FACTOR for a synonym, 0 otherwise. */
export function termWeight(ctx: ResolveContext, q: string, targets: readonly string[]): number {
  if (targets.includes(q)) return 1;
  const syn = synonymsOf(q, ctx.synonyms);
  return targets.some((t) => syn.includes(t)) ? SYNONYM_FACTOR : 0;
}

/**
 * Verbs of asking are stop words in a question ("return the names") but words in a name: a
 * return_date is not just a date, a list_price not just a price.
 */
const ASKING_VERBS = new Set(["show", "list", "give", "tell", "find", "get", "display", "return", "see", "let"]);

/** Stems worth matching in a name: "created_at" is about "created", not "at". */
const meaningful = (stems: readonly string[]): string[] => {
  const kept = stems.filter((s) => !STOPWORDS.has(s) || ASKING_VERBS.has(s));
  return kept.length > 0 ? kept : [...stems];
};

/** Candidate objects for a phrase, from the inverted index (the phrase words and their synonyms). */
function postingsFor(ctx: ResolveContext, tokens: readonly Token[]): Posting[] {
  const seen = new Set<string>();
  const out: Posting[] = [];
  for (const t of tokens) {
    for (const s of [t.stem, ...synonymsOf(t.stem, ctx.synonyms)]) {
      if (seen.has(s)) continue;
      seen.add(s);
      out.push(...(ctx.index.terms.get(s) ?? []));
    }
  }
  return out;
}

export function matchTables(ctx: ResolveContext, tokens: readonly Token[]): TableMatch[] {
  const candidates = new Set(
    postingsFor(ctx, tokens)
      .filter((p) => p.field === "tableName")
      .map((p) => p.table),
  );
  const out: TableMatch[] = [];
  for (const table of candidates) {
    const names = meaningful(table.nameStems);
    const used = tokens.filter((t) => termWeight(ctx, t.stem, names) > 0);
    if (used.length === 0) continue;
    const sum = used.reduce((s, t) => s + termWeight(ctx, t.stem, names), 0);
    const covered = names.filter((n) => tokens.some((t) => termWeight(ctx, t.stem, [n]) > 0)).length;
    const coverage = covered / names.length;
    const score = sum * (0.5 + 0.5 * coverage) + (ctx.linked.has(table) ? 0.1 : 0);
    out.push({ table, score, used, coverage, exact: sum === used.length });
  }
  return preferLinked(ctx, out, (m) => m.table).sort((a, b) => b.score - a.score || a.table.ordinal - b.table.ordinal);
}

/**
 * Columns named by a phrase. Each word counts once, by its best evidence: the column's name, its
 * table's name (a qualifier: "customer segment"), or its comment. A column must be named by at
 * least one word; comments alone are too weak.
 */
export function matchColumns(
  ctx: ResolveContext,
  tokens: readonly Token[],
  accept: (c: IndexedColumn) => boolean = () => true,
): ColumnMatch[] {
  const postings = postingsFor(ctx, tokens);
  const candidates = new Set<IndexedColumn>();
  for (const p of postings)
    if (p.column !== undefined && p.field === "columnName" && accept(p.column)) candidates.add(p.column);
  const out: ColumnMatch[] = [];
  for (const column of candidates) {
    const names = meaningful(column.nameStems);
    const tableNames = meaningful(column.table.nameStems);
    let sum = 0;
    let nameHits = 0;
    const used: Token[] = [];
    for (const t of tokens) {
      const byName = termWeight(ctx, t.stem, names);
      const best = Math.max(
        byName,
        0.6 * termWeight(ctx, t.stem, tableNames),
        0.3 * termWeight(ctx, t.stem, column.commentStems),
      );
      if (byName > 0) nameHits++;
      if (best > 0) {
        sum += best;
        used.push(t);
      }
    }
    if (nameHits === 0) continue;
    const precision = names.filter((n) => tokens.some((t) => termWeight(ctx, t.stem, [n]) > 0)).length / names.length;
    const score = sum + 0.5 * precision + 0.1 * nameHits + (ctx.linked.has(column.table) ? 0.1 : 0);
    out.push({ column, score, used });
  }
  return preferLinked(ctx, out, (m) => m.column.table).sort(
    (a, b) =>
      b.score - a.score || a.column.table.ordinal - b.column.table.ordinal || a.column.ordinal - b.column.ordinal,
  );
}

/**
 * "sorted by total": the columns the words name best (invoices.total over a billing_city whose
 * synonyms reach "total"); ties are all kept, so an ambiguous phrase still names several.
 */
export function bestMatches<T extends { score: number }>(matches: readonly T[]): T[] {
  const top = Math.max(...matches.map((m) => m.score));
  return matches.filter((m) => m.score === top);
}

/** True when some word of `tokens` names the table (its name, exactly or by synonym). */
export function mentionsTable(ctx: ResolveContext, tokens: readonly Token[], table: IndexedTable): boolean {
  const names = meaningful(table.nameStems);
  return tokens.some((t) => termWeight(ctx, t.stem, names) > 0);
}

/** A word is "explained" when it names or describes something in the tables the query touches. */
export function explains(ctx: ResolveContext, token: Token, tables: Iterable<IndexedTable>, comments = true): boolean {
  for (const t of tables) {
    if (termWeight(ctx, token.stem, t.nameStems) > 0 || (comments && termWeight(ctx, token.stem, t.commentStems) > 0))
      return true;
    for (const c of t.columns) {
      if (termWeight(ctx, token.stem, c.nameStems) > 0 || (comments && termWeight(ctx, token.stem, c.commentStems) > 0))
        return true;
    }
  }
  return false;
}

/** "product categories" -> "product_category": output names read as one row's label. */
export function aliasFrom(tokens: readonly Token[], singularise = true): string {
  const parts = tokens.map((t) => (singularise ? singular(t.text) : t.text)).filter((w) => /^[a-z]/.test(w));
  return parts
    .join("_")
    .replace(/[^a-z0-9_]/g, "")
    .slice(0, 48);
}

export function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(x|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

export const isPlural = (word: string): boolean => singular(word) !== word;
