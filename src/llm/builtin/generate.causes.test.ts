import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * Round 9 (judged blind): "remakes due to shade this year" applied the year to cases.due_dt. "Due
 * to", "because of" give a cause, never a date that is due; the rows keep their own date. "Due next
 * week" still is the due date. Schemas: a garage and a help desk, invented here.
 */

const GARAGE = catalog([
  table(
    "repairs",
    [
      ["repair_id", "integer"],
      ["reason_cd", "text"],
      ["opened_ts", "timestamp"],
      ["due_dt", "date"],
    ],
    { primaryKey: ["repair_id"], samples: { reason_cd: ["BRAKES", "TYRES"] } },
  ),
]);

const HELP_DESK = catalog([
  table(
    "tickets",
    [
      ["ticket_id", "integer"],
      ["cause_cd", "text"],
      ["opened_ts", "timestamp"],
      ["due_dt", "date"],
    ],
    { primaryKey: ["ticket_id"], samples: { cause_cd: ["OUTAGE", "BILLING"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'due to' gives a cause, never the due date", () => {
  it("garage: repairs due to brakes this month; repairs due next week", async () => {
    await expectSql(
      GARAGE,
      {
        q: "repairs due to brakes this month",
        has: ["r.reason_cd = 'BRAKES'", "r.opened_ts >= DATE '2026-12-01'"],
        not: ["due_dt"],
      },
      options,
    );
    await expectSql(GARAGE, { q: "repairs due next week", has: ["r.due_dt >= DATE '2026-12-14'"] }, options);
  });

  it("help desk: tickets due to an outage, because of billing", async () => {
    await expectSql(
      HELP_DESK,
      { q: "tickets due to outage last week", has: ["t.cause_cd = 'OUTAGE'", "t.opened_ts >="], not: ["due_dt"] },
      options,
    );
    await expectSql(
      HELP_DESK,
      { q: "How many tickets because of billing this month?", has: ["COUNT(*)", "t.cause_cd = 'BILLING'"] },
      options,
    );
  });
});
