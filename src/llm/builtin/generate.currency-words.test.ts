import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "donations made in euros" listed every donation: a currency named in words is the ISO code a
 * currency column holds, a filter. Without such a column it only gives an amount's unit. Schemas:
 * a crowdfunding site and a travel-expense log, invented here.
 */

const CROWDFUND = catalog([
  table(
    "pledges",
    [
      ["pledge_id", "integer"],
      ["backer_nm", "text"],
      ["pledge_amt", "numeric"],
      ["currency", "text"],
      ["pledged_dt", "date"],
    ],
    { primaryKey: ["pledge_id"], samples: { currency: ["EUR", "CHF", "GBP"], backer_nm: ["Ines Roth", "Kai Berg"] } },
  ),
]);

const EXPENSES = catalog([
  table(
    "expense_lines",
    [
      ["line_id", "integer"],
      ["trip_ref", "text"],
      ["spent_amt", "numeric"],
      ["ccy_cd", "text"],
    ],
    { primaryKey: ["line_id"], samples: { ccy_cd: ["gbp", "jpy", "eur"] } },
  ),
]);

const PLAIN = catalog([
  table(
    "receipts",
    [
      ["receipt_no", "integer"],
      ["receipt_amt", "numeric"],
      ["taken_dt", "date"],
    ],
    { primaryKey: ["receipt_no"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a currency named in words filters the currency column", () => {
  it("crowdfunding: 'pledges made in euros' are those in EUR", async () => {
    await expectSql(CROWDFUND, { q: "pledges made in euros", has: ["p.currency = 'EUR'"] }, options);
    await expectSql(
      CROWDFUND,
      { q: "total pledge amount in pounds this year", has: ["SUM(p.pledge_amt)", "p.currency = 'GBP'"] },
      options,
    );
  });

  it("expenses: 'spent in yen' is the code as the column holds it; without such a column, only a unit", async () => {
    await expectSql(EXPENSES, { q: "total spent in yen", has: ["el.ccy_cd = 'jpy'"] }, options);
    await expectSql(
      PLAIN,
      { q: "total receipt amount in dollars", has: ["SUM(r.receipt_amt)"], not: ["WHERE"] },
      options,
    );
  });
});
