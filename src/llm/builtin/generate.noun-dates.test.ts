import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "purchase orders received last week" was dated by ordered_dt ("orders" names it) with received_dt
 * only required to be set: when a verb of the question names one of the rows' dates, their own noun
 * no longer names another. Schemas: a garage and a council's service desk, invented here, whose
 * date columns carry their table's whole name (repair_order_dt).
 */

const GARAGE = catalog([
  table(
    "repair_orders",
    [
      ["ro_no", "text"],
      ["customer_nm", "text"],
      ["repair_order_dt", "date"],
      ["completed_dt", "date"],
      ["invoiced_dt", "date"],
    ],
    { primaryKey: ["ro_no"] },
  ),
]);

const COUNCIL = catalog([
  table(
    "service_requests",
    [
      ["request_id", "integer"],
      ["ward_nm", "text"],
      ["service_request_dt", "date"],
      ["closed_dt", "date"],
    ],
    { primaryKey: ["request_id"], samples: { ward_nm: ["Northgate", "Abbey"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a verb naming a date outranks the rows' own noun", () => {
  it("garage: 'repair orders completed last week' are dated by completed_dt", async () => {
    await expectSql(
      GARAGE,
      {
        q: "repair orders completed last week",
        has: ["ro.completed_dt >= DATE '2026-11-30'"],
        not: ["repair_order_dt"],
      },
      options,
    );
    await expectSql(
      GARAGE,
      { q: "how many repair orders were placed last week", has: ["ro.repair_order_dt >= DATE '2026-11-30'"] },
      options,
    );
  });

  it("council: 'service requests closed this month' are dated by closed_dt", async () => {
    await expectSql(
      COUNCIL,
      {
        q: "service requests closed this month",
        has: ["sr.closed_dt >= DATE '2026-12-01'"],
        not: ["service_request_dt"],
      },
      options,
    );
    await expectSql(
      COUNCIL,
      { q: "service requests this month", has: ["sr.service_request_dt >= DATE '2026-12-01'"] },
      options,
    );
  });
});
