import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "appointments per clinic" went through the patient's preferred clinic, while the dentist's clinic
 * is where they happen: two chains of many-to-one joins of one length reach the group's table through
 * different tables. A chain of plain keys taken stands beside one through a key with a role
 * (logged_by_retailer_id); any other pair is refused, naming both. Schemas: a vet practice and a distributor, invented here.
 */

const VET = catalog([
  table(
    "branches",
    [
      ["branch_id", "integer"],
      ["branch_nm", "text"],
    ],
    { primaryKey: ["branch_id"], samples: { branch_nm: ["Northside", "Harbour"] } },
  ),
  withForeignKey(
    table(
      "pets",
      [
        ["pet_id", "integer"],
        ["pet_nm", "text"],
        ["home_branch_id", "integer"],
      ],
      { primaryKey: ["pet_id"] },
    ),
    "home_branch_id",
    "branches",
    "branch_id",
  ),
  withForeignKey(
    table(
      "vets",
      [
        ["vet_id", "integer"],
        ["vet_nm", "text"],
        ["branch_id", "integer"],
      ],
      { primaryKey: ["vet_id"] },
    ),
    "branch_id",
    "branches",
    "branch_id",
  ),
  withForeignKey(
    withForeignKey(
      table(
        "visits",
        [
          ["visit_id", "integer"],
          ["pet_id", "integer"],
          ["vet_id", "integer"],
          ["visit_ts", "timestamp"],
          ["visit_kind", "text"],
        ],
        { primaryKey: ["visit_id"], samples: { visit_kind: ["checkup", "surgery"] } },
      ),
      "pet_id",
      "pets",
      "pet_id",
    ),
    "vet_id",
    "vets",
    "vet_id",
  ),
]);

const DISTRIBUTOR = catalog([
  table(
    "regions",
    [
      ["region_cd", "text"],
      ["region_nm", "text"],
    ],
    { primaryKey: ["region_cd"], samples: { region_nm: ["Alpine", "Coastal"] } },
  ),
  withForeignKey(
    table(
      "depots",
      [
        ["depot_id", "integer"],
        ["depot_nm", "text"],
        ["region_cd", "text"],
      ],
      { primaryKey: ["depot_id"] },
    ),
    "region_cd",
    "regions",
    "region_cd",
  ),
  withForeignKey(
    table(
      "retailers",
      [
        ["retailer_id", "integer"],
        ["retailer_nm", "text"],
        ["region_cd", "text"],
      ],
      { primaryKey: ["retailer_id"] },
    ),
    "region_cd",
    "regions",
    "region_cd",
  ),
  withForeignKey(
    withForeignKey(
      table(
        "returns",
        [
          ["return_id", "integer"],
          ["depot_id", "integer"],
          ["logged_by_retailer_id", "integer"],
          ["returned_dt", "date"],
        ],
        { primaryKey: ["return_id"] },
      ),
      "depot_id",
      "depots",
      "depot_id",
    ),
    "logged_by_retailer_id",
    "retailers",
    "retailer_id",
  ),
  withForeignKey(
    withForeignKey(
      table(
        "deliveries",
        [
          ["delivery_id", "integer"],
          ["depot_id", "integer"],
          ["retailer_id", "integer"],
          ["delivered_dt", "date"],
          ["crates", "integer"],
        ],
        { primaryKey: ["delivery_id"] },
      ),
      "depot_id",
      "depots",
      "depot_id",
    ),
    "retailer_id",
    "retailers",
    "retailer_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("two routes of many-to-one joins to the group's table", () => {
  it("vet: visits per branch, through the pet's home branch or the vet's, are refused naming both", () => {
    const both = /how visits relate to branches: through pets or through vets/;
    expectDeclined(VET, "number of visits per branch", options, both);
    expectDeclined(VET, "which branch had the most surgery visits this year", options, both);
  });

  it("distributor: deliveries per region could be the depot's or the retailer's, and are refused", async () => {
    const both = /how deliveries relate to regions: through (depots|retailers) or through (retailers|depots)/;
    expectDeclined(DISTRIBUTOR, "number of deliveries per region", options, both);
    expectDeclined(DISTRIBUTOR, "total crates by region this year", options, both);
    await expectSql(
      DISTRIBUTOR,
      { q: "number of deliveries per depot", has: ["JOIN depots"], not: ["regions"] },
      options,
    );
    // the depot's region by plain keys outranks the region of the retailer who logged the return
    await expectSql(
      DISTRIBUTOR,
      { q: "number of returns per region", has: ["JOIN depots"], not: ["logged_by_retailer_id"] },
      options,
    );
  });
});
