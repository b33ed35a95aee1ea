import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Catering orders over $200" beside orders.is_catering_flg and orders.channel_cd 'CATERING' was
 * answered with the channel, dropping catering ordered by phone. A word that names both a flag of
 * the rows and a value of theirs may mean either, and the two can disagree: refused, naming both.
 * Schemas: a pizzeria and a clinic, invented here.
 */

const PIZZERIA = catalog([
  table(
    "pizza_orders",
    [
      ["po_id", "integer"],
      ["placed_ts", "timestamp"],
      ["channel_cd", "text"],
      ["is_delivery_flg", "boolean"],
      ["total_amt", "numeric"],
    ],
    { primaryKey: ["po_id"], samples: { channel_cd: ["DELIVERY", "PICKUP", "DINE_IN"] } },
  ),
]);

const CLINIC = catalog([
  table(
    "visits",
    [
      ["visit_id", "integer"],
      ["visit_dt", "date"],
      ["visit_type", "text"],
      ["is_telehealth", "boolean"],
      ["fee_amt", "numeric"],
    ],
    { primaryKey: ["visit_id"], samples: { visit_type: ["IN_PERSON", "TELEHEALTH", "HOME"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a word naming both a flag and a value of the rows is refused", () => {
  it("pizzeria: delivery orders", async () => {
    expectDeclined(PIZZERIA, "Delivery orders last week", options, /is_delivery_flg or .*channel_cd = 'DELIVERY'/);
    await expectSql(PIZZERIA, { q: "How many pickup orders?", has: ["po.channel_cd = 'PICKUP'"] }, options);
  });

  it("clinic: telehealth visits", async () => {
    expectDeclined(CLINIC, "Telehealth visits this month", options, /is_telehealth or .*visit_type = 'TELEHEALTH'/);
    await expectSql(CLINIC, { q: "How many home visits?", has: ["v.visit_type = 'HOME'"] }, options);
  });
});
