import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "the total shipping cost of refunded orders": "shipping" spells shipping_cost with the next word,
// so it is not the status 'shipped' it stems to (which was added as a second status: a wrong answer
// found while probing). Invented schemas: a web shop, a courier and a guest house.

const WEB_SHOP = catalog([
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["status", "text"],
      ["shipping_cost", "numeric"],
      ["ordered_at", "timestamp"],
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

const GUEST_HOUSE = catalog([
  table(
    "bookings",
    [
      ["booking_id", "integer"],
      ["booked_at", "timestamp"],
      ["nights", "integer"],
    ],
    { primaryKey: ["booking_id"] },
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

// "list the orders": the words name the table; ordered_at, which they stem to, is not what an order is
// called (it listed distinct timestamps, not orders).
describe("a table's noun is not its own date column", () => {
  it("web shop, guest house", async () => {
    await expectSql(
      WEB_SHOP,
      { q: "list the refunded orders", has: ["SELECT o.*", "o.status = 'refunded'"], not: ["DISTINCT"] },
      options,
    );
    await expectSql(GUEST_HOUSE, { q: "list the bookings", has: ["SELECT b.*"], not: ["DISTINCT"] }, options);
    await expectSql(
      GUEST_HOUSE,
      { q: "How many bookings per month?", has: ["date_trunc('month', b.booked_at)", "GROUP BY 1"] },
      options,
    );
  });
});
