import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Event words and the columns they name: a participle and its event's noun ("activated",
 * activation_dt), a verb with its particle ("ported out"), a denied verb before its dates ("not
 * inspected since"), a value of several words that only a synonym ties to a date ("sold out",
 * on_sale_dt), numbers that only order rows (billing_order), and keys named by a shortened table
 * name (emp_no). Schemas: a theme park and a mobile operator, invented here.
 */

const PARK = catalog([
  table(
    "rides",
    [
      ["ride_id", "integer"],
      ["ride_nm", "text"],
      ["ride_status", "text"],
      ["installation_dt", "date"],
      ["last_inspected_dt", "date"],
    ],
    { primaryKey: ["ride_id"], samples: { ride_status: ["open", "closed_down"] } },
  ),
  table(
    "shows",
    [
      ["show_id", "integer"],
      ["show_nm", "text"],
      ["show_status", "text"],
      ["on_sale_dt", "date"],
      ["show_dt", "date"],
    ],
    { primaryKey: ["show_id"], samples: { show_status: ["scheduled", "sold_out"] } },
  ),
  withForeignKey(
    table(
      "performances",
      [
        ["perf_id", "integer"],
        ["show_id", "integer"],
        ["billing_order", "integer"],
        ["fee_amt", "numeric"],
      ],
      { primaryKey: ["perf_id"] },
    ),
    "show_id",
    "shows",
    "show_id",
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["total_amt", "numeric"],
      ["order_ts", "timestamp"],
    ],
    { primaryKey: ["order_id"] },
  ),
  table(
    "employees",
    [
      ["emp_no", "integer"],
      ["emp_nm", "text"],
      ["term_dt", "date"],
      ["term_reason", "text"],
    ],
    { primaryKey: ["emp_no"], samples: { term_reason: ["resigned", "dismissed"] } },
  ),
  withForeignKey(
    table(
      "payslips",
      [
        ["slip_id", "integer"],
        ["emp_no", "integer"],
        ["net_amt", "numeric"],
      ],
      { primaryKey: ["slip_id"] },
    ),
    "emp_no",
    "employees",
    "emp_no",
  ),
]);

const TELCO = catalog([
  table(
    "subscribers",
    [
      ["sub_no", "integer"],
      ["msisdn", "text"],
      ["activation_dt", "date"],
      ["deactivation_dt", "date"],
      ["sub_status", "text"],
      ["last_billed_dt", "date"],
    ],
    { primaryKey: ["sub_no"], samples: { sub_status: ["active", "ported_out", "barred"] } },
  ),
  withForeignKey(
    table(
      "topups",
      [
        ["topup_id", "integer"],
        ["sub_no", "integer"],
        ["amount", "numeric"],
        ["topup_ts", "timestamp"],
      ],
      { primaryKey: ["topup_id"] },
    ),
    "sub_no",
    "subscribers",
    "sub_no",
  ),
  table(
    "handsets",
    [
      ["handset_id", "integer"],
      ["model_nm", "text"],
      ["on_sale_dt", "date"],
      ["sort_order", "integer"],
    ],
    { primaryKey: ["handset_id"] },
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["sub_no", "integer"],
      ["total_amt", "numeric"],
      ["order_ts", "timestamp"],
    ],
    { primaryKey: ["order_id"] },
  ),
  table(
    "gigs",
    [
      ["gig_id", "integer"],
      ["gig_status", "text"],
      ["on_sale_dt", "date"],
      ["gig_dt", "date"],
    ],
    { primaryKey: ["gig_id"], samples: { gig_status: ["planned", "sold_out"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a participle names its event's noun", () => {
  it("park: 'rides installed in 2024' by installation_dt", async () => {
    await expectSql(PARK, { q: "rides installed in 2024", has: ["r.installation_dt >= DATE '2024-01-01'"] }, options);
  });

  it("operator: 'subscribers activated this year' by activation_dt", async () => {
    await expectSql(
      TELCO,
      { q: "subscribers activated this year", has: ["FROM subscribers s WHERE s.activation_dt >= DATE '2026-01-01'"] },
      options,
    );
  });
});

describe("a verb with its particle", () => {
  it("park: 'rides closed down last year' is refused: no date says when", () => {
    expectDeclined(PARK, "rides closed down last year", options, /when rides were "closed": rides\.installation_dt/);
  });

  it("operator: 'subscribers ported out last month' is refused: no date says when", () => {
    expectDeclined(
      TELCO,
      "subscribers ported out last month",
      options,
      /when subscribers were "ported": subscribers\.activation_dt/,
    );
  });
});

describe("a denied verb before its dates", () => {
  it("park: 'rides not inspected since 2025' is refused, not read as inspected since", () => {
    expectDeclined(PARK, "rides not inspected since 2025", options, /negation of "inspected since 2025"/);
  });

  it("operator: 'subscribers not billed since 2025' is refused", () => {
    expectDeclined(TELCO, "subscribers not billed since 2025", options, /negation of "billed since 2025"/);
  });
});

describe("a value of several words dates by the rows' own event", () => {
  it("park: 'sold out shows in 2026' by show_dt, not on_sale_dt", async () => {
    await expectSql(
      PARK,
      { q: "how many sold out shows in 2026", has: ["s.show_status = 'sold_out'", "s.show_dt >= DATE '2026-01-01'"] },
      options,
    );
  });

  it("operator: 'sold out gigs in 2026' by gig_dt", async () => {
    await expectSql(
      TELCO,
      { q: "how many sold out gigs in 2026", has: ["g.gig_dt >= DATE '2026-01-01'"], not: ["on_sale_dt"] },
      options,
    );
  });
});

describe("numbers that order rows are no measure", () => {
  it("park: 'total order value this year' sums the orders, not billing_order", async () => {
    await expectSql(
      PARK,
      { q: "total order value this year", has: ["SUM(o.total_amt)", "o.order_ts >= DATE '2026-01-01'"] },
      options,
    );
    await expectSql(PARK, { q: "average billing order", has: ["AVG(p.billing_order)"] }, options);
  });

  it("operator: 'total order value last month' sums the orders, not sort_order", async () => {
    await expectSql(
      TELCO,
      { q: "total order value last month", has: ["SUM(o.total_amt)", "o.order_ts >= DATE '2026-11-01'"] },
      options,
    );
  });
});

describe("a key named by a shortened table name is no role", () => {
  it("park: 'employees terminated in 2026' lists employees, no payslips join", async () => {
    await expectSql(
      PARK,
      { q: "employees terminated in 2026", has: ["SELECT e.* FROM employees e WHERE e.term_dt"], not: ["payslips"] },
      options,
    );
  });

  it("operator: 'subscribers deactivated in 2026' lists subscribers, no topups join", async () => {
    await expectSql(
      TELCO,
      {
        q: "subscribers deactivated in 2026",
        has: ["SELECT s.* FROM subscribers s WHERE s.deactivation_dt"],
        not: ["topups"],
      },
      options,
    );
  });
});
