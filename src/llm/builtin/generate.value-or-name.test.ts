import { describe, it } from "vitest";
import { catalog, ownerAndRows, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * Words that spell a sample value and also name a schema object: "side effects" beside a
 * side_effects table are those rows, not participants whose withdrawal reason is 'side effect';
 * "base salary" beside base_salary_amt is that column, not the rejection reason 'salary'; "auto
 * renew" beside auto_renew is the flag, not the product 'auto'. And "total fines" sums their amounts.
 * A trial register, a support desk, a recruiter, an insurer, a library and a parking operator.
 */

/** People whose leaving reason may spell the noun of their events, and those events. */
function peopleAndEvents(people: string, reason: string, events: string, value: string) {
  return catalog(
    ownerAndRows(
      {
        name: people,
        columns: [
          ["ref_no", "text"],
          [reason, "text"],
        ],
        samples: { [reason]: [value, "moved away", "other"] },
      },
      {
        name: events,
        columns: [
          ["noted_dt", "date"],
          ["grade", "integer"],
        ],
      },
    ),
  );
}

const TRIALS = peopleAndEvents("participants", "withdraw_reason", "side_effects", "side effect");
const DESK = peopleAndEvents("customers", "churn_reason", "support_tickets", "support ticket");

/** Rows with a two-word column whose second word is also a value of another column. */
function twoWordColumn(rows: string, column: string, other: string, value: string, status: string) {
  return catalog([
    table(
      rows,
      [
        ["id", "integer"],
        [column, column.startsWith("is_") || column === "auto_renew" ? "boolean" : "numeric"],
        [other, "text"],
        ["status", "text"],
        ["amount_amt", "numeric"],
      ],
      { primaryKey: ["id"], samples: { [other]: [value, "other"], status: [status, "open"] } },
    ),
  ]);
}

const RECRUITER = twoWordColumn("offers", "base_salary_amt", "reject_reason", "salary", "accepted");
const INSURER = twoWordColumn("policies", "auto_renew", "product", "auto", "active");

/** A table of penalties with their amount. */
function penalties(rows: string, amount: string) {
  return catalog([
    table(
      rows,
      [
        ["id", "integer"],
        ["reason", "text"],
        ["assessed_dt", "date"],
        [amount, "numeric"],
      ],
      { primaryKey: ["id"], samples: { reason: ["overdue", "damage"] } },
    ),
  ]);
}

const LIBRARY = penalties("fines", "fine_amt");
const PARKING = penalties("penalties", "penalty_amount");

const options = { currentDate: "2026-12-07" };

describe("words naming a table together are its rows, not a value they spell", () => {
  it("trials: participants with no side effects, and side effects noted this month", async () => {
    await expectSql(
      TRIALS,
      { q: "participants with no side effects", has: ["NOT EXISTS (SELECT 1 FROM side_effects"], not: ["reason"] },
      options,
    );
    await expectSql(
      TRIALS,
      { q: "how many side effects were noted this month", has: ["FROM side_effects"], not: ["reason"] },
      options,
    );
  });
  it("support desk: customers with no support tickets", () =>
    expectSql(
      DESK,
      { q: "customers with no support tickets", has: ["NOT EXISTS (SELECT 1 FROM support_tickets"], not: ["reason"] },
      options,
    ));
});

describe("two words naming a column together are that column, not a value one of them spells", () => {
  it("recruiter: average base salary of accepted offers", () =>
    expectSql(
      RECRUITER,
      {
        q: "average base salary of accepted offers",
        has: ["AVG(o.base_salary_amt)", "o.status = 'accepted'"],
        not: ["reject_reason"],
      },
      options,
    ));
  it("insurer: what percentage of policies auto renew", () =>
    expectSql(
      INSURER,
      { q: "what percentage of policies auto renew", has: ["p.auto_renew = true"], not: ["p.product"] },
      options,
    ));
});

describe("a total of penalties sums their amounts; a number of them counts", () => {
  it("library and parking: total fines, total penalties by reason", async () => {
    await expectSql(LIBRARY, { q: "total fines by reason", has: ["SUM(f.fine_amt)"], not: ["COUNT("] }, options);
    await expectSql(LIBRARY, { q: "how many fines", has: ["COUNT(*)"] }, options);
    await expectSql(
      PARKING,
      { q: "total penalties assessed this year", has: ["SUM(p.penalty_amount)"], not: ["COUNT("] },
      options,
    );
  });
});
