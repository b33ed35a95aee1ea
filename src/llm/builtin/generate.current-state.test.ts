import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "current employees hired before 2020", "average hourly rate by role for current staff" listed and
 * averaged everyone ever employed (round 10, found blind, three schemas): "current" was a filler.
 * It says the rows are in some state now, which only a filter on a state reads (a value of a status
 * or a stage, a flag, an end date not set); with none, the word is left unexplained and the question
 * refused ("the dogs we currently have" filtered the species alone). Schemas: a
 * salon and a marina, invented here.
 */

const SALON = catalog([
  table(
    "stylists",
    [
      ["stylist_id", "integer"],
      ["stylist_nm", "text"],
      ["hire_dt", "date"],
      ["left_dt", "date"],
      ["hourly_rate_amt", "numeric"],
      ["role_cd", "text"],
    ],
    { primaryKey: ["stylist_id"], samples: { role_cd: ["SENIOR", "JUNIOR"] } },
  ),
]);

const MARINA = catalog([
  table(
    "berths",
    [
      ["berth_id", "integer"],
      ["pier_cd", "text"],
      ["berth_status_cd", "text"],
    ],
    { primaryKey: ["berth_id"], samples: { berth_status_cd: ["OCCUPIED", "FREE", "REPAIR"], pier_cd: ["A", "B"] } },
  ),
  withForeignKey(
    table(
      "boats",
      [
        ["boat_id", "integer"],
        ["berth_id", "integer"],
        ["boat_nm", "text"],
        ["registered_dt", "date"],
      ],
      { primaryKey: ["boat_id"] },
    ),
    "berth_id",
    "berths",
    "berth_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'current' is read by a filter on a state, or refused", () => {
  it("salon: current stylists", async () => {
    expectDeclined(SALON, "current stylists hired before 2020", options, /"current"/);
    expectDeclined(SALON, "average hourly rate by role for current stylists", options, /"current"/);
    // A role is no state: "current senior stylists" still needs one.
    expectDeclined(SALON, "current senior stylists", options, /"current"/);
    await expectSql(SALON, { q: "stylists hired before 2020", has: ["s.hire_dt < DATE '2020-01-01'"] }, options);
  });

  it("marina: boats and berths now", async () => {
    expectDeclined(MARINA, "boats currently registered", options, /"currently"/);
    await expectSql(MARINA, { q: "berths currently occupied", has: ["b.berth_status_cd = 'OCCUPIED'"] }, options);
  });
});
