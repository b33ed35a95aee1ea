import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "the number of loans for every member with at least 5 loans": the comparison is on the counted rows
// themselves, so it keeps the groups whose count passes (HAVING on the same count). It was read as
// "members having 5 loans" grouped by each loan, where every group holds one row: an answer of 0.
// Two invented schemas: a lending library and a sailing club.

const LIBRARY = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
    ],
    { primaryKey: ["member_id"] },
  ),
  withForeignKey(
    table(
      "loans",
      [
        ["loan_id", "integer"],
        ["member_id", "integer"],
        ["loaned_on", "date"],
      ],
      { primaryKey: ["loan_id"] },
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const CLUB = catalog([
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["boat_name", "text"],
    ],
    { primaryKey: ["boat_id"] },
  ),
  withForeignKey(
    table(
      "races",
      [
        ["race_id", "integer"],
        ["boat_id", "integer"],
        ["finished_position", "integer"],
      ],
      { primaryKey: ["race_id"] },
    ),
    "boat_id",
    "boats",
    "boat_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a count compared with itself filters the groups", () => {
  it("library", async () => {
    await expectSql(
      LIBRARY,
      {
        q: "Show first name, last name and the number of loans for every member with at least 5 loans.",
        has: ["m.first_name", "m.last_name", "COUNT(*) AS loan_count", "HAVING COUNT(*) >= 5"],
        not: ["AS t", "GROUP BY 1, 2, 3, 4, 5"],
      },
      options,
    );
    // Entities having N rows is still a count of entities.
    await expectSql(
      LIBRARY,
      { q: "How many members have at least 5 loans?", has: ["COUNT(*) AS member_count", "HAVING COUNT(DISTINCT"] },
      options,
    );
  });

  it("sailing club", async () => {
    await expectSql(
      CLUB,
      {
        q: "the number of races of each boat with more than 3 races",
        has: ["b.boat_name", "COUNT(*) AS race_count", "HAVING COUNT(*) > 3"],
        not: ["AS t"],
      },
      options,
    );
    expect(generateSql(CLUB, "How many races with more than 3 races?", options).ok).toBe(false);
  });
});
