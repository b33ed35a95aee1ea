import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// A whole-number column named for the year of an event (published_year, model_year) stands in for a
// date: "published before 1950", "made in 2015 or later" ("or later" opens the period), "newest
// first" orders by it. "years_of_service" and "year_group" are never calendar years. Invented
// schemas: a second-hand bookshop and a used-car lot.

const BOOKSHOP = catalog([
  table(
    "books",
    [
      ["book_id", "integer"],
      ["title", "text"],
      ["published_year", "integer"],
      ["price", "numeric"],
    ],
    { primaryKey: ["book_id"] },
  ),
]);

const CAR_LOT = catalog([
  table(
    "cars",
    [
      ["car_id", "integer"],
      ["make", "text"],
      ["model_year", "integer"],
      ["asking_price", "numeric"],
    ],
    { primaryKey: ["car_id"] },
  ),
  table(
    "salespeople",
    [
      ["salesperson_id", "integer"],
      ["full_name", "text"],
      ["years_of_service", "integer"],
    ],
    { primaryKey: ["salesperson_id"] },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a year column named for an event", () => {
  it.each([
    { q: "How many books were published before 1950?", has: ["b.published_year < 1950"] },
    { q: "books published in 1950 or later", has: ["b.published_year >= 1950"] },
    { q: "How many books were published each year?", has: ["b.published_year AS year", "GROUP BY 1"] },
  ])("bookshop: $q", async (c) => {
    await expectSql(BOOKSHOP, c, options);
  });

  it.each([
    { q: "How many cars were made in 2015 or later?", has: ["c.model_year >= 2015"] },
    { q: "average asking price of cars made in 2019", has: ["c.model_year = 2019", "AVG(c.asking_price)"] },
    { q: "List the cars, newest first", has: ["ORDER BY c.model_year DESC"] },
  ])("car lot: $q", async (c) => {
    await expectSql(CAR_LOT, c, options);
  });

  it("never reads a duration in years as a year, nor re-orders a ranking", () => {
    for (const q of ["How many salespeople were hired in 2020?", "the 3 newest cars, alphabetically by make"])
      expect(generateSql(CAR_LOT, q, options).ok, q).toBe(false);
  });
});
