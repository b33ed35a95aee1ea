import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import type { CatalogTable } from "../../sql/catalog.types";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// A key named for a role (shops.manager_employee_id, projects.lead_engineer_id) says which rows of
// the table it points at are meant: "the manager of shop 2" is reached through it. When the joins
// found go another way (employees.shop_id, every employee of the shop), the question is refused,
// never answered with the wrong rows. Two invented schemas: a retail chain and an engineering firm.

const references = (t: CatalogTable, column: string, target: string, key: string): CatalogTable => {
  t.foreignKeys.push({ columns: [column], refSchema: "public", refTable: target, refColumns: [key] });
  return t;
};

const RETAIL = catalog([
  references(
    table(
      "shops",
      [
        ["shop_id", "integer"],
        ["shop_name", "text"],
        ["manager_employee_id", "integer"],
      ],
      { primaryKey: ["shop_id"] },
    ),
    "manager_employee_id",
    "employees",
    "employee_id",
  ),
  table(
    "employees",
    [
      ["employee_id", "integer"],
      ["full_name", "text"],
      ["shop_id", "integer"],
    ],
    { primaryKey: ["employee_id"] },
  ),
]);

const FIRM = catalog([
  references(
    table(
      "projects",
      [
        ["project_id", "integer"],
        ["title", "text"],
        ["lead_engineer_id", "integer"],
      ],
      { primaryKey: ["project_id"] },
    ),
    "lead_engineer_id",
    "engineers",
    "engineer_id",
  ),
  table(
    "engineers",
    [
      ["engineer_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["engineer_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("rows named by a role key", () => {
  it("are reached through that key", async () => {
    await expectSql(
      FIRM,
      {
        q: "Who is the lead engineer of project 3?",
        has: [/JOIN projects p ON p\.lead_engineer_id = e\.engineer_id/, /p\.project_id = 3\b/],
      },
      options,
    );
  });

  it("are refused when the joins found reach their table another way", () => {
    for (const q of ["Who is the manager of shop 2?", "Who are the managers?"]) {
      const r = generateSql(RETAIL, q, options);
      expect(r.ok ? r.sql : r.reason, q).toMatch(/manager_employee_id/);
      if (r.ok) expect(r.sql, q).not.toMatch(/e\.shop_id/);
    }
  });
});
