import type { IndexedColumn } from "../../linking";
import { stem } from "../../linking/text";
import type { ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Boolean columns named by the question's words: "books with an audio guide" (has_audio_guide),
 * "courses with a final project or exam" (has_final_project OR has_final_exam).
 */

/**
 * Name words a flag's column may carry around what it flags: has_, is_, can_ before it, _flg, _flag,
 * _yn, _ind (indicator) after it, as legacy schemas write them (irrigated_flg, on_display_flag).
 */
const FLAG_PREFIXES = new Set(["has", "have", "is", "can", "allow"].map(stem));
const FLAG_MARKERS = new Set([...FLAG_PREFIXES, ...["flg", "flag", "yn", "ind"].map(stem)]);

const ARTICLES = new Set(["a", "an", "the", "any"]);

/**
 * What a boolean column flags: its name's words but the markers ("audio guide" of has_audio_guide,
 * "fraud" of fraud_flag); a flag named by the marker alone (is_flagged) flags that.
 */
export function flagStems(c: IndexedColumn): string[] {
  const flagged = c.nameStems.filter((s) => !FLAG_MARKERS.has(s));
  return flagged.length > 0 ? flagged : c.nameStems.filter((s) => !FLAG_PREFIXES.has(s));
}

function flagsSpelled(ctx: ResolveContext, words: readonly Token[]): IndexedColumn[] {
  if (words.length === 0 || words.some((w) => w.kind !== "word")) return [];
  const spelled = words.map((w) => w.stem).join(" ");
  return ctx.index.tables
    .flatMap((x) => x.columns)
    .filter((c) => c.kind === "boolean" && flagStems(c).join(" ") === spelled);
}

/** The flag the words spell whole, nearest the linked tables first. */
export function flagNamed(ctx: ResolveContext, words: readonly Token[]): IndexedColumn | undefined {
  const flags = flagsSpelled(ctx, words);
  return flags.find((c) => ctx.near.has(c.table)) ?? flags[0];
}

/**
 * "books with an audio guide": the two words spell a boolean column whole (has_audio_guide),
 * so the one-word look-alike (has_projects) is not meant. Returned wherever it is in the catalog.
 */
export function twoWordFlag(ctx: ResolveContext, tokens: readonly Token[], t: Token): IndexedColumn | undefined {
  const prev = tokens[t.i - 1];
  return prev?.kind === "word" ? flagNamed(ctx, [prev, t]) : undefined;
}

export interface FlagAlternative {
  columns: [IndexedColumn, IndexedColumn];
  /** The words of both phrases, the "or" and any article after it. */
  span: Token[];
}

/**
 * "a final project or exam", "refundable or discounted": an "or" between two phrases that each
 * name a boolean column of one table. The second may leave out a word the first said ("final
 * project or exam" is "final project or final exam").
 */
export function flagAlternative(ctx: ResolveContext, tokens: readonly Token[], or: Token): FlagAlternative | undefined {
  if (or.text !== "or") return undefined;
  const leftOptions = [tokens.slice(Math.max(0, or.i - 2), or.i), tokens.slice(or.i - 1, or.i)];
  let r = or.i + 1;
  while (ARTICLES.has(tokens[r]?.text ?? "")) r++;
  for (const left of leftOptions) {
    const a = flagNamed(ctx, left);
    if (a === undefined) continue;
    const rightOptions: Token[][] = [tokens.slice(r, r + 2), tokens.slice(r, r + 1)];
    if (left.length === 2) rightOptions.push([left[0] as Token, ...tokens.slice(r, r + 1)]);
    for (const right of rightOptions) {
      const b = flagNamed(ctx, right);
      if (b === undefined || b === a || b.table !== a.table) continue;
      const said = right.filter((t) => t.i > or.i);
      return { columns: [a, b], span: [...left, ...tokens.slice(or.i, r), ...said] };
    }
  }
  return undefined;
}
