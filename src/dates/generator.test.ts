import { describe, expect, it } from "vitest";
import { readDateRange } from "./range";
import { GENERATOR } from "./test-options";

const TODAY = "2024-10-15"; // a Tuesday

function range(q: string) {
  const r = readDateRange(q, TODAY, GENERATOR);
  if (!r.ok) throw new Error(r.reason);
  return r.range === undefined ? undefined : { start: r.range.start, end: r.range.end, rest: r.rest };
}

describe("readDateRange as the built-in generator reads dates (open ends unbounded, numeric prose days)", () => {
  it.each([
    ["orders in 2023", "2023-01-01", "2024-01-01"],
    ["revenue last month", "2024-09-01", "2024-10-01"],
    ["revenue this month", "2024-10-01", "2024-11-01"],
    ["revenue last week", "2024-10-07", "2024-10-14"],
    ["revenue this year", "2024-01-01", "2025-01-01"],
    ["revenue last year", "2023-01-01", "2024-01-01"],
    ["revenue for the last quarter", "2024-07-01", "2024-10-01"],
    ["revenue in the past 90 days", "2024-07-18", "2024-10-16"],
    ["revenue in the last 3 months", "2024-07-16", "2024-10-16"],
    ["orders in the past week", "2024-10-09", "2024-10-16"],
    ["revenue year to date", "2024-01-01", "2024-10-16"],
    ["orders yesterday", "2024-10-14", "2024-10-15"],
    ["orders today", "2024-10-15", "2024-10-16"],
    ["revenue in Q3 2024", "2024-07-01", "2024-10-01"],
    ["revenue in q4", "2024-10-01", "2025-01-01"], // the latest Q4 that has started
    ["revenue in the first quarter", "2024-01-01", "2024-04-01"],
    ["revenue in the third quarter of 2023", "2023-07-01", "2023-10-01"],
    ["revenue in H1 2024", "2024-01-01", "2024-07-01"],
    ["orders in March 2024", "2024-03-01", "2024-04-01"],
    ["orders in march", "2024-03-01", "2024-04-01"],
    ["orders in november", "2023-11-01", "2023-12-01"],
    ["orders in 2024-02", "2024-02-01", "2024-03-01"],
    ["orders on June 5, 2023", "2023-06-05", "2023-06-06"],
    ["orders on 5 June 2023", "2023-06-05", "2023-06-06"],
    ["orders between 2023-01-01 and 2023-06-30", "2023-01-01", "2023-07-01"],
    ["revenue from Jan 2023 to Jun 2023", "2023-01-01", "2023-07-01"],
    ["revenue in 2023 and 2024", "2023-01-01", "2025-01-01"],
  ])("%s -> [%s, %s)", (q, start, end) => {
    expect(range(q)).toMatchObject({ start, end });
  });

  it("adds months with clamping at a month's end, as Postgres does", () => {
    // Mar 31 minus one month is Feb 29 (2024), not JavaScript's overflow to Mar 2.
    for (const question of ["revenue in the past month", "revenue in the past 1 month"]) {
      const r = readDateRange(question, "2024-03-31", GENERATOR);
      expect(r.ok && { start: r.range?.start, end: r.range?.end }).toEqual({ start: "2024-03-01", end: "2024-04-01" });
    }
  });

  it("leaves open-ended ranges open", () => {
    expect(range("revenue since March 2024")).toEqual({ start: "2024-03-01", end: undefined, rest: "revenue" });
    expect(range("orders after June 2023")).toMatchObject({ start: "2023-07-01", end: undefined });
    expect(range("orders before 2023")).toMatchObject({ start: undefined, end: "2023-01-01" });
    expect(range("orders until 2023-03-31")).toMatchObject({ start: undefined, end: "2023-04-01" });
  });

  it("'from' a period alone is that period; 'from … onwards' runs on", () => {
    expect(range("bookings from last month")).toEqual({ start: "2024-09-01", end: "2024-10-01", rest: "bookings" });
    expect(range("claims from 2023")).toMatchObject({ start: "2023-01-01", end: "2024-01-01" });
    expect(range("orders from March 2024 onwards")).toEqual({ start: "2024-03-01", end: undefined, rest: "orders" });
    expect(range("orders from 2023 on")).toEqual({ start: "2023-01-01", end: undefined, rest: "orders" });
    // "on" followed by more words is a word of the question ("from 2023 on mobile").
    expect(range("plays from 2023 on mobile")).toEqual({
      start: "2023-01-01",
      end: "2024-01-01",
      rest: "plays on mobile",
    });
    expect(range("orders starting from 2023")).toMatchObject({ start: "2023-01-01", end: undefined });
  });

  it("'starting' a period of its own after the rows' noun is when they start, and stays a word", () => {
    expect(range("sections starting next month")).toEqual({
      start: "2024-11-01",
      end: "2024-12-01",
      rest: "sections starting",
    });
    expect(range("tenancies beginning this week")).toMatchObject({ start: "2024-10-14", end: "2024-10-21" });
    // at the start of a question, or before a named period, it still opens the range
    expect(range("starting next week, how many bookings")).toMatchObject({ start: "2024-10-21", end: undefined });
    expect(range("orders starting March 2024")).toMatchObject({ start: "2024-03-01", end: undefined });
  });

  it("refuses a window of hours: only today's date is known, not the time", () => {
    for (const q of ["issues updated in the last 24 hours", "orders in the past 48 hours"]) {
      const r = readDateRange(q, TODAY, GENERATOR);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/counts hours back from now/);
    }
  });

  it("removes the range and its preposition from the question", () => {
    expect(range("how many orders in 2023 by month")?.rest).toBe("how many orders by month");
  });

  it("leaves a unit before a relative period to the question: 'each month this year' groups by month", () => {
    expect(range("how many signups each month this year")).toEqual({
      start: "2024-01-01",
      end: "2025-01-01",
      rest: "how many signups each month",
    });
    expect(range("visits per week last month")?.rest).toBe("visits per week");
    expect(range("orders in the year 2023")).toMatchObject({ start: "2023-01-01", rest: "orders" });
  });

  it("does not read amounts, ranks or the verb 'may' as dates", () => {
    expect(range("orders over 2000")).toBeUndefined();
    expect(range("top 5 products by revenue")).toBeUndefined();
    expect(range("may I see the orders")).toBeUndefined();
    expect(range("orders over 2000 in 2023")).toMatchObject({ start: "2023-01-01", rest: "orders over 2000" });
  });

  it("refuses several unrelated ranges and a bad current date", () => {
    expect(readDateRange("orders in 2022 vs 2023", TODAY, GENERATOR)).toMatchObject({ ok: false });
    expect(readDateRange("orders in 2023", "not-a-date", GENERATOR)).toMatchObject({ ok: false });
  });
});

describe("on or after, on or before (generator)", () => {
  it("include the day itself", () => {
    const after = readDateRange("orders on or after Apr 1, 2023", "2024-06-30", GENERATOR);
    expect(after.ok && after.range).toMatchObject({ start: "2023-04-01" });
    expect(after.ok && after.range?.end).toBeUndefined();
    const before = readDateRange("signups on or before 2024-02-10", "2024-06-30", GENERATOR);
    expect(before.ok && before.range).toMatchObject({ end: "2024-02-11" });
    expect(before.ok && before.range?.start).toBeUndefined();
    expect(before.ok && before.rest.includes(" or ")).toBe(false);
  });
});
