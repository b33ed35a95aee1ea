import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "generation per month" counted the readings beside readings.kwh_generated: the noun of the verb a
 * number column is named by names that column. "average daily generation per installation" grouped
 * by day as well: the average of each period's total is two aggregates, refused; "average monthly
 * fee" beside monthly_fee stays that column. Schemas: a wind farm, a school district and a
 * subscription box, invented here.
 */

const WIND = catalog([
  table(
    "turbines",
    [
      ["turbine_id", "integer"],
      ["turbine_nm", "text"],
    ],
    { primaryKey: ["turbine_id"] },
  ),
  withForeignKey(
    table(
      "turbine_logs",
      [
        ["log_id", "integer"],
        ["turbine_id", "integer"],
        ["log_dt", "date"],
        ["mwh_generated", "numeric"],
      ],
      { primaryKey: ["log_id"] },
    ),
    "turbine_id",
    "turbines",
    "turbine_id",
  ),
]);

const DISTRICT = catalog([
  table(
    "school_terms",
    [
      ["term_id", "integer"],
      ["school_nm", "text"],
      ["term_start", "date"],
      ["pupils_enrolled", "integer"],
    ],
    { primaryKey: ["term_id"], samples: { school_nm: ["Elm Park", "Hillcrest"] } },
  ),
]);

const BOX = catalog([
  table(
    "box_plans",
    [
      ["plan_id", "integer"],
      ["plan_nm", "text"],
      ["monthly_price", "numeric"],
    ],
    { primaryKey: ["plan_id"] },
  ),
  withForeignKey(
    table(
      "shipments",
      [
        ["shipment_id", "integer"],
        ["plan_id", "integer"],
        ["shipped_dt", "date"],
        ["charged_amt", "numeric"],
      ],
      { primaryKey: ["shipment_id"] },
    ),
    "plan_id",
    "box_plans",
    "plan_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("the noun of a column's verb names the column", () => {
  it("wind farm: 'generation per turbine this year' sums mwh_generated", async () => {
    await expectSql(
      WIND,
      { q: "generation per turbine this year", has: ["SUM(tl.mwh_generated)"], not: ["COUNT(*)"] },
      options,
    );
    await expectSql(WIND, { q: "how many turbine logs per turbine", has: ["COUNT(*)"] }, options);
  });

  it("district: 'total enrollment' sums pupils_enrolled", async () => {
    await expectSql(DISTRICT, { q: "total enrollment in 2026", has: ["SUM(st.pupils_enrolled)"] }, options);
  });
});

describe("an average of period totals is refused; a period word of a column's name is that column", () => {
  it("wind farm: 'average daily generation per turbine' is refused", () => {
    expectDeclined(WIND, "average daily generation per turbine", options, /averages of daily totals/);
  });

  it("subscription box: 'average monthly price of plans' reads monthly_price; 'average monthly charge' is refused", async () => {
    await expectSql(BOX, { q: "average monthly price of box plans", has: ["AVG(bp.monthly_price)"] }, options);
    expectDeclined(BOX, "average monthly charged amount per plan", options, /averages of monthly totals/);
  });
});
