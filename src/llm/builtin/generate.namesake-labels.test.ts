import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * A word naming a table and its label alike (titles.title, projects.project): the table's rows are
 * meant, by key and label, so two titles or projects of one name stay apart. Schemas: a library and a
 * consultancy, invented here.
 */

const LIBRARY = catalog([
  table(
    "genres",
    [
      ["genre_id", "integer"],
      ["genre_nm", "text"],
    ],
    { primaryKey: ["genre_id"] },
  ),
  withForeignKey(
    table(
      "titles",
      [
        ["title_id", "integer"],
        ["title", "text"],
        ["isbn", "text"],
        ["genre_id", "integer"],
      ],
      { primaryKey: ["title_id"] },
    ),
    "genre_id",
    "genres",
    "genre_id",
  ),
  withForeignKey(
    table(
      "copies",
      [
        ["copy_id", "integer"],
        ["title_id", "integer"],
        ["shelf", "text"],
      ],
      { primaryKey: ["copy_id"] },
    ),
    "title_id",
    "titles",
    "title_id",
  ),
]);

const CONSULTANCY = catalog([
  table(
    "clients",
    [
      ["client_id", "integer"],
      ["client_nm", "text"],
    ],
    { primaryKey: ["client_id"] },
  ),
  withForeignKey(
    table(
      "projects",
      [
        ["project_id", "integer"],
        ["project", "text"],
        ["client_id", "integer"],
        ["began_dt", "date"],
      ],
      { primaryKey: ["project_id"] },
    ),
    "client_id",
    "clients",
    "client_id",
  ),
  withForeignKey(
    table(
      "timesheets",
      [
        ["ts_id", "integer"],
        ["project_id", "integer"],
        ["hours", "numeric"],
      ],
      { primaryKey: ["ts_id"] },
    ),
    "project_id",
    "projects",
    "project_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a word naming a table and its label groups the rows", () => {
  it("library: 'copies per title' by title_id and title", async () => {
    await expectSql(
      LIBRARY,
      { q: "copies per title", has: ["SELECT t.title_id, t.title, COUNT(*) AS copy_count", "GROUP BY 1, 2"] },
      options,
    );
    await expectSql(
      LIBRARY,
      { q: "titles with no copies", has: ["SELECT t.* FROM titles t WHERE NOT EXISTS"], not: ["DISTINCT t.title"] },
      options,
    );
  });

  it("consultancy: 'total hours per project' by project_id and project", async () => {
    await expectSql(
      CONSULTANCY,
      {
        q: "total hours per project",
        has: ["SELECT p.project_id, p.project, SUM(t.hours) AS total_hours", "GROUP BY 1, 2"],
      },
      options,
    );
  });
});
