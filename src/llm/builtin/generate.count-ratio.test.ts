import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { LIBRARY_CATALOG, LIBRARY_CURRENT_DATE } from "../../../test/fixtures/catalogs/library";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * "the ratio of A to B" where each side counts rows: two counting questions divided. A filter said
 * once bounds both sides when they contrast on one column; otherwise each keeps its own. Schemas: a
 * shops directory (invented here) and the library fixture.
 */

const SHOPS = catalog([
  table(
    "shops",
    [
      ["shop_id", "integer"],
      ["shop_name", "text"],
      ["town", "text"],
      ["rating", "numeric"],
      ["opened_year", "integer"],
    ],
    { primaryKey: ["shop_id"], samples: { town: ["Lyon", "Nantes"] } },
  ),
  table(
    "owners",
    [
      ["owner_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["owner_id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };
const library = { currentDate: LIBRARY_CURRENT_DATE };

describe("a ratio of two counts", () => {
  it("divides the counts of two tables (shops, library)", async () => {
    await expectSql(
      SHOPS,
      {
        q: "What is the ratio of shops to owners?",
        has: ["SELECT CAST((SELECT COUNT(*)", "FROM shops", "/ NULLIF((SELECT COUNT(*)", "FROM owners", "AS ratio"],
      },
      options,
    );
    await expectSql(
      LIBRARY_CATALOG,
      { q: "What is the ratio of books to members?", has: ["FROM books", "FROM members", "NULLIF("] },
      library,
    );
  });

  it("keeps each side's own filters when they do not contrast (shops)", async () => {
    const sql = await expectSql(
      SHOPS,
      {
        q: "What is the ratio of shops with a rating above 4.5 to the total number of shops?",
        has: ["WHERE s.rating > 4.5"],
      },
      options,
    );
    // The denominator counts every shop.
    expect(sql.split("NULLIF")[1]).not.toMatch(/WHERE/);
  });

  it("shares a filter said once when the sides contrast on one column (shops)", async () => {
    const sql = await expectSql(
      SHOPS,
      {
        q: "What is the ratio of shops with a rating above 4 to shops with a rating below 4 in Lyon?",
        has: ["s.rating > 4", "s.rating < 4"],
      },
      options,
    );
    const [num, den] = sql.split("NULLIF") as [string, string];
    expect(num).toContain("s.town = 'Lyon'");
    expect(den).toContain("s.town = 'Lyon'");
  });

  it("refuses a ratio per group and a side that is not a count (shops, library)", () => {
    const grouped = generateSql(
      SHOPS,
      "What is the ratio of shops with a rating above 4 to shops for each town?",
      options,
    );
    expect(grouped.ok).toBe(false);
    const measure = generateSql(
      LIBRARY_CATALOG,
      "What is the ratio of the average fine to the number of members?",
      library,
    );
    expect(measure.ok).toBe(false);
  });
});
