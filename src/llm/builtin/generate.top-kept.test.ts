import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "top 3 coaches by number of sessions" (coaches a value of staff.role_cd) and "top 3 makes by
 * number of hires" (no makes anywhere) were answered as one count of every session or hire: a plan
 * that does not keep the number of rows asked for answers another question, and is refused.
 * Schemas: a studio and a bike hire, invented here.
 */

const STUDIO = catalog([
  table(
    "staff",
    [
      ["staff_id", "integer"],
      ["staff_nm", "text"],
      ["role_cd", "text"],
    ],
    { primaryKey: ["staff_id"], samples: { role_cd: ["coach", "desk"] } },
  ),
  withForeignKey(
    table(
      "sessions",
      [
        ["session_id", "integer"],
        ["coach_staff_id", "integer"],
        ["held_dt", "date"],
      ],
      { primaryKey: ["session_id"] },
    ),
    "coach_staff_id",
    "staff",
    "staff_id",
  ),
]);

const HIRE = catalog([
  table(
    "bikes",
    [
      ["bike_id", "integer"],
      ["brand", "text"],
      ["frame_no", "text"],
    ],
    { primaryKey: ["bike_id"] },
  ),
  withForeignKey(
    table(
      "hires",
      [
        ["hire_id", "integer"],
        ["bike_id", "integer"],
        ["hired_dt", "date"],
      ],
      { primaryKey: ["hire_id"] },
    ),
    "bike_id",
    "bikes",
    "bike_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a top N the plan does not keep is refused", () => {
  it("studio: 'top 3 coaches by number of sessions' is refused; 'top 3 staff …' ranks", async () => {
    expectDeclined(STUDIO, "top 3 coaches by number of sessions", options, /did not understand "top 3"/);
    await expectSql(
      STUDIO,
      { q: "top 3 staff by number of sessions", has: ["COUNT(*) AS session_count", "LIMIT 3"] },
      options,
    );
  });

  it("bike hire: 'top 3 makes by number of hires' is refused; 'top 3 brands …' ranks", async () => {
    expectDeclined(HIRE, "top 3 makes by number of hires", options, /did not understand "top 3"/);
    await expectSql(
      HIRE,
      { q: "top 3 brands by number of hires", has: ["b.brand, COUNT(*) AS hire_count", "LIMIT 3"] },
      options,
    );
  });
});
