import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "unique members per month this year" counted members by the month they registered (round 10,
 * found blind). "Unique" says each is counted once where they could repeat, through their events;
 * by a date of their own, nothing repeats and the word is not read: refused. Through their visits
 * the count is distinct. Schemas: a library and a gym, invented here.
 */

const LIBRARY = catalog([
  table(
    "patrons",
    [
      ["patron_id", "integer"],
      ["card_no", "text"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["patron_id"] },
  ),
]);

const GYM = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["member_nm", "text"],
      ["signup_dt", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
  withForeignKey(
    table(
      "visits",
      [
        ["visit_id", "integer"],
        ["member_id", "integer"],
        ["visit_ts", "timestamp"],
      ],
      { primaryKey: ["visit_id"] },
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const options = { currentDate: "2026-12-07" };
const UNREAD = /did not understand "(unique|distinct)"/;

describe("'unique' rows counted by a date of their own are refused", () => {
  it("library", async () => {
    expectDeclined(LIBRARY, "unique patrons per month this year", options, UNREAD);
    await expectSql(LIBRARY, { q: "patrons who joined this year", has: ["p.joined_dt >= DATE '2026-01-01'"] }, options);
  });

  it("gym", async () => {
    expectDeclined(GYM, "distinct members per month in 2026", options, UNREAD);
    await expectSql(GYM, { q: "how many unique members", has: ["COUNT(*)"] }, options);
  });
});
