import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "the average cost per trip by subscription": "per" naming the rows that hold the averaged column
// is the average's unit, not a grouping. Grouped by each trip, every average was one trip's own cost
// (a wrong answer found while probing). "per rider" still groups. Invented schemas: a bike share
// and a gym.

const BIKE_SHARE = catalog([
  table(
    "riders",
    [
      ["rider_id", "integer"],
      ["name", "text"],
      ["subscription", "text"],
    ],
    { primaryKey: ["rider_id"], samples: { subscription: ["annual", "monthly"] } },
  ),
  withForeignKey(
    table(
      "trips",
      [
        ["trip_id", "integer"],
        ["rider_id", "integer"],
        ["started_at", "timestamp"],
        ["cost", "numeric"],
      ],
      { primaryKey: ["trip_id"] },
    ),
    "rider_id",
    "riders",
    "rider_id",
  ),
]);

const GYM = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["member_id"] },
  ),
  withForeignKey(
    table(
      "payments",
      [
        ["payment_id", "integer"],
        ["member_id", "integer"],
        ["amount", "numeric"],
        ["method", "text"],
      ],
      { primaryKey: ["payment_id"], samples: { method: ["card", "cash"] } },
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const AIRLINE = catalog([
  table(
    "aircraft",
    [
      ["aircraft_id", "integer"],
      ["model", "text"],
    ],
    { primaryKey: ["aircraft_id"], samples: { model: ["A320", "B737"] } },
  ),
  withForeignKey(
    table(
      "flights",
      [
        ["flight_id", "integer"],
        ["flight_no", "text"],
        ["aircraft_id", "integer"],
        ["distance_km", "integer"],
      ],
      { primaryKey: ["flight_id"] },
    ),
    "aircraft_id",
    "aircraft",
    "aircraft_id",
  ),
]);

const STAFF = catalog([
  withForeignKey(
    table(
      "employees",
      [
        ["emp_id", "integer"],
        ["name", "text"],
        ["manager_id", "integer"],
        ["salary", "numeric"],
      ],
      { primaryKey: ["emp_id"] },
    ),
    "manager_id",
    "employees",
    "emp_id",
  ),
]);

// The rows named by their key: "per timesheet entry" beside timesheets.entry_id, "per reading" beside
// meter_log.reading_id (grouped by the key, every average was one row's own value).
const TIMESHEETS = catalog([
  table(
    "employees",
    [
      ["employee_id", "integer"],
      ["department", "text"],
    ],
    { primaryKey: ["employee_id"] },
  ),
  withForeignKey(
    table(
      "timesheets",
      [
        ["entry_id", "integer"],
        ["employee_id", "integer"],
        ["hours", "numeric"],
      ],
      { primaryKey: ["entry_id"] },
    ),
    "employee_id",
    "employees",
    "employee_id",
  ),
]);

const METER_LOG = catalog([
  table(
    "meter_log",
    [
      ["reading_id", "integer"],
      ["site", "text"],
      ["kwh", "numeric"],
    ],
    { primaryKey: ["reading_id"] },
  ),
]);

// Tables named in two words, the first of which names another table: "per order line" is
// order_lines though "order" alone is orders; "per invoice item" is invoice_items.
const SHOP = catalog([
  table(
    "products",
    [
      ["id", "integer"],
      ["category", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table("orders", [["id", "integer"]], { primaryKey: ["id"] }),
  withForeignKey(
    withForeignKey(
      table(
        "order_lines",
        [
          ["id", "integer"],
          ["order_id", "integer"],
          ["product_id", "integer"],
          ["quantity", "integer"],
        ],
        { primaryKey: ["id"] },
      ),
      "order_id",
      "orders",
      "id",
    ),
    "product_id",
    "products",
    "id",
  ),
]);

const BILLING = catalog([
  table(
    "invoices",
    [
      ["invoice_id", "integer"],
      ["region", "text"],
    ],
    { primaryKey: ["invoice_id"] },
  ),
  withForeignKey(
    table(
      "invoice_items",
      [
        ["item_id", "integer"],
        ["invoice_id", "integer"],
        ["amount", "numeric"],
      ],
      { primaryKey: ["item_id"] },
    ),
    "invoice_id",
    "invoices",
    "invoice_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("'per' the averaged rows themselves is the average's unit", () => {
  it("bike share", async () => {
    await expectSql(
      BIKE_SHARE,
      {
        q: "average cost per trip by subscription",
        has: ["AVG(t.cost)", "GROUP BY 1", "r.subscription"],
        not: ["trip_id"],
      },
      options,
    );
    await expectSql(
      BIKE_SHARE,
      { q: "What is the average cost per trip?", has: ["AVG(t.cost)"], not: ["GROUP BY"] },
      options,
    );
    await expectSql(BIKE_SHARE, { q: "average cost per rider", has: ["AVG(t.cost)", "GROUP BY"] }, options);
  });

  it("gym", async () => {
    await expectSql(
      GYM,
      { q: "average amount per payment by method", has: ["AVG(p.amount)", "p.method"], not: ["payment_id"] },
      options,
    );
    await expectSql(GYM, { q: "average payment per member", has: ["AVG(p.amount)", "m.member_id"] }, options);
  });

  it("airline: 'per flight' read as the flights' label, and 'per manager' a role", async () => {
    await expectSql(
      AIRLINE,
      {
        q: "average distance per flight by aircraft model",
        has: ["AVG(f.distance_km)", "a.model"],
        not: ["flight_no"],
      },
      options,
    );
    await expectSql(
      STAFF,
      { q: "average salary per manager", has: [], not: ["AVG(e.salary)::numeric, 2) AS avg_salary FROM employees e"] },
      options,
    ).catch((e: Error) => expect(e.message).toMatch(/was not answered/));
  });

  it("rows named by their key: timesheets and a meter log", async () => {
    await expectSql(
      TIMESHEETS,
      {
        q: "average hours per timesheet entry by department",
        has: ["AVG(t.hours)", "e.department", "GROUP BY 1"],
        not: ["entry_id"],
      },
      options,
    );
    await expectSql(
      METER_LOG,
      {
        q: "average kwh per meter log reading by site",
        has: ["AVG(ml.kwh)", "ml.site", "GROUP BY 1"],
        not: ["reading_id"],
      },
      options,
    );
  });

  it("rows named by a two-word table name: order lines and invoice items", async () => {
    await expectSql(
      SHOP,
      {
        q: "What is the average quantity per order line for each product category?",
        has: ["AVG(ol.quantity)", "p.category", "GROUP BY 1 "],
        not: ["ol.id"],
      },
      options,
    );
    await expectSql(
      BILLING,
      {
        q: "average amount per invoice item by region",
        has: ["AVG(ii.amount)", "i.region", "GROUP BY 1 "],
        not: ["item_id"],
      },
      options,
    );
  });
});
