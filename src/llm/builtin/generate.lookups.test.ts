import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Lookups keyed by a name instead of an id (linking/inferred-keys.ts `lookupKey`), with no declared
 * keys at all: a city guide and a parks register. And rows set against one row of their own table,
 * which the grammar cannot relate, declined on both.
 */

const GUIDE = catalog([
  table("venue", [
    ["id", "integer"],
    ["name", "text"],
    ["city_name", "text"],
    ["rating", "numeric"],
  ]),
  table("geo", [
    ["city_name", "text"],
    ["county", "text"],
    ["region", "text"],
  ]),
]);

const PARKS = catalog([
  table("park", [
    ["park_name", "text"],
    ["area", "numeric"],
    ["state_name", "text"],
  ]),
  table("state", [
    ["state_name", "text"],
    ["population", "integer"],
    ["region", "text"],
  ]),
  table("border", [
    ["state_name", "text"],
    ["border", "text"],
  ]),
]);

const options = { currentDate: "2026-06-15" };

describe("lookups keyed by a name", () => {
  it("join through the name (city guide)", async () => {
    await expectSql(
      GUIDE,
      { q: "What is the average rating of venues in each region?", has: ["JOIN geo", "city_name", "AVG("] },
      options,
    );
  });

  it("join through the name (parks register)", async () => {
    await expectSql(
      PARKS,
      { q: "total area of parks in each region", has: ["JOIN state", "state_name", "SUM("] },
      options,
    );
  });

  it("still show the name as the rows' label", async () => {
    await expectSql(PARKS, { q: "What are the names and areas of the parks?", has: ["park_name", "area"] }, options);
  });
});

describe("rows set against one row of the same table", () => {
  it("are declined (parks register, city guide)", () => {
    expect(generateSql(PARKS, "Which states border the state where park Yosemite is?", options).ok).toBe(false);
    expect(generateSql(GUIDE, "Which venues are rated higher than the venue named Blue Door?", options).ok).toBe(false);
  });
});

describe("grouping by an entity without a declared key", () => {
  // Namesakes stay apart: the key read from names groups too (clinic, guide).
  const plain = (name: string, columns: string[][]) => table(name, columns as [string, string][]);
  const CLINIC = catalog([
    plain("patient", [
      ["id", "integer"],
      ["full_name", "text"],
      ["born", "date"],
      ["city", "text"],
      ["phone", "text"],
    ]),
    plain("visit", [
      ["id", "integer"],
      ["patient_id", "integer"],
      ["cost", "numeric"],
    ]),
  ]);
  const STAYS = catalog([
    plain("hotel", [
      ["id", "integer"],
      ["name", "text"],
      ["city", "text"],
      ["stars", "integer"],
      ["opened", "date"],
    ]),
    plain("stay", [
      ["id", "integer"],
      ["hotel_id", "integer"],
      ["spend", "numeric"],
    ]),
  ]);
  it("groups by the key and shows the label", async () => {
    await expectSql(CLINIC, { q: "total cost by patient", has: ["p.id", "p.full_name", "GROUP BY 1, 2"] }, options);
    await expectSql(STAYS, { q: "total spend by hotel", has: ["h.id", "h.name", "GROUP BY 1, 2"] }, options);
  });
});
