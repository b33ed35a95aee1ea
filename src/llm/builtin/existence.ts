import type { IndexedTable } from "../../linking";
import { perfectObjectAt } from "./clauses";
import { CUES, FILLERS, LINKING_VERBS, RELATION_VERBS } from "./lexicon";
import { explains, matchTables, type ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Existence clauses: a verb whose object names a table ("vets that have performed visits", "Which
 * carriers offer trips") only says that related rows exist, and a verb before the table it acts on
 * ("never opened a ticket") is not the status value it resembles.
 */

/** Which tokens name a table on their own ("ticket", "orders"): what a negation can deny. */
export function tableNouns(ctx: ResolveContext, tokens: readonly Token[]): (i: number) => boolean {
  const nouns = new Set(
    tokens.filter((t) => t.kind === "word" && matchTables(ctx, [t]).some((m) => m.coverage === 1)).map((t) => t.i),
  );
  return (i) => nouns.has(i);
}

/**
 * Whether the token at `at` ends a phrase naming a table in full (one `accept` takes): "jobs" in
 * "print jobs" beside print_jobs, as well as "orders" alone.
 */
export function endsTableName(
  ctx: ResolveContext,
  tokens: readonly Token[],
  at: number,
  accept: (table: IndexedTable) => boolean = () => true,
): boolean {
  const t = tokens[at];
  if (t?.kind !== "word") return false;
  const phrase = tokens.slice(Math.max(0, at - 2), at + 1).filter((x) => x.kind === "word");
  return matchTables(ctx, phrase).some((m) => m.coverage === 1 && m.used.includes(t) && accept(m.table));
}

/**
 * "vets that have performed visits", "imprints who have not released any titles": a participle
 * after a perfect auxiliary, whose object names a table, only says that related rows exist — unless
 * the verb itself names a table or column ("users who have rated films" beside a rating column
 * is about that column).
 */
export function existenceVerbs(
  ctx: ResolveContext,
  tokens: readonly Token[],
  namesTable: (i: number) => boolean,
  isValue: (i: number) => boolean,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of tokens) {
    const object = perfectObjectAt(tokens, t.i, isValue) ?? presentObjectAt(tokens, t.i, namesTable, isValue);
    if (object === undefined || !namesTable(object) || namesTable(t.i)) continue;
    if (explains(ctx, t, ctx.index.tables, false)) continue;
    if (!LINKING_VERBS.has(t.stem) && !commentUses(ctx, t, tokens[object] as Token)) continue;
    out.set(t.i, object);
  }
  return out;
}

/** A comment of the table the object names, or of one of its columns, uses the verb ("the vet who signed the visit"). */
export function commentUses(ctx: ResolveContext, verb: Token, object: Token): boolean {
  return matchTables(ctx, [object])
    .filter((m) => m.coverage === 1)
    .some(
      (m) =>
        m.table.commentStems.includes(verb.stem) || m.table.columns.some((c) => c.commentStems.includes(verb.stem)),
    );
}

/**
 * "Which carriers offer trips", "stores that sell bikes": a verb between two table nouns, its
 * subject right before it and its object right after (through determiners and values), says the
 * subject's rows have related rows of the object's table. Returns the object's index.
 */
export function presentObjectAt(
  tokens: readonly Token[],
  at: number,
  namesTable: (i: number) => boolean,
  isValue: (i: number) => boolean,
): number | undefined {
  const verb = tokens[at];
  if (verb?.kind !== "word" || FILLERS.has(verb.text) || CUES.has(verb.text) || isValue(at)) return undefined;
  const subject = tokens[at - 1];
  const opener = subject?.text === "that" || subject?.text === "who" ? tokens[at - 2] : subject;
  if (opener?.kind !== "word" || !namesTable(opener.i)) return undefined;
  let j = at + 1;
  while (tokens[j]?.kind === "word" && DETERMINERS.has((tokens[j] as Token).text)) j++;
  while (j < tokens.length && isValue(j)) j++;
  return tokens[j]?.kind === "word" && namesTable(j) ? j : undefined;
}

/** Words that open a noun phrase: after one, the word before was a verb taking an object. */
const DETERMINERS = new Set(["a", "an", "any", "the", "some", "one"]);

/**
 * "never opened a ticket", "did not open a ticket": a verb followed by the table it acts on is not the
 * status value it resembles ('open'). A word spelled like the value is a verb only before a
 * determiner: "open tickets" are tickets in the state 'open'.
 */
export function isRelationVerb(
  tokens: readonly Token[],
  at: number,
  stemmed: boolean,
  namesTable: (i: number) => boolean,
): boolean {
  if (!RELATION_VERBS.has(tokens[at]?.text ?? "")) return false;
  let j = at + 1;
  let determined = false;
  for (; tokens[j]?.kind === "word" && FILLERS.has((tokens[j] as Token).text); j++)
    determined ||= DETERMINERS.has((tokens[j] as Token).text);
  return (stemmed || determined) && namesTable(j);
}
