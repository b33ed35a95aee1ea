import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// Days of the week and ranked periods: "on weekends" filters by the day of the week of the rows' date,
// "by day of the week" groups by it, "the busiest day for X" and "the highest X total" rank periods.
// Two invented schemas: a bike-hire scheme and a bakery.

const BIKES = catalog([
  table(
    "stations",
    [
      ["station_id", "integer"],
      ["station_name", "text"],
    ],
    { primaryKey: ["station_id"] },
  ),
  table(
    "hires",
    [
      ["hire_id", "integer"],
      ["station_id", "integer"],
      ["started_at", "timestamp"],
      ["fare", "numeric"],
    ],
    { primaryKey: ["hire_id"] },
  ),
]);

const BAKERY = catalog([
  table(
    "sales",
    [
      ["sale_id", "integer"],
      ["sold_on", "date"],
      ["sale_total", "numeric"],
      ["loaves", "integer"],
    ],
    { primaryKey: ["sale_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("days of the week as a filter", () => {
  it.each([
    {
      q: "How many hires were made on a Saturday or Sunday in 2025?",
      has: ["EXTRACT(ISODOW FROM h.started_at) IN (6, 7)", "h.started_at >= DATE '2025-01-01'", "COUNT(*)"],
    },
    { q: "How many hires started on weekends?", has: ["EXTRACT(ISODOW FROM h.started_at) IN (6, 7)"] },
    { q: "What is the total fare of hires on Mondays?", has: ["SUM(h.fare)", "EXTRACT(ISODOW FROM h.started_at) = 1"] },
  ])("bike hires: $q", async (c) => {
    await expectSql(BIKES, c, options);
  });

  it.each([
    { q: "How many sales were there on weekdays?", has: ["EXTRACT(ISODOW FROM s.sold_on) IN (1, 2, 3, 4, 5)"] },
    { q: "How many weekend sales were there last month?", has: ["IN (6, 7)", "s.sold_on >= DATE '2026-11-01'"] },
  ])("bakery: $q", async (c) => {
    await expectSql(BAKERY, c, options);
  });

  it("says which days in the explanation", () => {
    const r = generateSql(BAKERY, "How many sales were there on weekends?", options);
    expect(r.ok && r.explanation).toContain("on Saturday, Sunday");
  });

  it("needs a real date: a year number does not tell the day", () => {
    const yearly = catalog([
      table(
        "awards",
        [
          ["award_id", "integer"],
          ["year", "integer"],
          ["prize", "numeric"],
        ],
        { primaryKey: ["award_id"] },
      ),
    ]);
    const r = generateSql(yearly, "How many awards were given on weekends?", options);
    expect(r.ok).toBe(false);
  });

  it("leaves the words to a column that holds weekday names or is named by them", async () => {
    const visits = catalog([
      table(
        "visits",
        [
          ["visit_id", "integer"],
          ["visit_day", "text"],
          ["visitors", "integer"],
        ],
        { primaryKey: ["visit_id"], samples: { visit_day: ["Monday", "Tuesday", "Saturday"] } },
      ),
    ]);
    return expectSql(
      visits,
      { q: "How many visitors came on Saturdays?", has: ["v.visit_day = 'Saturday'"], not: ["ISODOW"] },
      options,
    );
  });
});

describe("days of the week as a grouping", () => {
  it.each([
    {
      q: "How many hires were there on each day of the week?",
      has: [
        "EXTRACT(DOW FROM h.started_at)::int AS day_of_week",
        "to_char(h.started_at, 'FMDay') AS weekday",
        "GROUP BY 1, 2",
      ],
    },
    { q: "Which day of the week has the most hires?", has: ["EXTRACT(DOW FROM h.started_at)", "LIMIT 1"] },
  ])("bike hires: $q", async (c) => {
    await expectSql(BIKES, c, options);
  });

  it.each([
    {
      q: "Show the number of sales by weekday",
      has: ["EXTRACT(DOW FROM s.sold_on)::int AS day_of_week", "ORDER BY 1, 2"],
    },
    {
      q: "What is the busiest day of the week for sales?",
      has: ["to_char(s.sold_on, 'FMDay')", "ORDER BY sale_count DESC", "LIMIT 1"],
    },
  ])("bakery: $q", async (c) => {
    await expectSql(BAKERY, c, options);
  });
});

describe("ranked periods", () => {
  it.each([
    {
      q: "What was the busiest day for hires?",
      has: ["date_trunc('day', h.started_at)", "COUNT(*)", "DESC", "LIMIT 1"],
    },
    { q: "What were the 3 busiest days for hires?", has: ["date_trunc('day', h.started_at)", "LIMIT 3"] },
    {
      q: "Which month had the highest fare total?",
      has: ["date_trunc('month', h.started_at)", "SUM(h.fare)", "DESC", "LIMIT 1"],
    },
  ])("bike hires: $q", async (c) => {
    await expectSql(BIKES, c, options);
  });

  it.each([
    {
      q: "Which month of 2025 had the lowest sale total?",
      has: ["date_trunc('month', s.sold_on)", "SUM(s.sale_total)", "s.sold_on >= DATE '2025-01-01'", "LIMIT 1"],
      not: ["DESC"],
    },
    {
      q: "Which was the quietest month for sales?",
      has: ["COUNT(*) AS sale_count", "ORDER BY sale_count", "LIMIT 1"],
      not: ["DESC"],
    },
  ])("bakery: $q", async (c) => {
    await expectSql(BAKERY, c, options);
  });
});
