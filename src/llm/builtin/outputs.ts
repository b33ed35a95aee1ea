import type { IndexedColumn, IndexedTable } from "../../linking";
import { CUES, FILLERS } from "./lexicon";
import { matchColumns, type ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Output columns the question lists: "the title and rating of all the books" asks for both
 * columns, not the first alone (the second would otherwise be dropped whenever a filter happens to
 * read it).
 */

export interface ListedColumn {
  column: IndexedColumn;
  used: Token[];
}

/**
 * The columns named by phrases joined with "and" right after the list's first column: "title and
 * pages of books" -> books.pages; "title and rating" -> books.rating. Each phrase must name a
 * column of the listed table with all its words; the list stops at the first phrase that does not.
 */
export function listedColumns(
  ctx: ResolveContext,
  tokens: readonly Token[],
  first: readonly Token[],
  table: IndexedTable,
): ListedColumn[] {
  const out: ListedColumn[] = [];
  let k = Math.max(...first.map((t) => t.i)) + 1;
  while (tokens[k]?.text === "and") {
    const phrase: Token[] = [];
    let j = k + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.kind !== "word" || (CUES.has(t.text) && CUES.get(t.text)?.kind !== "agg")) break;
      if (!FILLERS.has(t.text)) phrase.push(t);
    }
    if (phrase.length === 0) break;
    const match = matchColumns(ctx, phrase, (c) => c.table === table && !c.isKey).find(
      (m) => m.used.length === phrase.length,
    );
    if (match === undefined) break;
    out.push({ column: match.column, used: match.used });
    k = j;
  }
  return [...out, ...possessiveColumns(ctx, tokens, table, out)];
}

/**
 * "Get the books in the History genre and their pages": "and their X" (or "its X") anywhere
 * names another column of the listed rows.
 */
function possessiveColumns(
  ctx: ResolveContext,
  tokens: readonly Token[],
  table: IndexedTable,
  found: readonly ListedColumn[],
): ListedColumn[] {
  const out: ListedColumn[] = [];
  for (const t of tokens) {
    if (t.text !== "and" || !/^(their|its)$/.test(tokens[t.i + 1]?.text ?? "")) continue;
    const phrase: Token[] = [];
    for (let j = t.i + 2; j < tokens.length; j++) {
      const w = tokens[j] as Token;
      if (w.kind !== "word" || (CUES.has(w.text) && CUES.get(w.text)?.kind !== "agg")) break;
      if (!FILLERS.has(w.text)) phrase.push(w);
    }
    if (phrase.length === 0) continue;
    const match = matchColumns(ctx, phrase, (c) => c.table === table && !c.isKey).find(
      (m) => m.used.length === phrase.length,
    );
    if (match !== undefined && !found.some((f) => f.column === match.column))
      out.push({ column: match.column, used: match.used });
  }
  return out;
}
