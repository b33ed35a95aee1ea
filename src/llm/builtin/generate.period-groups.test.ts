import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "How many members joined each month this year?": the unit before a relative period groups by it,
// within the period. The date reader took "month this year" as one phrase (as in "the year 2024"),
// and the answer was one count for the year (a wrong answer found while probing). Invented schemas:
// a gym and a ferry line.

const GYM = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
]);

const FERRY = catalog([
  table(
    "crossings",
    [
      ["crossing_id", "integer"],
      ["sailed_at", "timestamp"],
      ["passengers", "integer"],
    ],
    { primaryKey: ["crossing_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a unit before a relative period groups within it", () => {
  it("gym", async () => {
    await expectSql(
      GYM,
      {
        q: "How many members joined each month this year?",
        has: ["date_trunc('month', m.joined_on)", "GROUP BY 1", "m.joined_on >= DATE '2026-01-01'"],
      },
      options,
    );
  });

  it("ferry line", async () => {
    await expectSql(
      FERRY,
      {
        q: "total passengers per week last month",
        has: ["date_trunc('week', c.sailed_at)", "SUM(c.passengers)", "c.sailed_at >= DATE '2026-11-01'"],
      },
      options,
    );
  });
});
