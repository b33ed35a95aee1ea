import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Round 9 (judged blind): "ACH payments received yesterday" was dated by the case's received_dt:
 * "received" gives payments their money sense, and names no date of another table. Schemas: a
 * veterinary lab and a charity, invented here.
 */

const VET_LAB = catalog([
  table(
    "lab_samples",
    [
      ["sample_id", "integer"],
      ["received_dt", "date"],
      ["species_cd", "text"],
    ],
    { primaryKey: ["sample_id"] },
  ),
  withForeignKey(
    table(
      "payments",
      [
        ["payment_id", "integer"],
        ["sample_id", "integer"],
        ["payment_dt", "date"],
        ["pay_method", "text"],
        ["amount", "numeric"],
      ],
      { primaryKey: ["payment_id"], samples: { pay_method: ["CARD", "CASH"] } },
    ),
    "sample_id",
    "lab_samples",
    "sample_id",
  ),
]);

const CHARITY = catalog([
  table(
    "appeals",
    [
      ["appeal_id", "integer"],
      ["appeal_nm", "text"],
      ["collected_dt", "date"],
    ],
    { primaryKey: ["appeal_id"] },
  ),
  withForeignKey(
    table(
      "donations",
      [
        ["donation_id", "integer"],
        ["appeal_id", "integer"],
        ["donated_ts", "timestamp"],
        ["method_cd", "text"],
        ["amount", "numeric"],
      ],
      { primaryKey: ["donation_id"], samples: { method_cd: ["CASH", "CARD"] } },
    ),
    "appeal_id",
    "appeals",
    "appeal_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a money word after money rows names no other table's date", () => {
  it("vet lab: card payments received last week", async () => {
    await expectSql(
      VET_LAB,
      { q: "card payments received last week", has: ["p.payment_dt >= DATE '2026-11-30'"], not: ["received_dt"] },
      options,
    );
  });

  it("charity: cash donations collected last month", () => {
    expectDeclined(CHARITY, "cash donations collected last month", options);
  });
});
