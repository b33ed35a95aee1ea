import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "How many orders were shipped each month?": the participle names when the rows happened
// (shipped_at), not the status they are in now ('shipped': a delivered order was shipped too), and
// the orders never shipped are not a month of their own. "How many purchase orders were received
// each month?" grouped by ordered_on: "purchase orders" names the rows, never one of their dates.
// Wrong answers found while probing. Invented schemas: a web shop and a warehouse.

const SHOP = catalog([
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["ordered_at", "timestamp"],
      ["shipped_at", "timestamp"],
      ["delivered_at", "timestamp"],
      ["status", "text"],
      ["total", "numeric"],
    ],
    { primaryKey: ["order_id"], samples: { status: ["pending", "shipped", "delivered", "cancelled"] } },
  ),
]);

const WAREHOUSE = catalog([
  table(
    "suppliers",
    [
      ["supplier_id", "integer"],
      ["company_name", "text"],
    ],
    { primaryKey: ["supplier_id"] },
  ),
  withForeignKey(
    table(
      "purchase_orders",
      [
        ["po_id", "integer"],
        ["supplier_id", "integer"],
        ["ordered_on", "date"],
        ["received_on", "date"],
        ["status", "text"],
      ],
      { primaryKey: ["po_id"], samples: { status: ["open", "received", "cancelled"] } },
    ),
    "supplier_id",
    "suppliers",
    "supplier_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a participle naming a status and a date dates the rows by that date", () => {
  it("web shop", async () => {
    await expectSql(
      SHOP,
      {
        q: "How many orders were shipped each month?",
        has: ["date_trunc('month', o.shipped_at)", "WHERE o.shipped_at IS NOT NULL"],
        not: ["status"],
      },
      options,
    );
    await expectSql(
      SHOP,
      {
        q: "orders delivered per month in 2025",
        has: ["date_trunc('month', o.delivered_at)", "o.delivered_at >= DATE '2025-01-01'"],
        not: ["status", "IS NOT NULL"],
      },
      options,
    );
    // No date of its own: the status stays, dated by the usual date.
    await expectSql(
      SHOP,
      {
        q: "How many orders were cancelled each month?",
        has: ["o.status = 'cancelled'", "date_trunc('month', o.ordered_at)"],
      },
      options,
    );
    await expectSql(SHOP, { q: "number of orders per month", has: ["o.ordered_at"], not: ["IS NOT NULL"] }, options);
  });

  it("warehouse: a two-word table noun", async () => {
    await expectSql(
      WAREHOUSE,
      {
        q: "How many purchase orders were received each month?",
        has: ["date_trunc('month', po.received_on)", "po.received_on IS NOT NULL"],
        not: ["ordered_on", "status"],
      },
      options,
    );
    await expectSql(
      WAREHOUSE,
      { q: "How many purchase orders were placed in 2025?", has: ["po.ordered_on >= DATE '2025-01-01'"] },
      options,
    );
  });
});
