import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * People named in two columns: a small table of them (no foreign keys, few columns) looks like a
 * lookup, but first names repeat, so grouping by one would merge namesakes. They are grouped by
 * their key and shown by both halves of the name. Two invented schemas: a theatre and a tutoring
 * school.
 */

const THEATRE = catalog([
  table(
    "performers",
    [
      ["performer_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
    ],
    { primaryKey: ["performer_id"] },
  ),
  table(
    "plays",
    [
      ["play_id", "integer"],
      ["title", "text"],
      ["premiere_year", "integer"],
    ],
    { primaryKey: ["play_id"] },
  ),
  table("castings", [
    ["performer_id", "integer"],
    ["play_id", "integer"],
  ]),
]);

const SCHOOL = catalog([
  table(
    "tutors",
    [
      ["tutor_id", "integer"],
      ["forename", "text"],
      ["surname", "text"],
    ],
    { primaryKey: ["tutor_id"] },
  ),
  table(
    "lessons",
    [
      ["lesson_id", "integer"],
      ["tutor_id", "integer"],
      ["subject", "text"],
      ["minutes", "integer"],
    ],
    { primaryKey: ["lesson_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("people named in two columns", () => {
  it("groups performers by their key and shows both names (theatre)", async () => {
    await expectSql(
      THEATRE,
      {
        q: "Which performer is in the most plays?",
        has: ["pe.performer_id, pe.first_name, pe.last_name", "GROUP BY 1, 2, 3", "LIMIT 1"],
      },
      options,
    );
  });

  it("groups tutors by their key and shows both names (school)", async () => {
    await expectSql(
      SCHOOL,
      {
        q: "How many lessons has each tutor taught?",
        has: ["t.tutor_id, t.forename, t.surname", "GROUP BY 1, 2, 3"],
        not: [/GROUP BY 1\s+ORDER/],
      },
      options,
    );
  });
});
