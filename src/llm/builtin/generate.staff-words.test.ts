import { describe, expect, it } from "vitest";
import { catalog, table, withComment, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// How people and their work are spoken of: "each staff member" (a person head noun after the table's
// name), "people on the roster" / "books in its holdings" (the counted noun names nothing, the table
// after "in"/"on" holds them), "looking after" / "takes care of" (a phrasal verb relating two tables
// by their key), "the manager's first name" (a role key naming the joined table). Invented schemas:
// a clinic, a crew of deckhands, a library, a garage, a lettings agency and a hospital ward.

const person = (key: string): [string, string][] => [
  [key, "integer"],
  ["first_name", "text"],
  ["last_name", "text"],
];

const CLINIC = catalog([
  table("staff", person("staff_id"), { primaryKey: ["staff_id"] }),
  withForeignKey(
    withComment(
      table(
        "fees",
        [
          ["fee_id", "integer"],
          ["staff_id", "integer"],
          ["amount", "numeric"],
          ["paid_on", "date"],
        ],
        { primaryKey: ["fee_id"] },
      ),
      "staff_id",
      "The staff member who took the fee",
    ),
    "staff_id",
    "staff",
    "staff_id",
  ),
]);

const CREW = catalog([
  table("crew", person("crew_id"), { primaryKey: ["crew_id"] }),
  withForeignKey(
    withComment(
      table(
        "deposits",
        [
          ["deposit_id", "integer"],
          ["crew_id", "integer"],
          ["amount", "numeric"],
        ],
        { primaryKey: ["deposit_id"] },
      ),
      "crew_id",
      "The crew member who collected the deposit",
    ),
    "crew_id",
    "crew",
    "crew_id",
  ),
]);

const LIBRARY = catalog([
  table(
    "branches",
    [
      ["branch_id", "integer"],
      ["branch_name", "text"],
    ],
    { primaryKey: ["branch_id"] },
  ),
  withForeignKey(
    withComment(
      table(
        "holdings",
        [
          ["holding_id", "integer"],
          ["branch_id", "integer"],
          ["shelf_mark", "text"],
        ],
        { primaryKey: ["holding_id"] },
      ),
      "holding_id",
      "Unique identifier of one book copy",
    ),
    "branch_id",
    "branches",
    "branch_id",
  ),
]);

const GARAGE = catalog([
  table(
    "garages",
    [
      ["garage_id", "integer"],
      ["garage_name", "text"],
    ],
    { primaryKey: ["garage_id"] },
  ),
  withForeignKey(
    table("roster", [...person("roster_id"), ["garage_id", "integer"]], { primaryKey: ["roster_id"] }),
    "garage_id",
    "garages",
    "garage_id",
  ),
]);

const AGENCY = catalog([
  table("agents", person("agent_id"), { primaryKey: ["agent_id"] }),
  withForeignKey(
    table(
      "clients",
      [
        ["client_id", "integer"],
        ["client_name", "text"],
        ["account_manager_id", "integer"],
      ],
      { primaryKey: ["client_id"] },
    ),
    "account_manager_id",
    "agents",
    "agent_id",
  ),
]);

const WARD = catalog([
  table("nurses", person("nurse_id"), { primaryKey: ["nurse_id"] }),
  withForeignKey(
    table(
      "patients",
      [
        ["patient_id", "integer"],
        ["patient_name", "text"],
        ["nurse_id", "integer"],
      ],
      { primaryKey: ["patient_id"] },
    ),
    "nurse_id",
    "nurses",
    "nurse_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a person head noun after a table's name", () => {
  it("'each staff member' is the staff, and 'taken' is the money taken (clinic)", async () => {
    await expectSql(
      CLINIC,
      {
        q: "How much has each staff member taken in fees? Show first name, last name and the total.",
        has: ["s.first_name", "s.last_name", "SUM(f.amount)", "JOIN staff s ON s.staff_id = f.staff_id"],
        not: ["COUNT"],
      },
      options,
    );
  });

  it("'each crew member' is the crew (crew)", async () => {
    await expectSql(
      CREW,
      { q: "How much has each crew member collected in deposits?", has: ["SUM(d.amount)", "GROUP BY"], not: ["COUNT"] },
      options,
    );
  });
});

describe("a count of rows held in the table after 'in'/'on'", () => {
  it("books in its holdings are holdings rows, described as book copies (library)", async () => {
    await expectSql(
      LIBRARY,
      {
        q: "How many books does each branch have in its holdings?",
        has: ["COUNT(*)", "FROM holdings h", "GROUP BY 1"],
      },
      options,
    );
  });

  it("people on the roster are its rows when they are people (garage)", async () => {
    await expectSql(
      GARAGE,
      { q: "How many people on the roster work at each garage?", has: ["COUNT(*)", "FROM roster r", "GROUP BY 1"] },
      options,
    );
  });

  it("refuses nouns the table is not described as holding, and units", () => {
    for (const [c, q] of [
      [LIBRARY, "How many widgets does each branch have in its holdings?"],
      [LIBRARY, "How many people on the holdings work at each branch?"],
      [GARAGE, "How many hours does each garage have in its roster?"],
    ] as const) {
      const r = generateSql(c, q, options);
      expect(r.ok, q).toBe(false);
    }
  });
});

describe("phrasal verbs and role keys", () => {
  it("'looking after' relates clients to the agent their account manager key names (agency)", async () => {
    await expectSql(
      AGENCY,
      {
        q: "How many clients is each account manager looking after? Give the manager's first and last name.",
        has: ["a.first_name", "a.last_name", "COUNT(*)", "ON a.agent_id = c.account_manager_id"],
      },
      options,
    );
  });

  it("'take care of', 'deal with' (ward)", async () => {
    await expectSql(
      WARD,
      { q: "How many patients does each nurse take care of?", has: ["COUNT(*)", "GROUP BY"] },
      options,
    );
    await expectSql(
      WARD,
      { q: "How many patients does each nurse deal with?", has: ["COUNT(*)", "GROUP BY"] },
      options,
    );
  });
});
