import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// A role ("manager", "driver", "assignee") may be both a value of a text column (job_title
// 'Manager') and the name of a foreign key (manager_id). "employees without a manager" answered
// job_title <> 'Manager', and "how many employees does each manager have" one count of the
// managers (wrong answers found while probing). A role key is present or missing like any column,
// and a value that is the noun after "each" groups rather than filters. Invented schemas: a
// personnel office, an issue tracker and a courier fleet.

const PERSONNEL = catalog([
  withForeignKey(
    table(
      "employees",
      [
        ["emp_id", "integer"],
        ["first_name", "text"],
        ["last_name", "text"],
        ["manager_id", "integer"],
        ["job_title", "text"],
        ["salary", "numeric"],
      ],
      { primaryKey: ["emp_id"], samples: { job_title: ["Engineer", "Manager"] } },
    ),
    "manager_id",
    "employees",
    "emp_id",
  ),
]);

const TRACKER = catalog([
  table(
    "users",
    [
      ["user_id", "integer"],
      ["username", "text"],
    ],
    { primaryKey: ["user_id"] },
  ),
  withForeignKey(
    table(
      "issues",
      [
        ["issue_id", "integer"],
        ["title", "text"],
        ["assignee_id", "integer"],
      ],
      { primaryKey: ["issue_id"] },
    ),
    "assignee_id",
    "users",
    "user_id",
  ),
]);

const FLEET = catalog([
  table(
    "staff",
    [
      ["staff_id", "integer"],
      ["name", "text"],
      ["role", "text"],
    ],
    { primaryKey: ["staff_id"], samples: { role: ["driver", "dispatcher"] } },
  ),
  withForeignKey(
    table(
      "deliveries",
      [
        ["delivery_id", "integer"],
        ["driver_id", "integer"],
        ["delivered_at", "timestamp"],
      ],
      { primaryKey: ["delivery_id"] },
    ),
    "driver_id",
    "staff",
    "staff_id",
  ),
]);

const options = { currentDate: "2026-12-05" };
const sqlOf = (c: typeof FLEET, q: string) => {
  const r = generateSql(c, q, options);
  return r.ok ? r.sql : "";
};

describe("a role key is present or missing", () => {
  it("personnel office", async () => {
    await expectSql(
      PERSONNEL,
      { q: "employees without a manager", has: ["e.manager_id IS NULL"], not: ["job_title"] },
      options,
    );
    await expectSql(PERSONNEL, { q: "How many employees are managers?", has: ["e.job_title = 'Manager'"] }, options);
  });

  it("issue tracker", async () => {
    await expectSql(TRACKER, { q: "how many issues have no assignee", has: ["i.assignee_id IS NULL"] }, options);
    await expectSql(TRACKER, { q: "issues with an assignee", has: ["i.assignee_id IS NOT NULL"] }, options);
  });
});

describe("a value that is the noun after 'each' groups", () => {
  it("personnel office", () => {
    // Refused is right too: only the filter answered another question.
    expect(sqlOf(PERSONNEL, "How many employees does each manager have?")).not.toMatch(/job_title/);
    expect(sqlOf(PERSONNEL, "average salary per manager")).not.toMatch(
      /job_title|^SELECT ROUND\(AVG\(e\.salary\)::numeric, 2\) AS avg_salary\s+FROM employees e$/,
    );
  });

  it("courier fleet", async () => {
    await expectSql(
      FLEET,
      { q: "how many deliveries does each driver have", has: ["d.driver_id", "GROUP BY"], not: ["role"] },
      options,
    );
    await expectSql(FLEET, { q: "how many drivers are there", has: ["s.role = 'driver'"] }, options);
  });
});
