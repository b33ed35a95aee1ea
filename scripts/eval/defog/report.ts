/**
 * The benchmark's figures from per-question verdicts: pure data in, a summary and lines of text out.
 * Wrong answers (a result that differs from gold) are always counted apart from refusals: a refusal
 * costs the user a question, a wrong answer costs their trust.
 */
import type { Verdict } from "../report.ts";

/** For `idk` questions the right outcome is to decline; answering with SQL is wrong. */
export type DefogVerdict = Verdict | "declined" | "answered";

export interface DefogReport {
  id: string;
  db: string;
  category: string;
  question: string;
  verdict: DefogVerdict;
  reason?: string | undefined;
  sql?: string | null | undefined;
  latencyMs?: number | undefined;
  goldTables: string[];
  tablesFound?: string[] | undefined;
  missingTables?: string[] | undefined;
  /** Gold columns resolved to a gold table, and how many of them were in a linked table. */
  goldColumns?: number | undefined;
  columnsFound?: number | undefined;
  details?: string[] | undefined;
}

export interface CategoryFigures {
  category: string;
  questions: number;
  /** Scored: gold SQL ran (idk: every question). */
  scored: number;
  correct: number;
  wrong: number;
  sqlErrors: number;
  refused: number;
  errors: number;
}

export interface DefogSummary {
  answerable: CategoryFigures;
  categories: CategoryFigures[];
  idk: { questions: number; declined: number; answered: number; errors: number };
  linking: {
    questions: number;
    allTablesFound: number;
    tableRecall: number;
    meanTablesLinked: number;
    columnRecall: number;
  };
}

function figures(category: string, reports: DefogReport[]): CategoryFigures {
  const count = (v: DefogVerdict) => reports.filter((r) => r.verdict === v).length;
  const goldErrors = count("gold_error");
  return {
    category,
    questions: reports.length,
    scored: reports.length - goldErrors,
    correct: count("match"),
    wrong: count("wrong_result"),
    sqlErrors: count("sql_error"),
    refused: count("cannot_answer"),
    errors: count("error"),
  };
}

export function summarizeDefog(reports: DefogReport[]): DefogSummary {
  const answerable = reports.filter((r) => r.category !== "idk");
  const idk = reports.filter((r) => r.category === "idk");
  const categories = [...new Set(answerable.map((r) => r.category))].sort();
  const linked = answerable.filter((r) => r.verdict !== "gold_error" && r.tablesFound !== undefined);
  const goldColumns = linked.reduce((s, r) => s + (r.goldColumns ?? 0), 0);
  return {
    answerable: figures("all answerable", answerable),
    categories: categories.map((c) =>
      figures(
        c,
        answerable.filter((r) => r.category === c),
      ),
    ),
    idk: {
      questions: idk.length,
      declined: idk.filter((r) => r.verdict === "declined").length,
      answered: idk.filter((r) => r.verdict === "answered").length,
      errors: idk.filter((r) => r.verdict === "error").length,
    },
    linking: {
      questions: linked.length,
      allTablesFound: linked.filter((r) => (r.missingTables ?? []).length === 0).length,
      tableRecall: linked.length
        ? linked.filter((r) => (r.missingTables ?? []).length === 0).length / linked.length
        : 0,
      meanTablesLinked: linked.length
        ? linked.reduce((s, r) => s + (r.tablesFound?.length ?? 0), 0) / linked.length
        : 0,
      columnRecall: goldColumns ? linked.reduce((s, r) => s + (r.columnsFound ?? 0), 0) / goldColumns : 0,
    },
  };
}

const pct = (n: number, d: number): string => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)} %`);

/** A Markdown table, so the printed figures can be pasted into the record as they are. */
export function formatDefogSummary(
  s: DefogSummary,
  info: { workflow: string; model: string; date: string; benchmark?: string },
): string[] {
  const row = (f: CategoryFigures) =>
    `| ${f.category} | ${f.scored} | ${f.correct} (${pct(f.correct, f.scored)}) | ${f.wrong} (${pct(f.wrong, f.scored)}) | ${f.sqlErrors} | ${f.refused} | ${f.errors} |`;
  const l = s.linking;
  return [
    `${info.benchmark ?? "Defog sql-eval"}, workflow ${info.workflow}, model ${info.model}, ${info.date}`,
    "",
    "| category | scored | correct | wrong result | SQL error | refused | error |",
    "|---|---|---|---|---|---|---|",
    ...s.categories.map(row),
    row(s.answerable).replace(/^\| all answerable/, "| **all answerable**"),
    "",
    `unanswerable (idk): declined ${s.idk.declined}/${s.idk.questions} (${pct(s.idk.declined, s.idk.questions)}), answered with SQL ${s.idk.answered}, errors ${s.idk.errors}`,
    `schema linking: all gold tables linked for ${l.allTablesFound}/${l.questions} (${pct(l.allTablesFound, l.questions)}), ` +
      `mean tables linked ${l.meanTablesLinked.toFixed(2)}, column recall ${pct(l.columnRecall, 1)}`,
  ];
}

const MARK: Record<DefogVerdict, string> = {
  match: "✓",
  declined: "✓",
  wrong_result: "WRONG",
  answered: "WRONG",
  sql_error: "sqlerr",
  cannot_answer: "—",
  error: "error",
  gold_error: "gold?",
};

export function formatDefogLine(r: DefogReport, verbose: boolean): string {
  const head = `${MARK[r.verdict].padEnd(6)} ${r.id} ${r.db.padEnd(14)} ${r.category.padEnd(17)} ${r.question.replace(/\s+/g, " ").slice(0, 110)}`;
  const notes: string[] = [];
  if (r.verdict !== "match" && r.verdict !== "declined" && r.reason)
    notes.push(r.reason.replace(/\s+/g, " ").slice(0, 200));
  if (r.missingTables?.length) notes.push(`tables not linked: ${r.missingTables.join(", ")}`);
  const lines = [head];
  if (notes.length) lines.push(`       → ${notes.join("; ")}`);
  if (verbose && r.details) lines.push(...r.details.map((d) => `         ${d}`));
  return lines.join("\n");
}

/** Better, worse or sideways: a right answer or decline is good, a refusal neutral, the rest bad. */
const RANK: Record<DefogVerdict, number> = {
  match: 2,
  declined: 2,
  cannot_answer: 1,
  gold_error: 1,
  sql_error: 0,
  error: 0,
  wrong_result: -1,
  answered: -1,
};

export interface VerdictChange {
  id: string;
  question: string;
  before: DefogVerdict;
  after: DefogVerdict;
}

/** Questions (by id) whose verdict differs between two runs; for reviewing a change, not a score. */
export function compareReports(before: readonly DefogReport[], after: readonly DefogReport[]): VerdictChange[] {
  const earlier = new Map(before.map((r) => [r.id, r.verdict]));
  return after
    .filter((r) => earlier.has(r.id) && earlier.get(r.id) !== r.verdict)
    .map((r) => ({ id: r.id, question: r.question, before: earlier.get(r.id) as DefogVerdict, after: r.verdict }));
}

export function formatChanges(changes: readonly VerdictChange[]): string[] {
  if (changes.length === 0) return ["  (no verdict changed)"];
  const better = changes.filter((c) => RANK[c.after] > RANK[c.before]).length;
  const worse = changes.filter((c) => RANK[c.after] < RANK[c.before]).length;
  return [
    ...changes.map(
      (c) =>
        `  ${RANK[c.after] > RANK[c.before] ? "+" : RANK[c.after] < RANK[c.before] ? "-" : "~"} ${c.id} ${c.before} → ${c.after}  ${c.question.replace(/\s+/g, " ").slice(0, 100)}`,
    ),
    `  ${better} better, ${worse} worse, ${changes.length - better - worse} sideways`,
  ];
}
