import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Total value of delivered orders" beside sales orders that keep no total (only a delivery fee and
 * tax, which are parts of a price, and lines) was answered as COUNT(*): "value" met the "sale" of the
 * table's name, and the rows were counted. "What's the largest single order?" was COUNT(*) of all
 * orders. An amount is never a number of rows, and a superlative answered without ranking rows or
 * taking an extreme is refused. Schemas: a florist and a lumber yard, invented here.
 */

const FLORIST = catalog([
  table(
    "sale_orders",
    [
      ["bo_id", "integer"],
      ["placed_ts", "timestamp"],
      ["order_state", "text"],
      ["florist_nm", "text"],
      ["delivery_fee", "numeric"],
      ["tax_amt", "numeric"],
    ],
    { primaryKey: ["bo_id"], samples: { order_state: ["NEW", "DELIVERED", "CANCELLED"] } },
  ),
  withForeignKey(
    table(
      "bouquet_lines",
      [
        ["line_id", "integer"],
        ["bo_id", "integer"],
        ["stems_qty", "integer"],
        ["stem_price", "numeric"],
      ],
      { primaryKey: ["line_id"] },
    ),
    "bo_id",
    "sale_orders",
    "bo_id",
  ),
]);

const LUMBER_YARD = catalog([
  table(
    "sales_tickets",
    [
      ["ticket_id", "integer"],
      ["yard_nm", "text"],
      ["issued_dt", "date"],
      ["shipping_amt", "numeric"],
      ["vat_amt", "numeric"],
    ],
    { primaryKey: ["ticket_id"] },
  ),
  withForeignKey(
    table(
      "ticket_items",
      [
        ["item_id", "integer"],
        ["ticket_id", "integer"],
        ["board_feet", "numeric"],
        ["line_price", "numeric"],
      ],
      { primaryKey: ["item_id"] },
    ),
    "ticket_id",
    "sales_tickets",
    "ticket_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("an amount is never a number of rows", () => {
  it("florist: total value of (delivered) orders", async () => {
    expectDeclined(FLORIST, "Total value of orders", options, /"value": it asks for an amount/);
    expectDeclined(FLORIST, "Total value of delivered orders", options, /"value": it asks for an amount/);
    await expectSql(
      FLORIST,
      { q: "How many orders were delivered?", has: ["COUNT(*)", "so.order_state = 'DELIVERED'"] },
      options,
    );
  });

  it("lumber yard: total value, total amount of tickets", async () => {
    expectDeclined(LUMBER_YARD, "Total value of tickets", options, /"value": it asks for an amount/);
    expectDeclined(LUMBER_YARD, "total amount of tickets", options, /"amount": it asks for an amount/);
    await expectSql(LUMBER_YARD, { q: "How many tickets?", has: ["COUNT(*)"] }, options);
  });
});

describe("a superlative is never answered without ranking or an extreme", () => {
  it("florist: the largest order", () => {
    expectDeclined(FLORIST, "What's the largest single order we've ever had?", options, /"largest"/);
    expectDeclined(FLORIST, "the largest order", options, /"largest"/);
  });

  it("lumber yard: the biggest ticket, the 5 largest tickets", () => {
    expectDeclined(LUMBER_YARD, "the biggest ticket", options, /"biggest"/);
    expectDeclined(LUMBER_YARD, "the 5 largest tickets", options, /"largest"/);
  });
});
