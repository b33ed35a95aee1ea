import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "How many projects has each employee led?" counted every assignment while assignments.role holds
// 'lead': a verb read as relating the rows may name a value of the rows joined ('lead' for "led",
// 'director' for "directed", 'writer' for "written"). A wrong answer found while probing; it is
// refused naming the value. Invented schemas: a consultancy and a film database.

const CONSULTANCY = catalog([
  table(
    "employees",
    [
      ["employee_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["employee_id"] },
  ),
  table(
    "projects",
    [
      ["project_id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["project_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "assignments",
        [
          ["employee_id", "integer"],
          ["project_id", "integer"],
          ["role", "text"],
        ],
        { samples: { role: ["lead", "developer", "tester"] } },
      ),
      "employee_id",
      "employees",
      "employee_id",
    ),
    "project_id",
    "projects",
    "project_id",
  ),
]);

const FILMS = catalog([
  table(
    "films",
    [
      ["film_id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["film_id"] },
  ),
  table(
    "people",
    [
      ["person_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["person_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "credits",
        [
          ["film_id", "integer"],
          ["person_id", "integer"],
          ["job", "text"],
        ],
        { samples: { job: ["director", "writer", "actor"] } },
      ),
      "film_id",
      "films",
      "film_id",
    ),
    "person_id",
    "people",
    "person_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a verb that may name a role value of the joined rows is refused, not ignored", () => {
  it("consultancy", async () => {
    expect(sqlOrReason(CONSULTANCY, "How many projects has each employee led?", options)).toMatch(
      /"led".*role = 'lead'/,
    );
    // The value itself is a filter; a verb no value resembles relates the rows.
    await expectSql(
      CONSULTANCY,
      { q: "number of projects each employee has been lead on", has: ["a.role = 'lead'"] },
      options,
    );
    await expectSql(
      CONSULTANCY,
      { q: "How many employees work on each project?", has: ["COUNT(DISTINCT e.employee_id)"] },
      options,
    );
  });

  it("film database", async () => {
    expect(sqlOrReason(FILMS, "How many films has each person directed?", options)).toMatch(
      /"directed".*job = 'director'/,
    );
    expect(sqlOrReason(FILMS, "How many films has each person written?", options)).toMatch(/"written".*job = 'writer'/);
    await expectSql(FILMS, { q: "How many films has each person worked on?", has: ["COUNT("] }, options);
  });
});
