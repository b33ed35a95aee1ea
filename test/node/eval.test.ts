// The pure parts of `npm run eval`: result comparison, gold-table extraction, question sets, report
// formatting. No service and no database.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEvalArgs, UsageError } from "../../scripts/eval/args.ts";
import { compareResults, normalizeValue, rowsFromObjects, valuesEqual } from "../../scripts/eval/compare.ts";
import { parseQuestions, QuestionSetError } from "../../scripts/eval/questions.ts";
import {
  formatQuestionLine,
  formatSummary,
  percentile,
  type QuestionReport,
  summarize,
} from "../../scripts/eval/report.ts";
import { bareTableName, linkingRecall, tablesOf } from "../../scripts/eval/tables.ts";

describe("value normalisation", () => {
  it("turns numeric text into numbers and midnight timestamps into dates", () => {
    expect(normalizeValue("467.9625938792390405")).toBeCloseTo(467.96259, 4);
    expect(normalizeValue("-12")).toBe(-12);
    expect(normalizeValue("2024-07-01T00:00:00.000Z")).toBe("2024-07-01");
    expect(normalizeValue("2024-07-01 00:00:00+00")).toBe("2024-07-01");
    expect(normalizeValue("2024-07-01T00:00:00")).toBe("2024-07-01");
    expect(normalizeValue("2024-07-01 02:00:00+02")).toBe("2024-07-01");
    expect(normalizeValue("2024-07-01T13:05:00Z")).toBe("2024-07-01T13:05:00.000Z");
    expect(normalizeValue("Germany")).toBe("Germany");
    expect(normalizeValue(undefined)).toBeNull();
    expect(normalizeValue(true)).toBe(true);
  });

  it("compares numbers after rounding, within the tolerances", () => {
    expect(valuesEqual(629.435886, 629.44)).toBe(true);
    expect(valuesEqual(100.004, 100.011)).toBe(true); // 100.00 vs 100.01
    expect(valuesEqual(100, 100.03)).toBe(false);
    expect(valuesEqual(15735897.15, 15735897.6)).toBe(true); // rounding of 25,000 order totals
    expect(valuesEqual(15735897.15, 15737897.15)).toBe(false); // 2000 off: not a rounding artefact
    expect(valuesEqual(25000, 24999)).toBe(false);
    expect(valuesEqual(2_500_000, 2_499_999)).toBe(false); // integers: no relative slack
    expect(valuesEqual(0.0268, 0.03)).toBe(true); // 0.03 vs 0.03: small fractions are compared loosely
    expect(valuesEqual("1", 1)).toBe(false); // normalisation happens before, not here
    expect(valuesEqual(null, null)).toBe(true);
  });
});

describe("result comparison", () => {
  const gold = [
    ["web", 10.5],
    ["store", 3],
    ["mobile", 7],
  ];

  it("ignores row order unless the question asks for one", () => {
    const pred = [
      ["mobile", 7],
      ["web", "10.50"],
      ["store", 3],
    ];
    expect(compareResults(gold, pred, { ordered: false }).match).toBe(true);
    expect(compareResults(gold, pred, { ordered: true })).toMatchObject({
      match: false,
      reason: "same rows, different order",
    });
    expect(compareResults(gold, gold, { ordered: true }).match).toBe(true);
  });

  it("ignores column names and order, and accepts extra predicted columns", () => {
    const pred = rowsFromObjects([
      { revenue: 10.5, channel: "web", orders: 1 },
      { revenue: 3, channel: "store", orders: 1 },
      { revenue: 7, channel: "mobile", orders: 2 },
    ]);
    const r = compareResults(gold, pred, { ordered: false });
    expect(r).toMatchObject({ match: true, mapping: [1, 0] });
    expect(r.reason).toContain("among 3 predicted columns");
  });

  it("refuses missing columns, missing rows, wrong values and mixed-up rows", () => {
    expect(
      compareResults(
        gold,
        gold.map((r) => [r[1]]),
        { ordered: false },
      ),
    ).toMatchObject({ match: false, reason: "1 columns, gold has 2" });
    expect(compareResults(gold, gold.slice(1), { ordered: false })).toMatchObject({
      match: false,
      reason: "2 rows, gold has 3",
    });
    expect(
      compareResults(
        gold,
        [
          ["web", 10.5],
          ["store", 3],
          ["mobile", 8],
        ],
        { ordered: false },
      ).match,
    ).toBe(false);
    // Each column holds the gold values, but paired wrongly.
    const swapped = [
      ["web", 3],
      ["store", 10.5],
      ["mobile", 7],
    ];
    expect(compareResults(gold, swapped, { ordered: false })).toMatchObject({
      match: false,
      reason: expect.stringContaining("different rows"),
    });
  });

  it("keeps duplicate rows apart (multiset, not set)", () => {
    expect(compareResults([["a"], ["a"], ["b"]], [["a"], ["b"], ["b"]], { ordered: false }).match).toBe(false);
    expect(compareResults([["a"], ["a"], ["b"]], [["b"], ["a"], ["a"]], { ordered: false }).match).toBe(true);
  });

  it("matches date buckets whatever their type, and numeric text", () => {
    const g = [["2024-01-01T00:00:00.000Z", "633.0455164319248826"]];
    expect(compareResults(g, [["2024-01-01", 633.05]], { ordered: false }).match).toBe(true);
    expect(compareResults(g, [["2024-02-01", 633.05]], { ordered: false }).match).toBe(false);
  });

  it("picks the right one of several numerically compatible columns", () => {
    // Two predicted columns with the same value multiset: only one pairing reproduces the gold rows.
    const g = [
      ["x", 1],
      ["y", 2],
    ];
    const p = [
      ["x", 2, 1],
      ["y", 1, 2],
    ];
    expect(compareResults(g, p, { ordered: false })).toMatchObject({ match: true, mapping: [0, 2] });
  });

  it("treats two empty results as equal", () => {
    expect(compareResults([], [], { ordered: false }).match).toBe(true);
  });
});

describe("gold tables", () => {
  it("finds tables in joins, subqueries and EXISTS, without schema or CTE names", async () => {
    const sql = `WITH t AS (SELECT customer_id FROM public.orders)
      SELECT c.name FROM customers c JOIN t ON t.customer_id = c.customer_id
      WHERE EXISTS (SELECT 1 FROM "Payments" p) AND c.country IN (SELECT name FROM countries)`;
    expect(await tablesOf(sql)).toEqual(["countries", "customers", "orders", "payments"]);
  });

  it("computes recall against the reported tables", () => {
    expect(bareTableName("public.Orders")).toBe("orders");
    expect(linkingRecall(["customers", "orders"], ["orders", "payments"])).toEqual({
      recall: 0.5,
      missing: ["customers"],
    });
    expect(linkingRecall([], [])).toEqual({ recall: 1, missing: [] });
  });

  it("covers every gold query of the demo set", async () => {
    const questions = parseQuestions(readFileSync("eval/demo.jsonl", "utf8"));
    expect(questions.length).toBeGreaterThanOrEqual(60);
    for (const q of questions) expect((await tablesOf(q.gold_sql)).length, q.id).toBeGreaterThan(0);
  });
});

describe("question sets", () => {
  it("parses JSONL, skipping blank and comment lines", () => {
    const text = `{"id":"a","question":"How many?","gold_sql":"SELECT 1","ordered":true,"current_date":"2024-12-31"}\n\n# note\n{"id":"b","question":"q","gold_sql":"SELECT 2"}\n`;
    expect(parseQuestions(text)).toEqual([
      { id: "a", question: "How many?", gold_sql: "SELECT 1", ordered: true, current_date: "2024-12-31" },
      { id: "b", question: "q", gold_sql: "SELECT 2", ordered: false, current_date: undefined },
    ]);
  });

  it("rejects bad lines with their line number", () => {
    const bad = (text: string): string => {
      try {
        parseQuestions(text);
        return "";
      } catch (error) {
        expect(error).toBeInstanceOf(QuestionSetError);
        return (error as Error).message;
      }
    };
    expect(bad(`{"id":"a","question":"q"}`)).toBe(`line 1: "gold_sql" must be a non-empty string`);
    expect(bad(`\n{"id":"a","question":"q","gold_sql":"x","order":true}`)).toMatch(/^line 2: unknown key\(s\) order/);
    expect(bad(`{"id":"a","question":"q","gold_sql":"x","current_date":"31.12.2024"}`)).toMatch(/current_date/);
    expect(bad(`{"id":"a","question":"q","gold_sql":"x"}\n{"id":"a","question":"q","gold_sql":"x"}`)).toBe(
      `line 2: duplicate id "a"`,
    );
    expect(bad(`{not json`)).toMatch(/^line 1: not valid JSON/);
    expect(bad(``)).toBe("the question set is empty");
  });
});

describe("command line", () => {
  it("has defaults and requires the set and the namespace", () => {
    const a = parseEvalArgs(["--namespace", "demo", "--questions", "eval/demo.jsonl"]);
    expect(a).toMatchObject({
      workflow: "fixed",
      url: "http://127.0.0.1:8000",
      concurrency: 4,
      out: "eval/results/latest.json",
      goldOnly: false,
    });
    expect(() => parseEvalArgs(["--questions", "x.jsonl"])).toThrow(UsageError);
    expect(() => parseEvalArgs(["--namespace", "demo", "--questions", "x", "--concurrency", "0"])).toThrow(
      /--concurrency/,
    );
    expect(() => parseEvalArgs(["--bogus"])).toThrow(UsageError);
    expect(parseEvalArgs(["--questions", "x", "--gold-only", "--out", "none"]).out).toBeUndefined();
  });
});

describe("report", () => {
  const reports: QuestionReport[] = [
    {
      id: "q1",
      question: "How many orders?",
      verdict: "match",
      latencyMs: 100,
      goldTables: ["orders"],
      linkingRecall: 1,
      missingTables: [],
    },
    {
      id: "q2",
      question: "Revenue by region",
      verdict: "wrong_result",
      reason: "3 rows, gold has 5",
      latencyMs: 300,
      goldTables: ["countries", "orders"],
      linkingRecall: 0.5,
      missingTables: ["countries"],
      details: ["sql:  SELECT 1"],
    },
    {
      id: "q3",
      question: "Churn?",
      verdict: "cannot_answer",
      reason: "no idea",
      latencyMs: 200,
      goldTables: ["orders"],
      linkingRecall: 1,
      missingTables: [],
    },
    { id: "q4", question: "Broken gold", verdict: "gold_error", reason: "syntax error", goldTables: [] },
  ];

  it("summarises accuracy over scored questions, recall, failures and latency", () => {
    const s = summarize(reports);
    expect(s).toMatchObject({
      questions: 4,
      scored: 3,
      matches: 1,
      withMetadata: 3,
      allTablesFound: 2,
      latencyP50Ms: 200,
      latencyP90Ms: 300,
    });
    expect(s.accuracy).toBeCloseTo(1 / 3);
    expect(s.linkingRecall).toBeCloseTo(2.5 / 3);
    expect(s.failures).toEqual({ cannot_answer: 1, sql_error: 0, wrong_result: 1, error: 0, gold_error: 1 });
    const text = formatSummary(s, {
      workflow: "fixed",
      namespace: "demo",
      url: "http://x",
      questionsFile: "eval/demo.jsonl",
    }).join("\n");
    expect(text).toContain("accuracy        1/3 = 33.3 %");
    expect(text).toContain("linking recall  83.3 %");
    expect(text).toContain("cannot answer 1 · SQL error 0 · wrong result 1 · error 0 · gold SQL failed 1");
    expect(text).toContain("p50 200ms · p90 300ms");
  });

  it("prints one line per question, with the reason and missing tables for failures", () => {
    expect(formatQuestionLine(reports[0]!)).toBe("✓     q1      100ms  How many orders?");
    const line = formatQuestionLine(reports[1]!);
    expect(line).toContain("✗     q2      300ms  Revenue by region");
    expect(line).toContain("→ wrong result: 3 rows, gold has 5; tables not found: countries");
    expect(line).not.toContain("SELECT 1");
    expect(formatQuestionLine(reports[1]!, true)).toContain("sql:  SELECT 1");
  });

  it("takes nearest-rank percentiles", () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });
});
