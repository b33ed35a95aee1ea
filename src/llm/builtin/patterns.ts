import type { IndexedColumn } from "../../linking";
import { FILLERS } from "./lexicon";
import { matchColumns, matchTables, type ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Quoted text matched as part of a value: "imprints whose names start with the letter 'N'", "emails
 * ending with '@example.org'", "the venue with 'Hall' in its name". The frame is read from the words
 * around the literal (pure), the column from the words before it (the catalog), and the filter is a
 * case-insensitive LIKE.
 */

export type PatternKind = "prefix" | "suffix" | "contains";

export interface PatternFrame {
  kind: PatternKind;
  /** The frame's own words ("start with the letter", "in its name"). */
  frame: Token[];
  /** Words naming the column (and maybe its table): "imprints names", "vets email". */
  nameWords: Token[];
}

const STARTS = new Set(["start", "starts", "starting", "begin", "begins", "beginning"]);
const ENDS = new Set(["end", "ends", "ending"]);
const CONTAINS = new Set(["contain", "contains", "containing"]);
/** "the letter 'J'", "the word 'Lake'": what the literal is, said before it. */
const LITERAL_NOUNS = new Set([
  "letter",
  "letters",
  "word",
  "words",
  "string",
  "text",
  "characters",
  "prefix",
  "suffix",
]);
const POSSESSIVES = new Set(["its", "their", "the"]);
const word = (t: Token | undefined, set: ReadonlySet<string>): t is Token => t?.kind === "word" && set.has(t.text);

/** The frame around the quoted literal at `at`, if it asks for part of a value. */
export function patternFrame(tokens: readonly Token[], at: number): PatternFrame | undefined {
  let k = at - 1;
  const frame: Token[] = [];
  const take = () => frame.unshift(tokens[k--] as Token);
  if (word(tokens[k], LITERAL_NOUNS)) {
    take();
    if (tokens[k]?.text === "the") take();
  }
  let kind: PatternKind | undefined;
  if (tokens[k]?.text === "with" && word(tokens[k - 1], STARTS)) kind = "prefix";
  else if (tokens[k]?.text === "with" && word(tokens[k - 1], ENDS)) kind = "suffix";
  if (kind !== undefined) {
    take();
    take();
  } else if (word(tokens[k], CONTAINS)) {
    kind = "contains";
    take();
  }
  if (kind !== undefined) return { kind, frame, nameWords: wordsBefore(tokens, k) };
  // "the imprint with 'Press' in its name": the column is named after the literal.
  const after = tokens[at + 1];
  const owner = tokens[at + 2];
  const noun = POSSESSIVES.has(owner?.text ?? "") ? tokens[at + 3] : owner;
  if (tokens[at - 1]?.text !== "with" || after?.text !== "in" || noun?.kind !== "word") return undefined;
  const tail = tokens.slice(at + 1, noun.i + 1);
  return {
    kind: "contains",
    frame: [tokens[at - 1] as Token, ...tail.filter((t) => t !== noun)],
    nameWords: [...wordsBefore(tokens, at - 2), noun],
  };
}

/** Up to three content words ending at `k`, through relative words: "lakes have a name that" -> lakes, name. */
function wordsBefore(tokens: readonly Token[], k: number): Token[] {
  const out: Token[] = [];
  for (let i = k; i >= 0 && out.length < 3; i--) {
    const t = tokens[i] as Token;
    if (t.kind !== "word") break;
    if (FILLERS.has(t.text) || t.text === "whose" || t.text === "with") continue;
    out.unshift(t);
  }
  return out;
}

/**
 * The text column the name words mean: a column they name on the table they name ("imprints whose
 * names": imprint's name column, or its label when "name" is all that is said), else the one text
 * column they name anywhere. Undefined when that is not one column.
 */
export function patternColumn(
  ctx: ResolveContext,
  nameWords: readonly Token[],
): { column: IndexedColumn; used: Token[] } | undefined {
  const text = (c: IndexedColumn) => c.kind === "text";
  for (let i = nameWords.length - 2; i >= 0; i--) {
    const table = matchTables(ctx, [nameWords[i] as Token]).find((m) => m.coverage === 1)?.table;
    if (table === undefined) continue;
    const rest = nameWords.slice(i + 1);
    const named = matchColumns(ctx, rest, (c) => text(c) && c.table === table).find(
      (m) => m.used.length === rest.length,
    );
    if (named !== undefined) return { column: named.column, used: rest };
    const label = table.label;
    return label !== undefined && text(label) && rest.every((t) => /^(name|names|title|titles)$/.test(t.text))
      ? { column: label, used: rest }
      : undefined;
  }
  const named = matchColumns(ctx, nameWords, text).filter((m) => m.used.length === nameWords.length);
  return named.length === 1 && named[0] !== undefined ? { column: named[0].column, used: [...nameWords] } : undefined;
}

/** `value` as a LIKE pattern of `kind`, its own % _ and \ escaped. */
export function likePattern(kind: PatternKind, value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return kind === "prefix" ? `${escaped}%` : kind === "suffix" ? `%${escaped}` : `%${escaped}%`;
}
