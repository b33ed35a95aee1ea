import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * What a list lists. A plural word naming the noun a column qualifies (charge_type, pump_kw) asks for
 * the rows, not the column's distinct types or sizes; a phrase spelling a flag whole ("club
 * captains" of is_club_captain) names the flagged rows, not a column sharing one of its words
 * (club_nm). Schemas: a marina (moorings, boaters and their charges) and a heat-pump service firm
 * (sites, units, engineers and visits), invented here.
 */

const MARINA = catalog([
  table(
    "moorings",
    [
      ["mooring_id", "integer"],
      ["pontoon_cd", "text"],
      ["length_m", "numeric"],
      ["is_covered", "boolean"],
    ],
    { primaryKey: ["mooring_id"], samples: { pontoon_cd: ["A", "B", "C"] } },
  ),
  table(
    "boaters",
    [
      ["boater_id", "integer"],
      ["boater_nm", "text"],
      ["club_nm", "text"],
      ["is_club_captain", "boolean"],
    ],
    { primaryKey: ["boater_id"], samples: { club_nm: ["Harbour SC", "Estuary RC"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "mooring_charges",
        [
          ["charge_id", "integer"],
          ["mooring_id", "integer"],
          ["boater_id", "integer"],
          ["charge_type", "text"],
          ["charge_amt", "numeric"],
          ["billed_dt", "date"],
          ["settled_dt", "date"],
        ],
        { primaryKey: ["charge_id"], samples: { charge_type: ["berthing", "electricity", "crane"] } },
      ),
      "mooring_id",
      "moorings",
      "mooring_id",
    ),
    "boater_id",
    "boaters",
    "boater_id",
  ),
]);

const HEATING = catalog([
  table(
    "sites",
    [
      ["site_id", "integer"],
      ["site_nm", "text"],
      ["region_cd", "text"],
    ],
    { primaryKey: ["site_id"] },
  ),
  withForeignKey(
    table(
      "heat_units",
      [
        ["unit_id", "integer"],
        ["site_id", "integer"],
        ["pump_kw", "numeric"],
        ["unit_status", "text"],
        ["is_serviced", "boolean"],
      ],
      { primaryKey: ["unit_id"], samples: { unit_status: ["running", "faulty"] } },
    ),
    "site_id",
    "sites",
    "site_id",
  ),
  table(
    "engineers",
    [
      ["engineer_id", "integer"],
      ["engineer_nm", "text"],
      ["team_nm", "text"],
      ["is_team_lead", "boolean"],
    ],
    { primaryKey: ["engineer_id"], samples: { team_nm: ["North", "South"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "service_visits",
        [
          ["visit_id", "integer"],
          ["unit_id", "integer"],
          ["engineer_id", "integer"],
          ["visit_type", "text"],
          ["visit_cost", "numeric"],
          ["visit_dt", "date"],
        ],
        { primaryKey: ["visit_id"], samples: { visit_type: ["annual", "repair"] } },
      ),
      "unit_id",
      "heat_units",
      "unit_id",
    ),
    "engineer_id",
    "engineers",
    "engineer_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a plural naming what a column qualifies lists the rows", () => {
  it("marina: 'charges that haven't been settled' lists charges, not their types", async () => {
    await expectSql(
      MARINA,
      {
        q: "Charges that haven't been settled",
        has: ["SELECT mc.* FROM mooring_charges mc WHERE mc.settled_dt IS NULL"],
        not: ["DISTINCT"],
      },
      options,
    );
    // The column named whole is still listed.
    await expectSql(MARINA, { q: "List the charge types", has: ["SELECT DISTINCT mc.charge_type"] }, options);
  });

  it("heating: 'visits in November' lists visits; 'faulty pumps' is no list of pump sizes", async () => {
    await expectSql(
      HEATING,
      { q: "Visits in November", has: ["SELECT sv.* FROM service_visits sv"], not: ["visit_type"] },
      options,
    );
    for (const q of ["Faulty pumps", "Pumps that are serviced"]) expectDeclined(HEATING, q, options, /pumps/);
  });
});

describe("a phrase spelling a flag names the flagged rows", () => {
  it("marina: 'club captains' are boaters flagged so, not the clubs' names", async () => {
    for (const q of ["List the club captains", "Which boaters are club captains?"]) {
      await expectSql(MARINA, { q, has: ["FROM boaters b WHERE b.is_club_captain = true"], not: ["club_nm"] }, options);
    }
  });

  it("heating: 'team leads' are engineers flagged so, not the teams' names", async () => {
    await expectSql(
      HEATING,
      { q: "Show the team leads", has: ["FROM engineers e WHERE e.is_team_lead = true"], not: ["team_nm"] },
      options,
    );
  });
});
