import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Earliest harvest date in each year" answered the first harvest ever: the period of "in each
 * year" was dropped by the reading of the first or last rows, which one LIMIT gives over all rows.
 * The first or last rows of every period are refused. Schemas: an orchard and a publisher's trade
 * orders, invented here.
 */

const ORCHARD = catalog([
  table(
    "trees",
    [
      ["tree_id", "integer"],
      ["tree_tag", "text"],
      ["variety_nm", "text"],
    ],
    { primaryKey: ["tree_id"] },
  ),
  withForeignKey(
    table(
      "pickings",
      [
        ["picking_id", "integer"],
        ["tree_id", "integer"],
        ["picked_dt", "date"],
        ["kg_picked", "numeric"],
      ],
      { primaryKey: ["picking_id"] },
    ),
    "tree_id",
    "trees",
    "tree_id",
  ),
]);

const PUBLISHER = catalog([
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["retailer_nm", "text"],
      ["ordered_ts", "timestamp"],
    ],
    { primaryKey: ["order_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("the first or last rows of every period are refused", () => {
  it("orchard: the earliest picking in each year", async () => {
    expectDeclined(ORCHARD, "Earliest picking in each year", options, /earliest rows of each year/);
    await expectSql(ORCHARD, { q: "Latest picking date", has: ["ORDER BY p.picked_dt DESC LIMIT 1"] }, options);
  });

  it("publisher: the latest order per month", async () => {
    expectDeclined(PUBLISHER, "Latest order per month", options, /latest rows of each month/);
    await expectSql(PUBLISHER, { q: "Latest order", has: ["ORDER BY o.ordered_ts DESC LIMIT 1"] }, options);
  });
});
