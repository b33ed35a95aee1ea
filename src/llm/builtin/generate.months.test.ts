import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Rows that keep a year number and a month name ('January') instead of a date: "each month of 2021"
 * groups by the month column within that year, and an order by month is the calendar's. Two schemas:
 * a weather log and a sales ledger.
 */

const MONTHS = ["January", "February", "March", "April"];

const WEATHER = catalog([
  table(
    "readings",
    [
      ["reading_id", "integer"],
      ["station", "text"],
      ["year", "integer"],
      ["month", "text"],
      ["rainfall", "numeric"],
    ],
    { primaryKey: ["reading_id"], samples: { month: MONTHS } },
  ),
]);

const LEDGER = catalog([
  table(
    "entries",
    [
      ["entry_id", "integer"],
      ["year", "integer"],
      ["month", "text"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["entry_id"], samples: { month: ["Jan", "Feb", "Mar"] } },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("a month-name column beside a year number", () => {
  it("groups by it within the year, in calendar order when asked (weather, ledger)", async () => {
    await expectSql(
      WEATHER,
      {
        q: "What is the total rainfall in each month of the year 2021, ordered by the month?",
        has: [
          "r.month",
          "r.year = 2021",
          "GROUP BY 1",
          "ORDER BY EXTRACT(MONTH FROM to_date(left(r.month, 3), 'Mon'))",
        ],
      },
      options,
    );
    await expectSql(
      LEDGER,
      {
        q: "How many entries were there in each month of 2024, ordered by month?",
        has: ["e.month", "e.year = 2024", "to_date(left(e.month, 3), 'Mon')"],
      },
      options,
    );
  });

  it("still refuses a week or a day, which neither column holds (weather)", () => {
    expect(generateSql(WEATHER, "total rainfall by week in 2021", options).ok).toBe(false);
  });
});
