import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Boolean columns joined by "or" ("a final project or exam", "refundable or discounted"), and a
 * linking verb that a table's comment uses for the link ("students who have taken a course").
 * Schemas: a school, a shop and a clinic, invented here.
 */

const SCHOOL = catalog([
  table(
    "students",
    [
      ["student_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["student_id"] },
  ),
  table(
    "courses",
    [
      ["course_id", "integer"],
      ["title", "text"],
      ["has_lab", "boolean"],
      ["has_final_project", "boolean"],
      ["has_final_exam", "boolean"],
    ],
    { primaryKey: ["course_id"] },
  ),
  table(
    "enrollments",
    [
      ["enrollment_id", "integer"],
      ["student_id", "integer"],
      ["course_id", "integer"],
      ["term", "text"],
    ],
    { primaryKey: ["enrollment_id"] },
  ),
  // Names the verb too, so "taken" alone could be about this column.
  table("course_ratings", [
    ["course_id", "integer"],
    ["would_take_again", "integer"],
  ]),
]);

const SHOP = catalog([
  table(
    "products",
    [
      ["product_id", "integer"],
      ["name", "text"],
      ["is_refundable", "boolean"],
      ["is_discounted", "boolean"],
      ["price", "numeric"],
    ],
    { primaryKey: ["product_id"] },
  ),
]);

const CLINIC = catalog([
  table(
    "patients",
    [
      ["patient_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["patient_id"] },
  ),
  table(
    "doctors",
    [
      ["doctor_id", "integer"],
      ["full_name", "text"],
      ["is_surgeon", "boolean"],
      ["is_pediatrician", "boolean"],
    ],
    { primaryKey: ["doctor_id"] },
  ),
  table(
    "appointments",
    [
      ["appointment_id", "integer"],
      ["patient_id", "integer"],
      ["doctor_id", "integer"],
      ["room", "text"],
    ],
    { primaryKey: ["appointment_id"] },
  ),
  // Names the verb too, so "attended" alone could be about this column.
  table("events", [
    ["event_id", "integer"],
    ["people_attended", "integer"],
  ]),
]);

const GYM = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["member_id"] },
  ),
  table(
    "classes",
    [
      ["class_id", "integer"],
      ["title", "text"],
      ["has_sauna_access", "boolean"],
      ["has_towel_service", "boolean"],
    ],
    { primaryKey: ["class_id"] },
  ),
  table(
    "bookings",
    [
      ["booking_id", "integer"],
      ["member_id", "integer"],
      ["class_id", "integer"],
      ["studio", "text"],
    ],
    { primaryKey: ["booking_id"] },
  ),
  table("open_days", [
    ["open_day_id", "integer"],
    ["people_attended", "integer"],
  ]),
]);

/** A column comment that uses the linking verb, so the verb could also name that column. */
function commentColumn(c: typeof SCHOOL, tableName: string, column: string, comment: string): void {
  const col = c.tables.find((t) => t.name === tableName)?.columns.find((x) => x.name === column);
  if (col !== undefined) col.comment = comment;
}
commentColumn(SCHOOL, "enrollments", "term", "The term in which the course was taken");
commentColumn(CLINIC, "appointments", "room", "The room where the patient attended the appointment");
commentColumn(GYM, "bookings", "studio", "The studio where the member attended the class");

const options = { currentDate: "2026-06-15" };

describe("'X or Y' of two boolean columns is one filter, either true", () => {
  it("reads two-word flags, the second shortened (school) and one-word flags (shop)", async () => {
    await expectSql(
      SCHOOL,
      {
        q: "How many courses have a final project or exam?",
        has: ["(c.has_final_project = true OR c.has_final_exam = true)"],
      },
      options,
    );
    await expectSql(
      SHOP,
      {
        q: "How many products are refundable or discounted?",
        has: ["(p.is_refundable = true OR p.is_discounted = true)"],
      },
      options,
    );
  });

  it("refuses a negated pair (shop, school): neither, or not both, is not told", () => {
    const r = generateSql(SHOP, "How many products are not refundable or discounted?", options);
    if (r.ok) expect(r.sql).not.toMatch(/OR p\.is_discounted = true\)/);
    const s = generateSql(SCHOOL, "How many courses do not have a lab or a final exam?", options);
    if (s.ok) expect(s.sql).not.toMatch(/OR c\.has_final_exam = true\)/);
  });

  it("still refuses an 'or' between things that are not flags of one table (shop)", () => {
    const r = generateSql(SHOP, "How many products are refundable or cost over 10?", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/"or"/);
  });
});

describe("a linking verb a comment of the relating table uses describes the link", () => {
  it("even where the verb alone could name another table's column (clinic, gym)", async () => {
    await expectSql(
      CLINIC,
      {
        q: "How many patients have attended an appointment with a surgeon or pediatrician?",
        has: ["FROM patients", "EXISTS (SELECT 1 FROM appointments", "OR d.is_pediatrician = true)"],
      },
      options,
    );
    await expectSql(
      GYM,
      {
        q: "How many members have attended bookings for classes with sauna access or towel service?",
        has: ["FROM members", "EXISTS (SELECT 1 FROM bookings", "OR c.has_towel_service = true)"],
      },
      options,
    );
  });

  it("counts students through a two-word flag or a one-word one (school)", async () => {
    await expectSql(
      SCHOOL,
      {
        q: "How many students have taken a course with a lab or a final exam?",
        has: ["FROM students", "enrollments e", "(c.has_lab = true OR c.has_final_exam = true)"],
      },
      options,
    );
  });
});
