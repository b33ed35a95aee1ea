/**
 * Per-question verdicts and the summary: pure data in, lines of text out, so the formatting is tested
 * without a service.
 */

/**
 * - match: the result holds the gold result (see compare.ts);
 * - wrong_result: the SQL ran but its rows differ;
 * - sql_error: SQL was generated but refused by the guard or rejected by the database;
 * - cannot_answer: the generator declined (status failed, no SQL);
 * - error: no usable answer at all (HTTP error, timeout, cancelled);
 * - gold_error: the gold SQL itself failed: the question is not scored.
 */
export type Verdict = "match" | "wrong_result" | "sql_error" | "cannot_answer" | "error" | "gold_error";

export interface QuestionReport {
  id: string;
  question: string;
  verdict: Verdict;
  /** Why it failed (or which leniency made it match). */
  reason?: string | undefined;
  /** Client-side latency of the sync request. */
  latencyMs?: number | undefined;
  sql?: string | null | undefined;
  goldTables: string[];
  tablesFound?: string[] | undefined;
  /** Share of gold tables among tables_found; undefined when the service gave no metadata. */
  linkingRecall?: number | undefined;
  missingTables?: string[] | undefined;
  goldRowCount?: number | undefined;
  predRowCount?: number | undefined;
  /** For failures: the SQL and the first rows of both results (printed with --verbose). */
  details?: string[] | undefined;
}

export interface Summary {
  questions: number;
  /** Questions whose gold SQL ran (the denominator of accuracy). */
  scored: number;
  matches: number;
  accuracy: number;
  /** Mean per-question linking recall over scored questions with metadata. */
  linkingRecall: number;
  /** Questions where every gold table was found, over those with metadata. */
  allTablesFound: number;
  withMetadata: number;
  failures: Record<Exclude<Verdict, "match">, number>;
  latencyP50Ms: number;
  latencyP90Ms: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export function summarize(reports: QuestionReport[]): Summary {
  const scored = reports.filter((r) => r.verdict !== "gold_error");
  const matches = scored.filter((r) => r.verdict === "match").length;
  const linked = scored.filter((r) => r.linkingRecall !== undefined);
  const failures: Summary["failures"] = { cannot_answer: 0, sql_error: 0, wrong_result: 0, error: 0, gold_error: 0 };
  for (const r of reports) if (r.verdict !== "match") failures[r.verdict]++;
  const latencies = reports.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs]));
  return {
    questions: reports.length,
    scored: scored.length,
    matches,
    accuracy: scored.length ? matches / scored.length : 0,
    linkingRecall: linked.length ? linked.reduce((s, r) => s + (r.linkingRecall ?? 0), 0) / linked.length : 0,
    allTablesFound: linked.filter((r) => r.linkingRecall === 1).length,
    withMetadata: linked.length,
    failures,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP90Ms: percentile(latencies, 0.9),
  };
}

const MARK: Record<Verdict, string> = {
  match: "✓",
  wrong_result: "✗",
  sql_error: "✗",
  cannot_answer: "✗",
  error: "error",
  gold_error: "gold?",
};
const KIND: Record<Exclude<Verdict, "match">, string> = {
  cannot_answer: "cannot answer",
  sql_error: "SQL error",
  wrong_result: "wrong result",
  error: "error",
  gold_error: "gold SQL failed",
};

const ms = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? "-" : v >= 1000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}ms`;
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
const oneLine = (s: string, max = 160): string => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function formatQuestionLine(r: QuestionReport, verbose = false): string {
  const head = `${MARK[r.verdict].padEnd(5)} ${r.id.padEnd(6)} ${ms(r.latencyMs).padStart(6)}  ${r.question}`;
  const parts: string[] = [];
  if (r.verdict !== "match") parts.push(`${KIND[r.verdict]}${r.reason ? `: ${oneLine(r.reason)}` : ""}`);
  if (r.missingTables?.length) parts.push(`tables not found: ${r.missingTables.join(", ")}`);
  const indent = " ".repeat(21);
  const lines = [head];
  if (parts.length) lines.push(`${indent}→ ${parts.join("; ")}`);
  if (verbose && r.details) lines.push(...r.details.map((d) => `${indent}  ${d}`));
  return lines.join("\n");
}

export interface RunInfo {
  workflow: string;
  namespace: string;
  url: string;
  questionsFile: string;
}

export function formatSummary(s: Summary, info: RunInfo): string[] {
  const f = s.failures;
  return [
    `questions       ${s.questions} from ${info.questionsFile} (workflow ${info.workflow}, namespace ${info.namespace}, ${info.url})`,
    `accuracy        ${s.matches}/${s.scored} = ${pct(s.accuracy)} (execution accuracy)`,
    `linking recall  ${pct(s.linkingRecall)} (gold tables among metadata.tables_found; all found for ${s.allTablesFound}/${s.withMetadata})`,
    `failures        cannot answer ${f.cannot_answer} · SQL error ${f.sql_error} · wrong result ${f.wrong_result} · error ${f.error}` +
      (f.gold_error ? ` · gold SQL failed ${f.gold_error} (not scored)` : ""),
    `latency         p50 ${ms(s.latencyP50Ms)} · p90 ${ms(s.latencyP90Ms)} (client side, sync request)`,
  ];
}
