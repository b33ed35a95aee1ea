import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "the number of leave days per employee": days (hours, weeks …) are a length of time. Counted as
// rows they answered how many leave requests each employee made, and "total days of leave per
// employee" counted each employee once (wrong answers found while probing). A column the word names
// ("nights") is summed as before. Invented schemas: a personnel office and a volunteer rota.

const PERSONNEL = catalog([
  table(
    "employees",
    [
      ["emp_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
      ["hire_date", "date"],
    ],
    { primaryKey: ["emp_id"] },
  ),
  withForeignKey(
    table(
      "leave_requests",
      [
        ["request_id", "integer"],
        ["emp_id", "integer"],
        ["start_date", "date"],
        ["end_date", "date"],
        ["kind", "text"],
      ],
      { primaryKey: ["request_id"], samples: { kind: ["annual", "sick"] } },
    ),
    "emp_id",
    "employees",
    "emp_id",
  ),
]);

const ROTA = catalog([
  table(
    "volunteers",
    [
      ["volunteer_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["volunteer_id"] },
  ),
  withForeignKey(
    table(
      "shifts",
      [
        ["shift_id", "integer"],
        ["volunteer_id", "integer"],
        ["starts_at", "timestamp"],
        ["ends_at", "timestamp"],
        ["nights", "integer"],
      ],
      { primaryKey: ["shift_id"] },
    ),
    "volunteer_id",
    "volunteers",
    "volunteer_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a number of days, hours … is a length of time, not a count of rows", () => {
  it("personnel office", () => {
    expect(sqlOrReason(PERSONNEL, "number of leave days per employee", options)).toMatch(
      /"days": a number of days is a length of time/,
    );
    expect(sqlOrReason(PERSONNEL, "total days of leave per employee", options)).toMatch(/"days"/);
    expect(sqlOrReason(PERSONNEL, "How many leave days did each employee take?", options)).toMatch(/"days"/);
  });

  it("volunteer rota", async () => {
    expect(sqlOrReason(ROTA, "number of hours per volunteer", options)).toMatch(/"hours"/);
    await expectSql(ROTA, { q: "total nights per volunteer", has: ["SUM(s.nights)"] }, options);
    await expectSql(ROTA, { q: "how many shifts did each volunteer work", has: ["COUNT(*)"] }, options);
  });
});
