import { type IndexedColumn, placeCode, type ValuePosting, valueKey, words } from "../../linking";
import type { ValueHit } from "./assemble";
import { matchColumns, matchTables, type ResolveContext } from "./phrase";
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
  return hit.every(
    (t) =>
      t.kind === "word" &&
      (matchTables(ctx, [t]).some((m) => m.coverage === 1 && m.exact) ||
        postings.every((p) => p.column.nameStems.includes(t.stem))),
  );
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
