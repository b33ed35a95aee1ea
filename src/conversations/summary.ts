/**
 * A short description of a result for the next turn's prompt: how many rows, which columns, the
 * first few values. Bounded, so a wide result costs the next prompt a line, not the rows.
 */
const MAX_SUMMARY_CHARS = 300;
const FIRST_ROWS = 2;

export function summarizeRows(rows: readonly Record<string, unknown>[] | null | undefined): string | null {
  if (!rows) return null;
  if (rows.length === 0) return "0 rows";
  const columns = Object.keys(rows[0] ?? {});
  const first = rows
    .slice(0, FIRST_ROWS)
    .map((row) => columns.map((c) => `${c}=${short(row[c])}`).join(", "))
    .join("; ");
  const text = `${rows.length} row${rows.length === 1 ? "" : "s"} (${columns.join(", ")}); first: ${first}`;
  return text.length <= MAX_SUMMARY_CHARS ? text : `${text.slice(0, MAX_SUMMARY_CHARS - 1)}…`;
}

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "null" : text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
