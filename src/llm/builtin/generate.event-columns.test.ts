import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Which column an event or a figure is read from: stock is not sales, "yr" is a year, a date named
 * for the rows' own noun is when they happen, a death date is never an event's, "open" is a state
 * and "how many payments" a count. A marketplace, a bookshop, a vet practice, a clinic, a broker and
 * a landlord.
 */

const MARKET = catalog([
  table(
    "listings",
    [
      ["listing_id", "integer"],
      ["title", "text"],
      ["category", "text"],
      ["price", "numeric"],
      ["qty_available", "integer"],
    ],
    { primaryKey: ["listing_id"], samples: { category: ["toys", "home"] } },
  ),
  withForeignKey(
    table(
      "purchases",
      [
        ["purchase_id", "integer"],
        ["listing_id", "integer"],
        ["qty", "integer"],
        ["unit_price", "numeric"],
        ["purchased_at", "timestamp"],
      ],
      { primaryKey: ["purchase_id"] },
    ),
    "listing_id",
    "listings",
    "listing_id",
  ),
]);

const BOOKSHOP = catalog([
  table(
    "titles",
    [
      ["id", "integer"],
      ["name", "text"],
      ["genre", "text"],
      ["list_price", "numeric"],
      ["quantity_in_stock", "integer"],
    ],
    { primaryKey: ["id"], samples: { genre: ["crime", "poetry"] } },
  ),
  withForeignKey(
    table(
      "sales",
      [
        ["id", "integer"],
        ["title_id", "integer"],
        ["quantity", "integer"],
        ["unit_price", "numeric"],
        ["sold_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
    "title_id",
    "titles",
    "id",
  ),
]);

function practice(patients: string, deathCol: string, visits: string, ownDate: string, otherDate: string) {
  const one = patients.replace(/s$/, "");
  return catalog([
    table(
      "vets",
      [
        ["vet_id", "integer"],
        ["vet_name", "text"],
      ],
      { primaryKey: ["vet_id"], samples: { vet_name: ["Dr. Smith", "Dr. Patel"] } },
    ),
    table(
      patients,
      [
        [`${one}_id`, "integer"],
        ["name", "text"],
        ["birth_yr", "integer"],
        [deathCol, "date"],
      ],
      { primaryKey: [`${one}_id`] },
    ),
    withForeignKey(
      withForeignKey(
        table(
          visits,
          [
            ["id", "integer"],
            [`${one}_id`, "integer"],
            ["vet_id", "integer"],
            [ownDate, "timestamp"],
            [otherDate, "timestamp"],
          ],
          { primaryKey: ["id"] },
        ),
        `${one}_id`,
        patients,
        `${one}_id`,
      ),
      "vet_id",
      "vets",
      "vet_id",
    ),
  ]);
}

const VETS = practice("pets", "deceased_dt", "appointments", "appt_ts", "booked_ts");
const CLINIC = practice("patients", "died_on", "consultations", "consult_ts", "created_ts");

const LANDLORD = catalog([
  table(
    "rent_payments",
    [
      ["payment_id", "integer"],
      ["amt_paid", "numeric"],
      ["paid_dt", "date"],
      ["is_late", "boolean"],
    ],
    { primaryKey: ["payment_id"] },
  ),
  table(
    "requests",
    [
      ["req_id", "integer"],
      ["category", "text"],
      ["opened_ts", "timestamp"],
      ["closed_ts", "timestamp"],
    ],
    { primaryKey: ["req_id"] },
  ),
]);

const BANK = catalog([
  table(
    "loan_payments",
    [
      ["id", "integer"],
      ["amount", "numeric"],
      ["paid_on", "date"],
      ["is_late", "boolean"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "accounts",
    [
      ["acct_id", "integer"],
      ["acct_type", "text"],
      ["balance", "numeric"],
      ["opened_dt", "date"],
      ["closed_dt", "date"],
    ],
    { primaryKey: ["acct_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("stock still held is neither revenue nor units sold", () => {
  it("market: revenue and units sold come from purchases, not qty_available", async () => {
    await expectSql(
      MARKET,
      { q: "total revenue per category", has: ["SUM(p.qty * p.unit_price)"], not: ["qty_available"] },
      options,
    );
    await expectSql(
      MARKET,
      { q: "total quantity sold per category", has: ["SUM(p.qty)"], not: ["qty_available"] },
      options,
    );
  });
  it("bookshop: revenue and units sold come from sales, not quantity_in_stock", async () => {
    await expectSql(
      BOOKSHOP,
      { q: "total revenue per genre", has: ["SUM(s.quantity * s.unit_price)"], not: ["quantity_in_stock"] },
      options,
    );
    await expectSql(
      BOOKSHOP,
      { q: "total units sold per genre", has: ["SUM(s.quantity)"], not: ["quantity_in_stock"] },
      options,
    );
  });
});

describe("dates of events", () => {
  it("'yr' is a year: pets and patients born before 2015", async () => {
    await expectSql(VETS, { q: "pets born before 2015", has: ["WHERE p.birth_yr < 2015"] }, options);
    await expectSql(CLINIC, { q: "patients born before 2015", has: ["WHERE p.birth_yr < 2015"] }, options);
  });
  it("the date named for the rows' own noun (appt_ts, consult_ts) dates them, not the booking", async () => {
    await expectSql(
      VETS,
      { q: "how many appointments last month", has: ["a.appt_ts >= DATE '2026-05-01'"], not: ["booked_ts"] },
      options,
    );
    await expectSql(
      CLINIC,
      { q: "how many consultations last month", has: ["c.consult_ts >= DATE '2026-05-01'"], not: ["created_ts"] },
      options,
    );
  });
  it("a death date is never the event's: patients a vet saw last month", async () => {
    await expectSql(
      VETS,
      {
        q: "how many pets did Dr. Smith see last month",
        has: ["v.vet_name = 'Dr. Smith'", "a.appt_ts >= DATE '2026-05-01'"],
        not: ["deceased_dt"],
      },
      options,
    );
    await expectSql(
      CLINIC,
      {
        q: "how many patients did Dr. Patel see last month",
        has: ["v.vet_name = 'Dr. Patel'", "c.consult_ts >= DATE '2026-05-01'"],
        not: ["died_on"],
      },
      options,
    );
  });
});

describe("states and counts of money rows", () => {
  it("'open' is a state, not an opened date that is set", () => {
    expectDeclined(LANDLORD, "open requests", options, /"open": a state/);
    expectDeclined(BANK, "total balance of open accounts", options, /"open": a state/);
  });
  it("a participle, with a negating prefix too, still tests the date: unpaid payments", async () => {
    await expectSql(LANDLORD, { q: "unpaid rent payments", has: ["WHERE rp.paid_dt IS NULL"] }, options);
    await expectSql(BANK, { q: "unpaid loan payments", has: ["WHERE lp.paid_on IS NULL"] }, options);
  });
  it("'how many payments' counts them, money rows or not", async () => {
    await expectSql(
      LANDLORD,
      { q: "how many payments were late", has: ["COUNT(*)", "rp.is_late = true"], not: ["SUM("] },
      options,
    );
    await expectSql(
      BANK,
      { q: "how many payments were late in 2025", has: ["COUNT(*)", "lp.is_late = true"], not: ["SUM("] },
      options,
    );
  });
});
