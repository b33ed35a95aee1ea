/**
 * Execution accuracy: does the service's result set hold the gold result set? Rules (also in
 * scripts/eval/README.md):
 *  - column names are ignored; rows are compared as tuples of values;
 *  - each gold column must be matched by a distinct predicted column (any order); extra predicted
 *    columns are allowed (the subset leniency of Spider/BIRD-style execution accuracy), missing ones not;
 *  - rows are compared as multisets (same rows, same multiplicities), or as sequences when `ordered`;
 *  - values are normalised first: numeric strings become numbers (Postgres numerics too long for a
 *    double arrive as text), a date or a timestamp at midnight (UTC) becomes `YYYY-MM-DD`, other
 *    timestamps a canonical ISO string;
 *  - two integers must be equal; other numbers are equal when, after rounding both to 2 decimals,
 *    they differ by at most `abs` or by at most `rel` of the larger magnitude (so a sum of rounded
 *    order totals equals the rounded sum of the same order lines).
 */

export type Cell = string | number | boolean | null;

export interface Tolerance {
  abs: number;
  rel: number;
}

/**
 * rel: on the demo data the sum of all order totals and the rounded sum of their lines differ by
 * 8.06 in 15.7 M (5e-7), a month by at most 8e-7, small groups by a cent or two (the abs part).
 * 1e-5 leaves room for that and still tells 59,999 from 60,000.
 */
export const DEFAULT_TOLERANCE: Tolerance = { abs: 0.01, rel: 1e-5 };

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function normalizeValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return JSON.stringify(value);
  const s = value.trim();
  if (NUMERIC.test(s)) return Number(s);
  if (DATE_ONLY.test(s)) return s;
  const ts = TIMESTAMP.exec(s);
  if (ts) {
    // A zone-less timestamp is read as UTC: the service and the gold runner both use TimeZone UTC.
    const zone = ts[5] ? ts[5].replace(/^([+-]\d{2})$/, "$1:00").replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") : "Z";
    const d = new Date(`${ts[1]}T${ts[2]}${zone}`);
    if (!Number.isNaN(d.getTime())) {
      const iso = d.toISOString();
      return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
    }
  }
  return value;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function valuesEqual(a: Cell, b: Cell, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return true;
    // Two integers are counts or ids: no relative slack, which would let big counts be off by one.
    if (Number.isInteger(a) && Number.isInteger(b)) return false;
    const diff = Math.abs(round2(a) - round2(b));
    // 1e-9 absorbs binary floating-point noise left by the rounding itself.
    return diff <= tol.abs + 1e-9 || diff <= tol.rel * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

const typeRank = (v: Cell): number => (v === null ? 0 : typeof v === "boolean" ? 1 : typeof v === "number" ? 2 : 3);

/** Total order over cells, for sorting a column's values before comparing them pairwise. */
function compareCells(a: Cell, b: Cell): number {
  const r = typeRank(a) - typeRank(b);
  if (r !== 0 || a === null || b === null) return r;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export interface Comparison {
  match: boolean;
  /** Why not, in a few words; for a match, the leniency used if any. */
  reason?: string | undefined;
  /** For each gold column, the index of the predicted column it matched. */
  mapping?: number[] | undefined;
}

function columnOf(rows: Cell[][], i: number): Cell[] {
  return rows.map((r) => r[i] ?? null);
}

/** Necessary condition for gold column g to map to predicted column p: same values (as a multiset unless ordered). */
function columnsCompatible(gold: Cell[], pred: Cell[], ordered: boolean, tol: Tolerance): boolean {
  const [g, p] = ordered ? [gold, pred] : [[...gold].sort(compareCells), [...pred].sort(compareCells)];
  return g.every((v, i) => valuesEqual(v, p[i] ?? null, tol));
}

function rowEqual(gold: Cell[], pred: Cell[], mapping: number[], tol: Tolerance): boolean {
  return gold.every((v, i) => valuesEqual(v, pred[mapping[i] as number] ?? null, tol));
}

/** Multiset equality under tolerance: each gold row takes the first unused predicted row equal to it. */
function rowsMatch(gold: Cell[][], pred: Cell[][], mapping: number[], ordered: boolean, tol: Tolerance): boolean {
  if (ordered) return gold.every((g, i) => rowEqual(g, pred[i] as Cell[], mapping, tol));
  // Bucket predicted rows by their exact non-numeric values, so the pairwise search stays small.
  const key = (cells: Cell[]): string => JSON.stringify(cells.map((v) => (typeof v === "number" ? 0 : v)));
  const buckets = new Map<string, Cell[][]>();
  for (const p of pred) {
    const k = key(mapping.map((j) => p[j] ?? null));
    const list = buckets.get(k);
    if (list) list.push(p);
    else buckets.set(k, [p]);
  }
  for (const g of gold) {
    const list = buckets.get(key(g));
    const at = list ? list.findIndex((p) => rowEqual(g, p, mapping, tol)) : -1;
    if (!list || at < 0) return false;
    list.splice(at, 1);
  }
  return true;
}

/** Bounds the search over column assignments (many identical columns could explode it). */
const MAX_ASSIGNMENTS = 5000;

export function compareResults(
  goldRaw: unknown[][],
  predRaw: unknown[][],
  options: { ordered: boolean; tolerance?: Tolerance; distinct?: boolean } = { ordered: false },
): Comparison {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const normalise = (rows: unknown[][]): Cell[][] => rows.map((r) => r.map(normalizeValue));
  // sql-eval compares sets of rows: duplicates dropped on both sides (first occurrence kept).
  const gold = options.distinct ? distinctRows(normalise(goldRaw)) : normalise(goldRaw);
  const pred = options.distinct ? distinctRows(normalise(predRaw)) : normalise(predRaw);
  if (gold.length !== pred.length) return { match: false, reason: `${pred.length} rows, gold has ${gold.length}` };
  if (gold.length === 0) return { match: true, reason: "both empty" };
  const goldCols = gold[0]?.length ?? 0;
  const predCols = pred[0]?.length ?? 0;
  if (predCols < goldCols) return { match: false, reason: `${predCols} columns, gold has ${goldCols}` };

  // Candidates per gold column; an unordered column check first (cheap and order-independent), so
  // that "right rows, wrong order" can be told apart from wrong values.
  const candidates: number[][] = [];
  for (let g = 0; g < goldCols; g++) {
    const col = columnOf(gold, g);
    const c = [...Array(predCols).keys()].filter((p) => columnsCompatible(col, columnOf(pred, p), false, tol));
    if (c.length === 0)
      return { match: false, reason: `no column matches gold column ${g + 1} (e.g. ${JSON.stringify(col[0])})` };
    candidates.push(c);
  }

  let tried = 0;
  let unorderedMatch: number[] | undefined;
  const mapping: number[] = [];
  const used = new Set<number>();
  const search = (g: number): number[] | undefined => {
    if (g === goldCols) {
      tried++;
      if (!rowsMatch(gold, pred, mapping, false, tol)) return undefined;
      unorderedMatch ??= [...mapping];
      return !options.ordered || rowsMatch(gold, pred, mapping, true, tol) ? [...mapping] : undefined;
    }
    for (const p of candidates[g] as number[]) {
      if (used.has(p) || tried >= MAX_ASSIGNMENTS) continue;
      used.add(p);
      mapping.push(p);
      const found = search(g + 1);
      mapping.pop();
      used.delete(p);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(0);
  if (found) {
    const lenient = predCols > goldCols ? `gold columns found among ${predCols} predicted columns` : undefined;
    return { match: true, reason: lenient, mapping: found };
  }
  if (unorderedMatch) return { match: false, reason: "same rows, different order", mapping: unorderedMatch };
  return { match: false, reason: "every column has the gold values, but they are combined into different rows" };
}

export function distinctRows(rows: Cell[][]): Cell[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The service answers rows as objects; their key order is the column order. */
export function rowsFromObjects(rows: Record<string, unknown>[]): unknown[][] {
  const keys = rows[0] ? Object.keys(rows[0]) : [];
  return rows.map((r) => keys.map((k) => r[k]));
}
