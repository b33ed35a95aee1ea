import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "for <period>" dates the rows by what they are for (the evening reserved, the arrival), not by when
 * they were made (created_at, booked_dt), unless a word names the making ("made last month"). With
 * only a making date, that date stays. A restaurant, a hotel and a shop.
 */

function rows(name: string, columns: [string, string][]) {
  return catalog([table(name, [["id", "integer"], ...columns], { primaryKey: ["id"] })]);
}

const RESTAURANT = rows("reservations", [
  ["created_at", "timestamp"],
  ["reserved_for", "timestamp"],
  ["party_size", "integer"],
]);
const HOTEL = rows("bookings", [
  ["booked_dt", "timestamp"],
  ["arrival_dt", "date"],
  ["departure_dt", "date"],
  ["nights", "integer"],
]);
const SHOP = rows("orders", [
  ["order_date", "date"],
  ["total_amt", "numeric"],
]);

const options = { currentDate: "2026-12-07" };

describe("'for <period>' is the date the rows are for", () => {
  it("restaurant: reservations for next week, and those made last month", async () => {
    await expectSql(
      RESTAURANT,
      { q: "reservations for next week", has: ["r.reserved_for >= DATE '2026-12-14'"], not: ["created_at"] },
      options,
    );
    await expectSql(
      RESTAURANT,
      { q: "reservations made last month", has: ["r.created_at >= DATE '2026-11-01'"] },
      options,
    );
  });
  it("hotel: bookings for December arrive in December", () =>
    expectSql(
      HOTEL,
      { q: "how many bookings for December", has: ["b.arrival_dt >= DATE '2026-12-01'"], not: ["booked_dt"] },
      options,
    ));
  it("shop: with only the order's date, 'for' keeps it", () =>
    expectSql(SHOP, { q: "orders for November", has: ["o.order_date >= DATE '2026-11-01'"] }, options));
});
