import { describe, expect, it } from "vitest";
import { catalog, ownerAndRows, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

/**
 * Which date a period dates when the rows asked about are events of their own: "trips per month" is
 * the trips' time, not riders.last_trip_at that mentions trips; "customers who ordered more than 5
 * times last month" dates the orders the verb names, not the customers' sign-up; "top earning driver
 * last month" ranks earnings within the month, not drivers who signed up in it; "trips paid in cash"
 * reads "paid" with the value's column, never a payout's paid date. A ride service, a shop, a gym,
 * a courier and a salon.
 */

/** People with a sign-up date and a date of their latest event, and their events. */
function peopleAndEvents(people: string, latest: string, events: string, eventDate: string, extra: [string, string][]) {
  return catalog(
    ownerAndRows(
      {
        name: people,
        columns: [
          ["full_name", "text"],
          ["signup_dt", "date"],
          [latest, "timestamp"],
        ],
      },
      { name: events, columns: [[eventDate, "timestamp"], ...extra], samples: { pay_method: ["cash", "card"] } },
    ),
  );
}

const RIDES = peopleAndEvents("riders", "last_trip_at", "trips", "requested_at", [
  ["fare_amt", "numeric"],
  ["pay_method", "text"],
]);
const SHOP = peopleAndEvents("customers", "last_order_at", "orders", "placed_at", [["total_amt", "numeric"]]);
const GYM = peopleAndEvents("members", "last_visit_at", "visits", "entered_at", [["minutes", "integer"]]);

/** Workers ranked by what their jobs earn, and payouts to them with a paid date. */
function workersJobsPayouts(workers: string, jobs: string) {
  const key = `${workers.replace(/s$/, "")}_id`;
  return catalog([
    ...ownerAndRows(
      {
        name: workers,
        columns: [
          ["full_name", "text"],
          ["signup_dt", "date"],
        ],
      },
      {
        name: jobs,
        columns: [
          ["done_at", "timestamp"],
          ["earning_amt", "numeric"],
          ["pay_method", "text"],
        ],
        samples: { pay_method: ["cash", "card"] },
      },
    ),
    withForeignKey(
      table(
        "payouts",
        [
          ["payout_id", "integer"],
          [key, "integer"],
          ["paid_dt", "date"],
          ["net_amt", "numeric"],
        ],
        { primaryKey: ["payout_id"] },
      ),
      key,
      workers,
      key,
    ),
  ]);
}

const COURIER = workersJobsPayouts("couriers", "deliveries");
const SALON = workersJobsPayouts("stylists", "appointments");

const options = { currentDate: "2026-12-07" };

describe("the rows' own noun names them, not another table's date that mentions them", () => {
  it("rides: trips per month are bucketed by the trips' time", () =>
    expectSql(
      RIDES,
      { q: "trips per month in 2026", has: ["date_trunc('month', t.requested_at)"], not: ["last_trip_at"] },
      options,
    ));
  it("shop: orders per month are bucketed by the orders' time", () =>
    expectSql(
      SHOP,
      { q: "orders per month in 2025", has: ["date_trunc('month', o.placed_at)"], not: ["last_order_at"] },
      options,
    ));
});

describe("a verb naming a table of its events dates those events", () => {
  it("shop: customers who ordered more than 5 times last month", () =>
    expectSql(
      SHOP,
      {
        q: "customers who ordered more than 5 times last month",
        has: ["o.placed_at >= DATE '2026-11-01'", "> 5"],
        not: ["signup_dt"],
      },
      options,
    ));
  it("gym: members who visited more than 3 times last month", () =>
    expectSql(
      GYM,
      {
        q: "members who visited more than 3 times last month",
        has: ["v.entered_at >= DATE '2026-11-01'", "> 3"],
        not: ["signup_dt"],
      },
      options,
    ));
});

describe("one entity ranked within a period is ranked by what happened in it", () => {
  it("courier and salon: the top earner last month", async () => {
    await expectSql(
      COURIER,
      { q: "top earning courier last month", has: ["d.done_at >= DATE '2026-11-01'", "LIMIT 1"], not: ["signup_dt"] },
      options,
    );
    await expectSql(
      SALON,
      { q: "top earning stylist last month", has: ["a.done_at >= DATE '2026-11-01'", "LIMIT 1"], not: ["signup_dt"] },
      options,
    );
  });
});

describe("a word naming the column of a value is not a date elsewhere", () => {
  it("courier and salon: 'paid in cash' is never dated by a payout", () => {
    for (const [cat, q] of [
      [COURIER, "deliveries paid in cash yesterday"],
      [SALON, "appointments paid in cash yesterday"],
    ] as const)
      expect(sqlOrReason(cat, q, options), q).not.toMatch(/p\.paid_dt >=/);
  });
});
