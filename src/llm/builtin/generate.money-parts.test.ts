import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Money that is not what a row is worth: a part of its price (delivery fee, tax, a surcharge), what
 * the business pays (wages, salaries) or a ceiling (a credit limit) is read only when named. And
 * "X vs Y" between two values is a split, not a change between periods. Schemas: a florist (shops, clerks, customers, orders and their lines) and a
 * laundromat chain (branches, attendants, machines, wash cycles), invented here.
 */

const FLORIST = catalog([
  table(
    "shops",
    [
      ["shop_id", "integer"],
      ["shop_nm", "text"],
    ],
    { primaryKey: ["shop_id"] },
  ),
  withForeignKey(
    table(
      "clerks",
      [
        ["clerk_id", "integer"],
        ["shop_id", "integer"],
        ["clerk_nm", "text"],
        ["hourly_wage_amt", "numeric"],
      ],
      { primaryKey: ["clerk_id"] },
    ),
    "shop_id",
    "shops",
    "shop_id",
  ),
  table(
    "patrons",
    [
      ["patron_id", "integer"],
      ["patron_nm", "text"],
      ["credit_limit_amt", "numeric"],
    ],
    { primaryKey: ["patron_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "bouquet_orders",
        [
          ["bouquet_order_id", "integer"],
          ["shop_id", "integer"],
          ["patron_id", "integer"],
          ["placed_ts", "timestamp"],
          ["delivery_fee_amt", "numeric"],
          ["tax_amt", "numeric"],
          ["channel_cd", "text"],
        ],
        { primaryKey: ["bouquet_order_id"], samples: { channel_cd: ["web", "phone", "walk_in"] } },
      ),
      "shop_id",
      "shops",
      "shop_id",
    ),
    "patron_id",
    "patrons",
    "patron_id",
  ),
  withForeignKey(
    table(
      "bouquet_lines",
      [
        ["bouquet_line_id", "integer"],
        ["bouquet_order_id", "integer"],
        ["stems_qty", "integer"],
        ["unit_price_amt", "numeric"],
      ],
      { primaryKey: ["bouquet_line_id"] },
    ),
    "bouquet_order_id",
    "bouquet_orders",
    "bouquet_order_id",
  ),
]);

const LAUNDRY = catalog([
  table(
    "branches",
    [
      ["branch_id", "integer"],
      ["branch_nm", "text"],
    ],
    { primaryKey: ["branch_id"] },
  ),
  withForeignKey(
    table(
      "attendants",
      [
        ["attendant_id", "integer"],
        ["branch_id", "integer"],
        ["attendant_nm", "text"],
        ["salary_amt", "numeric"],
      ],
      { primaryKey: ["attendant_id"] },
    ),
    "branch_id",
    "branches",
    "branch_id",
  ),
  withForeignKey(
    table(
      "machines",
      [
        ["machine_id", "integer"],
        ["branch_id", "integer"],
        ["machine_type", "text"],
        ["drum_kg", "numeric"],
      ],
      { primaryKey: ["machine_id"], samples: { machine_type: ["washer", "dryer"] } },
    ),
    "branch_id",
    "branches",
    "branch_id",
  ),
  withForeignKey(
    table(
      "wash_cycles",
      [
        ["cycle_id", "integer"],
        ["machine_id", "integer"],
        ["started_ts", "timestamp"],
        ["express_surcharge_amt", "numeric"],
        ["rush_fee_amt", "numeric"],
      ],
      { primaryKey: ["cycle_id"] },
    ),
    "machine_id",
    "machines",
    "machine_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("money that is a part of the price, a cost or a ceiling is read only when named", () => {
  it("florist: spend is the lines' worth, never the delivery fee, the tax or the credit limit", async () => {
    await expectSql(
      FLORIST,
      {
        q: "Top 5 patrons by spend",
        has: ["SUM(bl.stems_qty * bl.unit_price_amt)"],
        not: ["delivery_fee_amt", "tax_amt", "credit_limit_amt"],
      },
      options,
    );
    // Named, the part is read; the largest order is the one worth most, not the one taxed most.
    await expectSql(FLORIST, { q: "Total delivery fees last month", has: ["SUM(bo.delivery_fee_amt)"] }, options);
    await expectSql(
      FLORIST,
      { q: "What is the largest single bouquet order?", has: ["ORDER BY revenue DESC LIMIT 1"], not: ["tax_amt"] },
      options,
    );
  });

  it("laundromat: revenue is never salaries, a surcharge or a rush fee", () => {
    expectDeclined(LAUNDRY, "Revenue by branch", options, /revenue/);
    expectDeclined(LAUNDRY, "Total spend on wash cycles this year", options, /spend/);
  });
});

describe("'vs' between two values is a split", () => {
  it("florist and laundromat: refused, not read as a change between periods", () => {
    expectDeclined(FLORIST, "Orders placed web vs phone per month", options, /splits by two values/);
    expectDeclined(LAUNDRY, "Cycles on washers vs dryers per month", options, /splits by two values/);
  });
});
