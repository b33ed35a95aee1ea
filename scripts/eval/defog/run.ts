/**
 * `npm run eval -- --benchmark defog`: the public Defog sql-eval set (314 questions over 11 PostgreSQL
 * databases, plus 105 unanswerable ones) through the real service, scored the way sql-eval scores.
 * `--benchmark-dir` runs another set in the same format (e.g. eval/strangers): its databases are the
 * folder's own `databases/<name>.sql` + `<name>.json`.
 *
 * 1. loads the databases into PostgreSQL (`defog_<name>`, column descriptions as comments);
 * 2. starts a private instance of the service (the current source, the LLM_* settings of the shell)
 *    with one namespace per database — or uses `--url` of a running one configured the same way;
 * 3. runs every gold variant on its database, then every question through `POST /workflows/run`;
 * 4. prints and writes accuracy per category with wrong answers apart from refusals, how many
 *    unanswerable questions were declined, and schema-linking table and column recall.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, startService } from "../../lib/local-service.ts";
import { orUsage, UsageError } from "../args.ts";
import { compareResults, rowsFromObjects } from "../compare.ts";
import { type GoldOutcome, runGoldQueries } from "../gold.ts";
import { fetchToken, mapPool, type RunOutcome, runQuestion } from "../service.ts";
import { bareTableName, columnsOf, tablesOf } from "../tables.ts";
import { databaseName, loadDefogDatabases, schemaOf, urlFor } from "./databases.ts";
import { type DefogDatabase, type DefogQuestion, listDefogDatabases, loadDefogQuestions } from "./questions.ts";
import {
  compareReports,
  type DefogReport,
  formatChanges,
  formatDefogLine,
  formatDefogSummary,
  summarizeDefog,
} from "./report.ts";

export const DEFOG_USAGE = `Usage: npm run eval -- --benchmark defog [options]

  --benchmark-dir DIR     the benchmark's folder (default ../shared/benchmarks/defog-sql-eval); any
                          folder in its format works (databases/<db>.sql + <db>.json, questions/*.csv),
                          e.g. eval/strangers
  --pg-url URL            PostgreSQL server to load the databases into (default $DATUS_TEST_PG_URL
                          or postgres://postgres@127.0.0.1:5432/postgres)
  --url URL               a running service whose namespaces are defog_<db> (default: start one)
  --workflow W            fixed (default), nl2sql or reflection
  --dbs a,b               only these databases
  --categories a,b        only these categories (group_by, order_by, ratio, table_join, instruct,
                          date_functions, instruct_basic, instruct_advanced, idk)
  --ids a,b               only these question ids (gen001, basic007, adv012, idk040 …)
  --concurrency N         questions in flight (default 4)
  --out FILE              JSON report (default eval/results/defog-latest.json; 'none' for no file)
  --compare FILE          an earlier JSON report: list the questions whose verdict changed
  --verbose               SQL and result previews for every failure

The model is the service's: LLM_PROVIDER=… LLM_MODEL=… npm run eval -- --benchmark defog`;

interface DefogArgs {
  dir: string;
  pgUrl: string;
  url: string | undefined;
  workflow: string;
  dbs: DefogDatabase[] | undefined;
  categories: string[] | undefined;
  ids: string[] | undefined;
  concurrency: number;
  out: string | undefined;
  compare: string | undefined;
  verbose: boolean;
  help: boolean;
}

const list = (v: string | undefined): string[] | undefined =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export function parseDefogArgs(argv: string[]): DefogArgs {
  const { values } = orUsage(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        benchmark: { type: "string" },
        "benchmark-dir": { type: "string" },
        "pg-url": { type: "string" },
        url: { type: "string" },
        workflow: { type: "string", default: "fixed" },
        dbs: { type: "string" },
        categories: { type: "string" },
        ids: { type: "string" },
        concurrency: { type: "string", default: "4" },
        out: { type: "string", default: "eval/results/defog-latest.json" },
        compare: { type: "string" },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  if (values.benchmark !== "defog") throw new UsageError(`--benchmark must be 'defog', got '${values.benchmark}'`);
  const dir = resolve(ROOT, values["benchmark-dir"] ?? "../shared/benchmarks/defog-sql-eval");
  const dbs = list(values.dbs);
  if (dbs) {
    const known = orUsage(() => listDefogDatabases(dir));
    const unknown = dbs.filter((d) => !known.includes(d));
    if (unknown.length)
      throw new UsageError(`--dbs: unknown database ${unknown.join(", ")} (known: ${known.join(", ")})`);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency must be a positive integer, got '${values.concurrency}'`);
  return {
    dir,
    pgUrl: values["pg-url"] ?? process.env.DATUS_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    url: values.url,
    workflow: values.workflow ?? "fixed",
    dbs,
    categories: list(values.categories),
    ids: list(values.ids),
    concurrency,
    out: values.out === "none" || values.out === "" ? undefined : values.out,
    compare: values.compare,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}

/** One namespace per database, in namespaces.yml's format. */
export function defogNamespaces(dir: string, pgUrl: string, dbs: readonly DefogDatabase[]): string {
  const lines = ["namespaces:"];
  for (const db of dbs) {
    lines.push(
      `  ${databaseName(db)}:`,
      "    type: postgres",
      `    url: ${urlFor(pgUrl, databaseName(db))}`,
      `    schema: ${schemaOf(dir, db)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

interface Credentials {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** The catalog's columns per bare table name, from the service's own catalog endpoint. */
async function catalogColumns(
  service: Credentials,
  token: string,
  namespace: string,
): Promise<Map<string, Set<string>>> {
  const res = await fetch(`${service.url}/namespaces/${namespace}/catalog`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET /namespaces/${namespace}/catalog answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const catalog = (await res.json()) as { tables: { name: string; columns: { name: string }[] }[] };
  return new Map(
    catalog.tables.map((t) => [t.name.toLowerCase(), new Set(t.columns.map((c) => c.name.toLowerCase()))]),
  );
}

interface GoldInfo {
  outcomes: GoldOutcome[];
  tables: string[];
  /** Gold columns that belong to a gold table: "table.column". */
  columns: string[];
}

async function goldInfo(
  q: DefogQuestion,
  outcomes: GoldOutcome[],
  columnsByTable: Map<string, Set<string>>,
): Promise<GoldInfo> {
  const first = q.gold[0];
  if (first === undefined) return { outcomes, tables: [], columns: [] };
  const tables = await tablesOf(first).catch(() => [] as string[]);
  const names = await columnsOf(first).catch(() => [] as string[]);
  const columns = names.flatMap((c) => tables.filter((t) => columnsByTable.get(t)?.has(c)).map((t) => `${t}.${c}`));
  return { outcomes, tables, columns };
}

function judge(q: DefogQuestion, gold: GoldInfo, run: RunOutcome): DefogReport {
  const base: DefogReport = {
    id: q.id,
    db: q.db,
    category: q.category,
    question: q.question,
    verdict: "error",
    goldTables: gold.tables,
    latencyMs: run.latencyMs,
  };
  if (!run.ok) return { ...base, reason: run.error };
  const { response } = run;
  base.sql = response.sql;
  if (q.category === "idk") {
    const declined = response.status !== "completed" && !response.sql;
    return { ...base, verdict: declined ? "declined" : "answered", reason: response.error ?? undefined };
  }
  if (Array.isArray(response.metadata.tables_found)) {
    const found = response.metadata.tables_found.map((t) => bareTableName(String(t)));
    base.tablesFound = found;
    base.missingTables = gold.tables.filter((t) => !found.includes(t));
    base.goldColumns = gold.columns.length;
    base.columnsFound = gold.columns.filter((c) => found.includes(c.split(".")[0] as string)).length;
  }
  const ran = gold.outcomes.filter((o): o is Extract<GoldOutcome, { ok: true }> => o.ok);
  if (ran.length === 0)
    return { ...base, verdict: "gold_error", reason: gold.outcomes.map((o) => (o.ok ? "" : o.error)).join(" | ") };
  if (response.status !== "completed") {
    return {
      ...base,
      verdict: response.sql ? "sql_error" : "cannot_answer",
      reason: response.error ?? response.status,
    };
  }
  const pred = rowsFromObjects(response.result ?? []);
  let reason: string | undefined;
  for (const g of ran) {
    const cmp = compareResults(g.result.rows, pred, { ordered: q.ordered, distinct: true });
    if (cmp.match) return { ...base, verdict: "match" };
    reason ??= cmp.reason;
  }
  const truncated = response.metadata.truncated === true ? " (the service truncated its result)" : "";
  const preview = (rows: unknown[][]) =>
    rows
      .slice(0, 3)
      .map((r) => JSON.stringify(r))
      .join(" ") + (rows.length > 3 ? ` … (${rows.length} rows)` : "");
  return {
    ...base,
    verdict: "wrong_result",
    reason: `${reason ?? "rows differ"}${truncated}`,
    details: [
      `sql:  ${response.sql?.replace(/\s+/g, " ")}`,
      `got:  ${preview(pred)}`,
      `gold: ${preview(ran[0]?.result.rows ?? [])}`,
    ],
  };
}

function selectQuestions(all: DefogQuestion[], args: DefogArgs): DefogQuestion[] {
  return all.filter(
    (q) =>
      (!args.dbs || args.dbs.includes(q.db)) &&
      (!args.categories || args.categories.includes(q.category)) &&
      (!args.ids || args.ids.includes(q.id)),
  );
}

export async function runDefogBenchmark(argv: string[]): Promise<void> {
  const args = parseDefogArgs(argv);
  if (args.help) return console.log(DEFOG_USAGE);
  const questions = selectQuestions(loadDefogQuestions(args.dir), args);
  if (questions.length === 0) throw new UsageError("no question matches --dbs/--categories/--ids");
  const dbs = listDefogDatabases(args.dir).filter((d) => questions.some((q) => q.db === d));

  console.error(`loading ${dbs.length} databases into ${new URL(args.pgUrl).host} …`);
  await loadDefogDatabases({
    dir: args.dir,
    adminUrl: args.pgUrl,
    databases: dbs,
    log: (l) => console.error(`  ${l}`),
  });

  const vars = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("LLM_") && e[1] !== undefined),
  );
  const started = args.url
    ? undefined
    : await startService({
        namespaces: defogNamespaces(args.dir, args.pgUrl, dbs),
        pgliteDir: ".data/pglite-benchmark",
        vars,
      });
  try {
    const service: Credentials = {
      url: args.url ?? started!.url,
      clientId: "demo-client",
      clientSecret: "demo-secret",
    };
    const token = await fetchToken(service);

    const gold = new Map<string, GoldInfo>();
    for (const db of dbs) {
      const own = questions.filter((q) => q.db === db);
      const columnsByTable = await catalogColumns(service, token, databaseName(db));
      const statements = own.flatMap((q) => q.gold);
      const outcomes = await runGoldQueries(statements, { goldUrl: urlFor(args.pgUrl, databaseName(db)) });
      let at = 0;
      for (const q of own) {
        gold.set(q.id, await goldInfo(q, outcomes.slice(at, at + q.gold.length), columnsByTable));
        at += q.gold.length;
      }
    }

    console.log(
      `${questions.length} questions → ${service.url} (workflow ${args.workflow}, concurrency ${args.concurrency})\n`,
    );
    const reports = await mapPool(questions, args.concurrency, async (q) => {
      const run = await runQuestion(service, token, {
        workflow: args.workflow,
        namespace: databaseName(q.db),
        task: q.question,
        ...(q.instructions ? { ext_knowledge: q.instructions } : {}),
      });
      return judge(q, gold.get(q.id) as GoldInfo, run);
    });
    for (const r of reports) console.log(formatDefogLine(r, args.verbose));

    const model =
      process.env.LLM_PROVIDER && process.env.LLM_PROVIDER !== "builtin"
        ? `${process.env.LLM_PROVIDER} ${process.env.LLM_MODEL ?? ""}`.trim()
        : "builtin";
    const date = new Date().toISOString().slice(0, 10);
    const summary = summarizeDefog(reports);
    // Another set in Defog's format is named by its folder (e.g. "strangers").
    const folder = basename(args.dir);
    const benchmark = folder === "defog-sql-eval" ? undefined : folder;
    console.log(`\n${formatDefogSummary(summary, { workflow: args.workflow, model, date, benchmark }).join("\n")}`);
    if (args.compare) {
      const earlier = JSON.parse(readFileSync(resolve(args.compare), "utf8")) as { questions: DefogReport[] };
      console.log(
        `\nchanged since ${args.compare}:\n${formatChanges(compareReports(earlier.questions, reports)).join("\n")}`,
      );
    }
    if (args.out) {
      const out = resolve(args.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(
        out,
        `${JSON.stringify({ ran_at: new Date().toISOString(), workflow: args.workflow, model, summary, questions: reports }, null, 2)}\n`,
      );
      console.log(`\nwritten to ${args.out}`);
    }
  } finally {
    await started?.stop();
  }
}
