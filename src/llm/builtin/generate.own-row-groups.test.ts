import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "average quiz score per quiz" averaged quizzes.pass_score grouped by each quiz, "ticket revenue
 * per event" summed each event's own tickets_sold: a figure of a table's own column grouped by that
 * table's key is one row's value, never an average or a total, so that reading is dropped (another
 * one, through the rows that hold the figure, may stand). And "cancellation rate by hotel" was the
 * average nightly rate: a word before "rate" the rate column does not carry names another rate.
 * Schemas: an exam board, a fair, a hotel group and a gym chain, invented here.
 */

const EXAMS = catalog([
  table(
    "exams",
    [
      ["exam_id", "integer"],
      ["exam_nm", "text"],
      ["pass_score", "integer"],
    ],
    { primaryKey: ["exam_id"] },
  ),
  withForeignKey(
    table(
      "exam_sittings",
      [
        ["sitting_id", "integer"],
        ["exam_id", "integer"],
        ["score", "integer"],
        ["sat_dt", "date"],
      ],
      { primaryKey: ["sitting_id"] },
    ),
    "exam_id",
    "exams",
    "exam_id",
  ),
]);

const FAIR = catalog([
  table(
    "stalls",
    [
      ["stall_id", "integer"],
      ["stall_nm", "text"],
      ["jars_sold", "integer"],
      ["pitch_fee", "numeric"],
    ],
    { primaryKey: ["stall_id"] },
  ),
]);

const HOTELS = catalog([
  table(
    "hotels",
    [
      ["hotel_id", "integer"],
      ["hotel_nm", "text"],
    ],
    { primaryKey: ["hotel_id"] },
  ),
  withForeignKey(
    table(
      "bookings",
      [
        ["booking_id", "integer"],
        ["hotel_id", "integer"],
        ["nightly_rate", "numeric"],
        ["cancelled_dt", "date"],
      ],
      { primaryKey: ["booking_id"] },
    ),
    "hotel_id",
    "hotels",
    "hotel_id",
  ),
]);

const GYMS = catalog([
  table(
    "clubs",
    [
      ["club_id", "integer"],
      ["club_nm", "text"],
    ],
    { primaryKey: ["club_id"] },
  ),
  withForeignKey(
    table(
      "memberships",
      [
        ["membership_id", "integer"],
        ["club_id", "integer"],
        ["monthly_rate", "numeric"],
        ["lapsed_dt", "date"],
      ],
      { primaryKey: ["membership_id"] },
    ),
    "club_id",
    "clubs",
    "club_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a figure of each row's own column per that row is no average or total", () => {
  it("exams: 'average score per exam' averages the sittings, not each exam's pass score", async () => {
    await expectSql(
      EXAMS,
      { q: "average exam score per exam", has: ["AVG(es.score)", "JOIN exams"], not: ["pass_score"] },
      options,
    );
  });

  it("fair: 'revenue per stall' is not each stall's own jars sold", () => {
    expectDeclined(FAIR, "revenue per stall", options);
    expectDeclined(FAIR, "total pitch fee per stall", options, /each group is one stalls row/);
  });
});

describe("a rate named by another word is not the rate column", () => {
  it("hotels: 'cancellation rate by hotel' is refused; 'average nightly rate by hotel' stands", async () => {
    expectDeclined(HOTELS, "cancellation rate by hotel", options);
    await expectSql(HOTELS, { q: "average nightly rate by hotel", has: ["AVG(b.nightly_rate)"] }, options);
  });

  it("gyms: 'churn rate per club' is refused; 'average monthly rate per club' stands", async () => {
    expectDeclined(GYMS, "churn rate per club", options);
    await expectSql(GYMS, { q: "average monthly rate per club", has: ["AVG(m.monthly_rate)"] }, options);
  });
});
