import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "Rush jobs per month" beside print_jobs.rush_fee_amt and is_rush_flg summed the rush fees, and
 * "How many rush jobs" did too: a phrase ending in the noun of the rows' own table names rows, and
 * what they are charged (a fee, a price) is no number of them; the flag the other word names
 * qualifies them. "Total rush fees" still sums the fee. Schemas: a courier and a car wash, invented
 * here.
 */

const COURIER = catalog([
  table(
    "deliveries",
    [
      ["delivery_id", "integer"],
      ["created_ts", "timestamp"],
      ["is_express", "boolean"],
      ["express_fee_amt", "numeric"],
    ],
    { primaryKey: ["delivery_id"] },
  ),
]);

const CAR_WASH = catalog([
  table(
    "washes",
    [
      ["wash_id", "integer"],
      ["washed_ts", "timestamp"],
      ["is_premium", "boolean"],
      ["premium_charge", "numeric"],
    ],
    { primaryKey: ["wash_id"] },
  ),
]);

const COURIER_RUNS = catalog([
  table(
    "courier_deliveries",
    [
      ["delivery_id", "integer"],
      ["delivered_ts", "timestamp"],
      ["distance_km", "numeric"],
      ["is_long_distance", "boolean"],
    ],
    { primaryKey: ["delivery_id"] },
  ),
]);

const QUARRY = catalog([
  table(
    "truck_trips",
    [
      ["trip_id", "integer"],
      ["trip_dt", "date"],
      ["load_tonnes", "numeric"],
      ["is_heavy_load", "boolean"],
    ],
    { primaryKey: ["trip_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("rows named by their table's noun are counted, not their charges summed", () => {
  it("courier: express deliveries per month, how many express deliveries", async () => {
    await expectSql(
      COURIER,
      { q: "Express deliveries per month", has: ["COUNT(*)", "d.is_express = true"], not: ["express_fee_amt"] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "How many express deliveries last week?", has: ["COUNT(*)", "d.is_express = true"], not: ["SUM("] },
      options,
    );
    await expectSql(COURIER, { q: "Total express fees per month", has: ["SUM(d.express_fee_amt)"] }, options);
  });

  it("car wash: premium washes per week", async () => {
    await expectSql(
      CAR_WASH,
      { q: "Premium washes per week", has: ["COUNT(*)", "w.is_premium = true"], not: ["premium_charge"] },
      options,
    );
    await expectSql(CAR_WASH, { q: "Total premium charges this year", has: ["SUM(w.premium_charge)"] }, options);
  });
});

// Round 9 (judged blind): "How many long distance moves did we do" summed move_jobs.distance_mi.
describe("how many of the rows a phrase ends in is their number, never a sum of theirs", () => {
  it("courier: how many long distance deliveries", async () => {
    await expectSql(
      COURIER_RUNS,
      {
        q: "How many long distance deliveries last week?",
        has: ["COUNT(*)", "cd.is_long_distance = true"],
        not: ["SUM("],
      },
      options,
    );
    await expectSql(
      COURIER_RUNS,
      { q: "Total distance of deliveries last week", has: ["SUM(cd.distance_km)"] },
      options,
    );
  });

  it("quarry: how many heavy load trips", async () => {
    await expectSql(
      QUARRY,
      { q: "How many heavy load trips this year?", has: ["COUNT(*)", "tt.is_heavy_load = true"], not: ["SUM("] },
      options,
    );
    await expectSql(QUARRY, { q: "Total load tonnes this year", has: ["SUM(tt.load_tonnes)"] }, options);
  });
});
