import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "products with a standard turnaround over 7 days" beside product_types.std_turnaround_days and a
 * priority 'STANDARD' of the cases was read as standard-priority cases: "std" was no abbreviation, so
 * "standard" could only be a value. It abbreviates "standard" (linking/text.ts), and the column the
 * whole phrase names wins. Schemas: a print works and a courier, invented here.
 */

const PRINT_WORKS = catalog([
  table(
    "paper_stocks",
    [
      ["stock_cd", "text"],
      ["stock_nm", "text"],
      ["std_lead_days", "integer"],
    ],
    { primaryKey: ["stock_cd"] },
  ),
  withForeignKey(
    table(
      "print_orders",
      [
        ["print_order_id", "integer"],
        ["stock_cd", "text"],
        ["service_lvl", "text"],
        ["copies_qty", "integer"],
      ],
      { primaryKey: ["print_order_id"], samples: { service_lvl: ["STANDARD", "EXPRESS"] } },
    ),
    "stock_cd",
    "paper_stocks",
    "stock_cd",
  ),
]);

const COURIER = catalog([
  table(
    "zones",
    [
      ["zone_id", "integer"],
      ["zone_nm", "text"],
      ["std_rate_amt", "numeric"],
    ],
    { primaryKey: ["zone_id"] },
  ),
  withForeignKey(
    table(
      "parcels",
      [
        ["parcel_id", "integer"],
        ["zone_id", "integer"],
        ["tier_cd", "text"],
        ["weight_kilos", "numeric"],
      ],
      { primaryKey: ["parcel_id"], samples: { tier_cd: ["STANDARD", "NEXT_DAY"] } },
    ),
    "zone_id",
    "zones",
    "zone_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'standard' beside a std_ column's other words names the column, not a value", () => {
  it("print works: standard lead days", async () => {
    await expectSql(
      PRINT_WORKS,
      { q: "paper stocks with a standard lead time over 5 days", has: ["ps.std_lead_days > 5"], not: ["STANDARD"] },
      options,
    );
    await expectSql(PRINT_WORKS, { q: "how many standard print orders", has: ["'STANDARD'"] }, options);
  });

  it("courier: standard rate", async () => {
    await expectSql(
      COURIER,
      { q: "zones with a standard rate above 12", has: ["z.std_rate_amt > 12"], not: ["STANDARD"] },
      options,
    );
    await expectSql(COURIER, { q: "how many standard parcels", has: ["'STANDARD'"] }, options);
  });
});
