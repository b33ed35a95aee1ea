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
