import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// Columns kept per unit ("price_per_kwh", "calories_per_100g") or already averaged ("avg_speed", "mean_rating").
// "the average price per kwh by region" grouped by the kwh column ("per kwh" finishes the column's
// name), and "the total calories of each recipe" summed calories per 100 g (wrong answers found while
// probing). Invented schemas: an energy utility, a recipe book and a fuel card.

const UTILITY = catalog([
  table(
    "sites",
    [
      ["site_id", "integer"],
      ["site_name", "text"],
      ["region", "text"],
    ],
    { primaryKey: ["site_id"], samples: { region: ["North", "South"] } },
  ),
  withForeignKey(
    table(
      "readings",
      [
        ["reading_id", "integer"],
        ["site_id", "integer"],
        ["read_at", "timestamp"],
        ["kwh", "numeric"],
        ["price_per_kwh", "numeric"],
      ],
      { primaryKey: ["reading_id"] },
    ),
    "site_id",
    "sites",
    "site_id",
  ),
]);

const RECIPES = catalog([
  table(
    "recipes",
    [
      ["recipe_id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["recipe_id"] },
  ),
  table(
    "ingredients",
    [
      ["ingredient_id", "integer"],
      ["name", "text"],
      ["calories_per_100g", "numeric"],
    ],
    { primaryKey: ["ingredient_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "recipe_ingredients",
        [
          ["recipe_id", "integer"],
          ["ingredient_id", "integer"],
          ["grams", "numeric"],
        ],
        { primaryKey: ["recipe_id", "ingredient_id"] },
      ),
      "recipe_id",
      "recipes",
      "recipe_id",
    ),
    "ingredient_id",
    "ingredients",
    "ingredient_id",
  ),
]);

const FUEL_CARD = catalog([
  table(
    "fill_ups",
    [
      ["fill_up_id", "integer"],
      ["station", "text"],
      ["litres", "numeric"],
      ["price_per_litre", "numeric"],
      ["miles_per_gallon", "numeric"],
    ],
    { primaryKey: ["fill_up_id"], samples: { station: ["Shell Ring Road"] } },
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("'per X' finishing the measure's column name is not a grouping", () => {
  it("energy utility", async () => {
    await expectSql(
      UTILITY,
      {
        q: "average price per kwh by region",
        has: ["AVG(r.price_per_kwh)", "s.region"],
        not: ["r.kwh,", "GROUP BY 1, 2"],
      },
      options,
    );
    await expectSql(
      UTILITY,
      { q: "What is the average price per kwh?", has: ["AVG(r.price_per_kwh)"], not: ["GROUP BY"] },
      options,
    );
  });

  it("fuel card", async () => {
    await expectSql(
      FUEL_CARD,
      { q: "average price per litre by station", has: ["AVG(fu.price_per_litre)", "fu.station"], not: ["fu.litres"] },
      options,
    );
  });
});

describe("a column kept per unit or as an average is not summed", () => {
  it("recipe book", async () => {
    expect(sqlOrReason(RECIPES, "total calories of each recipe", options)).toMatch(/kept per unit or as an average/);
    await expectSql(RECIPES, { q: "average calories of ingredients", has: ["AVG(i.calories_per_100g)"] }, options);
  });

  it("fuel card", async () => {
    expect(sqlOrReason(FUEL_CARD, "total price per litre by station", options)).toMatch(/price_per_litre/);
    expect(sqlOrReason(FUEL_CARD, "total miles per gallon by station", options)).toMatch(
      /kept per unit or as an average/,
    );
    await expectSql(FUEL_CARD, { q: "total litres by station", has: ["SUM(fu.litres)"] }, options);
  });
});
