import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Words that are the schema's own before they are values: a table's noun that stems like a status
 * ("bookings", 'booked'), an event verb that stems like another table's status ("opened", 'open'),
 * a value word that also names another table's date, and a status verb dated by rows that point at
 * the rows asked about. Schemas: a fitness studio and a help desk, and two small ones (support cases,
 * customer emails), invented here.
 */

const STUDIO = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["member_nm", "text"],
      ["renewal_dt", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
  table(
    "classes",
    [
      ["class_id", "integer"],
      ["class_nm", "text"],
      ["class_status", "text"],
      ["start_ts", "timestamp"],
    ],
    { primaryKey: ["class_id"], samples: { class_status: ["scheduled", "cancelled"], class_nm: ["Spin", "Yoga"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "class_bookings",
        [
          ["booking_id", "integer"],
          ["class_id", "integer"],
          ["member_id", "integer"],
          ["bkg_status", "text"],
          ["source", "text"],
          ["booked_ts", "timestamp"],
          ["cancelled_ts", "timestamp"],
        ],
        {
          primaryKey: ["booking_id"],
          samples: { bkg_status: ["booked", "attended", "cancelled"], source: ["renewal", "walk-in"] },
        },
      ),
      "class_id",
      "classes",
      "class_id",
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const HELPDESK = catalog([
  table(
    "customers",
    [
      ["cust_id", "integer"],
      ["cust_nm", "text"],
    ],
    { primaryKey: ["cust_id"] },
  ),
  withForeignKey(
    table(
      "invoices",
      [
        ["inv_id", "integer"],
        ["cust_id", "integer"],
        ["inv_status", "text"],
        ["inv_dt", "date"],
      ],
      { primaryKey: ["inv_id"], samples: { inv_status: ["open", "paid"] } },
    ),
    "cust_id",
    "customers",
    "cust_id",
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["tkt_id", "integer"],
        ["cust_id", "integer"],
        ["category", "text"],
        ["tkt_status", "text"],
        ["opened_ts", "timestamp"],
      ],
      {
        primaryKey: ["tkt_id"],
        samples: { category: ["billing", "outage"], tkt_status: ["new", "replied", "closed"] },
      },
    ),
    "cust_id",
    "customers",
    "cust_id",
  ),
  withForeignKey(
    table(
      "ticket_replies",
      [
        ["reply_id", "integer"],
        ["tkt_id", "integer"],
        ["sent_ts", "timestamp"],
        ["reply_status", "text"],
        ["closed_ts", "timestamp"],
      ],
      { primaryKey: ["reply_id"], samples: { reply_status: ["sent", "closed"] } },
    ),
    "tkt_id",
    "tickets",
    "tkt_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a table's noun is not a status it stems like", () => {
  it("studio: 'bookings per class' counts every booking, not those 'booked'", async () => {
    await expectSql(
      STUDIO,
      { q: "number of bookings per class", has: ["COUNT(*) AS booking_count", "GROUP BY 1, 2"], not: ["bkg_status"] },
      options,
    );
  });

  it("help desk: 'replies per ticket' counts every reply, not tickets 'replied'", async () => {
    await expectSql(
      HELPDESK,
      { q: "number of replies per ticket", has: ["FROM ticket_replies tr", "GROUP BY 1"], not: ["tkt_status"] },
      options,
    );
  });
});

describe("an event verb is not another table's status", () => {
  it("help desk: 'tickets opened per month' is dated by opened_ts, no invoice 'open'", async () => {
    await expectSql(
      HELPDESK,
      {
        q: "tickets opened per month this year",
        has: ["date_trunc('month', t.opened_ts)", "FROM tickets t WHERE t.opened_ts >= DATE '2026-01-01'"],
        not: ["invoices"],
      },
      options,
    );
  });

  it("studio: 'bookings cancelled per month' is dated by cancelled_ts, no class 'cancelled'", async () => {
    await expectSql(
      STUDIO,
      {
        q: "bookings cancelled per month this year",
        has: ["date_trunc('month', cb.cancelled_ts)", "cb.cancelled_ts >= DATE '2026-01-01'"],
        not: ["class_status"],
      },
      options,
    );
  });
});

describe("a value word does not date another table", () => {
  // The rows' noun names their table only in part (support_cases, customer_emails), so no table is
  // named right before the dates; the value word then named a related table's date by a synonym.
  const CASES = catalog([
    table(
      "accounts",
      [
        ["acct_id", "integer"],
        ["acct_nm", "text"],
      ],
      { primaryKey: ["acct_id"] },
    ),
    withForeignKey(
      table(
        "invoices",
        [
          ["inv_id", "integer"],
          ["acct_id", "integer"],
          ["inv_status", "text"],
          ["inv_dt", "date"],
        ],
        { primaryKey: ["inv_id"], samples: { inv_status: ["open", "paid"] } },
      ),
      "acct_id",
      "accounts",
      "acct_id",
    ),
    withForeignKey(
      table(
        "support_cases",
        [
          ["case_id", "integer"],
          ["acct_id", "integer"],
          ["category", "text"],
          ["opened_ts", "timestamp"],
        ],
        { primaryKey: ["case_id"], samples: { category: ["billing", "outage"] } },
      ),
      "acct_id",
      "accounts",
      "acct_id",
    ),
  ]);
  const MAIL = catalog([
    table(
      "customers",
      [
        ["cust_id", "integer"],
        ["cust_nm", "text"],
      ],
      { primaryKey: ["cust_id"] },
    ),
    withForeignKey(
      table(
        "orders",
        [
          ["order_id", "integer"],
          ["cust_id", "integer"],
          ["order_dt", "date"],
        ],
        { primaryKey: ["order_id"] },
      ),
      "cust_id",
      "customers",
      "cust_id",
    ),
    withForeignKey(
      table(
        "customer_emails",
        [
          ["email_id", "integer"],
          ["cust_id", "integer"],
          ["topic", "text"],
          ["sent_ts", "timestamp"],
        ],
        { primaryKey: ["email_id"], samples: { topic: ["purchase", "shipping"] } },
      ),
      "cust_id",
      "customers",
      "cust_id",
    ),
  ]);

  it("cases: 'billing cases this month' dates the cases, not invoices through 'bill'", async () => {
    await expectSql(
      CASES,
      {
        q: "billing cases this month",
        has: ["sc.category = 'billing'", "sc.opened_ts >= DATE '2026-12-01'"],
        not: ["inv_dt"],
      },
      options,
    );
  });

  it("cases: 'cases opened per month' is dated by opened_ts, no invoice 'open'", async () => {
    await expectSql(
      CASES,
      {
        q: "cases opened per month this year",
        has: ["date_trunc('month', sc.opened_ts)", "sc.opened_ts >= DATE '2026-01-01'"],
        not: ["inv_status"],
      },
      options,
    );
  });

  it("mail: 'purchase emails last month' dates the emails, not orders through 'purchase'", async () => {
    await expectSql(
      MAIL,
      {
        q: "how many purchase emails last month",
        has: ["ce.topic = 'purchase'", "ce.sent_ts >= DATE '2026-11-01'"],
        not: ["order_dt"],
      },
      options,
    );
  });
});

describe("a status verb dated by rows that point at the rows", () => {
  it("studio: 'classes cancelled this year' is refused: cancelled_ts is a booking's", () => {
    expectDeclined(
      STUDIO,
      "how many classes were cancelled this year",
      options,
      /classes\.class_status = 'cancelled'\): class_bookings\.cancelled_ts is when class_bookings were/,
    );
  });

  it("help desk: 'tickets closed last month' is refused: closed_ts is a reply's", () => {
    expectDeclined(
      HELPDESK,
      "tickets closed last month",
      options,
      /tickets\.tkt_status = 'closed'\): ticket_replies\.closed_ts/,
    );
  });
});
