import { describe, it } from "vitest";
import { catalog, ownerAndRows, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * Rankings and counts that name a number of rows: "top 10 drivers by number of completed trips" and
 * "the most hires" count the rows a value picks, never revenue; "churned accounts" beside an optional
 * churned_at counts the accounts whose date is set, not every account or their distinct names; "top
 * patients by total billed" sums the bills. A ride service, a shop, a recruiter, a bank, a software
 * vendor, a streaming service, a clinic and an agency.
 */

/** Owners and their events, the events carrying a status and an amount. */
function ownersAndEvents(owners: string, events: string, status: string, values: string[]) {
  return catalog(
    ownerAndRows(
      {
        name: owners,
        columns: [
          ["full_name", "text"],
          ["joined_dt", "date"],
        ],
      },
      {
        name: events,
        columns: [
          [status, "text"],
          ["total_amt", "numeric"],
          ["created_at", "timestamp"],
        ],
        samples: { [status]: values },
      },
    ),
  );
}

const RIDES = ownersAndEvents("drivers", "trips", "trip_status", ["requested", "completed", "cancelled"]);
const SHOP = ownersAndEvents("customers", "orders", "order_status", ["pending", "delivered", "returned"]);
const RECRUITER = ownersAndEvents("sources", "applications", "stage_cd", ["applied", "interview", "hired"]);
const BANK = ownersAndEvents("branches", "transactions", "txn_type", ["deposit", "withdrawal"]);

/** Rows with a name and an optional date of an event only some of them had. */
function rowsWithOptionalDate(rows: string, name: string, date: string) {
  return catalog([
    table(
      rows,
      [
        ["id", "integer"],
        [name, "text"],
        ["industry", "text"],
        ["created_at", "timestamp"],
        [date, "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
  ]);
}

const VENDOR = rowsWithOptionalDate("accounts", "acct_nm", "churned_at");
const STREAMING = rowsWithOptionalDate("subscriptions", "plan_nm", "cancelled_at");

/** People and the money documents issued to them. */
function billed(people: string, documents: string) {
  return catalog(
    ownerAndRows(
      { name: people, columns: [["full_name", "text"]] },
      {
        name: documents,
        columns: [
          ["issued_dt", "date"],
          ["vat_amt", "numeric"],
          ["total_amt", "numeric"],
        ],
      },
    ),
  );
}

const CLINIC = billed("patients", "bills");
const AGENCY = billed("clients", "invoices");

const options = { currentDate: "2026-12-07" };

describe("'by number of' ranks by a count, never by revenue", () => {
  it("rides and shop: top drivers or customers by number of completed or delivered rows", async () => {
    await expectSql(
      RIDES,
      {
        q: "top 10 drivers by number of completed trips",
        has: ["COUNT(*)", "t.trip_status = 'completed'", "LIMIT 10"],
        not: ["SUM("],
      },
      options,
    );
    await expectSql(
      SHOP,
      {
        q: "top 5 customers by number of delivered orders",
        has: ["COUNT(*)", "o.order_status = 'delivered'", "LIMIT 5"],
        not: ["SUM("],
      },
      options,
    );
  });
});

describe("'the most' before a plural value counts the rows it picks", () => {
  it("recruiter and bank: the most hires, the most withdrawals", async () => {
    await expectSql(
      RECRUITER,
      { q: "which source brings the most hires", has: ["COUNT(*)", "a.stage_cd = 'hired'"], not: ["SUM("] },
      options,
    );
    await expectSql(
      BANK,
      { q: "which branch has the most withdrawals", has: ["COUNT(*)", "t.txn_type = 'withdrawal'"], not: ["SUM("] },
      options,
    );
  });
});

describe("a participle beside the rows' noun filters on its optional date", () => {
  it("vendor: churned accounts by industry", () =>
    expectSql(
      VENDOR,
      {
        q: "churned accounts by industry",
        has: ["COUNT(*)", "a.churned_at IS NOT NULL", "GROUP BY 1"],
        not: ["DISTINCT"],
      },
      options,
    ));
  it("streaming: how many cancelled subscriptions", () =>
    expectSql(
      STREAMING,
      { q: "how many cancelled subscriptions", has: ["COUNT(*)", "s.cancelled_at IS NOT NULL"], not: ["DISTINCT"] },
      options,
    ));
});

describe("a total of a money verb's events is their amount, not their number", () => {
  it("clinic and agency: top patients by total billed, top clients by total invoiced", async () => {
    await expectSql(
      CLINIC,
      { q: "top 5 patients by total billed", has: ["SUM(b.total_amt)", "LIMIT 5"], not: ["COUNT("] },
      options,
    );
    await expectSql(
      AGENCY,
      { q: "top 3 clients by total invoiced", has: ["SUM(i.total_amt)", "LIMIT 3"], not: ["COUNT("] },
      options,
    );
  });
});
