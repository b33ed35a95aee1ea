import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "how many car parks are there" beside a vehicle type 'car' counted only car parks a car had used:
 * a value whose words, with the words beside them, name a table in full is part of that table's
 * name, not a filter. Schemas: a transit network and a gift shop, invented here; their tables' label
 * columns name the table in one word (tramstop_name), which let the first word be read as the value.
 */

const TRANSIT = catalog([
  table(
    "tram_stops",
    [
      ["tramstop_id", "integer"],
      ["tramstop_name", "text"],
      ["zone_cd", "text"],
      ["has_shelter", "boolean"],
      ["opened_dt", "date"],
    ],
    { primaryKey: ["tramstop_id"], samples: { zone_cd: ["1", "2"] } },
  ),
  table(
    "vehicles",
    [
      ["vehicle_id", "integer"],
      ["fleet_no", "text"],
      ["vehicle_kind", "text"],
    ],
    { primaryKey: ["vehicle_id"], samples: { vehicle_kind: ["tram", "ferry", "cable"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "arrivals",
        [
          ["arrival_id", "integer"],
          ["tramstop_id", "integer"],
          ["vehicle_id", "integer"],
          ["arrived_ts", "timestamp"],
          ["delay_min", "integer"],
          ["arrival_status", "text"],
        ],
        { primaryKey: ["arrival_id"], samples: { arrival_status: ["on_time", "late"] } },
      ),
      "tramstop_id",
      "tram_stops",
      "tramstop_id",
    ),
    "vehicle_id",
    "vehicles",
    "vehicle_id",
  ),
]);

const SHOP = catalog([
  table(
    "gift_cards",
    [
      ["giftcard_id", "integer"],
      ["giftcard_no", "text"],
      ["balance_amt", "numeric"],
      ["issued_dt", "date"],
    ],
    { primaryKey: ["giftcard_id"] },
  ),
  table(
    "products",
    [
      ["product_id", "integer"],
      ["product_nm", "text"],
      ["product_line", "text"],
    ],
    { primaryKey: ["product_id"], samples: { product_line: ["gift", "home", "garden"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "redemptions",
        [
          ["redemption_id", "integer"],
          ["giftcard_id", "integer"],
          ["product_id", "integer"],
          ["redeemed_ts", "timestamp"],
          ["redeemed_amt", "numeric"],
          ["channel_cd", "text"],
        ],
        { primaryKey: ["redemption_id"], samples: { channel_cd: ["store", "web"] } },
      ),
      "giftcard_id",
      "gift_cards",
      "giftcard_id",
    ),
    "product_id",
    "products",
    "product_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a value that is part of a table's name is not a filter", () => {
  it("transit: 'tram stops' are the tram_stops rows, not stops a vehicle of kind 'tram' arrived at", async () => {
    await expectSql(
      TRANSIT,
      { q: "how many tram stops are there", has: ["COUNT(*)", "FROM tram_stops"], not: ["vehicle_kind"] },
      options,
    );
    await expectSql(
      TRANSIT,
      { q: "tram stops with a shelter", has: ["has_shelter = true"], not: ["vehicle_kind", "JOIN"] },
      options,
    );
    // the value before a noun that names no table with it still filters
    await expectSql(TRANSIT, { q: "how many tram arrivals today", has: ["vehicle_kind = 'tram'"] }, options);
  });

  it("gift shop: 'gift cards' are the gift_cards rows, not cards used on the product line 'gift'", async () => {
    await expectSql(
      SHOP,
      {
        q: "gift cards issued this year",
        has: ["FROM gift_cards", "issued_dt >= DATE '2026-01-01'"],
        not: ["product_line"],
      },
      options,
    );
    await expectSql(
      SHOP,
      { q: "total balance of gift cards", has: ["SUM(gc.balance_amt)"], not: ["product_line"] },
      options,
    );
    await expectSql(SHOP, { q: "gift redemptions this month", has: ["product_line = 'gift'"] }, options);
  });
});
