import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "for each floor", "for every grade level": after "each"/"every" a whole-number column groups, though
// "by" + a number column still ranks ("top 3 rooms by nightly rate"). Two invented schemas: a guest
// house and a school.

const GUEST_HOUSE = catalog([
  table(
    "rooms",
    [
      ["room_id", "integer"],
      ["room_name", "text"],
      ["floor", "integer"],
      ["nightly_rate", "numeric"],
    ],
    { primaryKey: ["room_id"] },
  ),
]);

const SCHOOL = catalog([
  table(
    "pupils",
    [
      ["pupil_id", "integer"],
      ["pupil_name", "text"],
      ["grade_level", "integer"],
      ["test_score", "numeric"],
    ],
    { primaryKey: ["pupil_id"] },
  ),
]);

// Time-unit words inside a column's name ("year group", "week number") name the column, not a period.
const FORMS = catalog([
  table(
    "students",
    [
      ["student_id", "integer"],
      ["year_group", "integer"],
      ["enrolled_on", "date"],
      ["reading_age", "numeric"],
    ],
    { primaryKey: ["student_id"] },
  ),
]);

const BAKERY = catalog([
  table(
    "bakes",
    [
      ["bake_id", "integer"],
      ["week_number", "integer"],
      ["baked_at", "timestamp"],
      ["loaves", "integer"],
    ],
    { primaryKey: ["bake_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a number column after 'each'", () => {
  it("groups (guest house)", async () => {
    await expectSql(
      GUEST_HOUSE,
      {
        q: "What is the average nightly rate for each floor?",
        has: ["SELECT r.floor, ROUND(AVG(r.nightly_rate)::numeric, 2)", "GROUP BY 1"],
      },
      options,
    );
    await expectSql(
      GUEST_HOUSE,
      { q: "top 3 rooms by nightly rate", has: ["ORDER BY nightly_rate DESC", "LIMIT 3"], not: ["GROUP BY"] },
      options,
    );
  });

  it("groups (school)", async () => {
    await expectSql(
      SCHOOL,
      {
        q: "What is the average test score for every grade level?",
        has: ["p.grade_level", "AVG(p.test_score)", "GROUP BY 1"],
      },
      options,
    );
    await expectSql(
      SCHOOL,
      { q: "How many pupils are in each grade level?", has: ["p.grade_level", "COUNT(*)", "GROUP BY 1"] },
      options,
    );
  });
});

describe("a number column after 'by' when the measure is already named", () => {
  it("groups (guest house, school)", async () => {
    await expectSql(
      GUEST_HOUSE,
      { q: "average nightly rate by floor", has: ["r.floor", "AVG(r.nightly_rate)", "GROUP BY 1"] },
      options,
    );
    await expectSql(
      SCHOOL,
      {
        q: "What is the average test score by grade level?",
        has: ["p.grade_level", "AVG(p.test_score)", "GROUP BY 1"],
      },
      options,
    );
  });
});

describe("a time unit inside a column's name", () => {
  it("names the column, not a period (forms, bakery)", async () => {
    await expectSql(
      FORMS,
      { q: "average reading age by year group", has: ["s.year_group", "GROUP BY 1"], not: ["date_trunc"] },
      options,
    );
    await expectSql(
      FORMS,
      { q: "How many students enrolled by year?", has: ["date_trunc('year', s.enrolled_on)"] },
      options,
    );
    await expectSql(
      BAKERY,
      { q: "total loaves per week number", has: ["b.week_number", "SUM(b.loaves)", "GROUP BY 1"], not: ["date_trunc"] },
      options,
    );
  });
});
