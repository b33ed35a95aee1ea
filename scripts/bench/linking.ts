/**
 * Schema linking and the built-in generator, in-process: time per question on a 500-table synthetic
 * catalog (its time-series tables with 24 monthly partitions folded in, as introspection shows them)
 * with the demo's 7 tables embedded among the distractors (the demo catalog alone for
 * reference). `linkSchema` cold (first call on a catalog: includes building its index) and warm;
 * `generateSql` warm (it links again with its own table budget, then parses, plans and renders).
 * Pure CPU on one core of this Node; prints figures, asserts nothing.
 */
import { indexCatalog, linkSchema } from "../../src/linking/index.ts";
import { generateSql } from "../../src/llm/builtin/index.ts";
import type { Catalog } from "../../src/sql/catalog.types.ts";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../test/fixtures/catalogs/demo.ts";
import { syntheticCatalog } from "../../test/fixtures/catalogs/synthetic.ts";

const SYNTHETIC_TABLES = 500;
/** Monthly partitions folded into each time-series table of the synthetic catalog (issue 20). */
const PARTITION_MONTHS = 24;
/** The service's own linking budget (workflow schema_linking node); generateSql uses 8 internally. */
const MAX_TABLES = 6;
/** Fresh catalog copies timed for the index build alone. */
const INDEX_BUILDS = 8;
/** Warm series per question: stop at whichever comes first. */
const WARMUP = 5;
const MAX_ITERATIONS = 300;
const LINK_BUDGET_MS = 120;
const GENERATE_BUDGET_MS = 200;

/** Demo questions (they must find the demo's tables among 500 distractors) and questions about the synthetic tables. */
const QUESTIONS: { q: string; about: "demo" | "synthetic" }[] = [
  { q: "How many orders are there per status?", about: "demo" },
  { q: "Show me monthly revenue by product category", about: "demo" },
  { q: "how many customers in Germany", about: "demo" },
  { q: "How many orders were placed in 2023?", about: "demo" },
  { q: "average order value by channel", about: "demo" },
  { q: "revenue by country", about: "demo" },
  { q: "revenue per region", about: "demo" },
  { q: "top 5 products by revenue", about: "demo" },
  { q: "10 customers with the most orders", about: "demo" },
  { q: "number of orders by payment method", about: "demo" },
  { q: "What were total sales in Germany last quarter?", about: "demo" },
  { q: "revenue from home and garden products", about: "demo" },
  { q: "quarterly revenue by channel", about: "demo" },
  { q: "how many units of Electronics were sold in 2024", about: "demo" },
  { q: "average discount by product category", about: "demo" },
  { q: "revenue by payment method for orders shipped to France", about: "demo" },
  { q: "median order value", about: "demo" },
  { q: "the 10 most recent orders", about: "demo" },
  { q: "how many customers signed up in 2023", about: "demo" },
  { q: "most common payment method", about: "demo" },
  { q: "total amount of purchase orders by vendor", about: "synthetic" },
  { q: "how many work orders are in progress", about: "synthetic" },
  { q: "number of shipments per carrier", about: "synthetic" },
  { q: "average score of survey responses by survey", about: "synthetic" },
  { q: "total refund amount per month in 2024", about: "synthetic" },
  { q: "payroll runs by status", about: "synthetic" },
  { q: "employees per department", about: "synthetic" },
  { q: "top 10 machines by number of maintenance jobs", about: "synthetic" },
  { q: "sum of net value of ledger entries by cost center", about: "synthetic" },
  { q: "how many approved leave requests", about: "synthetic" },
  { q: "average duration minutes of web sessions", about: "synthetic" },
  { q: "chargebacks by territory last year", about: "synthetic" },
];

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: pct(0.5), p99: pct(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Warm series of one call: a few untimed calls, then timed ones until the budget or the cap. */
function series(fn: () => unknown, budgetMs: number): Stats {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (samples.length < MAX_ITERATIONS && (samples.length < 10 || performance.now() < deadline))
    samples.push(time(fn));
  return stats(samples);
}

/** Same tables and columns, new identity: indexCatalog's memo (by catalog and tables array) misses. */
const fresh = (catalog: Catalog): Catalog => ({ ...catalog, tables: [...catalog.tables] });

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)).padStart(6);
const cols = (s: Stats) => `mean ${f(s.mean)}  p50 ${f(s.p50)}  p99 ${f(s.p99)} ms`;

function describe(catalog: Catalog): string {
  const columns = catalog.tables.reduce((s, t) => s + t.columns.length, 0);
  const fks = catalog.tables.reduce((s, t) => s + t.foreignKeys.length, 0);
  const samples = catalog.tables.reduce((s, t) => s + t.columns.filter((c) => c.samples?.length).length, 0);
  const partitioned = catalog.tables.filter((t) => t.partitions?.length);
  const partitions = partitioned.reduce((s, t) => s + (t.partitions?.length ?? 0), 0);
  const json = Buffer.byteLength(JSON.stringify(catalog));
  return `${catalog.tables.length} tables (${partitioned.length} with ${partitions} partitions folded in), ${columns} columns, ${fks} foreign keys, ${samples} columns with sample values, ${(json / 1024).toFixed(0)} KiB as JSON`;
}

export async function benchLinking(): Promise<string[]> {
  const lines: string[] = [];
  const started = performance.now();
  const big = syntheticCatalog({
    tables: SYNTHETIC_TABLES,
    embed: DEMO_CATALOG.tables,
    partitionMonths: PARTITION_MONTHS,
  });
  const options = { currentDate: DEMO_CURRENT_DATE };

  lines.push(`catalog: synthetic ${SYNTHETIC_TABLES} tables + the 7 demo tables embedded = ${describe(big)}`);
  lines.push(`reference: demo catalog alone = ${describe(DEMO_CATALOG)}`);
  lines.push(
    `${QUESTIONS.length} questions (${QUESTIONS.filter((x) => x.about === "demo").length} about the demo tables, ${QUESTIONS.filter((x) => x.about === "synthetic").length} about synthetic ones); linkSchema maxTables ${MAX_TABLES}; generateSql currentDate ${DEMO_CURRENT_DATE}`,
  );
  lines.push(`one core of Node ${process.version}, in-process, no I/O`);
  lines.push("");

  // ---- cold: the very first call of the process (JIT cold too), then index builds on fresh copies
  const firstQuestion = (QUESTIONS[0] as { q: string }).q;
  const firstCall = time(() => linkSchema(big, firstQuestion, { maxTables: MAX_TABLES }));
  const builds: number[] = [];
  for (let i = 0; i < INDEX_BUILDS; i++) {
    const copy = fresh(big);
    builds.push(time(() => indexCatalog(copy)));
  }
  const demoBuilds: number[] = [];
  for (let i = 0; i < INDEX_BUILDS; i++) {
    const copy = fresh(DEMO_CATALOG);
    demoBuilds.push(time(() => indexCatalog(copy)));
  }
  // Per question: linkSchema on a catalog it has never seen (index build included), JIT now warm.
  const coldPerQuestion = QUESTIONS.map(({ q }) => {
    const copy = fresh(big);
    return time(() => linkSchema(copy, q, { maxTables: MAX_TABLES }));
  });
  const buildStats = stats(builds);
  const demoBuildStats = stats(demoBuilds);
  const coldStats = stats(coldPerQuestion);
  lines.push(`cold (first call on a catalog, includes building its index):`);
  lines.push(`  first linkSchema of the process (JIT cold, index build)        ${f(firstCall)} ms`);
  lines.push(
    `  indexCatalog alone, ${big.tables.length} tables (n=${buildStats.n} fresh copies)      ${cols(buildStats)}  max ${f(buildStats.max)} ms`,
  );
  lines.push(
    `  indexCatalog alone, demo ${DEMO_CATALOG.tables.length} tables (n=${demoBuildStats.n})              ${cols(demoBuildStats)}`,
  );
  lines.push(
    `  linkSchema on a fresh ${big.tables.length}-table copy, per question (n=${coldStats.n})  ${cols(coldStats)}  max ${f(coldStats.max)} ms`,
  );
  lines.push("");

  // ---- warm, per question (index memoised)
  indexCatalog(big);
  const linkAll: number[] = [];
  const genAll: number[] = [];
  const rows: string[] = [];
  let answered = 0;
  let demoTop = 0;
  let demoSql = 0;
  const width = Math.max(...QUESTIONS.map((x) => x.q.length)) + 2;
  for (const { q, about } of QUESTIONS) {
    const link = series(() => linkSchema(big, q, { maxTables: MAX_TABLES }), LINK_BUDGET_MS);
    const gen = series(() => generateSql(big, q, options), GENERATE_BUDGET_MS);
    const linked = linkSchema(big, q, { maxTables: MAX_TABLES });
    const result = generateSql(big, q, options);
    if (result.ok) answered++;
    const tables = linked.tables.map((t) => t.qualifiedName);
    if (about === "demo" && tables[0]?.startsWith("public.")) demoTop++;
    if (about === "demo" && result.ok && result.tables.every((t) => t.startsWith("public."))) demoSql++;
    linkAll.push(link.mean);
    genAll.push(gen.mean);
    const outcome = result.ok ? `SQL over ${result.tables.join(", ")}` : `no SQL: ${result.reason.slice(0, 70)}`;
    rows.push(
      `  ${JSON.stringify(q).padEnd(width)} link ${cols(link)} (n=${String(link.n).padStart(3)}, ${tables.length} tables)  generate ${cols(gen)} (n=${String(gen.n).padStart(3)})  ${outcome}`,
    );
  }
  const linkMeans = stats(linkAll);
  const genMeans = stats(genAll);
  lines.push(
    `warm, per question (index memoised; ${WARMUP} untimed calls, then up to ${MAX_ITERATIONS} timed or ${LINK_BUDGET_MS}/${GENERATE_BUDGET_MS} ms):`,
  );
  lines.push(...rows);
  lines.push(`  across questions (distribution of the per-question means, n=${QUESTIONS.length}):`);
  lines.push(`    linkSchema   ${cols(linkMeans)}  max ${f(linkMeans.max)} ms`);
  lines.push(`    generateSql  ${cols(genMeans)}  max ${f(genMeans.max)} ms`);
  const demoCount = QUESTIONS.filter((x) => x.about === "demo").length;
  lines.push(
    `  generateSql answered ${answered}/${QUESTIONS.length}; of the ${demoCount} demo questions, linking ranked a demo table (public.*) first for ${demoTop}, and ${demoSql} got SQL over demo tables only`,
  );
  lines.push("");

  // ---- reference: the demo catalog alone, demo questions only
  const demoQuestions = QUESTIONS.filter((x) => x.about === "demo");
  const demoLink: number[] = [];
  const demoGen: number[] = [];
  for (const { q } of demoQuestions) {
    demoLink.push(series(() => linkSchema(DEMO_CATALOG, q, { maxTables: MAX_TABLES }), LINK_BUDGET_MS / 4).mean);
    demoGen.push(series(() => generateSql(DEMO_CATALOG, q, options), GENERATE_BUDGET_MS / 4).mean);
  }
  lines.push(
    `reference, demo catalog alone (${DEMO_CATALOG.tables.length} tables), the ${demoQuestions.length} demo questions, per-question means:`,
  );
  lines.push(`    linkSchema   ${cols(stats(demoLink))}`);
  lines.push(`    generateSql  ${cols(stats(demoGen))}`);
  lines.push(`suite wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return lines;
}
