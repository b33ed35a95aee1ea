import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "total stock per warehouse": "total" before a singular noun naming a table of quantities sums the
// quantity (it counted rows). "across all warehouses": the whole scope, not a grouping (it grouped by
// warehouse as well, a wrong answer). Invented schemas: a distributor and a chain of bike shops.

const DISTRIBUTOR = catalog([
  table(
    "products",
    [
      ["product_id", "integer"],
      ["product_name", "text"],
    ],
    { primaryKey: ["product_id"] },
  ),
  table(
    "warehouses",
    [
      ["warehouse_id", "integer"],
      ["warehouse_name", "text"],
    ],
    { primaryKey: ["warehouse_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "stock_levels",
        [
          ["stock_id", "integer"],
          ["product_id", "integer"],
          ["warehouse_id", "integer"],
          ["quantity", "integer"],
        ],
        { primaryKey: ["stock_id"] },
      ),
      "product_id",
      "products",
      "product_id",
    ),
    "warehouse_id",
    "warehouses",
    "warehouse_id",
  ),
]);

const BIKE_SHOPS = catalog([
  table(
    "shops",
    [
      ["shop_id", "integer"],
      ["shop_name", "text"],
    ],
    { primaryKey: ["shop_id"] },
  ),
  table(
    "models",
    [
      ["model_id", "integer"],
      ["model_name", "text"],
    ],
    { primaryKey: ["model_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "inventory",
        [
          ["inventory_id", "integer"],
          ["shop_id", "integer"],
          ["model_id", "integer"],
          ["quantity", "integer"],
        ],
        { primaryKey: ["inventory_id"] },
      ),
      "shop_id",
      "shops",
      "shop_id",
    ),
    "model_id",
    "models",
    "model_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("'total' before a singular noun naming a table of quantities", () => {
  it("distributor", async () => {
    await expectSql(
      DISTRIBUTOR,
      { q: "total stock per warehouse", has: ["SUM(sl.quantity)", "GROUP BY 1"], not: ["COUNT"] },
      options,
    );
  });
  it("bike shops", async () => {
    await expectSql(
      BIKE_SHOPS,
      { q: "What is the total inventory of each shop?", has: ["SUM(i.quantity)", "GROUP BY 1"], not: ["COUNT"] },
      options,
    );
  });
});

describe("'across all …' is the whole scope", () => {
  it("distributor", async () => {
    await expectSql(
      DISTRIBUTOR,
      {
        q: "total quantity of each product across all warehouses",
        has: ["p.product_name", "SUM(sl.quantity)", "GROUP BY 1"],
        not: ["warehouse_name"],
      },
      options,
    );
    await expectSql(
      DISTRIBUTOR,
      { q: "total quantity across warehouses", has: ["w.warehouse_name", "GROUP BY 1"] },
      options,
    );
  });
  it("bike shops", async () => {
    await expectSql(
      BIKE_SHOPS,
      {
        q: "What is the total quantity of each model across all of our shops?",
        has: ["m.model_name", "SUM(i.quantity)"],
        not: ["shop_name"],
      },
      options,
    );
  });
});
