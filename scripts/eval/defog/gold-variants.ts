/**
 * sql-eval's gold conventions, expanded into plain queries:
 *  - several acceptable gold queries are separated by `;`;
 *  - `{a.x, a.y}` in a SELECT list means "any non-empty subset of these columns", and `GROUP BY {}`
 *    (an empty pair of braces anywhere) is rewritten to the columns chosen.
 * A prediction matches when it matches any variant.
 */

/** Bounds the expansion: k columns in braces give 2^k - 1 subsets per query. */
const MAX_VARIANTS = 64;

export function goldVariants(gold: string): string[] {
  const out: string[] = [];
  for (const query of splitStatements(gold)) {
    for (const v of expandBraces(query)) if (out.length < MAX_VARIANTS && !out.includes(v)) out.push(v);
  }
  return out;
}

/** `;`-separated statements, ignoring semicolons inside quoted strings. */
export function splitStatements(sql: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ";") {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Every combination of non-empty subsets of the brace groups; `{}` takes the chosen columns. */
export function expandBraces(query: string): string[] {
  const groups = [...query.matchAll(/\{([^{}]*)\}/g)].filter((m) => (m[1] ?? "").trim() !== "");
  if (groups.length === 0) return [query];
  const choices = groups.map((m) =>
    subsets(
      (m[1] as string)
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  );
  const variants: string[] = [];
  const pick = (g: number, chosen: string[][]): void => {
    if (variants.length >= MAX_VARIANTS) return;
    if (g === choices.length) {
      let i = 0;
      const filled = query.replace(/\{([^{}]*)\}/g, (_, inner: string) =>
        inner.trim() === "" ? chosen.flat().join(", ") : (chosen[i++] as string[]).join(", "),
      );
      variants.push(filled);
      return;
    }
    for (const s of choices[g] as string[][]) pick(g + 1, [...chosen, s]);
  };
  pick(0, []);
  return variants;
}

/** Non-empty subsets, smallest first (single columns are the likeliest matches). */
function subsets(items: string[]): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) all.push(items.filter((_, i) => mask & (1 << i)));
  return all.sort((a, b) => a.length - b.length);
}
