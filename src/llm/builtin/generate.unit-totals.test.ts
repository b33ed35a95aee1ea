import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Members who bought more than 24 bottles this year" kept the members with one sales line of more
 * than 24 bottles: a number of units of rows the listed ones have many of may be one row's or a
 * total over them, and read per row it leaves out a member who bought 30 over two orders. Refused;
 * a comparison naming the rows ("orders over 200") stays each row's own. Schemas: a publisher's
 * trade orders and a farm shop, invented here.
 */

const PUBLISHER = catalog([
  table(
    "retailers",
    [
      ["retailer_id", "integer"],
      ["retailer_nm", "text"],
    ],
    { primaryKey: ["retailer_id"] },
  ),
  withForeignKey(
    table(
      "orders",
      [
        ["order_id", "integer"],
        ["retailer_id", "integer"],
        ["ordered_ts", "timestamp"],
        ["total_amt", "numeric"],
      ],
      { primaryKey: ["order_id"] },
    ),
    "retailer_id",
    "retailers",
    "retailer_id",
  ),
  withForeignKey(
    table(
      "order_lines",
      [
        ["line_id", "integer"],
        ["order_id", "integer"],
        ["copy_qty", "integer"],
      ],
      { primaryKey: ["line_id"] },
    ),
    "order_id",
    "orders",
    "order_id",
  ),
]);

const FARM_SHOP = catalog([
  table(
    "households",
    [
      ["household_id", "integer"],
      ["household_nm", "text"],
    ],
    { primaryKey: ["household_id"] },
  ),
  withForeignKey(
    table(
      "baskets",
      [
        ["basket_id", "integer"],
        ["household_id", "integer"],
        ["bought_ts", "timestamp"],
      ],
      { primaryKey: ["basket_id"] },
    ),
    "household_id",
    "households",
    "household_id",
  ),
  withForeignKey(
    table(
      "basket_items",
      [
        ["item_id", "integer"],
        ["basket_id", "integer"],
        ["egg_qty", "integer"],
      ],
      { primaryKey: ["item_id"] },
    ),
    "basket_id",
    "baskets",
    "basket_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a number of units over many rows is refused", () => {
  it("publisher: retailers who ordered more than 500 copies", async () => {
    expectDeclined(
      PUBLISHER,
      "Retailers who ordered more than 500 copies",
      options,
      /one order_lines row's or a total/,
    );
    await expectSql(PUBLISHER, { q: "Orders over 200", has: ["o.total_amt > 200"] }, options);
  });

  it("farm shop: households that bought more than 12 eggs", () => {
    expectDeclined(FARM_SHOP, "Households that bought more than 12 eggs", options, /one basket_items row's or a total/);
    expectDeclined(FARM_SHOP, "Baskets with more than 12 eggs", options, /one basket_items row's or a total/);
  });
});
