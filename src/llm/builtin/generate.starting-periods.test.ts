import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "sections starting next month" was every section from next month on, "leave requests starting next
 * week" dated by when they were requested: after the rows' noun, "starting" a period of its own is
 * when the rows start, that period only, dated by their start. "in the last 24 hours" was
 * yesterday: a window of hours is refused. Schemas: a language school and a letting agent, invented here.
 */

const SCHOOL = catalog([
  table(
    "courses",
    [
      ["crs_id", "integer"],
      ["course_nm", "text"],
      ["enrolled_dt", "date"],
      ["start_on", "date"],
      ["end_on", "date"],
    ],
    { primaryKey: ["crs_id"] },
  ),
]);

const LETTINGS = catalog([
  table(
    "tenancies",
    [
      ["tenancy_id", "integer"],
      ["tenant_nm", "text"],
      ["signed_dt", "date"],
      ["begin_dt", "date"],
      ["rent_amt", "numeric"],
    ],
    { primaryKey: ["tenancy_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'starting next month' after the rows' noun is that month", () => {
  it("school: 'courses starting next month' start in January only", async () => {
    await expectSql(
      SCHOOL,
      { q: "courses starting next month", has: ["c.start_on >= DATE '2027-01-01' AND c.start_on < DATE '2027-02-01'"] },
      options,
    );
  });

  it("lettings: 'tenancies beginning next week' begin in that week only", async () => {
    await expectSql(
      LETTINGS,
      {
        q: "how many tenancies beginning next week",
        has: ["t.begin_dt >= DATE '2026-12-14' AND t.begin_dt < DATE '2026-12-21'"],
      },
      options,
    );
  });
});

describe("a window of hours is refused: only today's date is known", () => {
  it("school and lettings: 'in the last 24 hours', 'in the past 48 hours'", () => {
    expectDeclined(SCHOOL, "courses enrolled in the last 24 hours", options, /counts hours back from now/);
    expectDeclined(LETTINGS, "tenancies signed in the past 48 hours", options, /counts hours back from now/);
  });
});
