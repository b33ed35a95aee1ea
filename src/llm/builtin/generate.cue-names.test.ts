import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "What is the highest list price?" beside list_price_amt was answered with MAX of the price sold
 * lines were charged: "list" was read as "list the …" and dropped. A cue word that spells a
 * column's name with its neighbours is that name, and the name may be said without its amount or
 * storage suffix ("list price", "hourly rate" of hourly_rate_amt). Schemas: a sofa showroom, a
 * garden centre and a tutoring agency, invented here.
 */

const SHOWROOM = catalog([
  table(
    "sofas",
    [
      ["sofa_id", "integer"],
      ["sofa_nm", "text"],
      ["fabric_cd", "text"],
      ["list_price_amt", "numeric"],
    ],
    { primaryKey: ["sofa_id"], samples: { fabric_cd: ["LINEN", "VELVET", "LEATHER"] } },
  ),
  withForeignKey(
    table(
      "sofa_sales",
      [
        ["sofa_sale_id", "integer"],
        ["sofa_id", "integer"],
        ["sold_dt", "date"],
        ["price_amt", "numeric"],
      ],
      { primaryKey: ["sofa_sale_id"] },
    ),
    "sofa_id",
    "sofas",
    "sofa_id",
  ),
]);

const GARDEN_CENTRE = catalog([
  table(
    "plants",
    [
      ["plant_id", "integer"],
      ["plant_nm", "text"],
      ["list_price_amt", "numeric"],
    ],
    { primaryKey: ["plant_id"] },
  ),
  withForeignKey(
    table(
      "plant_order_lines",
      [
        ["line_id", "integer"],
        ["plant_id", "integer"],
        ["qty", "integer"],
        ["price_amt", "numeric"],
      ],
      { primaryKey: ["line_id"] },
    ),
    "plant_id",
    "plants",
    "plant_id",
  ),
]);

const TUTORING = catalog([
  table(
    "tutors",
    [
      ["tutor_id", "integer"],
      ["tutor_nm", "text"],
      ["is_senior_flg", "boolean"],
      ["hourly_rate_amt", "numeric"],
    ],
    { primaryKey: ["tutor_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a cue word inside a column's name is that name", () => {
  it("showroom: the highest list price is the sofas' list price", async () => {
    await expectSql(
      SHOWROOM,
      { q: "What is the highest list price?", has: ["MAX(s.list_price_amt)"], not: ["ss.price_amt", "sofa_sales"] },
      options,
    );
  });

  it("garden centre: the lowest list price is the plants' list price", async () => {
    await expectSql(
      GARDEN_CENTRE,
      { q: "What is the lowest list price?", has: ["MIN(p.list_price_amt)"], not: ["plant_order_lines"] },
      options,
    );
  });

  it("tutoring: the hourly rate is hourly_rate_amt, not a rate asked for", async () => {
    await expectSql(
      TUTORING,
      {
        q: "Average hourly rate of senior tutors",
        has: ["AVG(t.hourly_rate_amt)", "t.is_senior_flg = true"],
      },
      options,
    );
  });
});
