import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "top selling items by quantity this quarter" beside sale_items.item_cat_cd ranked item categories
 * (round 9, found blind): "items" named the sale items and the column sorting them into kinds alike.
 * A classifying column whose kind word is unsaid is no reading of a noun naming a table's rows
 * (assemble.ts kindOfNamedRows). And "best-selling books by quantity" ranked books by their stock
 * (round 7): what sells best is ranked by what it sold added up, never by one row's number
 * (explained.ts sellingUnsummed). Schemas: a grocer, guided tours and a record shop, invented here.
 */

const GROCER = catalog([
  table(
    "baskets",
    [
      ["basket_id", "integer"],
      ["opened_ts", "timestamp"],
    ],
    { primaryKey: ["basket_id"] },
  ),
  withForeignKey(
    table(
      "basket_items",
      [
        ["basket_item_id", "integer"],
        ["basket_id", "integer"],
        ["item_cat_cd", "text"],
        ["item_nm", "text"],
        ["qty", "integer"],
      ],
      {
        primaryKey: ["basket_item_id"],
        samples: { item_cat_cd: ["FRUIT", "DAIRY", "BAKERY"], item_nm: ["Apples", "Milk", "Rye loaf"] },
      },
    ),
    "basket_id",
    "baskets",
    "basket_id",
  ),
]);

const TOURS = catalog([
  table(
    "tour_bookings",
    [
      ["tour_booking_id", "integer"],
      ["tour_type_cd", "text"],
      ["tour_nm", "text"],
      ["guests_qty", "integer"],
      ["booked_dt", "date"],
    ],
    {
      primaryKey: ["tour_booking_id"],
      samples: { tour_type_cd: ["WALK", "BOAT", "BUS"], tour_nm: ["Old Town", "Harbour Lights", "Hill Loop"] },
    },
  ),
]);

const RECORDS = catalog([
  table(
    "albums",
    [
      ["album_id", "integer"],
      ["title", "text"],
      ["stock_qty", "integer"],
    ],
    { primaryKey: ["album_id"] },
  ),
  withForeignKey(
    table(
      "album_sales",
      [
        ["album_sale_id", "integer"],
        ["album_id", "integer"],
        ["copies_qty", "integer"],
        ["sold_dt", "date"],
      ],
      { primaryKey: ["album_sale_id"] },
    ),
    "album_id",
    "albums",
    "album_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a noun naming a table's rows is not the column sorting them into kinds", () => {
  it("grocer: items are not item categories", async () => {
    expectDeclined(GROCER, "total quantity by item", options, /each group is one basket_items row/);
    await expectSql(GROCER, { q: "quantity by item category", has: ["bi.item_cat_cd", "SUM(bi.qty)"] }, options);
  });

  it("tours: tours are not tour types", async () => {
    expectDeclined(TOURS, "total guests by tour", options, /each group is one tour_bookings row/);
    await expectSql(TOURS, { q: "guests by tour type", has: ["tb.tour_type_cd", "SUM(tb.guests_qty)"] }, options);
  });
});

describe("what sells best is ranked by what it sold added up", () => {
  it("record shop: best-selling albums are not those most in stock", async () => {
    expectDeclined(RECORDS, "best-selling albums by quantity", options, /best selling/);
    await expectSql(RECORDS, { q: "top 3 albums by stock", has: ["a.stock_qty"] }, options);
  });

  it("grocer: top selling items are not the biggest basket lines", () => {
    expectDeclined(GROCER, "top selling items by quantity", options, /top selling/);
  });
});
