import { describe, expect, it } from "vitest";
import { readWeekdays, weekdayNames } from "./weekdays";

describe("readWeekdays: days of the week as a filter", () => {
  it.each([
    ["How many rentals were made on a Saturday or Sunday in 2023?", [6, 7], "on a Saturday or Sunday"],
    ["orders placed on weekends", [6, 7], "on weekends"],
    ["How many weekend bookings were there?", [6, 7], "weekend"],
    ["sales on weekdays last month", [1, 2, 3, 4, 5], "on weekdays"],
    ["visits on Mondays and Fridays", [1, 5], "on Mondays and Fridays"],
    ["tickets opened on a Tuesday, Wednesday or Thursday", [2, 3, 4], "on a Tuesday, Wednesday or Thursday"],
  ])("%s", (question, days, text) => {
    const { filter, rest } = readWeekdays(question);
    expect(filter).toMatchObject({ days, text });
    // Blanked in place: a date range read afterwards keeps its offset.
    expect(rest).toHaveLength(question.length);
    expect(rest.slice(filter?.index, (filter?.index ?? 0) + text.length).trim()).toBe("");
  });

  it.each([
    "What happened last weekend?",
    "orders over the weekend",
    "revenue for each weekend",
    "Which weekday has the most orders?",
  ])("leaves %s alone: one weekend, a grouping or a question about days", (question) => {
    expect(readWeekdays(question).filter).toBeUndefined();
  });

  it("leaves the words to the schema when a column is named by them or holds them", () => {
    const spelled = (word: string) => /^(weekend|monday)$/.test(word.replace(/s$/, ""));
    expect(readWeekdays("bookings on weekends", spelled).filter).toBeUndefined();
    expect(readWeekdays("check-ins on Mondays", spelled).filter).toBeUndefined();
    expect(readWeekdays("check-ins on Fridays", spelled).filter?.days).toEqual([5]);
  });

  it("names the days for explanations", () => {
    expect(weekdayNames([6, 7])).toBe("Saturday, Sunday");
  });
});
