import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "newest first and then alphabetically by name": a second sort key after an "X first" ordering.
// Invented schemas: a gym and a plant nursery.

const GYM = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
      ["plan", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
]);

const NURSERY = catalog([
  table(
    "plants",
    [
      ["plant_id", "integer"],
      ["common_name", "text"],
      ["family", "text"],
      ["height_cm", "numeric"],
      ["planted_on", "date"],
    ],
    { primaryKey: ["plant_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a second ordering after 'X first'", () => {
  it("gym", async () => {
    await expectSql(
      GYM,
      {
        q: "List the members, newest first and then alphabetically by name",
        has: ["ORDER BY m.joined_on DESC, m.full_name"],
        not: [/LIMIT 10\b/],
      },
      options,
    );
    await expectSql(
      GYM,
      { q: "How many members per plan, biggest first, then alphabetically", has: ["ORDER BY member_count DESC, 1"] },
      options,
    );
  });

  it("nursery", async () => {
    await expectSql(
      NURSERY,
      { q: "List the plants, oldest first, then by family", has: ["ORDER BY p.planted_on, p.family"] },
      options,
    );
    expect(generateSql(NURSERY, "List the plants, oldest first, then by price", options).ok).toBe(false);
  });
});
