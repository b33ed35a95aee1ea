import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "What city is each store in?": the attribute one row has through many-to-one joins, listed per row
// with its key and label. A table whose only text column is named like it (town.town) is labelled by
// it. Two invented schemas: offices in towns, dogs of breeds.

const OFFICES = catalog([
  table(
    "offices",
    [
      ["office_id", "integer"],
      ["office_name", "text"],
      ["site_id", "integer"],
    ],
    { primaryKey: ["office_id"] },
  ),
  table(
    "sites",
    [
      ["site_id", "integer"],
      ["street", "text"],
      ["town_id", "integer"],
    ],
    { primaryKey: ["site_id"] },
  ),
  table(
    "towns",
    [
      ["town_id", "integer"],
      ["town", "text"],
    ],
    { primaryKey: ["town_id"], samples: { town: ["Leeds", "York"] } },
  ),
]);

const KENNEL = catalog([
  table(
    "dogs",
    [
      ["dog_id", "integer"],
      ["dog_name", "text"],
      ["breed_id", "integer"],
    ],
    { primaryKey: ["dog_id"] },
  ),
  table(
    "breeds",
    [
      ["breed_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["breed_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("an attribute of each row, through many-to-one joins", () => {
  it("offices: What town is each office in?", async () => {
    await expectSql(
      OFFICES,
      {
        q: "What town is each office in?",
        has: ["o.office_id", "o.office_name", "t.town", "JOIN sites", "JOIN towns"],
        not: ["COUNT", "GROUP BY"],
      },
      options,
    );
  });

  it("kennel: What breed is each dog?", async () => {
    await expectSql(
      KENNEL,
      { q: "What breed is each dog?", has: ["d.dog_id", "d.dog_name", "b.name AS breed"], not: ["COUNT"] },
      options,
    );
  });
});
