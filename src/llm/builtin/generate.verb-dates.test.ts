import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// A participle named like a nullable date column ("enrolled" beside enrolled_on) says the date is set
// ("How many students have enrolled?"), but followed by a preposition and a table's noun ("enrolled
// in each course", "admitted to a ward") it says how the rows relate, and filtering on the date would
// drop rows whose own date is missing. Invented schemas: a college and a hospital.

const COLLEGE = catalog([
  table(
    "students",
    [
      ["student_id", "integer"],
      ["student_name", "text"],
      ["enrolled_on", "date"],
    ],
    { primaryKey: ["student_id"] },
  ),
  table(
    "courses",
    [
      ["course_id", "integer"],
      ["course_title", "text"],
    ],
    { primaryKey: ["course_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "enrollments",
        [
          ["enrollment_id", "integer"],
          ["student_id", "integer"],
          ["course_id", "integer"],
        ],
        { primaryKey: ["enrollment_id"] },
      ),
      "student_id",
      "students",
      "student_id",
    ),
    "course_id",
    "courses",
    "course_id",
  ),
]);

const HOSPITAL = catalog([
  table(
    "wards",
    [
      ["ward_id", "integer"],
      ["ward_name", "text"],
    ],
    { primaryKey: ["ward_id"] },
  ),
  withForeignKey(
    table(
      "patients",
      [
        ["patient_id", "integer"],
        ["patient_name", "text"],
        ["ward_id", "integer"],
        ["admitted_at", "timestamp"],
      ],
      { primaryKey: ["patient_id"] },
    ),
    "ward_id",
    "wards",
    "ward_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a participle before a preposition and a table's noun relates rows", () => {
  it("college", async () => {
    await expectSql(
      COLLEGE,
      {
        q: "How many students are enrolled in each course?",
        has: ["c.course_title", "GROUP BY 1"],
        not: ["IS NOT NULL"],
      },
      options,
    );
    await expectSql(COLLEGE, { q: "How many students have enrolled?", has: ["enrolled_on IS NOT NULL"] }, options);
  });

  it("hospital", async () => {
    await expectSql(
      HOSPITAL,
      { q: "How many patients were admitted to each ward?", has: ["w.ward_name", "GROUP BY 1"], not: ["IS NOT NULL"] },
      options,
    );
    await expectSql(
      HOSPITAL,
      { q: "How many patients have been admitted?", has: ["admitted_at IS NOT NULL"] },
      options,
    );
  });
});

// "students who enrolled in both 2024 and 2025" asks for each year; the span from the first to the
// last (a wrong answer found while probing) would also take students of one year only.
describe("'both' before two periods is refused, not read as one range", () => {
  it("college and hospital", () => {
    expect(sqlOrReason(COLLEGE, "Which students enrolled in both 2024 and 2025?", options)).toMatch(
      /both 2024 and 2025.*each of two periods/,
    );
    expect(sqlOrReason(HOSPITAL, "patients admitted both in March and April 2026", options)).toMatch(
      /each of two periods/,
    );
    expect(sqlOrReason(HOSPITAL, "How many patients were admitted in 2024 and 2025?", options)).toContain(
      "DATE '2024-01-01'",
    );
  });
});
