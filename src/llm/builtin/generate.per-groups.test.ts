import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Bottles produced per vintage" was answered as SUM(vintage_yr) grouped by the bottles: "per" was
 * read like "top wines by revenue", a ranking by a figure. "per" groups by a label or a year, and
 * before a measured number ("per seat", seat_capacity) asks a rate, which is refused; a figure
 * before "by" is what is measured ("litres pressed by pressing year"). Whatever reading puts a
 * calendar year inside a sum, or measures a grouping's own column per itself, is refused.
 * Schemas: a cidery and a brickworks, invented here.
 */

const CIDERY = catalog([
  table(
    "batches",
    [
      ["batch_id", "integer"],
      ["batch_nm", "text"],
      ["pressing_yr", "integer"],
      ["litres_pressed", "integer"],
      ["orchard_ha", "numeric"],
      ["milling_shift", "integer"],
    ],
    { primaryKey: ["batch_id"] },
  ),
]);

const BRICKWORKS = catalog([
  table(
    "kilns",
    [
      ["kiln_id", "integer"],
      ["kiln_nm", "text"],
      ["firing_yr", "integer"],
      ["bricks_fired", "integer"],
      ["fuel_tonnes", "numeric"],
      ["fuel_grade", "integer"],
      ["clay_lot", "integer"],
    ],
    { primaryKey: ["kiln_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe('"per" groups by a label or a year, and never ranks', () => {
  it("cidery: litres pressed per pressing (year)", async () => {
    await expectSql(
      CIDERY,
      {
        q: "Litres pressed per pressing",
        has: ["SELECT b.pressing_yr, SUM(b.litres_pressed)", "GROUP BY 1"],
        not: ["SUM(b.pressing_yr)"],
      },
      options,
    );
  });

  it("brickworks: bricks fired per firing (year)", async () => {
    await expectSql(
      BRICKWORKS,
      { q: "Bricks fired per firing", has: ["SELECT k.firing_yr, SUM(k.bricks_fired)", "GROUP BY 1"] },
      options,
    );
  });
});

describe('"per" a measured number is a rate, refused', () => {
  it("cidery: litres pressed per orchard (hectares)", () => {
    expectDeclined(CIDERY, "Litres pressed per orchard", options, /per orchard.*rate/);
  });

  it("brickworks: bricks fired per tonne of fuel", () => {
    expectDeclined(BRICKWORKS, "Bricks fired per tonne of fuel", options, /per tonne.*rate/);
  });
});

describe('a figure before "by" is measured per group; rows before "by" are ranked', () => {
  it("cidery: litres pressed by pressing, batches by litres pressed", async () => {
    await expectSql(
      CIDERY,
      { q: "Litres pressed by pressing", has: ["SELECT b.pressing_yr, SUM(b.litres_pressed)", "GROUP BY 1"] },
      options,
    );
    await expectSql(
      CIDERY,
      { q: "Batches by litres pressed", has: ["ORDER BY litres_pressed DESC"], not: ["GROUP BY"] },
      options,
    );
  });

  it("brickworks: fuel by fuel grade, kilns by bricks fired", async () => {
    await expectSql(
      BRICKWORKS,
      { q: "Fuel by fuel grade", has: ["SELECT k.fuel_grade, SUM(k.fuel_tonnes)", "GROUP BY 1"] },
      options,
    );
    await expectSql(
      BRICKWORKS,
      { q: "Kilns by bricks fired", has: ["ORDER BY bricks_fired DESC"], not: ["GROUP BY"] },
      options,
    );
  });
});

describe("no reading sums a year or measures a group by its own column", () => {
  it("cidery", () => {
    expectDeclined(CIDERY, "Which litres pressed has the highest pressing", options, /pressing_yr: it holds years/);
    expectDeclined(CIDERY, "Mill by milling shift", options, /milling_shift itself/);
  });

  it("brickworks", () => {
    expectDeclined(BRICKWORKS, "Which bricks fired has the highest firing", options, /firing_yr: it holds years/);
    expectDeclined(BRICKWORKS, "Clay by clay lot", options, /clay_lot itself/);
  });
});
