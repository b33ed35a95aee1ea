import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "cost more than 15 dollars to rent", "rent for less than 20 dollars": the verb says which of a row's
// amounts is compared (the one whose name it begins: rental_fee, insurance_cost), never the amount
// "cost" alone would find; an amount of another quantity (rental_hours) is not one, and a verb that
// names no amount is refused. Two invented schemas: a tool hire shop and a courier.

const TOOLS = catalog([
  table(
    "tools",
    [
      ["tool_id", "integer"],
      ["tool_name", "text"],
      ["rental_fee", "numeric"],
      ["rental_hours", "integer"],
      ["replacement_cost", "numeric"],
    ],
    { primaryKey: ["tool_id"] },
  ),
]);

const COURIER = catalog([
  table(
    "parcels",
    [
      ["parcel_id", "integer"],
      ["label", "text"],
      ["delivery_charge", "numeric"],
      ["delivery_time_minutes", "integer"],
      ["insurance_cost", "numeric"],
    ],
    { primaryKey: ["parcel_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("an amount named by what it pays for", () => {
  it("'cost … to <verb>' compares the amount the verb names", async () => {
    await expectSql(
      TOOLS,
      { q: "Which tools cost more than 15 dollars to rent?", has: [/WHERE t\.rental_fee > 15/] },
      options,
    );
    await expectSql(
      TOOLS,
      { q: "Which tools cost over 100 to replace?", has: [/WHERE t\.replacement_cost > 100/] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "Which parcels cost more than 8 dollars to deliver?", has: [/WHERE p\.delivery_charge > 8/] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "Which parcels cost more than 8 to insure?", has: [/WHERE p\.insurance_cost > 8/] },
      options,
    );
  });

  it("'<verb> for' a price compares the same amount, in the unit asked", async () => {
    await expectSql(
      TOOLS,
      { q: "Which tools rent for less than 20 dollars?", has: [/WHERE t\.rental_fee < 20/] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "List the parcels that insure for more than 3 dollars.", has: [/p\.insurance_cost > 3/] },
      options,
    );
  });

  it("refuses a verb that names no amount, rather than compare another", () => {
    for (const [schema, q] of [
      [TOOLS, "Which tools cost more than 15 dollars to repair?"],
      [COURIER, "Which parcels cost more than 8 dollars to store?"],
    ] as const) {
      const r = generateSql(schema, q, options);
      expect(r.ok, q).toBe(false);
    }
  });
});
