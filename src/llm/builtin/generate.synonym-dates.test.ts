import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "How many orders did Taco Titan do on Saturday?" counted trucks bought on a Saturday (round 10,
 * found blind): "orders" reached truck.purchase_dt by a synonym, and a date column's events count its
 * table's rows. Only a date's own words ("cancellations" of cancel_dt) count them; a synonym names
 * another thing's date. Schemas: a van fleet and a boat charter, invented here.
 */

const VANS = catalog([
  table(
    "van",
    [
      ["van_id", "integer"],
      ["van_nm", "text"],
      ["purchase_dt", "date"],
    ],
    { primaryKey: ["van_id"], samples: { van_nm: ["Blue Van", "Red Van"] } },
  ),
  withForeignKey(
    table(
      "customer_order",
      [
        ["order_id", "integer"],
        ["van_id", "integer"],
        ["order_ts", "timestamp"],
      ],
      { primaryKey: ["order_id"] },
    ),
    "van_id",
    "van",
    "van_id",
  ),
]);

const BOATS = catalog([
  table(
    "boat",
    [
      ["boat_id", "integer"],
      ["boat_nm", "text"],
      ["purchase_dt", "date"],
      ["cancel_dt", "date"],
    ],
    { primaryKey: ["boat_id"], samples: { boat_nm: ["Sea Lark", "Gull"] } },
  ),
  withForeignKey(
    table(
      "charter_order",
      [
        ["charter_order_id", "integer"],
        ["boat_id", "integer"],
        ["chartered_ts", "timestamp"],
      ],
      { primaryKey: ["charter_order_id"] },
    ),
    "boat_id",
    "boat",
    "boat_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a synonym names no date whose rows it counts", () => {
  it("van fleet: orders are not vans purchased", async () => {
    await expectSql(VANS, { q: "How many orders did Blue Van do?", has: ["FROM customer_order"] }, options);
  });

  it("boat charter: orders are not boats purchased; cancellations are boats cancelled", async () => {
    await expectSql(BOATS, { q: "How many orders did Sea Lark do?", has: ["FROM charter_order"] }, options);
    await expectSql(BOATS, { q: "cancellations per month in 2026", has: ["b.cancel_dt"] }, options);
  });
});
