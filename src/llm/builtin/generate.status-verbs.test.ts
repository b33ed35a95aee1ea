import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * A verb right before a date range that is also a status value ("resigned", "expired", "shipped"):
 * the range dates the event the verb names. When no date is that event's, the nearest one dates
 * another (the hire, the placing of a hold), and the question is refused; when the verb names a date
 * (shipped_dt, or grad_dt it shortens), that date says the event happened, and the status, which moves
 * on, is not also required. The rows' own date (order_dt, appt_ts) dates the rows the status then
 * qualifies. A staff register, a library, a school, a shop, a bank and a clinic.
 */

function rows(name: string, columns: [string, string][], samples: Record<string, string[]>) {
  return catalog([table(name, [["id", "integer"], ...columns], { primaryKey: ["id"], samples })]);
}

const STAFF = rows(
  "employees",
  [
    ["full_name", "text"],
    ["hire_dt", "date"],
    ["leaving_reason", "text"],
  ],
  { leaving_reason: ["resigned", "retired", "dismissed"] },
);
const LIBRARY = rows(
  "holds",
  [
    ["placed_ts", "timestamp"],
    ["filled_ts", "timestamp"],
    ["hold_status", "text"],
  ],
  { hold_status: ["waiting", "collected", "expired"] },
);
const SCHOOL = rows(
  "students",
  [
    ["full_name", "text"],
    ["enrol_dt", "date"],
    ["grad_dt", "date"],
    ["status", "text"],
  ],
  { status: ["active", "graduated", "withdrawn"] },
);
const SHOP = rows(
  "orders",
  [
    ["order_dt", "date"],
    ["shipped_dt", "date"],
    ["status", "text"],
  ],
  { status: ["pending", "shipped", "delivered", "returned"] },
);
const CLINIC = rows(
  "appointments",
  [
    ["booked_ts", "timestamp"],
    ["appt_ts", "timestamp"],
    ["status", "text"],
  ],
  { status: ["booked", "attended", "cancelled"] },
);
const BANK = rows(
  "accounts",
  [
    ["opened_dt", "date"],
    ["cls_dt", "date"],
    ["acct_status", "text"],
  ],
  { acct_status: ["active", "closed"] },
);

const options = { currentDate: "2026-12-07" };

describe("a status verb with no date of its own is refused, not dated by another event", () => {
  it("staff: employees who resigned this year (only the hire is dated)", () => {
    expectDeclined(STAFF, "employees who resigned this year", options, /hire_dt is another event/);
    expectDeclined(STAFF, "how many employees retired in 2025", options, /"retired"/);
  });
  it("library: holds that expired or were collected (only the placing is dated)", () => {
    expectDeclined(LIBRARY, "holds that expired this month", options, /"expired"/);
    expectDeclined(LIBRARY, "how many holds were collected in November", options, /"collected"/);
  });
  it("the status alone, without a range, is still a filter (staff, library)", async () => {
    await expectSql(STAFF, { q: "employees who resigned", has: ["e.leaving_reason = 'resigned'"] }, options);
    await expectSql(LIBRARY, { q: "how many expired holds", has: ["h.hold_status = 'expired'"] }, options);
  });
});

describe("a status verb naming a date is dated by it, and its status is not also required", () => {
  it("shop: orders shipped last month, delivered since", () =>
    expectSql(
      SHOP,
      { q: "orders shipped last month", has: ["o.shipped_dt >= DATE '2026-11-01'"], not: ["o.status", "order_dt"] },
      options,
    ));
  it("school and bank: a participle the date's name shortens (grad_dt, cls_dt)", async () => {
    await expectSql(
      SCHOOL,
      { q: "students who graduated last year", has: ["s.grad_dt >= DATE '2025-01-01'"], not: ["enrol_dt", "s.status"] },
      options,
    );
    await expectSql(
      BANK,
      { q: "how many accounts closed in 2025", has: ["a.cls_dt >= DATE '2025-01-01'"], not: ["opened_dt"] },
      options,
    );
  });
});

describe("the rows' own date stays with a status verb that names no date", () => {
  it("shop: orders returned in 2025 are orders of 2025 now returned", () =>
    expectSql(
      SHOP,
      { q: "how many orders were returned in 2025", has: ["o.status = 'returned'", "o.order_dt >= DATE '2025-01-01'"] },
      options,
    ));
  it("clinic: appointments cancelled last month, by the appointment's time", () =>
    expectSql(
      CLINIC,
      {
        q: "appointments cancelled last month",
        has: ["a.status = 'cancelled'", "a.appt_ts >= DATE '2026-11-01'"],
        not: ["booked_ts"],
      },
      options,
    ));
});
