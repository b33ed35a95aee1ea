import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "average discount on invoices that had one" averaged every invoice's discount (round 10, found
 * blind): "one" stands for the thing measured, a condition that the rows have it, and as a filler it
 * was dropped. Left unexplained, so the question is refused. Schemas: a garage's repair bills and a
 * school's fee accounts, invented here.
 */

const GARAGE = catalog([
  table(
    "repair_bills",
    [
      ["bill_id", "integer"],
      ["issued_dt", "date"],
      ["labour_amt", "numeric"],
      ["surcharge_amt", "numeric"],
    ],
    { primaryKey: ["bill_id"] },
  ),
]);

const SCHOOL = catalog([
  table(
    "fee_accounts",
    [
      ["account_id", "integer"],
      ["pupil_nm", "text"],
      ["bursary_pct", "numeric"],
    ],
    { primaryKey: ["account_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'one' after 'have' is a condition no filter reads", () => {
  it("garage: bills that had a surcharge", async () => {
    expectDeclined(GARAGE, "average surcharge on repair bills that had one", options, /"one"/);
    await expectSql(GARAGE, { q: "average surcharge on repair bills", has: ["AVG(rb.surcharge_amt)"] }, options);
  });

  it("school: accounts that have a bursary", async () => {
    expectDeclined(SCHOOL, "average bursary of fee accounts that have one", options, /"one"/);
    await expectSql(SCHOOL, { q: "average bursary of fee accounts", has: ["AVG(fa.bursary_pct)"] }, options);
  });
});
