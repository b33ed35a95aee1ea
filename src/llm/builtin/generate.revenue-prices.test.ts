import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "revenue by zone" was the average menu price of each zone's restaurants, "revenue per property"
 * the average nightly rate: money taken adds up, while a price or a rate (which is averaged) is what
 * one unit costs. Revenue is never read from such a column, unless its name says it is the price a
 * sale fetched (selling_price). Schemas: a bakery chain and a tour operator, invented here.
 */

const BAKERY = catalog([
  table(
    "shops",
    [
      ["shop_id", "integer"],
      ["shop_nm", "text"],
      ["district", "text"],
    ],
    { primaryKey: ["shop_id"], samples: { district: ["Old Town", "Docklands"] } },
  ),
  withForeignKey(
    table(
      "pastries",
      [
        ["pastry_id", "integer"],
        ["shop_id", "integer"],
        ["pastry_nm", "text"],
        ["price_amt", "numeric"],
      ],
      { primaryKey: ["pastry_id"] },
    ),
    "shop_id",
    "shops",
    "shop_id",
  ),
]);

const TOURS = catalog([
  table(
    "tours",
    [
      ["tour_id", "integer"],
      ["tour_nm", "text"],
      ["region", "text"],
      ["daily_rate", "numeric"],
    ],
    { primaryKey: ["tour_id"], samples: { region: ["Highlands", "Lakes"] } },
  ),
  withForeignKey(
    table(
      "tour_sales",
      [
        ["tour_sale_id", "integer"],
        ["tour_id", "integer"],
        ["sold_dt", "date"],
        ["selling_price", "numeric"],
      ],
      { primaryKey: ["tour_sale_id"] },
    ),
    "tour_id",
    "tours",
    "tour_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("revenue is not an average price or rate", () => {
  it("bakery: 'revenue by district' is not the average pastry price", async () => {
    await expectSql(BAKERY, { q: "average pastry price by district", has: ["AVG(p.price_amt)"] }, options);
    expectDeclined(BAKERY, "revenue by district", options, /did not find a measure or table for "revenue"/);
  });

  it("tours: 'revenue per tour' sums the sale price, never the average daily rate", async () => {
    await expectSql(TOURS, { q: "revenue per tour", has: ["SUM(ts.selling_price)"], not: ["daily_rate"] }, options);
    await expectSql(TOURS, { q: "revenue by region", has: ["SUM(ts.selling_price)"], not: ["daily_rate"] }, options);
  });
});
