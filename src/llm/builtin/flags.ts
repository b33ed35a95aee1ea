import type { IndexedColumn } from "../../linking";
import { stem } from "../../linking/text";
import type { ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Boolean columns named by the question's words: "books with an audio guide" (has_audio_guide),
 * "courses with a final project or exam" (has_final_project OR has_final_exam).
 */

/** Name words a flag's column may carry before what it flags: has_, is_, can_. */
const FLAG_PREFIX = new Set(["has", "have", "is", "can", "allow"].map(stem));

const ARTICLES = new Set(["a", "an", "the", "any"]);

/** What a boolean column flags: its name's words after has_, is_, can_ ("final exam" of has_final_exam). */
export function flagStems(c: IndexedColumn): string[] {
  return c.nameStems.filter((s) => !FLAG_PREFIX.has(s));
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
