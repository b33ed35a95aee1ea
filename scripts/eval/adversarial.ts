/**
 * Replays an adversarial round (eval/adversarial/round-N.json: invented schemas and questions, no
 * gold SQL) through the built-in generator, in process, and prints each answer or refusal. With
 * `--compare <earlier output>` it prints only the questions whose answer changed, so a fix's reach
 * (and any new wrong answer) is read at a glance. Judging right from wrong stays a person's work.
 *
 *   npx tsx scripts/eval/adversarial.ts eval/adversarial/round-2.json [--schema vet] [--out a.json] [--compare b.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateSql } from "../../src/llm/builtin/generate";
import type { Catalog } from "../../src/sql/catalog.types";
import { catalog, table, withForeignKey } from "../../test/fixtures/catalogs/build";

interface TableSpec {
  cols: string;
  pk?: string;
  fk?: Record<string, string>;
  samples?: Record<string, string[]>;
}
interface Round {
  schemas: Record<string, Record<string, TableSpec>>;
  questions: Record<string, string[]>;
}

/** The round's compact table notation ("id:integer,name:text", fk "col": "table.col") as a catalog. */
function buildCatalog(tables: Record<string, TableSpec>): Catalog {
  return catalog(
    Object.entries(tables).map(([name, spec]) => {
      const columns = spec.cols.split(",").map((c) => c.trim().split(":") as [string, string]);
      const t = table(name, columns, { primaryKey: spec.pk ? [spec.pk] : [], samples: spec.samples });
      for (const [column, ref] of Object.entries(spec.fk ?? {})) {
        const [refTable, refColumn] = ref.split(".") as [string, string];
        withForeignKey(t, column, refTable, refColumn);
      }
      return t;
    }),
  );
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { schema: { type: "string" }, out: { type: "string" }, compare: { type: "string" } },
});
const file = positionals[0];
if (file === undefined) {
  console.error("usage: adversarial.ts <round.json> [--schema name] [--out file] [--compare file]");
  process.exit(2);
}
const round = JSON.parse(readFileSync(file, "utf8")) as Round;
const answers: Record<string, string> = {};
for (const [schema, questions] of Object.entries(round.questions)) {
  if (values.schema !== undefined && schema !== values.schema) continue;
  const tables = round.schemas[schema];
  if (tables === undefined) continue;
  const built = buildCatalog(tables);
  for (const q of questions) {
    const r = generateSql(built, q, { currentDate: "2026-12-07" });
    answers[`${schema}: ${q}`] = r.ok ? r.sql.replace(/\s+/g, " ") : `REFUSED: ${r.reason}`;
  }
}
const earlier =
  values.compare === undefined
    ? undefined
    : (JSON.parse(readFileSync(values.compare, "utf8")) as Record<string, string>);
let changed = 0;
for (const [key, answer] of Object.entries(answers)) {
  if (earlier !== undefined && earlier[key] === answer) continue;
  changed++;
  console.log(key);
  if (earlier?.[key] !== undefined) console.log(`  was ${earlier[key]}`);
  console.log(`  ${answer}`);
}
const refused = Object.values(answers).filter((a) => a.startsWith("REFUSED")).length;
console.log(`\n${Object.keys(answers).length} questions, ${refused} refused${earlier ? `, ${changed} changed` : ""}`);
if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(answers, null, 2)}\n`);
