import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "total units on hand per category" summed the order lines' qty ("units" reads as a quantity)
// while "on hand" named stock_levels.on_hand: a word naming a figure of a table the query never
// reads is refused, not dropped. And "total stock per bin" counted the stock rows: the total of a
// singular noun naming a table that keeps one figure is the sum of that figure. Wrong answers found
// while probing. Invented schemas: a warehouse, a bakery and a blood bank (a DVD shop's inventory,
// which keeps no figure, still counts its copies).

const WAREHOUSE = catalog([
  table(
    "products",
    [
      ["sku", "text"],
      ["category", "text"],
    ],
    { primaryKey: ["sku"], samples: { category: ["tools", "garden"] } },
  ),
  withForeignKey(
    table("stock_levels", [
      ["sku", "text"],
      ["bin", "text"],
      ["on_hand", "integer"],
    ]),
    "sku",
    "products",
    "sku",
  ),
  withForeignKey(
    table(
      "order_lines",
      [
        ["line_id", "integer"],
        ["sku", "text"],
        ["qty", "integer"],
      ],
      { primaryKey: ["line_id"] },
    ),
    "sku",
    "products",
    "sku",
  ),
]);

const BAKERY = catalog([
  table(
    "loaves",
    [
      ["loaf_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["loaf_id"] },
  ),
  withForeignKey(
    table(
      "batches",
      [
        ["batch_id", "integer"],
        ["loaf_id", "integer"],
        ["baked_on", "date"],
        ["units", "integer"],
      ],
      { primaryKey: ["batch_id"] },
    ),
    "loaf_id",
    "loaves",
    "loaf_id",
  ),
  withForeignKey(
    table("shelves", [
      ["loaf_id", "integer"],
      ["on_shelf", "integer"],
    ]),
    "loaf_id",
    "loaves",
    "loaf_id",
  ),
]);

const BLOOD_BANK = catalog([
  table(
    "hospitals",
    [
      ["hospital_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["hospital_id"] },
  ),
  withForeignKey(
    table("inventory", [
      ["hospital_id", "integer"],
      ["blood_type", "text"],
      ["units_available", "integer"],
    ]),
    "hospital_id",
    "hospitals",
    "hospital_id",
  ),
]);

const DVD_SHOP = catalog([
  table(
    "stores",
    [
      ["store_id", "integer"],
      ["city", "text"],
    ],
    { primaryKey: ["store_id"] },
  ),
  withForeignKey(
    table(
      "inventory",
      [
        ["inventory_id", "integer"],
        ["film_id", "integer"],
        ["store_id", "integer"],
      ],
      { primaryKey: ["inventory_id"] },
    ),
    "store_id",
    "stores",
    "store_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a word naming a figure the query does not read is refused", () => {
  it("warehouse", () => {
    expect(sqlOrReason(WAREHOUSE, "total units on hand per category", options)).toMatch(/"hand".*on_hand/);
    expect(sqlOrReason(WAREHOUSE, "total quantity on hand", options)).toMatch(/"hand".*on_hand/);
  });

  it("bakery", async () => {
    expect(sqlOrReason(BAKERY, "total units on shelf per loaf", options)).toMatch(/"shelf".*on_shelf/);
    await expectSql(BAKERY, { q: "total units per loaf", has: ["SUM(b.units)"] }, options);
  });
});

describe("the total of a table that keeps one figure sums it", () => {
  it("warehouse", async () => {
    await expectSql(WAREHOUSE, { q: "total stock per bin", has: ["SUM(sl.on_hand)"], not: ["COUNT"] }, options);
    await expectSql(WAREHOUSE, { q: "total stock by category", has: ["p.category", "SUM(sl.on_hand)"] }, options);
  });

  it("blood bank, and a DVD shop whose inventory keeps no figure", async () => {
    await expectSql(
      BLOOD_BANK,
      { q: "total inventory per hospital", has: ["SUM(i.units_available)"], not: ["COUNT"] },
      options,
    );
    await expectSql(DVD_SHOP, { q: "total inventory per store", has: ["COUNT(*)"] }, options);
  });
});
