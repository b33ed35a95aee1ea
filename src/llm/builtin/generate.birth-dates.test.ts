import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

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

// A birth date is never the date of an event: "patients each doctor saw in 2025" dated the patients by
// their birth (a wrong answer found while probing). Without a word naming it, the dates go to the
// rows' events, or the question is refused.
const SURGERY = catalog([
  table(
    "patients",
    [
      ["patient_id", "integer"],
      ["patient_name", "text"],
      ["birth_date", "date"],
    ],
    { primaryKey: ["patient_id"] },
  ),
  table(
    "doctors",
    [
      ["doctor_id", "integer"],
      ["doctor_name", "text"],
    ],
    { primaryKey: ["doctor_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "visits",
        [
          ["visit_id", "integer"],
          ["patient_id", "integer"],
          ["doctor_id", "integer"],
          ["visited_at", "timestamp"],
        ],
        { primaryKey: ["visit_id"] },
      ),
      "patient_id",
      "patients",
      "patient_id",
    ),
    "doctor_id",
    "doctors",
    "doctor_id",
  ),
]);

const COACHING = catalog([
  table(
    "players",
    [
      ["player_id", "integer"],
      ["player_name", "text"],
      ["dob", "date"],
    ],
    { primaryKey: ["player_id"] },
  ),
  withForeignKey(
    table(
      "sessions",
      [
        ["session_id", "integer"],
        ["player_id", "integer"],
        ["coach", "text"],
        ["held_on", "date"],
      ],
      { primaryKey: ["session_id"] },
    ),
    "player_id",
    "players",
    "player_id",
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

describe("a birth date is chosen only when named", () => {
  it("surgery: the patients a doctor saw are dated by the visits", async () => {
    await expectSql(
      SURGERY,
      {
        q: "How many distinct patients did each doctor see in 2025?",
        has: ["v.visited_at >= DATE '2025-01-01'", "COUNT(DISTINCT p.patient_id)"],
        not: ["birth_date"],
      },
      options,
    );
    await expectSql(SURGERY, { q: "patients born after 1990", has: ["p.birth_date >= DATE '1991-01-01'"] }, options);
  });
  it("coaching: players in a year are those with sessions; a lone birth date is never the answer", async () => {
    await expectSql(
      COACHING,
      { q: "How many players had sessions in 2024?", has: ["s.held_on >= DATE '2024-01-01'"], not: ["dob"] },
      options,
    );
    expect(sqlOrReason(PAYROLL, "How many employees in 1990?", options)).not.toContain("dob");
  });
});
