/**
 * The Defog sql-eval question files as one list. Ids are stable across runs (file prefix + row
 * number), so `--ids` and reports can name a question. The databases are the benchmark folder's own
 * (every `databases/<name>.sql` with a `<name>.json`), so another set in the same format runs as is.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCsv } from "./csv.ts";
import { goldVariants } from "./gold-variants.ts";

/** A database of the benchmark folder: the base name of its `databases/<name>.sql`. */
export type DefogDatabase = string;

/**
 * The folder's databases, sorted: every `databases/<name>.sql` that has a `<name>.json` beside it
 * (the Defog copy: academic, advising, atis, broker, car_dealership, derm_treatment, ewallet,
 * geography, restaurants, scholar, yelp).
 */
export function listDefogDatabases(dir: string): DefogDatabase[] {
  const folder = resolve(dir, "databases");
  if (!existsSync(folder)) throw new Error(`no databases/ folder in ${dir}`);
  const files = new Set(readdirSync(folder));
  return [...files]
    .filter((f) => f.endsWith(".sql") && files.has(`${f.slice(0, -4)}.json`))
    .map((f) => f.slice(0, -4))
    .sort();
}

export interface DefogQuestion {
  id: string;
  db: DefogDatabase;
  /** Report category: questions_gen's own category, `instruct_basic`, `instruct_advanced` or `idk`. */
  category: string;
  question: string;
  /** Acceptable gold queries, expanded (empty for `idk`: the right answer is to decline). */
  gold: string[];
  /** Business rules the question needs, sent as `ext_knowledge` (never for `idk`). */
  instructions: string;
  /** Row order is compared only when the question asks for one (sql-eval's rule). */
  ordered: boolean;
}

interface SourceFile {
  file: string;
  prefix: string;
  category: (row: Record<string, string>) => string;
}

const FILES: SourceFile[] = [
  { file: "questions_gen_postgres.csv", prefix: "gen", category: (r) => r.query_category ?? "" },
  { file: "instruct_basic_postgres.csv", prefix: "basic", category: () => "instruct_basic" },
  { file: "instruct_advanced_postgres.csv", prefix: "adv", category: () => "instruct_advanced" },
  { file: "idk.csv", prefix: "idk", category: () => "idk" },
];

/**
 * sql-eval sorts rows before comparing unless the category is order_by or the question asks for an
 * order. "Asks" is read as a phrase ("order by", "in descending order", "sorted"), not the letters
 * "order", so "orders per customer" is compared as a set.
 */
export function asksForOrder(category: string, question: string): boolean {
  return category === "order_by" || /\border(ed)? by\b|\bin [a-z]+ order\b|\bsort(ed)?\b/i.test(question);
}

/** Every question file present in `questions/` (a set may leave some out), checked against the folder's databases. */
export function loadDefogQuestions(dir: string): DefogQuestion[] {
  const databases = new Set(listDefogDatabases(dir));
  const questions: DefogQuestion[] = [];
  for (const source of FILES) {
    const path = resolve(dir, "questions", source.file);
    if (!existsSync(path)) continue;
    const rows = parseCsv(readFileSync(path, "utf8"));
    rows.forEach((row, i) => {
      const db = row.db_name ?? "";
      if (!databases.has(db)) throw new Error(`${source.file} row ${i + 2}: unknown db_name '${db}'`);
      const category = source.category(row);
      const question = (row.question ?? "").trim();
      const idk = category === "idk";
      questions.push({
        id: `${source.prefix}${String(i + 1).padStart(3, "0")}`,
        db,
        category,
        question,
        gold: idk ? [] : goldVariants(row.query ?? ""),
        instructions: idk ? "" : (row.instructions ?? "").trim(),
        ordered: asksForOrder(category, question),
      });
    });
  }
  return questions;
}
