import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * A value right before a table's noun ("returned parcels", "unpaid appointments"): whose rows it
 * describes, and what the noun then does for counts, averages, groups and dates. A parcel courier
 * (depots, couriers, parcels, claims on parcels) and a clinic (patients, rooms, appointments,
 * invoices of appointments).
 */

const COURIER = catalog([
  table(
    "depots",
    [
      ["depot_id", "integer"],
      ["depot_nm", "text"],
      ["depot_type", "text"],
    ],
    { primaryKey: ["depot_id"], samples: { depot_type: ["hub", "locker"], depot_nm: ["Northgate", "Riverside"] } },
  ),
  table(
    "couriers",
    [
      ["courier_id", "integer"],
      ["courier_nm", "text"],
      ["contract_courier", "boolean"],
      ["courier_status", "text"],
      ["left_dt", "date"],
    ],
    { primaryKey: ["courier_id"], samples: { courier_status: ["active", "suspended"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "parcels",
        [
          ["parcel_id", "integer"],
          ["depot_id", "integer"],
          ["courier_id", "integer"],
          ["parcel_status", "text"],
          ["sent_dt", "date"],
          ["fee_amt", "numeric"],
        ],
        { primaryKey: ["parcel_id"], samples: { parcel_status: ["delivered", "returned", "in_transit"] } },
      ),
      "depot_id",
      "depots",
      "depot_id",
    ),
    "courier_id",
    "couriers",
    "courier_id",
  ),
  withForeignKey(
    table(
      "claims",
      [
        ["claim_id", "integer"],
        ["parcel_id", "integer"],
        ["reason", "text"],
        ["claimed_amt", "numeric"],
      ],
      { primaryKey: ["claim_id"], samples: { reason: ["damaged", "late"] } },
    ),
    "parcel_id",
    "parcels",
    "parcel_id",
  ),
]);

const CLINIC = catalog([
  table(
    "patients",
    [
      ["patient_no", "integer"],
      ["full_nm", "text"],
      ["vip_patient", "boolean"],
      ["registered_dt", "date"],
    ],
    { primaryKey: ["patient_no"] },
  ),
  table(
    "rooms",
    [
      ["room_id", "integer"],
      ["room_type", "text"],
    ],
    { primaryKey: ["room_id"], samples: { room_type: ["surgery", "consult"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "appointments",
        [
          ["appt_id", "integer"],
          ["patient_no", "integer"],
          ["room_id", "integer"],
          ["appt_dt", "date"],
          ["appt_status", "text"],
          ["fee_amt", "numeric"],
        ],
        { primaryKey: ["appt_id"], samples: { appt_status: ["booked", "cancelled", "attended"] } },
      ),
      "patient_no",
      "patients",
      "patient_no",
    ),
    "room_id",
    "rooms",
    "room_id",
  ),
  withForeignKey(
    table(
      "invoices",
      [
        ["inv_id", "integer"],
        ["appt_id", "integer"],
        ["inv_status", "text"],
        ["amount", "numeric"],
        ["issued_dt", "date"],
      ],
      { primaryKey: ["inv_id"], samples: { inv_status: ["unpaid", "paid", "void"] } },
    ),
    "appt_id",
    "appointments",
    "appt_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a value before a table's noun", () => {
  it("courier: 'returned parcels' lists parcels, though parcel_status names the parcel too", async () => {
    await expectSql(
      COURIER,
      { q: "returned parcels", has: ["FROM parcels p WHERE p.parcel_status = 'returned'"] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "how many returned parcels", has: ["SELECT COUNT(*) AS parcel_count FROM parcels p", "= 'returned'"] },
      options,
    );
  });

  it("clinic: 'paid invoices' lists invoices, though inv_status abbreviates invoice", async () => {
    await expectSql(CLINIC, { q: "paid invoices", has: ["FROM invoices i WHERE i.inv_status = 'paid'"] }, options);
    await expectSql(
      CLINIC,
      { q: "how many void invoices", has: ["COUNT(*) AS invoice_count", "i.inv_status = 'void'"] },
      options,
    );
  });

  it("a table noun before another keeps to the value: 'hub depot parcels', 'surgery room appointments'", async () => {
    await expectSql(
      COURIER,
      { q: "hub depot parcels", has: ["SELECT p.* FROM parcels p JOIN depots d", "d.depot_type = 'hub'"] },
      options,
    );
    await expectSql(
      CLINIC,
      {
        q: "surgery room appointments",
        has: ["SELECT a.* FROM appointments a JOIN rooms r", "r.room_type = 'surgery'"],
      },
      options,
    );
  });
});

describe("a value of rows the question does not name", () => {
  it("courier: 'damaged parcels' is refused (claims.reason), 'parcels with a damaged claim' answered", async () => {
    expectDeclined(
      COURIER,
      "damaged parcels",
      options,
      /"damaged" is a value of claims\.reason.*parcels with damaged claims/,
    );
    expectDeclined(COURIER, "how many damaged parcels were sent this year", options, /claims\.reason/);
    // After "is/are" an adjective describes the noun before it just the same.
    expectDeclined(COURIER, "how many parcels are late", options, /"late" is a value of claims\.reason/);
    await expectSql(COURIER, { q: "how many claims are late", has: ["WHERE c.reason = 'late'"] }, options);
    await expectSql(
      COURIER,
      {
        q: "parcels with a damaged claim",
        has: ["JOIN claims c ON c.parcel_id = p.parcel_id", "c.reason = 'damaged'"],
      },
      options,
    );
  });

  it("clinic: 'unpaid appointments' is refused (invoices.inv_status), 'appointments with unpaid invoices' answered", async () => {
    expectDeclined(CLINIC, "unpaid appointments", options, /"unpaid" is a value of invoices\.inv_status/);
    expectDeclined(CLINIC, "how many appointments are unpaid", options, /invoices\.inv_status/);
    await expectSql(
      CLINIC,
      { q: "appointments with unpaid invoices", has: ["JOIN invoices i ON i.appt_id = a.appt_id", "'unpaid'"] },
      options,
    );
  });
});

describe("a value between 'per' and the rows", () => {
  it("'average fee per delivered parcel' averages the delivered parcels, one group", async () => {
    await expectSql(
      COURIER,
      {
        q: "average fee per delivered parcel",
        has: ["SELECT ROUND(AVG(p.fee_amt)::numeric, 2) AS avg_fee FROM parcels p WHERE p.parcel_status = 'delivered'"],
        not: ["GROUP BY"],
      },
      options,
    );
    await expectSql(
      CLINIC,
      {
        q: "average fee per attended appointment",
        has: ["AVG(a.fee_amt)", "a.appt_status = 'attended'"],
        not: ["GROUP BY"],
      },
      options,
    );
  });

  it("'per active courier this month' dates the parcels, not the couriers", async () => {
    await expectSql(
      COURIER,
      {
        q: "parcels per active courier this month",
        has: ["c.courier_status = 'active'", "p.sent_dt >= DATE '2026-12-01'", "GROUP BY 1, 2"],
        not: ["left_dt"],
      },
      options,
    );
    await expectSql(
      CLINIC,
      {
        q: "appointments per surgery room this year",
        has: ["r.room_type = 'surgery'", "a.appt_dt >= DATE '2026-01-01'", "GROUP BY 1"],
      },
      options,
    );
  });
});

describe("counting the rows a flag names", () => {
  it("clinic: 'how many vip patients attended an appointment' counts patients, flagged", async () => {
    await expectSql(
      CLINIC,
      {
        q: "how many vip patients attended an appointment this year",
        has: ["COUNT(DISTINCT p.patient_no) AS patient_count FROM patients p", "p.vip_patient = true"],
      },
      options,
    );
    await expectSql(
      CLINIC,
      { q: "vip patients", has: ["SELECT p.* FROM patients p WHERE p.vip_patient = true"] },
      options,
    );
  });

  it("courier: 'how many contract couriers sent a parcel' counts couriers, flagged", async () => {
    await expectSql(
      COURIER,
      {
        q: "how many contract couriers delivered a parcel this month",
        has: ["COUNT(DISTINCT c.courier_id) AS courier_count FROM couriers c", "c.contract_courier = true"],
      },
      options,
    );
    await expectSql(
      COURIER,
      { q: "how many contract couriers are there", has: ["FROM couriers c WHERE c.contract_courier = true"] },
      options,
    );
  });
});

describe("a status verb whose date is a third table's", () => {
  // The verb names a date, but of other rows than the ones whose status holds the value.
  const CLUB = catalog([
    table(
      "members",
      [
        ["member_id", "integer"],
        ["member_nm", "text"],
        ["closed_dt", "date"],
      ],
      { primaryKey: ["member_id"] },
    ),
    withForeignKey(
      table(
        "memberships",
        [
          ["ms_id", "integer"],
          ["member_id", "integer"],
          ["ms_status", "text"],
          ["began_dt", "date"],
        ],
        { primaryKey: ["ms_id"], samples: { ms_status: ["open", "closed"] } },
      ),
      "member_id",
      "members",
      "member_id",
    ),
  ]);
  const VENUE = catalog([
    table(
      "guests",
      [
        ["guest_id", "integer"],
        ["guest_nm", "text"],
        ["cancelled_dt", "date"],
      ],
      { primaryKey: ["guest_id"] },
    ),
    withForeignKey(
      table(
        "bookings",
        [
          ["bkg_id", "integer"],
          ["guest_id", "integer"],
          ["bkg_status", "text"],
          ["made_dt", "date"],
        ],
        { primaryKey: ["bkg_id"], samples: { bkg_status: ["confirmed", "cancelled"] } },
      ),
      "guest_id",
      "guests",
      "guest_id",
    ),
  ]);

  it("club: 'memberships closed this year' is refused; members.closed_dt is the member's", async () => {
    expectDeclined(CLUB, "memberships closed this year", options, /which date says when memberships were "closed"/);
    await expectSql(CLUB, { q: "members closed this year", has: ["m.closed_dt >= DATE '2026-01-01'"] }, options);
  });

  it("venue: 'bookings cancelled last month' is refused; guests.cancelled_dt is the guest's", async () => {
    expectDeclined(VENUE, "bookings cancelled last month", options, /which date says when bookings were "cancelled"/);
    await expectSql(VENUE, { q: "guests cancelled last month", has: ["g.cancelled_dt >= DATE '2026-11-01'"] }, options);
  });
});

describe("a value before the first word of a table's name", () => {
  // The word after the value begins another table's name, which the question lists: the value's
  // column (on the table the word names alone) does not take it.
  const SCANS = catalog([
    table(
      "parcels",
      [
        ["parcel_id", "integer"],
        ["parcel_status", "text"],
      ],
      { primaryKey: ["parcel_id"], samples: { parcel_status: ["delivered", "late"] } },
    ),
    withForeignKey(
      table(
        "parcel_scans",
        [
          ["scan_id", "integer"],
          ["parcel_id", "integer"],
          ["scan_ts", "timestamp"],
          ["is_late", "boolean"],
        ],
        { primaryKey: ["scan_id"] },
      ),
      "parcel_id",
      "parcels",
      "parcel_id",
    ),
  ]);
  const PAYMENTS = catalog([
    table(
      "invoices",
      [
        ["inv_id", "integer"],
        ["inv_status", "text"],
      ],
      { primaryKey: ["inv_id"], samples: { inv_status: ["paid", "partial"] } },
    ),
    withForeignKey(
      table(
        "invoice_payments",
        [
          ["pay_id", "integer"],
          ["inv_id", "integer"],
          ["paid_dt", "date"],
          ["is_partial", "boolean"],
        ],
        { primaryKey: ["pay_id"] },
      ),
      "inv_id",
      "invoices",
      "inv_id",
    ),
  ]);

  it("scans: 'late parcel scans' are the scans flagged late, not scans of late parcels", async () => {
    await expectSql(
      SCANS,
      {
        q: "late parcel scans this month",
        has: ["FROM parcel_scans ps WHERE ps.is_late = true"],
        not: ["parcel_status"],
      },
      options,
    );
  });

  it("payments: 'partial invoice payments' are the payments flagged partial", async () => {
    await expectSql(
      PAYMENTS,
      {
        q: "partial invoice payments",
        has: ["FROM invoice_payments ip WHERE ip.is_partial = true"],
        not: ["inv_status"],
      },
      options,
    );
  });
});
