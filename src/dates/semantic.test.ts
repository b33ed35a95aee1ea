import { describe, expect, it } from "vitest";
import { readDateRange } from "./range";
import { METRICS } from "./test-options";

/** [question, current_date, start, end]: half-open [start, end); null is an open bound. */
const CASES: [string, string, string | null, string | null][] = [
  // Calendar periods relative to today
  ["revenue last month", "2024-03-15", "2024-02-01", "2024-03-01"],
  ["revenue last month", "2024-01-31", "2023-12-01", "2024-01-01"],
  ["revenue last month", "2024-03-31", "2024-02-01", "2024-03-01"],
  ["revenue this month", "2024-02-29", "2024-02-01", "2024-03-01"],
  ["revenue next month", "2024-01-31", "2024-02-01", "2024-03-01"],
  ["orders last week", "2024-03-15", "2024-03-04", "2024-03-11"],
  ["orders last week", "2024-03-11", "2024-03-04", "2024-03-11"],
  ["orders this week", "2024-03-17", "2024-03-11", "2024-03-18"],
  ["revenue this quarter", "2024-03-31", "2024-01-01", "2024-04-01"],
  ["revenue this quarter", "2024-04-01", "2024-04-01", "2024-07-01"],
  ["revenue last quarter", "2024-04-01", "2024-01-01", "2024-04-01"],
  ["revenue last quarter", "2024-01-15", "2023-10-01", "2024-01-01"],
  ["revenue the previous quarter", "2024-03-31", "2023-10-01", "2024-01-01"],
  ["revenue this year", "2024-02-29", "2024-01-01", "2025-01-01"],
  ["revenue last year", "2024-02-29", "2023-01-01", "2024-01-01"],
  ["revenue the month before last", "2024-03-15", "2024-01-01", "2024-02-01"],
  ["revenue yesterday", "2024-03-01", "2024-02-29", "2024-03-01"],
  ["revenue yesterday", "2024-01-01", "2023-12-31", "2024-01-01"],
  ["revenue today", "2024-03-15", "2024-03-15", "2024-03-16"],
  ["revenue the day before yesterday", "2024-03-01", "2024-02-28", "2024-02-29"],
  ["revenue on the same day last year", "2024-02-29", "2023-02-28", "2023-03-01"],
  ["revenue on the same day last year", "2024-03-15", "2023-03-15", "2023-03-16"],
  ["revenue on the same day last month", "2024-03-31", "2024-02-29", "2024-03-01"],
  // Rolling windows end today, today included
  ["revenue in the past 90 days", "2024-03-15", "2023-12-17", "2024-03-16"],
  ["revenue over the last 7 days", "2024-03-01", "2024-02-24", "2024-03-02"],
  ["revenue in the last 3 months", "2024-05-31", "2024-03-01", "2024-06-01"],
  ["revenue for the trailing twelve months", "2024-02-29", "2023-03-01", "2024-03-01"],
  ["revenue in the past month", "2024-03-31", "2024-03-01", "2024-04-01"],
  ["revenue in the past year", "2024-02-29", "2023-03-01", "2024-03-01"],
  ["orders 3 months ago", "2024-05-31", "2024-02-01", "2024-03-01"],
  ["orders two weeks ago", "2024-03-15", "2024-02-26", "2024-03-04"],
  // To date
  ["revenue year to date", "2024-03-15", "2024-01-01", "2024-03-16"],
  ["revenue YTD", "2024-12-31", "2024-01-01", "2025-01-01"],
  ["revenue quarter-to-date", "2024-05-20", "2024-04-01", "2024-05-21"],
  ["revenue MTD", "2024-02-29", "2024-02-01", "2024-03-01"],
  ["revenue so far this year", "2024-01-01", "2024-01-01", "2024-01-02"],
  // Quarters and halves
  ["revenue in Q3 2024", "2024-03-15", "2024-07-01", "2024-10-01"],
  ["revenue in 2023-Q4", "2024-03-15", "2023-10-01", "2024-01-01"],
  ["revenue in Q4", "2024-03-15", "2023-10-01", "2024-01-01"],
  ["revenue in Q1", "2024-03-15", "2024-01-01", "2024-04-01"],
  ["revenue in the third quarter of 2023", "2024-03-15", "2023-07-01", "2023-10-01"],
  ["revenue in the last quarter of 2023", "2024-03-15", "2023-10-01", "2024-01-01"],
  ["revenue in H2 2023", "2024-03-15", "2023-07-01", "2024-01-01"],
  ["revenue in the first half of 2024", "2024-08-01", "2024-01-01", "2024-07-01"],
  // Years and months
  ["monthly revenue by product category in 2023", "2024-06-30", "2023-01-01", "2024-01-01"],
  ["revenue in January 2024", "2024-06-30", "2024-01-01", "2024-02-01"],
  ["revenue in Feb 2024", "2024-06-30", "2024-02-01", "2024-03-01"],
  ["revenue in 2024-02", "2024-06-30", "2024-02-01", "2024-03-01"],
  ["revenue in December", "2024-03-15", "2023-12-01", "2024-01-01"],
  ["revenue in March", "2024-03-15", "2024-03-01", "2024-04-01"],
  ["sales in May", "2024-03-15", "2023-05-01", "2023-06-01"],
  // Connectors
  ["revenue since March", "2024-03-15", "2024-03-01", "2024-03-16"],
  ["revenue since March", "2024-01-31", "2023-03-01", "2024-02-01"],
  ["revenue since 2023", "2024-03-15", "2023-01-01", "2024-03-16"],
  ["revenue after June 2023", "2024-03-15", "2023-07-01", "2024-03-16"],
  ["revenue before 2023", "2024-03-15", null, "2023-01-01"],
  ["revenue until the end of 2022", "2024-03-15", null, "2023-01-01"],
  ["revenue through 2022", "2024-03-15", null, "2023-01-01"],
  ["revenue between 2023-01-01 and 2023-06-30", "2024-03-15", "2023-01-01", "2023-07-01"],
  ["revenue between Jan 5 2023 and Feb 10 2023", "2024-03-15", "2023-01-05", "2023-02-11"],
  ["revenue from March 2023 to June 2023", "2024-03-15", "2023-03-01", "2023-07-01"],
  ["revenue from 1 March 2023 through 30 June 2023", "2024-03-15", "2023-03-01", "2023-07-01"],
  ["revenue between March and May 2023", "2024-03-15", "2023-03-01", "2023-06-01"],
  ["revenue Dec 2023 - Feb 2024", "2024-03-15", "2023-12-01", "2024-03-01"],
  ["revenue between 2022 and 2023", "2024-03-15", "2022-01-01", "2024-01-01"],
  ["revenue from Q1 2023 to Q2 2023", "2024-03-15", "2023-01-01", "2023-07-01"],
  // Single days
  ["revenue on March 5, 2023", "2024-03-15", "2023-03-05", "2023-03-06"],
  ["revenue on 2024-02-29", "2024-03-15", "2024-02-29", "2024-03-01"],
  ["revenue on 1/15/2023", "2024-03-15", "2023-01-15", "2023-01-16"],
  ["revenue last friday", "2024-03-15", "2024-03-08", "2024-03-09"],
  ["revenue in the week of March 6 2024", "2024-03-15", "2024-03-04", "2024-03-11"],
];

describe("readDateRange as the semantic layer reads dates (open ends run through today, any prose day)", () => {
  it(`has a table of at least 40 expressions (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)("%s (today %s) -> [%s, %s)", (question, today, start, end) => {
    const parsed = readDateRange(question, today, METRICS);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.range, "a range was found").toBeDefined();
    expect({ start: parsed.range?.start ?? null, end: parsed.range?.end ?? null }).toEqual({ start, end });
  });

  it("returns the question without its date words, connector included", () => {
    const parsed = readDateRange("monthly revenue by product category in 2023", "2024-06-30", METRICS);
    expect(parsed).toMatchObject({ ok: true, rest: "monthly revenue by product category", range: { text: "in 2023" } });
    expect(readDateRange("revenue since March in Germany", "2024-03-15", METRICS)).toMatchObject({
      rest: "revenue in Germany",
      range: { text: "since March" },
    });
  });

  it("leaves numbers that are not years alone, and finds nothing in a dateless question", () => {
    for (const q of [
      "top 5 countries by revenue",
      "orders over 2000 dollars",
      "revenue by month",
      "how many orders may be late",
      "revenue per customer",
    ]) {
      expect(readDateRange(q, "2024-03-15", METRICS), q).toMatchObject({ ok: true, range: undefined });
    }
  });

  it("does not read kept phrases (metric names) as dates", () => {
    expect(
      readDateRange("trailing 3-month revenue in 2023", "2024-03-15", {
        ...METRICS,
        keep: ["trailing 3 month revenue"],
      }),
    ).toMatchObject({
      ok: true,
      range: { start: "2023-01-01", end: "2024-01-01" },
      rest: "trailing 3-month revenue",
    });
    expect(readDateRange("trailing 3 months revenue", "2024-03-15", METRICS)).toMatchObject({
      range: { start: "2023-12-16", end: "2024-03-16" },
    });
  });

  it("refuses two unrelated ranges and a bad current date", () => {
    expect(readDateRange("revenue in 2023 compared with Q1 2024 in Germany", "2024-03-15", METRICS).ok).toBe(false);
    expect(readDateRange("revenue in 2023", "15/03/2024", METRICS)).toMatchObject({ ok: false });
  });
});
