import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * "by" with no participle before it, followed by people a value, a clause or a flag qualifies: who
 * the rows belong to (one number), not a grouping per person or per true/false. A streaming service
 * and a diner.
 */

const STREAM = catalog([
  table(
    "listeners",
    [
      ["id", "integer"],
      ["username", "text"],
      ["country", "text"],
      ["plan", "text"],
      ["birth_dt", "date"],
      ["is_verified", "boolean"],
    ],
    { primaryKey: ["id"], samples: { country: ["US", "SE"], plan: ["free", "premium"] } },
  ),
  withForeignKey(
    table(
      "plays",
      [
        ["id", "integer"],
        ["listener_id", "integer"],
        ["ms_played", "integer"],
        ["played_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
    "listener_id",
    "listeners",
    "id",
  ),
]);

const DINER = catalog([
  table(
    "guests",
    [
      ["guest_id", "integer"],
      ["name", "text"],
      ["city", "text"],
      ["loyalty_member", "boolean"],
      ["signup_dt", "date"],
    ],
    { primaryKey: ["guest_id"], samples: { city: ["Austin", "Boston"] } },
  ),
  withForeignKey(
    table(
      "tabs",
      [
        ["tab_id", "integer"],
        ["guest_id", "integer"],
        ["total_amt", "numeric"],
        ["tip_amt", "numeric"],
        ["opened_at", "timestamp"],
      ],
      { primaryKey: ["tab_id"] },
    ),
    "guest_id",
    "guests",
    "guest_id",
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("'by' + a value before a plural table noun: a filter", () => {
  it("stream: how many plays by US listeners is one count", () =>
    expectSql(
      STREAM,
      {
        q: "how many plays by US listeners",
        has: ["SELECT COUNT(*) AS play_count", "l.country = 'US'"],
        not: ["GROUP BY"],
      },
      options,
    ));
  it("diner: total tips by Austin guests is one total", () =>
    expectSql(
      DINER,
      { q: "total tips by Austin guests", has: ["SELECT SUM(t.tip_amt)", "g.city = 'Austin'"], not: ["GROUP BY"] },
      options,
    ));
  it("a grouping by a column still groups", () =>
    expectSql(STREAM, { q: "plays by country", has: ["l.country, COUNT(*)", "GROUP BY 1"] }, options));
});

describe("'by' + a plural table noun and a clause: a filter", () => {
  it("stream: plays by listeners from SE", () =>
    expectSql(
      STREAM,
      {
        q: "how many plays by listeners from SE",
        has: ["SELECT COUNT(*) AS play_count", "l.country = 'SE'"],
        not: ["GROUP BY"],
      },
      options,
    ));
  it("diner: tabs by guests who signed up in 2025", () =>
    expectSql(
      DINER,
      {
        q: "how many tabs by guests who signed up in 2025",
        has: ["SELECT COUNT(*) AS tab_count", "g.signup_dt >= DATE '2025-01-01'"],
        not: ["GROUP BY"],
      },
      options,
    ));
});

describe("'by' + a plural spelling a flag: the flagged rows", () => {
  it("diner: average tip by loyalty members filters on the flag", () =>
    expectSql(
      DINER,
      {
        q: "average tip by loyalty members",
        has: ["AVG(t.tip_amt)", "WHERE g.loyalty_member = true"],
        not: ["GROUP BY"],
      },
      options,
    ));
  it("stream: plays by verified listeners are never grouped by true/false", () => {
    // The flag before its table's noun is not yet read as a filter: declined, not a breakdown.
    const result = generateSql(STREAM, "how many plays by verified listeners", options);
    expect(result.ok ? result.sql : "declined").not.toContain("GROUP BY");
  });
  it("a singular flag word still groups by it", () =>
    expectSql(DINER, { q: "tabs by loyalty member", has: ["g.loyalty_member, COUNT(*)", "GROUP BY 1"] }, options));
});
