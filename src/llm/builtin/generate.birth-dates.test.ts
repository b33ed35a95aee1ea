import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "born before 1980" dates the rows by their birth date (birth_date, dob): "born" and "birth" are
// one word to linking (synonyms.ts). Invented schemas: a clinic and a payroll.

const CLINIC = catalog([
  table(
    "patients",
    [
      ["patient_id", "integer"],
      ["patient_name", "text"],
      ["birth_date", "date"],
      ["registered_on", "date"],
    ],
    { primaryKey: ["patient_id"] },
  ),
]);

const PAYROLL = catalog([
  table(
    "employees",
    [
      ["employee_id", "integer"],
      ["full_name", "text"],
      ["dob", "date"],
      ["hired_on", "date"],
    ],
    { primaryKey: ["employee_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("'born' names the birth date", () => {
  it("clinic", async () => {
    await expectSql(
      CLINIC,
      {
        q: "How many patients were born before 1980?",
        has: ["p.birth_date < DATE '1980-01-01'"],
        not: ["registered_on"],
      },
      options,
    );
  });
  it("payroll", async () => {
    await expectSql(
      PAYROLL,
      { q: "How many employees were born in 1990?", has: ["e.dob >= DATE '1990-01-01'"], not: ["hired_on"] },
      options,
    );
  });
});
