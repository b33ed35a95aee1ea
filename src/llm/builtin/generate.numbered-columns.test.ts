import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "season 2025", "the 2025 season", "cohort 3": a whole number beside a word naming a whole-number
 * column is that column's value, not a calendar year (a season straddles two). A sports league and
 * a bootcamp.
 */

const LEAGUE = catalog([
  table(
    "games",
    [
      ["id", "integer"],
      ["game_dt", "date"],
      ["season", "integer"],
      ["attendance", "integer"],
      ["is_playoff", "boolean"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["id", "integer"],
        ["game_id", "integer"],
        ["price", "numeric"],
      ],
      { primaryKey: ["id"] },
    ),
    "game_id",
    "games",
    "id",
  ),
  table(
    "passes",
    [
      ["id", "integer"],
      ["season", "integer"],
      ["bought_on", "date"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const BOOTCAMP = catalog([
  table(
    "learners",
    [
      ["id", "integer"],
      ["name", "text"],
      ["cohort", "integer"],
      ["enrolled_on", "date"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a number beside a whole-number column's name is its value", () => {
  it("league: games in season 2025 and in the 2025 season", async () => {
    await expectSql(
      LEAGUE,
      { q: "how many games in season 2025", has: ["WHERE g.season = 2025"], not: ["game_dt"] },
      options,
    );
    await expectSql(
      LEAGUE,
      { q: "how many playoff games in the 2024 season", has: ["g.season = 2024", "g.is_playoff = true"] },
      options,
    );
  });
  it("league: the table whose column is named decides between two seasons", () =>
    expectSql(
      LEAGUE,
      { q: "total attendance in season 2025", has: ["SUM(g.attendance)", "WHERE g.season = 2025"] },
      options,
    ));
  it("league: a related table's season, with no date-is-set test for the noun of the date's table", () =>
    expectSql(
      LEAGUE,
      {
        q: "tickets for games in season 2025",
        has: ["JOIN games g", "WHERE g.season = 2025"],
        not: ["IS NOT NULL", "game_dt"],
      },
      options,
    ));
  it("bootcamp: learners in cohort 3; a bare year is still a date", async () => {
    await expectSql(BOOTCAMP, { q: "how many learners in cohort 3", has: ["WHERE l.cohort = 3"] }, options);
    await expectSql(
      BOOTCAMP,
      { q: "how many learners enrolled in 2025", has: ["l.enrolled_on >= DATE '2025-01-01'"], not: ["cohort"] },
      options,
    );
  });
});
