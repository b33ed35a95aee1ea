import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "the average new salary by year" beside salary_history.new_salary: "new" is a filler word
// elsewhere, and the question was answered with employees.salary (a wrong answer found while
// probing). A filler adjective that opens a column's whole name is that name. Invented schemas: a
// personnel office and a bank.

const PERSONNEL = catalog([
  table(
    "employees",
    [
      ["emp_id", "integer"],
      ["first_name", "text"],
      ["hire_date", "date"],
      ["salary", "numeric"],
    ],
    { primaryKey: ["emp_id"] },
  ),
  withForeignKey(
    table(
      "salary_history",
      [
        ["emp_id", "integer"],
        ["changed_on", "date"],
        ["old_salary", "numeric"],
        ["new_salary", "numeric"],
      ],
      {},
    ),
    "emp_id",
    "employees",
    "emp_id",
  ),
]);

const BANK = catalog([
  table(
    "accounts",
    [
      ["account_id", "integer"],
      ["holder", "text"],
      ["branch", "text"],
      ["opening_balance", "numeric"],
      ["current_balance", "numeric"],
    ],
    { primaryKey: ["account_id"], samples: { branch: ["Leeds", "York"] } },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a filler adjective opening a column's name is the name", () => {
  it("personnel office", async () => {
    await expectSql(PERSONNEL, { q: "average new salary by year", has: ["AVG(sh.new_salary)"] }, options);
    await expectSql(PERSONNEL, { q: "average salary of employees", has: ["AVG(e.salary)"] }, options);
  });

  it("bank", async () => {
    await expectSql(BANK, { q: "average current balance by branch", has: ["AVG(a.current_balance)"] }, options);
    await expectSql(BANK, { q: "average opening balance by branch", has: ["AVG(a.opening_balance)"] }, options);
  });
});
