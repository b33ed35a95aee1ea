import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "cancelled courses this year and how many students had enrolled" was answered with one count of
 * students over every cancelled course: the courses asked for were dropped. Rows named first, then a
 * figure after "and" that no "each" or "per" ties to them, ask two things; one answer cannot be both.
 * A figure per listed row ("and how many repairs each has done") and "Which X …, and how many Y
 * have they …" (a count per listed row) are still answered. Schemas: a repair shop and a theatre,
 * invented here.
 */

const REPAIRS = catalog([
  table(
    "mechanics",
    [
      ["mechanic_id", "integer"],
      ["mechanic_nm", "text"],
      ["hired_dt", "date"],
    ],
    { primaryKey: ["mechanic_id"] },
  ),
  withForeignKey(
    table(
      "repairs",
      [
        ["repair_id", "integer"],
        ["mechanic_id", "integer"],
        ["status_cd", "text"],
        ["labour_hours", "numeric"],
        ["opened_dt", "date"],
      ],
      { primaryKey: ["repair_id"], samples: { status_cd: ["OPEN", "DONE", "VOIDED"] } },
    ),
    "mechanic_id",
    "mechanics",
    "mechanic_id",
  ),
]);

const THEATRE = catalog([
  table(
    "shows",
    [
      ["show_id", "integer"],
      ["title", "text"],
      ["state_cd", "text"],
      ["opening_dt", "date"],
    ],
    { primaryKey: ["show_id"], samples: { state_cd: ["RUNNING", "POSTPONED", "CLOSED"] } },
  ),
  withForeignKey(
    table(
      "seat_bookings",
      [
        ["seat_booking_id", "integer"],
        ["show_id", "integer"],
        ["price_amt", "numeric"],
        ["booked_ts", "timestamp"],
      ],
      { primaryKey: ["seat_booking_id"] },
    ),
    "show_id",
    "shows",
    "show_id",
  ),
]);

const options = { currentDate: "2026-12-07" };
const TWO_ASKS = /a list of rows and a figure about them/;

describe("rows, then a figure about them after 'and', are refused", () => {
  it("repair shop", async () => {
    expectDeclined(REPAIRS, "voided repairs this year and the average labour hours", options, TWO_ASKS);
    expectDeclined(REPAIRS, "open repairs and how many hours they took", options, TWO_ASKS);
    await expectSql(REPAIRS, { q: "average labour hours of voided repairs", has: ["AVG(r.labour_hours)"] }, options);
    await expectSql(
      REPAIRS,
      { q: "mechanics hired in 2025 and how many repairs each mechanic has done", has: ["GROUP BY 1, 2"] },
      options,
    );
  });

  it("theatre", async () => {
    expectDeclined(THEATRE, "postponed shows and how many seats were booked", options, TWO_ASKS);
    expectDeclined(THEATRE, "running shows and total booking revenue", options, TWO_ASKS);
    await expectSql(THEATRE, { q: "how many seat bookings for postponed shows", has: ["COUNT(*)"] }, options);
  });
});

/**
 * "mechanics hired in 2025 and how many repairs each has done": "each" opened a grouping no word
 * filled ("done" is a status value), and one count over every mechanic came back. An "each" left
 * empty is refused; "each month" is a period and "each mechanic" a grouping, both still answered.
 */
describe("an 'each' that no word fills is refused", () => {
  const EMPTY = /groupings no word names/;
  it("repair shop", async () => {
    expectDeclined(REPAIRS, "mechanics hired in 2025 and how many repairs each has done", options, EMPTY);
    expectDeclined(REPAIRS, "average labour hours for each", options, EMPTY);
    await expectSql(REPAIRS, { q: "open repairs for each mechanic", has: ["GROUP BY 1, 2"] }, options);
  });

  it("theatre", async () => {
    expectDeclined(THEATRE, "shows opening in 2026 and how many seat bookings each has received", options, /grouping/);
    expectDeclined(THEATRE, "how many seat bookings for each", options, EMPTY);
    await expectSql(THEATRE, { q: "seat bookings each month", has: ["date_trunc('month'"] }, options);
  });
});
