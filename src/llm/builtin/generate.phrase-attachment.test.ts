import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// Where a phrase attaches, four wrong answers found while probing: "courses taught by science
// teachers" counted courses per teacher (a qualified plural after "by" is who acted, not a grouping);
// "rides on Volt bikes last month" dated the bikes' purchase (a noun after a preposition says which
// rows, not which are dated); "how many monthly riders" grouped by sign-up month while plan holds
// 'monthly' (refused, naming both readings); "riders born before 1990" filtered the sign-up date
// beside birth_year (a year column the words before the dates name is what they date). Invented
// schemas: a school, a helpdesk, a bike share and a gym.

const SCHOOL = catalog([
  table(
    "teachers",
    [
      ["teacher_id", "integer"],
      ["name", "text"],
      ["subject", "text"],
    ],
    { primaryKey: ["teacher_id"], samples: { subject: ["math", "science"] } },
  ),
  withForeignKey(
    table(
      "courses",
      [
        ["course_id", "integer"],
        ["title", "text"],
        ["teacher_id", "integer"],
      ],
      { primaryKey: ["course_id"] },
    ),
    "teacher_id",
    "teachers",
    "teacher_id",
  ),
]);

const HELPDESK = catalog([
  table(
    "customers",
    [
      ["cust_id", "integer"],
      ["name", "text"],
      ["tier", "text"],
    ],
    { primaryKey: ["cust_id"], samples: { tier: ["free", "pro", "enterprise"] } },
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["ticket_id", "integer"],
        ["cust_id", "integer"],
        ["opened_ts", "timestamp"],
      ],
      { primaryKey: ["ticket_id"] },
    ),
    "cust_id",
    "customers",
    "cust_id",
  ),
]);

const BIKES = catalog([
  table(
    "bikes",
    [
      ["bike_id", "integer"],
      ["model", "text"],
      ["purchased_on", "date"],
    ],
    { primaryKey: ["bike_id"], samples: { model: ["Volt", "Cargo"] } },
  ),
  table(
    "riders",
    [
      ["rider_id", "integer"],
      ["email", "text"],
      ["plan", "text"],
      ["signup_dt", "date"],
      ["birth_year", "integer"],
    ],
    { primaryKey: ["rider_id"], samples: { plan: ["annual", "monthly"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "rides",
        [
          ["ride_id", "integer"],
          ["bike_id", "integer"],
          ["rider_id", "integer"],
          ["started_at", "timestamp"],
        ],
        { primaryKey: ["ride_id"] },
      ),
      "bike_id",
      "bikes",
      "bike_id",
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
      ["membership", "text"],
      ["joined_on", "date"],
      ["birth_year", "integer"],
    ],
    { primaryKey: ["member_id"], samples: { membership: ["weekly", "annual"] } },
  ),
  table(
    "machines",
    [
      ["machine_id", "integer"],
      ["kind", "text"],
      ["installed_on", "date"],
    ],
    { primaryKey: ["machine_id"], samples: { kind: ["treadmill", "rower"] } },
  ),
  withForeignKey(
    table(
      "repairs",
      [
        ["repair_id", "integer"],
        ["machine_id", "integer"],
        ["reported_on", "date"],
      ],
      { primaryKey: ["repair_id"] },
    ),
    "machine_id",
    "machines",
    "machine_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a qualified plural after a participle and 'by' is who acted", () => {
  it("school", async () => {
    await expectSql(
      SCHOOL,
      { q: "list courses taught by science teachers", has: ["SELECT c.*", "t.subject = 'science'"], not: ["GROUP BY"] },
      options,
    );
  });
  it("helpdesk", async () => {
    await expectSql(
      HELPDESK,
      {
        q: "how many tickets were opened in 2025 by pro customers",
        has: ["SELECT COUNT(*) AS ticket_count", "c.tier = 'pro'", "t.opened_ts >= DATE '2025-01-01'"],
        not: ["GROUP BY"],
      },
      options,
    );
  });
});

describe("a noun after a preposition is not the dated table", () => {
  it("bike share", async () => {
    await expectSql(
      BIKES,
      {
        q: "rides on Volt bikes last month",
        has: ["b.model = 'Volt'", "r.started_at >= DATE '2026-11-01'"],
        not: ["purchased_on"],
      },
      options,
    );
  });
  it("gym", async () => {
    await expectSql(
      GYM,
      {
        q: "repairs of treadmill machines last month",
        has: ["m.kind = 'treadmill'", "r.reported_on >= DATE '2026-11-01'"],
        not: ["installed_on"],
      },
      options,
    );
  });
});

describe("a period word that is also a value is refused; a named year column is dated", () => {
  it("bike share", async () => {
    expect(sqlOrReason(BIKES, "how many monthly riders are there", options)).toMatch(
      /"monthly": it may mean riders.plan = 'monthly', or a grouping per month/,
    );
    await expectSql(BIKES, { q: "riders born before 1990", has: ["r.birth_year < 1990"], not: ["signup_dt"] }, options);
    await expectSql(BIKES, { q: "riders who signed up in 2025", has: ["r.signup_dt >= DATE '2025-01-01'"] }, options);
  });
  it("gym", async () => {
    expect(sqlOrReason(GYM, "average birth year of annual members", options)).toMatch(/membership = 'annual'/);
    await expectSql(
      GYM,
      { q: "how many members were born in 1985", has: ["m.birth_year = 1985"], not: ["joined_on"] },
      options,
    );
  });
});
