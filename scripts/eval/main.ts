/**
 * `npm run eval -- --namespace demo --questions eval/demo.jsonl [options]`: sends every question of a
 * set through the RUNNING service (sync mode, with the question's current_date) and scores execution
 * accuracy against gold results computed here, plus schema-linking recall. Exit code 0 whatever the
 * score (it reports); 2 on usage errors, 3 when the service cannot be reached.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type EvalArgs, parseEvalArgs, USAGE, UsageError } from "./args.ts";
import { compareResults, DEFAULT_TOLERANCE, rowsFromObjects } from "./compare.ts";
import { DEFOG_USAGE, runDefogBenchmark } from "./defog/run.ts";
import { type GoldOutcome, runGoldQueries } from "./gold.ts";
import { type EvalQuestion, parseQuestions, QuestionSetError } from "./questions.ts";
import { formatQuestionLine, formatSummary, type QuestionReport, summarize } from "./report.ts";
import { fetchToken, mapPool, type RunOutcome, runQuestion, ServiceUnreachableError } from "./service.ts";
import { linkingRecall, tablesOf } from "./tables.ts";

function judge(
  q: EvalQuestion,
  gold: GoldOutcome,
  goldTables: string[],
  run: RunOutcome,
  args: EvalArgs,
): QuestionReport {
  const base: QuestionReport = {
    id: q.id,
    question: q.question,
    verdict: "error",
    goldTables,
    latencyMs: run.latencyMs,
  };
  if (!gold.ok) return { ...base, verdict: "gold_error", reason: gold.error };
  base.goldRowCount = gold.result.rows.length;
  if (!run.ok) return { ...base, reason: run.error };
  const { response } = run;
  const found = response.metadata.tables_found;
  if (Array.isArray(found)) {
    const tablesFound = found.map(String);
    const { recall, missing } = linkingRecall(goldTables, tablesFound);
    Object.assign(base, { tablesFound, linkingRecall: recall, missingTables: missing });
  }
  base.sql = response.sql;
  if (response.status !== "completed") {
    const verdict = response.status === "cancelled" ? "error" : response.sql ? "sql_error" : "cannot_answer";
    return { ...base, verdict, reason: response.error ?? response.status };
  }
  const rows = response.result ?? [];
  base.predRowCount = rows.length;
  const cmp = compareResults(gold.result.rows, rowsFromObjects(rows), {
    ordered: q.ordered,
    tolerance: args.tolerance,
  });
  // A cut result cannot equal a longer gold one: say so, rather than only "N rows".
  const truncated = response.metadata.truncated === true ? " (the service truncated its result at the row limit)" : "";
  return {
    ...base,
    verdict: cmp.match ? "match" : "wrong_result",
    reason: cmp.reason ? cmp.reason + truncated : undefined,
  };
}

function preview(rows: unknown[][], n = 3): string {
  return (
    rows
      .slice(0, n)
      .map((r) => JSON.stringify(r))
      .join(" ") + (rows.length > n ? ` … (${rows.length} rows)` : "")
  );
}

/** --gold-only: runs and checks the gold SQL of a set without the service (for writing question sets). */
function reportGold(questions: EvalQuestion[], gold: GoldOutcome[], tables: string[][]): void {
  let problems = 0;
  questions.forEach((q, i) => {
    const g = gold[i] as GoldOutcome;
    const issue = !g.ok
      ? `FAILS: ${g.error}`
      : g.result.rows.length === 0
        ? "EMPTY result"
        : g.result.rows.every((r) => r.every((v) => v === null))
          ? "all values NULL"
          : g.result.rows.length > 1000
            ? "more rows than the service's default row limit (1000)"
            : "";
    if (issue) problems++;
    const detail = g.ok ? `${g.result.rows.length} rows [${tables[i]?.join(", ")}] ${preview(g.result.rows)}` : "";
    console.log(`${issue ? "!!" : "ok"} ${q.id.padEnd(6)} ${issue || detail}`);
  });
  console.log(`\n${questions.length} gold queries, ${problems} with problems`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // A public benchmark brings its own databases and questions (scripts/eval/defog/).
  if (argv.some((a) => a === "--benchmark" || a.startsWith("--benchmark="))) return runDefogBenchmark(argv);
  const args = parseEvalArgs(argv);
  if (args.help) return console.log(USAGE);
  const file = resolve(args.questions);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read --questions ${args.questions}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let questions = parseQuestions(text);
  if (args.ids) {
    const wanted = new Set(args.ids);
    questions = questions.filter((q) => wanted.has(q.id));
    if (questions.length === 0) throw new UsageError(`none of --ids ${args.ids.join(",")} is in ${args.questions}`);
  }

  // Reachability first: no point computing gold results for a service that is not there.
  const token = args.goldOnly ? "" : await fetchToken(args);

  const tables = await Promise.all(questions.map((q) => tablesOf(q.gold_sql).catch(() => [] as string[])));
  const started = performance.now();
  const gold = await runGoldQueries(
    questions.map((q) => q.gold_sql),
    {
      goldUrl: args.goldUrl,
      dataDir: args.goldDataDir,
      log: args.verbose ? (line) => console.error(`[gold] ${line}`) : undefined,
    },
  );
  if (args.verbose)
    console.error(`[gold] ${questions.length} gold queries in ${Math.round(performance.now() - started)} ms`);
  if (args.goldOnly) return reportGold(questions, gold, tables);

  console.log(
    `${questions.length} questions → ${args.url} (workflow ${args.workflow}, namespace ${args.namespace}, concurrency ${args.concurrency})\n`,
  );
  const reports = await mapPool(questions, args.concurrency, async (q, i) => {
    const run = await runQuestion(args, token, {
      workflow: args.workflow,
      namespace: args.namespace,
      task: q.question,
      current_date: q.current_date,
    });
    const report = judge(q, gold[i] as GoldOutcome, tables[i] ?? [], run, args);
    if (report.verdict !== "match") {
      const g = gold[i] as GoldOutcome;
      const pred = run.ok ? rowsFromObjects(run.response.result ?? []) : [];
      report.details = [
        `sql:  ${report.sql?.replace(/\s+/g, " ") ?? "-"}`,
        `got:  ${preview(pred)}`,
        `gold: ${g.ok ? preview(g.result.rows) : "-"}`,
      ];
    }
    return report;
  });
  for (const r of reports) console.log(formatQuestionLine(r, args.verbose));

  const summary = summarize(reports);
  const info = { workflow: args.workflow, namespace: args.namespace, url: args.url, questionsFile: args.questions };
  console.log(`\n${formatSummary(summary, info).join("\n")}`);
  if (reports.every((r) => r.verdict === "error")) {
    console.error("\nevery question failed without an answer from the service: is it running and healthy?");
    process.exitCode = 3;
  }
  if (args.out) {
    const out = resolve(args.out);
    mkdirSync(dirname(out), { recursive: true });
    const tolerance = args.tolerance ?? DEFAULT_TOLERANCE;
    writeFileSync(
      out,
      `${JSON.stringify({ ran_at: new Date().toISOString(), ...info, tolerance, summary, questions: reports }, null, 2)}\n`,
    );
    console.log(`\nwritten to ${args.out}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${process.argv.includes("--benchmark") ? DEFOG_USAGE : USAGE}`);
    process.exit(2);
  }
  if (error instanceof ServiceUnreachableError) {
    console.error(`service not usable: ${error.message}`);
    process.exit(3);
  }
  if (error instanceof QuestionSetError) {
    console.error(`question set: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
