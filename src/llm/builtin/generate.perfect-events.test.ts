import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "Parcels not yet delivered", "work orders that have been invoiced": a participle after "have" or
 * "yet" says the event happened (or not), which its date being set records. The status value it
 * also spells is a state the rows may have moved past (a returned parcel was delivered first; a paid
 * work order was invoiced). Schemas: a courier depot and a repair workshop, invented here.
 */

const DEPOT = catalog([
  table(
    "parcels",
    [
      ["parcel_id", "integer"],
      ["parcel_status", "text"],
      ["posted_ts", "timestamp"],
      ["delivered_ts", "timestamp"],
    ],
    { primaryKey: ["parcel_id"], samples: { parcel_status: ["posted", "delivered", "returned"] } },
  ),
]);

const WORKSHOP = catalog([
  table(
    "work_orders",
    [
      ["wo_id", "integer"],
      ["wo_status", "text"],
      ["opened_dt", "date"],
      ["invoiced_dt", "date"],
    ],
    { primaryKey: ["wo_id"], samples: { wo_status: ["open", "invoiced", "paid"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("an event that has happened is its date being set, not a status", () => {
  it("depot: parcels not yet delivered, parcels that have been delivered", async () => {
    await expectSql(
      DEPOT,
      { q: "Parcels not yet delivered", has: ["WHERE p.delivered_ts IS NULL"], not: ["parcel_status"] },
      options,
    );
    await expectSql(
      DEPOT,
      { q: "How many parcels have been delivered?", has: ["WHERE p.delivered_ts IS NOT NULL"], not: ["parcel_status"] },
      options,
    );
  });

  it("workshop: work orders that have not been invoiced", async () => {
    await expectSql(
      WORKSHOP,
      { q: "Work orders that have not been invoiced", has: ["WHERE wo.invoiced_dt IS NULL"], not: ["wo_status"] },
      options,
    );
  });
});
