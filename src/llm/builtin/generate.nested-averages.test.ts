import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "average units per case for each product" grouped by case and product, so each average was over
 * one case's lines (round 9, found blind); "average fare per km by city" grouped by the distance too
 * (round 4). An average "per" one thing beside another grouping is an average of per-thing figures
 * within each group: refused. "average fee per mooring by pier", where the moorings are the rows
 * averaged, is answered. Schemas: a salon and a marina, invented here.
 */

const SALON = catalog([
  table(
    "stylists",
    [
      ["stylist_id", "integer"],
      ["stylist_nm", "text"],
    ],
    { primaryKey: ["stylist_id"] },
  ),
  withForeignKey(
    table(
      "appointments",
      [
        ["appt_id", "integer"],
        ["stylist_id", "integer"],
        ["service_cd", "text"],
        ["price_amt", "numeric"],
      ],
      { primaryKey: ["appt_id"], samples: { service_cd: ["CUT", "COLOUR"] } },
    ),
    "stylist_id",
    "stylists",
    "stylist_id",
  ),
]);

const MARINA = catalog([
  table(
    "berths",
    [
      ["berth_id", "integer"],
      ["pier_cd", "text"],
    ],
    { primaryKey: ["berth_id"], samples: { pier_cd: ["A", "B"] } },
  ),
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["boat_nm", "text"],
    ],
    { primaryKey: ["boat_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "moorings",
        [
          ["mooring_id", "integer"],
          ["boat_id", "integer"],
          ["berth_id", "integer"],
          ["nights_qty", "integer"],
          ["fee_amt", "numeric"],
        ],
        { primaryKey: ["mooring_id"] },
      ),
      "boat_id",
      "boats",
      "boat_id",
    ),
    "berth_id",
    "berths",
    "berth_id",
  ),
]);

const options = { currentDate: "2026-12-07" };
const NESTED = /beside another grouping/;

describe("an average per one thing within groups of another is refused", () => {
  it("salon", async () => {
    expectDeclined(SALON, "average price per stylist by service", options, NESTED);
    await expectSql(SALON, { q: "average price per appointment by service", has: ["AVG(a.price_amt)"] }, options);
  });

  it("marina", async () => {
    expectDeclined(MARINA, "average nights per boat by pier", options, NESTED);
    expectDeclined(MARINA, "average fee per night by pier", options, NESTED);
    await expectSql(MARINA, { q: "average fee per mooring by pier", has: ["AVG(m.fee_amt)", "GROUP BY 1"] }, options);
  });
});
