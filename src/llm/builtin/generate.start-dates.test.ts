import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Rows that are booked ahead happen at their start: "lessons last month" are dated by lsn_start_ts,
 * not by when they were booked (booked_ts), unless the question says "booked". And "revenue this
 * week" is never a list of the distinct amounts charged. Schemas: a driving school (coaches,
 * lessons, lesson charges) and a boat-tour operator (boats, voyages, tickets), invented here.
 */

const DRIVING = catalog([
  table(
    "coaches",
    [
      ["coach_id", "integer"],
      ["coach_nm", "text"],
    ],
    { primaryKey: ["coach_id"] },
  ),
  withForeignKey(
    table(
      "lessons",
      [
        ["lesson_id", "integer"],
        ["coach_id", "integer"],
        ["booked_ts", "timestamp"],
        ["lsn_start_ts", "timestamp"],
        ["lesson_status", "text"],
      ],
      { primaryKey: ["lesson_id"], samples: { lesson_status: ["BOOKED", "DONE", "CANCELLED"] } },
    ),
    "coach_id",
    "coaches",
    "coach_id",
  ),
  withForeignKey(
    table(
      "lesson_charges",
      [
        ["charge_id", "integer"],
        ["lesson_id", "integer"],
        ["charged_amt", "numeric"],
      ],
      { primaryKey: ["charge_id"] },
    ),
    "lesson_id",
    "lessons",
    "lesson_id",
  ),
]);

const TOURS = catalog([
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["boat_nm", "text"],
    ],
    { primaryKey: ["boat_id"] },
  ),
  withForeignKey(
    table(
      "voyages",
      [
        ["voyage_id", "integer"],
        ["boat_id", "integer"],
        ["booked_ts", "timestamp"],
        ["voy_start_ts", "timestamp"],
      ],
      { primaryKey: ["voyage_id"] },
    ),
    "boat_id",
    "boats",
    "boat_id",
  ),
  withForeignKey(
    table(
      "voyage_tickets",
      [
        ["ticket_no", "integer"],
        ["voyage_id", "integer"],
        ["charged_amt", "numeric"],
      ],
      { primaryKey: ["ticket_no"] },
    ),
    "voyage_id",
    "voyages",
    "voyage_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("rows booked ahead are dated by their start", () => {
  it("driving school: lessons per coach last month by the lesson's start; 'booked' by the booking", async () => {
    await expectSql(
      DRIVING,
      { q: "Lessons per coach last month", has: ["l.lsn_start_ts >= DATE '2026-11-01'"], not: ["booked_ts"] },
      options,
    );
    await expectSql(
      DRIVING,
      { q: "Lessons booked last month", has: ["l.booked_ts >= DATE '2026-11-01'"], not: ["lsn_start_ts"] },
      options,
    );
  });

  it("boat tours: how many voyages this year, by the voyage's start", async () => {
    await expectSql(
      TOURS,
      { q: "How many voyages did each boat do this year?", has: ["v.voy_start_ts >= DATE '2026-01-01'"] },
      options,
    );
  });
});

describe("revenue is never a list of distinct amounts", () => {
  it("driving school and boat tours", () => {
    expectDeclined(DRIVING, "revenue this week", options, /revenue/);
    expectDeclined(TOURS, "revenue this week", options, /revenue/);
  });
});
