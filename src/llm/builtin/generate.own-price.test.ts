import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "How many products cost more than 50?": a price verb about the counted rows compares their own
// price, not a cost column of another table that "cost" names (orders.shipping_cost: a wrong answer
// found while probing). Invented schemas: a web shop and a hotel.

const WEB_SHOP = catalog([
  table(
    "products",
    [
      ["product_id", "integer"],
      ["product_name", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["product_id"] },
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["shipping_cost", "numeric"],
    ],
    { primaryKey: ["order_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "order_items",
        [
          ["order_item_id", "integer"],
          ["order_id", "integer"],
          ["product_id", "integer"],
          ["quantity", "integer"],
        ],
        { primaryKey: ["order_item_id"] },
      ),
      "order_id",
      "orders",
      "order_id",
    ),
    "product_id",
    "products",
    "product_id",
  ),
]);

const HOTEL = catalog([
  table(
    "rooms",
    [
      ["room_id", "integer"],
      ["room_name", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["room_id"] },
  ),
  withForeignKey(
    table(
      "stays",
      [
        ["stay_id", "integer"],
        ["room_id", "integer"],
        ["extra_cost", "numeric"],
      ],
      { primaryKey: ["stay_id"] },
    ),
    "room_id",
    "rooms",
    "room_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a price verb compares the rows' own price", () => {
  it("web shop", async () => {
    await expectSql(
      WEB_SHOP,
      { q: "How many products cost more than 50?", has: ["p.price > 50"], not: ["shipping_cost", "JOIN"] },
      options,
    );
    await expectSql(WEB_SHOP, { q: "orders with shipping cost over 20", has: ["o.shipping_cost > 20"] }, options);
  });

  it("hotel", async () => {
    await expectSql(
      HOTEL,
      { q: "How many rooms cost more than 100?", has: ["r.price > 100"], not: ["extra_cost"] },
      options,
    );
  });
});
