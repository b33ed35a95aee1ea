import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * What a plural noun counts when a column carries it: the rows, unless the noun names the column's
 * own head. "charges per type" beside charge_type counts charges (COUNT(DISTINCT charge_type) per
 * charge_type is always 1); "issues resolved" beside resolution counts the issues; "how many
 * donations" beside donations_received.donation_amount counts them, never sums the amounts. A hotel,
 * a library, an issue tracker, a meter reader, a charity and a shop.
 */

function rows(name: string, columns: [string, string][]) {
  return catalog([table(name, [["id", "integer"], ...columns], { primaryKey: ["id"] })]);
}

const HOTEL = rows("folio_charges", [
  ["charge_type", "text"],
  ["charge_dt", "timestamp"],
  ["amt", "numeric"],
]);
const METERS = rows("meter_reads", [
  ["read_type", "text"],
  ["read_dt", "date"],
  ["read_val", "numeric"],
]);
const LIBRARY = rows("patrons", [
  ["patron_type", "text"],
  ["full_name", "text"],
  ["is_blocked", "boolean"],
]);
const CLINIC = rows("visits", [
  ["visit_status", "text"],
  ["visit_dt", "date"],
]);
const TRACKER = rows("issues", [
  ["title", "text"],
  ["resolution", "text"],
  ["resolved_at", "timestamp"],
]);
const SHOP = rows("orders", [
  ["fulfilment", "text"],
  ["fulfilled_at", "timestamp"],
]);
const CHARITY = rows("donations_received", [
  ["donor_name", "text"],
  ["donation_amount", "numeric"],
  ["donated_on", "date"],
]);
const REFUNDS = rows("refunds_issued", [
  ["refund_amount", "numeric"],
  ["issued_on", "date"],
]);

const options = { currentDate: "2026-12-07" };

describe("a noun naming what a classifying column classifies counts the rows", () => {
  it("hotel: charges per charge type, and charge types themselves", async () => {
    await expectSql(
      HOTEL,
      { q: "number of charges per charge type", has: ["COUNT(*)", "GROUP BY 1"], not: ["DISTINCT"] },
      options,
    );
    await expectSql(HOTEL, { q: "charges per type last month", has: ["COUNT(*)"], not: ["DISTINCT"] }, options);
    await expectSql(HOTEL, { q: "how many charge types", has: ["COUNT(DISTINCT fc.charge_type)"] }, options);
  });
  it("meter reads: reads per read type", () =>
    expectSql(METERS, { q: "number of reads per read type", has: ["COUNT(*)"], not: ["DISTINCT"] }, options));
  it("library and clinic: a filtered count of the rows, not of their kinds", async () => {
    await expectSql(
      LIBRARY,
      { q: "how many blocked patrons", has: ["COUNT(*)", "p.is_blocked = true"], not: ["DISTINCT"] },
      options,
    );
    await expectSql(CLINIC, { q: "how many visits last month", has: ["COUNT(*)"], not: ["DISTINCT"] }, options);
  });
});

describe("a participle after the counted rows says what happened to them", () => {
  it("tracker: issues resolved per week count issues, resolutions count kinds", async () => {
    await expectSql(
      TRACKER,
      { q: "issues resolved per week in November", has: ["COUNT(*)", "date_trunc('week', i.resolved_at)"] },
      options,
    );
    await expectSql(TRACKER, { q: "how many resolutions", has: ["COUNT(DISTINCT i.resolution)"] }, options);
  });
  it("shop: orders fulfilled per month", () =>
    expectSql(
      SHOP,
      { q: "orders fulfilled per month in 2026", has: ["COUNT(*)", "date_trunc('month', o.fulfilled_at)"] },
      options,
    ));
});

describe("a number of money movements counts them, whatever their table adds to the noun", () => {
  it("charity: how many donations", () =>
    expectSql(CHARITY, { q: "how many donations", has: ["COUNT(*)"], not: ["SUM("] }, options));
  it("refunds: number of refunds last month", () =>
    expectSql(REFUNDS, { q: "number of refunds last month", has: ["COUNT(*)"], not: ["SUM("] }, options));
});
