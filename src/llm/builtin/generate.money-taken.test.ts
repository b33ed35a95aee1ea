import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "How much was taken in payments?": a sum whose only words say money came in, with "in <table>"
// naming a table of money movements, totals that table's amounts. Two invented schemas: a parking
// operator and a charity.

const PARKING = catalog([
  table(
    "car_parks",
    [
      ["car_park_id", "integer"],
      ["car_park_name", "text"],
    ],
    { primaryKey: ["car_park_id"] },
  ),
  table(
    "fees",
    [
      ["fee_id", "integer"],
      ["car_park_id", "integer"],
      ["amount", "numeric"],
      ["paid_at", "timestamp"],
    ],
    { primaryKey: ["fee_id"] },
  ),
]);

const CHARITY = catalog([
  table(
    "donations",
    [
      ["donation_id", "integer"],
      ["donor_name", "text"],
      ["amount", "numeric"],
      ["given_on", "date"],
    ],
    { primaryKey: ["donation_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("money taken in a table of payments", () => {
  it.each([
    {
      q: "How much was taken in fees in 2025?",
      has: ["SUM(f.amount)", "f.paid_at >= DATE '2025-01-01'"],
      not: ["COUNT"],
    },
    { q: "How much was collected in fees last month?", has: ["SUM(f.amount)", "f.paid_at >= DATE '2026-11-01'"] },
  ])("parking: $q", async (c) => {
    await expectSql(PARKING, c, options);
  });

  it.each([
    {
      q: "How much was received in donations in the first quarter of 2026?",
      has: ["SUM(d.amount)", "d.given_on < DATE '2026-04-01'"],
    },
  ])("charity: $q", async (c) => {
    await expectSql(CHARITY, c, options);
  });
});
