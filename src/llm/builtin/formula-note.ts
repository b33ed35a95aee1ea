import type { IndexedColumn } from "../../linking";
import { matchColumns, type ResolveContext } from "./phrase";
import { describeExpr } from "./plan-support";
import type { Expr, LogicalQuery } from "./query";
import { tokenize } from "./tokens";

/**
 * "the top 3 categories by revenue (unit price times quantity, after discount)", "the revenue for
 * each genre, counting unit price times quantity on the invoice lines": the question spells out how
 * its measure is computed. The note is taken off the text before it is read (its words would
 * otherwise be read as filters and groupings) and checked against the finished query: the answer
 * stands only when its measure is that product of columns, with the discount taken off exactly when
 * the note says so. Any other measure is refused, naming both.
 */
export interface FormulaNote {
  text: string;
  factors: string[];
  discounted: boolean;
}

const IN_PARENTHESES = /\s*\(([^()]*\btimes\b[^()]*)\)/i;
const AFTER_LEAD_IN =
  /\s*,?\s*\b(?:counting|computed as|calculated as|defined as|measured as|taken as)\s+([^.?!;()]*\btimes\b[^.?!;()]*)/i;
const DISCOUNT = /\s*,?\s*\b(?:after|less|minus|net of)\s+(?:the\s+|any\s+)?discounts?\b/i;
const TIMES = /\btimes\b|\bmultiplied by\b|\*/i;

export function extractFormulaNote(text: string): { note?: FormulaNote; rest: string } {
  const m = IN_PARENTHESES.exec(text) ?? AFTER_LEAD_IN.exec(text);
  if (m === null) return { rest: text };
  const body = m[1] as string;
  const discounted = DISCOUNT.test(body);
  const factors = body
    .replace(DISCOUNT, "")
    .split(TIMES)
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  if (factors.length < 2) return { rest: text };
  const rest = `${text.slice(0, m.index)}${text.slice(m.index + m[0].length)}`;
  return { note: { text: body.trim(), factors, discounted }, rest };
}

/** The columns a product multiplies, and whether it takes a discount off (`1 - discount`). */
function productParts(e: Expr): { columns: IndexedColumn[]; discounted: boolean } | undefined {
  if (e.kind !== "product") return undefined;
  const columns: IndexedColumn[] = [];
  let discounted = false;
  for (const f of e.factors) {
    if (f.kind === "column") columns.push(f.column);
    else if (f.kind === "oneMinus") discounted = true;
    else return undefined;
  }
  return { columns, discounted };
}

/** Checks the query's measure against the note; returns why it does not match, or undefined. */
export function checkFormulaNote(ctx: ResolveContext, q: LogicalQuery, note: FormulaNote): string | undefined {
  const measures = q.select.flatMap((s) => (s.expr.kind === "agg" && s.expr.arg !== undefined ? [s.expr.arg] : []));
  const [measure, ...others] = measures;
  const refuse = (found: string) => `the formula "${note.text}" is not the measure found (${found})`;
  if (measure === undefined || others.length > 0) return refuse(measures.map(describeExpr).join(", ") || "none");
  const parts = productParts(measure);
  if (parts === undefined || parts.discounted !== note.discounted || parts.columns.length !== note.factors.length)
    return refuse(describeExpr(measure));
  const left = new Set(parts.columns);
  for (const factor of note.factors) {
    const named = matchColumns(ctx, tokenize(factor)).find((m) => left.has(m.column));
    if (named === undefined) return refuse(describeExpr(measure));
    left.delete(named.column);
  }
  return undefined;
}
