import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/** Two words of a period that say which days it means: a birthday, and "for" after a making verb. */

/**
 * "people with birthdays this month" (round 10, found blind) and "members with a birthday in
 * December" (round 7) filtered the birth date to this December, finding only people born this month.
 * A birthday comes back every year; a period of it is refused. "born in 1990" is a range of birth
 * dates and still answered. Schemas: a dance school and a loyalty club, invented here.
 */

const DANCE = catalog([
  table(
    "dancers",
    [
      ["dancer_id", "integer"],
      ["dancer_nm", "text"],
      ["dob", "date"],
      ["level_cd", "text"],
    ],
    { primaryKey: ["dancer_id"], samples: { level_cd: ["BEGIN", "ADV"] } },
  ),
]);

const CLUB = catalog([
  table(
    "club_members",
    [
      ["member_id", "integer"],
      ["email", "text"],
      ["birth_dt", "date"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };
const YEARLY = /its return every year is not supported/;

describe("a birthday in a period is refused, a birth date in a range is not", () => {
  it("dance school", async () => {
    expectDeclined(DANCE, "dancers with birthdays this month", options, YEARLY);
    await expectSql(DANCE, { q: "dancers born in 2015", has: ["d.dob >= DATE '2015-01-01'"] }, options);
  });

  it("loyalty club", async () => {
    expectDeclined(CLUB, "members whose birthday is in January", options, YEARLY);
    await expectSql(CLUB, { q: "members who joined this month", has: ["cm.joined_dt >= DATE '2026-12-01'"] }, options);
  });
});

/**
 * "How many sessions are booked for next week?" dated the sessions by booked_dt (round 10, found
 * blind): the verb before a "for" period says the rows are made, and the period is what they are
 * made for. It names no making date; "booked last week" still does. Schemas: a spa and a home-visit
 * service, invented here.
 */
const SPA = catalog([
  table(
    "massages",
    [
      ["massage_id", "integer"],
      ["booked_ts", "timestamp"],
      ["massage_dt", "date"],
      ["price_amt", "numeric"],
    ],
    { primaryKey: ["massage_id"] },
  ),
]);

const HOME_VISITS = catalog([
  table(
    "visits",
    [
      ["visit_id", "integer"],
      ["requested_ts", "timestamp"],
      ["visit_dt", "date"],
      ["client_nm", "text"],
    ],
    { primaryKey: ["visit_id"] },
  ),
]);

describe("rows made for a period are dated by what they are for", () => {
  it("spa: massages booked for next week", async () => {
    await expectSql(SPA, { q: "massages booked for next week", has: ["m.massage_dt >= DATE '2026-12-14'"] }, options);
    await expectSql(SPA, { q: "massages booked last week", has: ["m.booked_ts >= DATE '2026-11-30'"] }, options);
  });

  it("home visits: visits requested for next week", async () => {
    await expectSql(
      HOME_VISITS,
      { q: "how many visits were requested for next week", has: ["v.visit_dt >= DATE '2026-12-14'"] },
      options,
    );
    await expectSql(
      HOME_VISITS,
      { q: "visits requested yesterday", has: ["v.requested_ts >= DATE '2026-12-06'"] },
      options,
    );
  });
});
