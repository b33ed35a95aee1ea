import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "the total shipping cost of refunded orders": "shipping" spells shipping_cost with the next word,
// so it is not the status 'shipped' it stems to (which was added as a second status: a wrong answer
// found while probing). Invented schemas: a web shop and a courier.

const WEB_SHOP = catalog([
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["status", "text"],
      ["shipping_cost", "numeric"],
    ],
    { primaryKey: ["order_id"], samples: { status: ["paid", "shipped", "refunded"] } },
  ),
]);

const COURIER = catalog([
  table(
    "parcels",
    [
      ["parcel_id", "integer"],
      ["status", "text"],
      ["returning_fee", "numeric"],
    ],
    { primaryKey: ["parcel_id"], samples: { status: ["delivered", "returned", "lost"] } },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a word spelling a column name with its neighbour is not a value", () => {
  it("web shop", async () => {
    await expectSql(
      WEB_SHOP,
      {
        q: "total shipping cost of refunded orders",
        has: ["SUM(o.shipping_cost)", "WHERE o.status = 'refunded'"],
        not: ["'shipped'"],
      },
      options,
    );
    await expectSql(WEB_SHOP, { q: "How many shipped orders?", has: ["o.status = 'shipped'"] }, options);
  });

  it("courier", async () => {
    await expectSql(
      COURIER,
      {
        q: "total returning fee of lost parcels",
        has: ["SUM(p.returning_fee)", "WHERE p.status = 'lost'"],
        not: ["'returned'"],
      },
      options,
    );
  });
});
