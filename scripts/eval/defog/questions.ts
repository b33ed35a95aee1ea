/**
 * The Defog sql-eval question files as one list. Ids are stable across runs (file prefix + row
 * number), so `--ids` and reports can name a question.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCsv } from "./csv.ts";
import { goldVariants } from "./gold-variants.ts";

export const DEFOG_DATABASES = [
  "academic",
  "advising",
  "atis",
  "broker",
  "car_dealership",
  "derm_treatment",
  "ewallet",
  "geography",
  "restaurants",
  "scholar",
  "yelp",
] as const;
export type DefogDatabase = (typeof DEFOG_DATABASES)[number];

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

const isDatabase = (name: string): name is DefogDatabase => (DEFOG_DATABASES as readonly string[]).includes(name);

/**
 * sql-eval sorts rows before comparing unless the category is order_by or the question asks for an
 * order. "Asks" is read as a phrase ("order by", "in descending order", "sorted"), not the letters
 * "order", so "orders per customer" is compared as a set.
 */
export function asksForOrder(category: string, question: string): boolean {
  return category === "order_by" || /\border(ed)? by\b|\bin [a-z]+ order\b|\bsort(ed)?\b/i.test(question);
}

export function loadDefogQuestions(dir: string): DefogQuestion[] {
  const questions: DefogQuestion[] = [];
  for (const source of FILES) {
    const rows = parseCsv(readFileSync(resolve(dir, "questions", source.file), "utf8"));
    rows.forEach((row, i) => {
      const db = row.db_name ?? "";
      if (!isDatabase(db)) throw new Error(`${source.file} row ${i + 2}: unknown db_name '${db}'`);
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
