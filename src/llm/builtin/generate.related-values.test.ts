import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Values of related rows, and what a list shows: an air carrier (crew, flights, seats sold) and a
 * restaurant group (kitchens, staff, guests, orders).
 */

const CARRIER = catalog([
  table(
    "crew",
    [
      ["id", "integer"],
      ["full_name", "text"],
      ["role", "text"],
      ["hire_dt", "date"],
    ],
    { primaryKey: ["id"], samples: { role: ["pilot", "attendant"] } },
  ),
  table(
    "flights",
    [
      ["id", "integer"],
      ["flight_no", "text"],
      ["distance_km", "integer"],
      ["operator", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "flyers",
    [
      ["id", "integer"],
      ["name", "text"],
      ["country", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "seats",
        [
          ["id", "integer"],
          ["flight_id", "integer"],
          ["flyer_id", "integer"],
          ["cabin", "text"],
          ["fare", "numeric"],
        ],
        { primaryKey: ["id"], samples: { cabin: ["business", "economy"] } },
      ),
      "flight_id",
      "flights",
      "id",
    ),
    "flyer_id",
    "flyers",
    "id",
  ),
]);

const GROUP = catalog([
  table(
    "kitchens",
    [
      ["id", "integer"],
      ["name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "staff",
      [
        ["id", "integer"],
        ["kitchen_id", "integer"],
        ["name", "text"],
        ["position", "text"],
        ["hired_dt", "date"],
      ],
      { primaryKey: ["id"], samples: { position: ["chef", "server"] } },
    ),
    "kitchen_id",
    "kitchens",
    "id",
  ),
  table(
    "guests",
    [
      ["id", "integer"],
      ["name", "text"],
      ["loyalty_member", "boolean"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "orders",
      [
        ["order_id", "integer"],
        ["guest_id", "integer"],
        ["order_type", "text"],
        ["total_amt", "numeric"],
        ["ordered_at", "timestamp"],
      ],
      { primaryKey: ["order_id"], samples: { order_type: ["takeout", "dine-in"] } },
    ),
    "guest_id",
    "guests",
    "id",
  ),
  withForeignKey(
    table(
      "menus",
      [
        ["id", "integer"],
        ["kitchen_id", "integer"],
        ["title", "text"],
        ["created_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
    "kitchen_id",
    "kitchens",
    "id",
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a list shows rows, not the date its verb names nor true/false", () => {
  it("carrier: pilots hired since 2024 are crew rows", () =>
    expectSql(
      CARRIER,
      { q: "pilots hired since 2024", has: ["SELECT c.* FROM crew c", "c.role = 'pilot'", "c.hire_dt >="] },
      options,
    ));
  it("group: servers hired since 2024 are staff rows; menus created last month are menus", async () => {
    await expectSql(
      GROUP,
      { q: "servers hired since 2024", has: ["SELECT s.* FROM staff s", "s.position = 'server'"] },
      options,
    );
    await expectSql(
      GROUP,
      { q: "menus created last month", has: ["SELECT m.* FROM menus m"], not: ["DISTINCT m.created_at"] },
      options,
    );
  });
  it("group: 'loyalty members' lists the guests flagged so, not true and false", () =>
    expectSql(
      GROUP,
      {
        q: "list loyalty members",
        has: ["FROM guests g WHERE g.loyalty_member = true"],
        not: ["g.loyalty_member FROM"],
      },
      options,
    ));
});

describe("'per <table> <column>' groups by the column", () => {
  it("group: average order total per order type", () =>
    expectSql(
      GROUP,
      { q: "average order total per order type", has: ["o.order_type, ROUND(AVG(o.total_amt)", "GROUP BY 1"] },
      options,
    ));
  it("carrier: average fare per seat cabin", () =>
    expectSql(
      CARRIER,
      { q: "average fare per seat cabin", has: ["s.cabin, ROUND(AVG(s.fare)", "GROUP BY 1"] },
      options,
    ));
});

describe("a value denied or required of every related row is refused, not read as some row", () => {
  it("group: kitchens with no chefs", () =>
    expectDeclined(GROUP, "how many kitchens have no chefs", options, /may mean no staff row has that position/));
  it("carrier: flights without economy", () =>
    expectDeclined(CARRIER, "flights without economy", options, /may mean no seats row has that cabin/));
  it("the noun of the related rows makes it a plain anti-join", () =>
    expectSql(
      CARRIER,
      {
        q: "how many flights have no business seats",
        has: ["NOT EXISTS (SELECT 1 FROM seats s WHERE s.flight_id = f.id AND s.cabin = 'business')"],
      },
      options,
    ));
  it("group: guests who only order takeout; carrier: flyers whose seats were all business", () => {
    expectDeclined(GROUP, "guests who only order takeout", options, /did not understand "only"/);
    expectDeclined(CARRIER, "flyers whose seats were all business", options, /did not understand "all"/);
  });
  it("'show only' narrows the request and is no such claim", () =>
    expectSql(
      GROUP,
      { q: "show only guests who ordered takeout", has: ["JOIN orders o", "o.order_type = 'takeout'"] },
      options,
    ));
});

describe("the column naming each row ranks the rows themselves", () => {
  it("carrier: the longest flight is one flight row, not a sum per number", () =>
    expectSql(
      CARRIER,
      { q: "the longest flight by distance", has: ["f.distance_km", "LIMIT 1"], not: ["SUM(", "GROUP BY"] },
      options,
    ));
  it("group: the 3 biggest orders are order rows", () =>
    expectSql(
      GROUP,
      { q: "the 3 biggest orders", has: ["o.total_amt", "LIMIT 3"], not: ["SUM(", "GROUP BY"] },
      options,
    ));
});

const GYM = catalog([
  table(
    "members",
    [
      ["id", "integer"],
      ["name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "classes",
    [
      ["id", "integer"],
      ["title", "text"],
      ["level", "text"],
    ],
    { primaryKey: ["id"], samples: { level: ["beginner", "advanced"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "visits",
        [
          ["id", "integer"],
          ["member_id", "integer"],
          ["class_id", "integer"],
          ["visited_at", "timestamp"],
        ],
        { primaryKey: ["id"] },
      ),
      "member_id",
      "members",
      "id",
    ),
    "class_id",
    "classes",
    "id",
  ),
]);

const TUNES = catalog([
  table(
    "listeners",
    [
      ["id", "integer"],
      ["username", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "tracks",
    [
      ["id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "plays",
        [
          ["id", "integer"],
          ["listener_id", "integer"],
          ["track_id", "integer"],
          ["played_at", "timestamp"],
        ],
        { primaryKey: ["id"] },
      ),
      "listener_id",
      "listeners",
      "id",
    ),
    "track_id",
    "tracks",
    "id",
  ),
]);

describe("a NOT EXISTS beside an EXISTS of the same rows (always empty) is refused", () => {
  it("gym: members who never visited a class", () =>
    expectDeclined(
      GYM,
      "how many members have never visited a class",
      options,
      /would need visits rows that it also excludes/,
    ));
  it("tunes: listeners who never played a track", () =>
    expectDeclined(
      TUNES,
      "how many listeners have never played a track",
      options,
      /would need plays rows that it also excludes/,
    ));
  it("a NOT EXISTS of some of the required rows stands: members with visits but no advanced ones", () =>
    expectSql(
      GYM,
      {
        q: "how many members have visits but never an advanced class",
        has: [
          "NOT EXISTS (SELECT 1 FROM visits v JOIN classes c",
          "c.level = 'advanced'",
          "AND EXISTS (SELECT 1 FROM visits v",
        ],
      },
      options,
    ));
});
