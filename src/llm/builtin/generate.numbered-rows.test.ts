import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "zone 3", "team number 4", "zone #2": a whole number after a singular noun naming a table is that
// row's key, when the key is one whole number; a plural noun, or a key that is text, leaves the
// number unexplained (refused). Two invented schemas: a warehouse and a league.

const WAREHOUSE = catalog([
  table(
    "zones",
    [
      ["zone_id", "integer"],
      ["zone_name", "text"],
    ],
    { primaryKey: ["zone_id"] },
  ),
  table(
    "bins",
    [
      ["bin_id", "integer"],
      ["zone_id", "integer"],
      ["stock", "integer"],
    ],
    { primaryKey: ["bin_id"] },
  ),
]);

const LEAGUE = catalog([
  table(
    "teams",
    [
      ["team_id", "integer"],
      ["team_name", "text"],
    ],
    { primaryKey: ["team_id"] },
  ),
  table(
    "players",
    [
      ["player_id", "integer"],
      ["team_id", "integer"],
      ["player_name", "text"],
    ],
    { primaryKey: ["player_id"] },
  ),
  table(
    "venues",
    [
      ["venue_code", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["venue_code"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a row named by its number", () => {
  it("filters on the table's whole-number key (warehouse)", async () => {
    await expectSql(WAREHOUSE, { q: "How many bins are in zone 3?", has: ["COUNT(*)", /zone_id = 3\b/] }, options);
    await expectSql(WAREHOUSE, { q: "List the bins of zone number 2.", has: [/zone_id = 2\b/], not: ["'2'"] }, options);
    await expectSql(
      WAREHOUSE,
      { q: "What is the total stock of zone #4?", has: ["SUM(b.stock)", /zone_id = 4\b/] },
      options,
    );
  });

  it("filters on the table's whole-number key (league)", async () => {
    await expectSql(LEAGUE, { q: "How many players does team number 4 have?", has: [/team_id = 4\b/] }, options);
    await expectSql(LEAGUE, { q: "List the players of team 7.", has: [/team_id = 7\b/] }, options);
  });

  it("leaves a number after a plural noun, or before a text key, unexplained", () => {
    for (const [schema, q] of [
      [WAREHOUSE, "How many bins are in zones 5?"],
      [LEAGUE, "How many players play at venue 3?"],
    ] as const) {
      const r = generateSql(schema, q, options);
      expect(r.ok, q).toBe(false);
    }
  });
});
