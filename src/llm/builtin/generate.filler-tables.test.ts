import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { PODCASTS } from "../../../test/fixtures/catalogs/podcasts";
import { expectSql } from "./test-helpers";

// Tables named by words that are fillers or cues in most questions ("show me", "return the", "list"):
// in noun position, after a determiner ("each show", "how many returns", "the results"), the word
// names the table. It was dropped as a filler before, and "episodes for each show" answered the
// total over all shows (a wrong answer). Invented schemas: a podcast host, a motor-racing league and
// a shop that takes returns.

const RACING = catalog([
  table(
    "drivers",
    [
      ["driver_id", "integer"],
      ["driver_name", "text"],
    ],
    { primaryKey: ["driver_id"] },
  ),
  withForeignKey(
    table(
      "results",
      [
        ["result_id", "integer"],
        ["driver_id", "integer"],
        ["points", "numeric"],
      ],
      { primaryKey: ["result_id"] },
    ),
    "driver_id",
    "drivers",
    "driver_id",
  ),
]);

const SHOP = catalog([
  table(
    "branches",
    [
      ["branch_id", "integer"],
      ["branch_name", "text"],
    ],
    { primaryKey: ["branch_id"] },
  ),
  withForeignKey(
    table(
      "returns",
      [
        ["return_id", "integer"],
        ["branch_id", "integer"],
        ["refund_amount", "numeric"],
      ],
      { primaryKey: ["return_id"] },
    ),
    "branch_id",
    "branches",
    "branch_id",
  ),
]);

// "list" is also the word that asks for rows ("list the items"): after a determiner it is the table.
const WISHLISTS = catalog([
  table(
    "lists",
    [
      ["list_id", "integer"],
      ["list_name", "text"],
    ],
    { primaryKey: ["list_id"] },
  ),
  withForeignKey(
    table(
      "items",
      [
        ["item_id", "integer"],
        ["list_id", "integer"],
        ["price", "numeric"],
      ],
      { primaryKey: ["item_id"] },
    ),
    "list_id",
    "lists",
    "list_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a filler word that names a table, in noun position", () => {
  it.each([
    { q: "How many shows are there?", has: ["COUNT(*)", "FROM shows s"] },
    { q: "How many episodes does each show have?", has: ["s.show_name", "COUNT(*)", "GROUP BY 1"] },
    { q: "Show the average rating for each show", has: ["s.show_name", "AVG(e.rating)", "GROUP BY 1"] },
  ])("podcasts: $q", async (c) => {
    await expectSql(PODCASTS, c, options);
  });

  it.each([
    { q: "How many results does each driver have?", has: ["d.driver_name", "COUNT(*)", "GROUP BY 1"] },
    { q: "total points of the results by driver", has: ["d.driver_name", "SUM(r.points)", "GROUP BY 1"] },
  ])("racing: $q", async (c) => {
    await expectSql(RACING, c, options);
  });

  it.each([
    { q: "How many returns were there for each branch?", has: ["b.branch_name", "COUNT(*)", "FROM returns r"] },
    { q: "Return the number of branches", has: ["COUNT(*)", "FROM branches b"], not: ["returns"] },
  ])("shop: $q", async (c) => {
    await expectSql(SHOP, c, options);
  });

  it.each([
    { q: "How many items does each list have?", has: ["l.list_name", "COUNT(*)", "GROUP BY 1"] },
    { q: "average item price per list", has: ["l.list_name", "AVG(i.price)", "GROUP BY 1"] },
    { q: "list the items", has: ["FROM items i"], not: ["GROUP BY"] },
  ])("wish lists: $q", async (c) => {
    await expectSql(WISHLISTS, c, options);
  });
});
