import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "the average reading", "average orders per customer": an average (or a largest, a smallest) of
// a table's rows names no amount. It was answered with COUNT(*) of the rows (a wrong answer found
// while probing); "total orders by month" still counts. Invented schemas: meter readings and a shop.

const METERS = catalog([
  table(
    "meters",
    [
      ["meter_id", "integer"],
      ["kind", "text"],
    ],
    { primaryKey: ["meter_id"], samples: { kind: ["solar", "grid"] } },
  ),
  withForeignKey(
    table(
      "readings",
      [
        ["reading_id", "integer"],
        ["meter_id", "integer"],
        ["read_at", "timestamp"],
        ["kwh", "numeric"],
      ],
      { primaryKey: ["reading_id"] },
    ),
    "meter_id",
    "meters",
    "meter_id",
  ),
]);

const SHOP = catalog([
  table(
    "customers",
    [
      ["customer_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["customer_id"] },
  ),
  withForeignKey(
    table(
      "orders",
      [
        ["order_id", "integer"],
        ["customer_id", "integer"],
        ["ordered_at", "timestamp"],
        ["shipping_fee", "numeric"],
      ],
      { primaryKey: ["order_id"] },
    ),
    "customer_id",
    "customers",
    "customer_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("an average of rows that names no amount is refused, not counted", () => {
  it("meter readings", async () => {
    expect(sqlOrReason(METERS, "the average reading", options)).not.toMatch(/COUNT/);
    expect(sqlOrReason(METERS, "average reading per meter", options)).not.toMatch(/COUNT/);
    await expectSql(METERS, { q: "total readings per meter", has: ["COUNT(*)"] }, options);
    await expectSql(METERS, { q: "average kwh per meter", has: ["AVG(r.kwh)"] }, options);
  });

  it("shop", async () => {
    expect(sqlOrReason(SHOP, "the average order", options)).not.toMatch(/COUNT/);
    expect(sqlOrReason(SHOP, "average orders per customer", options)).not.toMatch(/COUNT/);
    await expectSql(
      SHOP,
      { q: "total orders by month", has: ["COUNT(*)", "date_trunc('month', o.ordered_at)"] },
      options,
    );
  });
});
