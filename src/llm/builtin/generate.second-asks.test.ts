import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "What's the highest score ever bowled here and who bowled it?" answered the score alone; "adoptions
 * where the counselor was also the one who approved it" listed every adoption (round 10, found
 * blind); "jobs where the estimator was also the crew lead" (round 9) and "accounts whose account rep is
 * also their CSM" (round 4) the same. A question word after "and" asks a second thing, and "is
 * also" compares two roles of a row: both refused. Schemas: a darts league and a repair desk,
 * invented here.
 */

const DARTS = catalog([
  table(
    "players",
    [
      ["player_id", "integer"],
      ["player_nm", "text"],
    ],
    { primaryKey: ["player_id"] },
  ),
  withForeignKey(
    table(
      "throws",
      [
        ["throw_id", "integer"],
        ["player_id", "integer"],
        ["score_pts", "integer"],
        ["thrown_dt", "date"],
      ],
      { primaryKey: ["throw_id"] },
    ),
    "player_id",
    "players",
    "player_id",
  ),
]);

const REPAIR_DESK = catalog([
  table(
    "technicians",
    [
      ["tech_id", "integer"],
      ["tech_nm", "text"],
    ],
    { primaryKey: ["tech_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "tickets",
        [
          ["ticket_id", "integer"],
          ["opened_by_tech_id", "integer"],
          ["closed_by_tech_id", "integer"],
          ["opened_dt", "date"],
        ],
        { primaryKey: ["ticket_id"] },
      ),
      "opened_by_tech_id",
      "technicians",
      "tech_id",
    ),
    "closed_by_tech_id",
    "technicians",
    "tech_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a second question after 'and', and two roles said to be one, are refused", () => {
  it("darts league", async () => {
    expectDeclined(DARTS, "the highest score ever thrown and who threw it", options, /several questions in one/);
    await expectSql(DARTS, { q: "the highest score ever thrown", has: ["MAX(t.score_pts)"] }, options);
  });

  it("repair desk", () => {
    expectDeclined(REPAIR_DESK, "tickets where the opener was also the closer", options, /"is also"/);
    expectDeclined(
      REPAIR_DESK,
      "tickets opened this week and which technician closed them",
      options,
      /several questions/,
    );
  });
});
