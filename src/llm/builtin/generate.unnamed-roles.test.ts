import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "Inactive employees who were hired before 2020" joined the orders each employee rang up as a
 * cashier (orders.cashier_emp_id), dropping the bakers and drivers: the rows were read as the
 * employees in a role (cashier) that no word of the question says. A role key names its rows only
 * when a word says the role. Schemas: a kennel and a ferry crew, invented here.
 */

const KENNEL = catalog([
  table(
    "keepers",
    [
      ["keeper_id", "integer"],
      ["keeper_nm", "text"],
      ["hire_dt", "date"],
      ["is_active_flg", "boolean"],
    ],
    { primaryKey: ["keeper_id"] },
  ),
  withForeignKey(
    table(
      "feedings",
      [
        ["feeding_id", "integer"],
        ["fed_by_keeper_id", "integer"],
        ["fed_ts", "timestamp"],
        ["grams", "integer"],
      ],
      { primaryKey: ["feeding_id"] },
    ),
    "fed_by_keeper_id",
    "keepers",
    "keeper_id",
  ),
]);

const FERRY = catalog([
  table(
    "deckhands",
    [
      ["deckhand_id", "integer"],
      ["deckhand_nm", "text"],
      ["is_certified", "boolean"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["deckhand_id"] },
  ),
  withForeignKey(
    table(
      "crossings",
      [
        ["crossing_id", "integer"],
        ["logged_by_deckhand_id", "integer"],
        ["departed_ts", "timestamp"],
        ["cars_carried", "integer"],
      ],
      { primaryKey: ["crossing_id"] },
    ),
    "logged_by_deckhand_id",
    "deckhands",
    "deckhand_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a role key names its rows only when a word says the role", () => {
  it("kennel: inactive keepers are all keepers, fed anything or not", async () => {
    await expectSql(
      KENNEL,
      {
        q: "Inactive keepers hired before 2020",
        has: ["FROM keepers k WHERE", "k.is_active_flg = false"],
        not: ["feedings"],
      },
      options,
    );
    await expectSql(
      KENNEL,
      { q: "Which keeper fed the most?", has: ["JOIN keepers k ON k.keeper_id = f.fed_by_keeper_id", "LIMIT 1"] },
      options,
    );
  });

  it("ferry: certified deckhands are all deckhands, logged crossings or not", async () => {
    await expectSql(
      FERRY,
      { q: "Certified deckhands", has: ["FROM deckhands d WHERE d.is_certified = true"], not: ["crossings"] },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "Which deckhand logged the most crossings?",
        has: ["JOIN deckhands d ON d.deckhand_id = c.logged_by_deckhand_id", "COUNT(*)"],
      },
      options,
    );
  });
});
