// The pure parts of `npm run eval -- --benchmark defog`: CSV, sql-eval's gold conventions, the
// order rule, comments from the .json files, the summary. Loading and running need PostgreSQL and
// the service; `npm run eval -- --benchmark defog --dbs restaurants` does that by hand.

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compareResults } from "../../scripts/eval/compare.ts";
import { parseCsv } from "../../scripts/eval/defog/csv.ts";
import { commentStatements, urlFor } from "../../scripts/eval/defog/databases.ts";
import { expandBraces, goldVariants, splitStatements } from "../../scripts/eval/defog/gold-variants.ts";
import { asksForOrder, listDefogDatabases, loadDefogQuestions } from "../../scripts/eval/defog/questions.ts";
import {
  compareReports,
  type DefogReport,
  formatChanges,
  formatDefogSummary,
  summarizeDefog,
} from "../../scripts/eval/defog/report.ts";
import { parseDefogArgs } from "../../scripts/eval/defog/run.ts";
import { columnsOf } from "../../scripts/eval/tables.ts";

describe("CSV", () => {
  it("reads quoted fields with commas, newlines and doubled quotes", () => {
    const rows = parseCsv('a,b\n"x, y","say ""hi""\nthere"\nplain,\r\n');
    expect(rows).toEqual([
      { a: "x, y", b: 'say "hi"\nthere' },
      { a: "plain", b: "" },
    ]);
  });
});

describe("gold variants (sql-eval conventions)", () => {
  it("splits alternatives on semicolons outside strings", () => {
    expect(splitStatements("SELECT 'a;b' FROM t;SELECT 2;")).toEqual(["SELECT 'a;b' FROM t", "SELECT 2"]);
  });

  it("expands a brace group into every non-empty subset and fills GROUP BY {}", () => {
    const v = expandBraces("SELECT {a.x, a.y}, COUNT(*) FROM a GROUP BY {}");
    expect(v).toEqual([
      "SELECT a.x, COUNT(*) FROM a GROUP BY a.x",
      "SELECT a.y, COUNT(*) FROM a GROUP BY a.y",
      "SELECT a.x, a.y, COUNT(*) FROM a GROUP BY a.x, a.y",
    ]);
    expect(goldVariants("SELECT {p.n,p.id} FROM p;SELECT 1")).toHaveLength(4);
  });
});

describe("sql-eval's scoring rules", () => {
  it("compares order only for order_by questions or questions that say 'order'", () => {
    expect(asksForOrder("order_by", "Which three cities have the most restaurants?")).toBe(true);
    expect(asksForOrder("group_by", "List cities in descending order of population")).toBe(true);
    expect(asksForOrder("group_by", "How many orders per customer?")).toBe(false);
  });

  it("compares sets of rows when asked (duplicates dropped on both sides)", () => {
    expect(compareResults([["a"], ["a"], ["b"]], [["a"], ["b"]], { ordered: false }).match).toBe(false);
    expect(compareResults([["a"], ["a"], ["b"]], [["a"], ["b"]], { ordered: false, distinct: true }).match).toBe(true);
  });

  it("finds the columns a query reads", async () => {
    expect(
      await columnsOf("SELECT c.name, SUM(o.total) AS t FROM c JOIN o ON o.cid = c.id GROUP BY c.name ORDER BY t"),
    ).toEqual(["cid", "id", "name", "t", "total"]);
  });
});

describe("loading", () => {
  it("turns column descriptions into comments, schema-qualified and lower-cased", () => {
    const json = JSON.stringify({
      table_metadata: {
        Shop: [
          { column_name: "ItemId", column_description: "the item's id" },
          { column_name: "x", column_description: "" },
        ],
        "sales.Orders": [{ column_name: "total", column_description: "in USD" }],
      },
    });
    expect(commentStatements(json, "public")).toEqual([
      `COMMENT ON COLUMN "public"."shop"."itemid" IS 'the item''s id'`,
      `COMMENT ON COLUMN "sales"."orders"."total" IS 'in USD'`,
    ]);
    expect(urlFor("postgres://u@127.0.0.1:5432/postgres", "defog_x")).toBe("postgres://u@127.0.0.1:5432/defog_x");
  });

  const dir = resolve(import.meta.dirname, "../../../shared/benchmarks/defog-sql-eval");
  it.skipIf(!existsSync(dir))("reads the benchmark's 314 answerable and 105 unanswerable questions", () => {
    expect(listDefogDatabases(dir)).toEqual([
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
    ]);
    const qs = loadDefogQuestions(dir);
    expect(qs.filter((q) => q.category !== "idk")).toHaveLength(314);
    expect(qs.filter((q) => q.category === "idk")).toHaveLength(105);
    expect(qs.every((q) => q.category === "idk" || q.gold.length > 0)).toBe(true);
    expect(qs.filter((q) => q.category === "idk").every((q) => q.instructions === "")).toBe(true);
  });
});

/** A benchmark folder of our own: databases a (with its .json) and b (without), one question file. */
function tinyBenchmark(): string {
  const dir = mkdtempSync(join(tmpdir(), "defog-set-"));
  mkdirSync(join(dir, "databases"));
  mkdirSync(join(dir, "questions"));
  writeFileSync(join(dir, "databases", "a.sql"), "CREATE TABLE t (x int);");
  writeFileSync(join(dir, "databases", "a.json"), '{"table_metadata": {}}');
  writeFileSync(join(dir, "databases", "b.sql"), "CREATE TABLE u (y int);");
  writeFileSync(
    join(dir, "questions", "questions_gen_postgres.csv"),
    "question,query,db_name,query_category,instructions\nHow many?,SELECT {t.x} FROM t,a,group_by,\n",
  );
  return dir;
}

describe("another set in the same format", () => {
  it("takes its databases from the folder (a .sql with its .json) and tolerates missing question files", () => {
    const dir = tinyBenchmark();
    expect(listDefogDatabases(dir)).toEqual(["a"]);
    const qs = loadDefogQuestions(dir);
    expect(qs).toMatchObject([{ id: "gen001", db: "a", category: "group_by", gold: ["SELECT t.x FROM t"] }]);
    writeFileSync(
      join(dir, "questions", "idk.csv"),
      "question,instructions,query,db_name,query_category\nWhy?,,,b,cat_a\n",
    );
    expect(() => loadDefogQuestions(dir)).toThrow(/idk.csv row 2: unknown db_name 'b'/);
  });
});

describe("arguments and summary", () => {
  it("refuses an unknown benchmark or database by name", () => {
    const dir = tinyBenchmark();
    expect(() => parseDefogArgs(["--benchmark", "spider"])).toThrow(/must be 'defog'/);
    expect(() => parseDefogArgs(["--benchmark", "defog", "--benchmark-dir", dir, "--dbs", "nope"])).toThrow(
      /unknown database nope \(known: a\)/,
    );
    expect(parseDefogArgs(["--benchmark", "defog", "--benchmark-dir", dir, "--dbs", "a"]).dbs).toEqual(["a"]);
  });

  it("counts wrong answers apart from refusals, and idk declines apart from both", () => {
    const r = (
      id: string,
      category: string,
      verdict: DefogReport["verdict"],
      extra: Partial<DefogReport> = {},
    ): DefogReport => ({
      id,
      db: "x",
      category,
      question: "?",
      verdict,
      goldTables: ["a"],
      tablesFound: ["a"],
      missingTables: [],
      goldColumns: 2,
      columnsFound: 1,
      ...extra,
    });
    const s = summarizeDefog([
      r("1", "group_by", "match"),
      r("2", "group_by", "wrong_result"),
      r("3", "order_by", "cannot_answer", { missingTables: ["b"], tablesFound: ["a", "c", "d"] }),
      r("4", "idk", "declined"),
      r("5", "idk", "answered"),
    ]);
    expect(s.answerable).toMatchObject({ scored: 3, correct: 1, wrong: 1, refused: 1 });
    expect(s.idk).toMatchObject({ questions: 2, declined: 1, answered: 1 });
    expect(s.linking).toMatchObject({ questions: 3, allTablesFound: 2 });
    expect(s.linking.meanTablesLinked).toBeCloseTo(5 / 3);
    expect(s.linking.columnRecall).toBeCloseTo(0.5);
    const info = { workflow: "fixed", model: "builtin", date: "2026-12-05" };
    expect(formatDefogSummary(s, info)[0]).toBe("Defog sql-eval, workflow fixed, model builtin, 2026-12-05");
    expect(formatDefogSummary(s, { ...info, benchmark: "strangers" })[0]).toMatch(/^strangers, workflow fixed/);
  });
});

describe("comparing two runs", () => {
  it("lists the questions whose verdict changed, better or worse", () => {
    const r = (id: string, verdict: DefogReport["verdict"]): DefogReport => ({
      id,
      db: "x",
      category: "group_by",
      question: `q${id}`,
      verdict,
      goldTables: [],
    });
    const changes = compareReports(
      [r("1", "cannot_answer"), r("2", "match"), r("3", "match")],
      [r("1", "match"), r("2", "wrong_result"), r("3", "match"), r("4", "match")],
    );
    expect(changes.map((c) => `${c.id}:${c.before}>${c.after}`)).toEqual([
      "1:cannot_answer>match",
      "2:match>wrong_result",
    ]);
    expect(formatChanges(changes).at(-1)).toBe("  1 better, 1 worse, 0 sideways");
  });
});
