import type { IndexedColumn, IndexedTable } from "../../linking";
import { type QuestionParts, qualified, rankDateColumns } from "./assemble";
import { measureCandidates } from "./measures";
import type { ResolveContext } from "./phrase";
import type { PlanResult } from "./plan-support";
import type { Expr, LogicalQuery } from "./query";

/**
 * Two columns that fit a question equally well (issue 16): two dates of the same rows ("rentals in
 * 2024": picked up or returned?) or two amounts ("total cost": shipping or insurance?). The ranking
 * rules take the first in catalog order, which is a coin toss; in a conversation the generator asks
 * instead (conversations/clarification.ts turns the refusal into options).
 *
 * Only true ties count, so nothing answered well today is asked about: both columns on the same
 * table, equal in every rule of the ranking, no question word naming either, and no comment that
 * prefers the one chosen (the table's comment naming it alone, or a question word in its comment only).
 */
export interface Tie {
  kind: "date range" | "date grouping" | "amount";
  /** The question's words the columns compete for: "in 2024", "month", "cost". */
  words: string;
  /** The tied columns, the one the rules would have picked first. */
  columns: IndexedColumn[];
}

// Values are sums of a few constants: anything closer than this is the same value.
const EPSILON = 1e-9;
const MAX_TIED = 4;

export function findTie(ctx: ResolveContext, parts: QuestionParts, plan: PlanResult): Tie | undefined {
  if (!plan.ok) return undefined;
  return dateTie(ctx, parts, plan.query, plan.tables.slice(1)) ?? amountTie(ctx, parts, plan.query);
}

/** The refusal that carries a tie; clarification.ts reads it back (keep the two in step). */
export function tieReason(tie: Tie): string {
  const names = tie.columns.map(qualified);
  const what =
    tie.kind === "date range"
      ? `which date "${tie.words}" refers to`
      : tie.kind === "date grouping"
        ? `which date to group by "${tie.words}"`
        : `which number "${tie.words}" means`;
  return `could not tell ${what}: ${names.join(" and ")} fit it equally (tied: ${names.join(", ")})`;
}

/** The date column a query filters or buckets by at its top level. */
function queryDate(q: LogicalQuery): IndexedColumn | undefined {
  for (const p of q.where) if (p.kind === "dateRange" && p.left.kind === "column") return p.left.column;
  for (const s of q.select) if (s.expr.kind === "bucket") return s.expr.column;
  return undefined;
}

function dateTie(
  ctx: ResolveContext,
  parts: QuestionParts,
  q: LogicalQuery,
  preferred: readonly IndexedTable[],
): Tie | undefined {
  const chosen = queryDate(q);
  if (chosen === undefined) return undefined;
  const ranked = rankDateColumns(ctx, q.root, parts, preferred);
  const first = ranked[0];
  // The rules picked something else (a year column, a date met through a relation): not ours to question.
  if (first === undefined || first.column !== chosen || first.used.length > 0) return undefined;
  const tied = ranked
    .filter((r) => r.column.table === chosen.table && Math.abs(r.value - first.value) < EPSILON && r.used.length === 0)
    .map((r) => r.column);
  if (!trulyTied(parts, tied)) return undefined;
  const range = parts.range;
  return range !== undefined
    ? { kind: "date range", words: range.text, columns: tied.slice(0, MAX_TIED) }
    : { kind: "date grouping", words: parts.intent.bucket ?? "date", columns: tied.slice(0, MAX_TIED) };
}

/** The one column the query aggregates at its top level (SUM(x), AVG(x)), if exactly one. */
function queryAmount(q: LogicalQuery): IndexedColumn | undefined {
  const columns = q.select
    .map((s) => s.expr)
    .filter((e): e is Extract<Expr, { kind: "agg" }> => e.kind === "agg" && e.arg?.kind === "column")
    .map((e) => (e.arg as Extract<Expr, { kind: "column" }>).column);
  return columns.length === 1 ? columns[0] : undefined;
}

function amountTie(ctx: ResolveContext, parts: QuestionParts, q: LogicalQuery): Tie | undefined {
  const chosen = queryAmount(q);
  if (chosen === undefined) return undefined;
  const phrase = parts.intent.measure.length > 0 ? parts.intent.measure : parts.intent.subject;
  const candidates = measureCandidates(ctx, phrase);
  const pick = candidates.find((m) => m.expr.kind === "column" && m.expr.column === chosen);
  if (pick === undefined || pick.used.length === 0) return undefined;
  const usedStems = pick.used.map((t) => t.stem).join(" ");
  const tied = candidates
    .filter(
      (m) =>
        m.expr.kind === "column" &&
        m.table === pick.table &&
        Math.abs(m.score - pick.score) < EPSILON &&
        m.used.map((t) => t.stem).join(" ") === usedStems,
    )
    .map((m) => (m.expr as Extract<Expr, { kind: "column" }>).column)
    // The chosen one first, as trulyTied expects.
    .sort((a, b) => Number(b === chosen) - Number(a === chosen));
  if (!trulyTied(parts, tied)) return undefined;
  return { kind: "amount", words: pick.used.map((t) => t.text).join(" "), columns: tied.slice(0, MAX_TIED) };
}

/**
 * Two or more columns, the first the one the rules chose, and no comment preferring that one. A
 * comment preferring another ("delivered_at: when the parcel arrived" for "parcels arrived in 2024")
 * leaves the tie standing: the rules would answer against it, so asking is the honest reading.
 */
function trulyTied(parts: QuestionParts, columns: IndexedColumn[]): boolean {
  const chosen = columns[0];
  if (chosen === undefined || columns.length < 2) return false;
  // "Rentals are reported by pickup_date": the table's comment names the one meant.
  const commentNames = new Set((chosen.table.table.comment ?? "").toLowerCase().match(/[\p{L}\p{N}_$]+/gu) ?? []);
  const namedInComment = columns.filter((c) => commentNames.has(c.column.name.toLowerCase()));
  if (namedInComment.length === 1 && namedInComment[0] === chosen) return false;
  const words = new Set(parts.tokens.filter((t) => t.kind === "word").map((t) => t.stem));
  const commentHits = columns.map((c) => c.commentStems.filter((s) => words.has(s)).length);
  const best = Math.max(...commentHits);
  const preferred = columns.filter((_, i) => commentHits[i] === best);
  return !(best > 0 && preferred.length === 1 && preferred[0] === chosen);
}
