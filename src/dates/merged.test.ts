import { describe, expect, it } from "vitest";
import { readDateRange, readPeriodPair } from "./range";
import { GENERATOR, METRICS } from "./test-options";

/**
 * What the one reader does that only one of the two former parsers did (llm/builtin/dates.ts,
 * semantic/dates.ts), and where the two callers still differ by option.
 */
const TODAY = "2024-03-15"; // a Friday

function bounds(question: string, options = GENERATOR, today = TODAY) {
  const r = readDateRange(question, today, options);
  if (!r.ok) throw new Error(r.reason);
  return r.range === undefined ? undefined : { start: r.range.start ?? null, end: r.range.end ?? null, rest: r.rest };
}

describe("the callers' differences, as options", () => {
  it.each([
    ["revenue since March 2023", "2023-03-01"],
    ["revenue from Q2 2023 onwards", "2023-04-01"],
    ["orders on or after Apr 1, 2023", "2023-04-01"],
    ["orders after June 2023", "2023-07-01"],
  ])("openEnd: %s runs on unbounded for the generator, through today for metrics", (q, start) => {
    expect(bounds(q, GENERATOR)).toMatchObject({ start, end: null });
    expect(bounds(q, METRICS)).toMatchObject({ start, end: "2024-03-16" });
  });

  it("proseDays: a day named in words is a date for metrics only", () => {
    expect(bounds("revenue last friday", METRICS)).toMatchObject({ start: "2024-03-08", end: "2024-03-09" });
    expect(bounds("revenue last friday", GENERATOR)).toBeUndefined();
    expect(bounds("orders placed on a monday", GENERATOR)).toBeUndefined();
    // A day written with a number is a date for both.
    for (const options of [GENERATOR, METRICS])
      expect(bounds("orders on 1/15/2023", options)).toMatchObject({ start: "2023-01-15", end: "2023-01-16" });
  });
});

describe("patterns the generator gains from the semantic layer's parser", () => {
  it.each([
    ["orders 3 months ago", "2023-12-01", "2024-01-01"],
    ["revenue the month before last", "2024-01-01", "2024-02-01"],
    ["revenue the day before yesterday", "2024-03-13", "2024-03-14"],
    ["revenue on the same day last year", "2023-03-15", "2023-03-16"],
    ["revenue next month", "2024-04-01", "2024-05-01"],
    ["revenue so far this year", "2024-01-01", "2024-03-16"],
    ["revenue week to date", "2024-03-11", "2024-03-16"],
    // Was "two separate date ranges": "last quarter" read as the calendar quarter before "of 2023".
    ["revenue in the last quarter of 2023", "2023-10-01", "2024-01-01"],
    // Was March 6 alone.
    ["revenue in the week of March 6 2024", "2024-03-04", "2024-03-11"],
    // Was the whole of 2022, with "until the end" left in the question.
    ["revenue until the end of 2022", null, "2023-01-01"],
    // Was [2024-03-01, 2023-06-01): the yearless month now takes the other end's year.
    ["revenue between March and May 2023", "2023-03-01", "2023-06-01"],
  ])("%s -> [%s, %s)", (q, start, end) => {
    expect(bounds(q, GENERATOR)).toMatchObject({ start, end });
  });

  it("removes 'over' and 'within' with the range, as the semantic layer did", () => {
    expect(bounds("How many orders have come in over the past 30 days?")?.rest).toBe("How many orders have come in ?");
    expect(bounds("orders within the last 7 days")?.rest).toBe("orders");
  });

  it("refuses a range that ends before it starts", () => {
    expect(readDateRange("revenue from 2024 to 2022", TODAY, GENERATOR)).toMatchObject({
      ok: false,
      problem: { kind: "endsBeforeStart" },
    });
  });
});

describe("what the semantic layer gains from the generator's parser", () => {
  it("reads qualifiers of a rolling window", () => {
    expect(bounds("revenue in the past 7 days, inclusive of today", METRICS)).toMatchObject({
      start: "2024-03-09",
      end: "2024-03-16",
      rest: "revenue",
    });
    expect(bounds("revenue in the last 6 months excluding the current month", METRICS)).toMatchObject({
      start: "2023-09-01",
      end: "2024-03-01",
    });
    // "not including the current month" is no second range ("the current month").
    expect(bounds("reviews in the last 10 calendar months (not including the current month)", METRICS)).toBeUndefined();
  });

  it("reads 'on or after' as including the day", () => {
    expect(bounds("customers who joined on or after January 1", METRICS, "2024-06-15")).toMatchObject({
      start: "2024-01-01",
      rest: "customers who joined",
    });
  });

  it("gives the index of the range's words in the question", () => {
    const r = readDateRange("monthly revenue in 2023", TODAY, METRICS);
    expect(r.ok && r.range).toMatchObject({ text: "in 2023", index: 16 });
  });
});

describe("new in the one reader", () => {
  it("moves a period by an offset written before it", () => {
    for (const options of [GENERATOR, METRICS]) {
      expect(bounds("the tip made exactly 2 months after March 2021", options)).toMatchObject({
        start: "2021-05-01",
        end: "2021-06-01",
        rest: "the tip made exactly",
      });
      expect(bounds("orders 3 days before 2024-01-10", options)).toMatchObject({
        start: "2024-01-07",
        end: "2024-01-08",
      });
    }
  });

  it("reads 'compared to X' as X whole, not as 'until X'", () => {
    expect(bounds("revenue compared to last year")).toMatchObject({ start: "2023-01-01", end: "2024-01-01" });
    expect(bounds("revenue up to 2023")).toMatchObject({ start: null, end: "2024-01-01" });
  });

  it("reads a half without a year as the latest that has started, like quarters and months", () => {
    expect(bounds("revenue in the second half")).toMatchObject({ start: "2023-07-01", end: "2024-01-01" });
    expect(bounds("revenue in H1")).toMatchObject({ start: "2024-01-01", end: "2024-07-01" });
  });

  it("reads no impossible day and no future relative day", () => {
    // Not March 2 (the generator's former Date overflow); the year alone, as the semantic layer read it.
    expect(bounds("orders on 2023-02-30")).toMatchObject({ start: "2023-01-01", end: "2024-01-01" });
    expect(bounds("orders 3 days from now", METRICS)).toBeUndefined();
    expect(bounds("events within 10 days after starting treatment")).toBeUndefined();
  });

  it("words each problem once, saying what to change", () => {
    expect(readDateRange("orders in 2022 vs 2023", TODAY, GENERATOR)).toMatchObject({
      ok: false,
      problem: { kind: "twoSeparate", spans: ["2022", "2023"] },
      reason: expect.stringMatching(/two separate date ranges .*say "between … and …"/),
    });
    // "both 2022 and 2023" is each year, not the span from one to the other; "in 2022 and 2023" spans.
    expect(readDateRange("customers who ordered in both 2022 and 2023", TODAY, GENERATOR)).toMatchObject({
      ok: false,
      problem: { kind: "eachOfTwo", spans: ["2022", "2023"] },
      reason: expect.stringMatching(/each of two periods/),
    });
    expect(readDateRange("members who visited both in May and June", TODAY, METRICS)).toMatchObject({
      problem: { kind: "eachOfTwo" },
    });
    expect(bounds("orders in 2022 and 2023")).toMatchObject({ start: "2022-01-01", end: "2024-01-01" });
    // "more than 30 days ago" is before that day, not the day itself.
    expect(readDateRange("orders placed more than 30 days ago", TODAY, GENERATOR)).toMatchObject({
      ok: false,
      problem: { kind: "comparedAgo", span: "more than 30 days ago" },
    });
    expect(readDateRange("users seen less than a week ago", TODAY, METRICS)).toMatchObject({
      problem: { kind: "comparedAgo" },
    });
    expect(readDateRange("orders in 2023", "15/03/2024", METRICS)).toMatchObject({
      problem: { kind: "badCurrentDate" },
      reason: "current_date '15/03/2024' is not a YYYY-MM-DD date",
    });
  });

  it("keeps two compared periods apart, with the same patterns", () => {
    const pair = readPeriodPair("revenue growth from the last quarter of 2023 to Q1 2024", TODAY, GENERATOR);
    expect(pair?.periods.map((p) => [p.start, p.end])).toEqual([
      ["2023-10-01", "2024-01-01"],
      ["2024-01-01", "2024-04-01"],
    ]);
    expect(pair?.rest).toBe("revenue growth");
  });
});
