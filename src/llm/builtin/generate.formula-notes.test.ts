import { describe, expect, it } from "vitest";
import { catalog, table, withComment, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "revenue (unit price times quantity, after discount)": a formula the question spells out is taken
// off the text and checked against the measure found; a measure that is another product is refused.
// Invented schemas: a wholesale bakery and a theatre box office.

const BAKERY = catalog([
  table(
    "breads",
    [
      ["bread_id", "integer"],
      ["bread_name", "text"],
      ["family", "text"],
    ],
    { primaryKey: ["bread_id"] },
  ),
  withForeignKey(
    withComment(
      table(
        "order_lines",
        [
          ["line_id", "integer"],
          ["bread_id", "integer"],
          ["quantity", "integer"],
          ["unit_price", "numeric"],
          ["discount", "numeric"],
        ],
        { primaryKey: ["line_id"] },
      ),
      "discount",
      "Discount as a fraction of the price, e.g. 0.05",
    ),
    "bread_id",
    "breads",
    "bread_id",
  ),
]);

const BOX_OFFICE = catalog([
  table(
    "shows",
    [
      ["show_id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["show_id"] },
  ),
  withForeignKey(
    table(
      "bookings",
      [
        ["booking_id", "integer"],
        ["show_id", "integer"],
        ["quantity", "integer"],
        ["unit_price", "numeric"],
      ],
      { primaryKey: ["booking_id"] },
    ),
    "show_id",
    "shows",
    "show_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("a formula spelled out for the measure", () => {
  it("bakery: matches the measure found, with the discount", async () => {
    await expectSql(
      BAKERY,
      {
        q: "What are the top 3 bread families by revenue (unit price times quantity, after discount)?",
        has: ["SUM(ol.quantity * ol.unit_price * (1 - ol.discount))", "LIMIT 3"],
      },
      options,
    );
    const r = generateSql(BAKERY, "What is the revenue for each bread (unit price times quantity)?", options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('the formula "unit price times quantity"');
  });

  it("box office: after a lead-in word", async () => {
    await expectSql(
      BOX_OFFICE,
      {
        q: "What is the revenue for each show, counting unit price times quantity on the bookings?",
        has: ["SUM(b.quantity * b.unit_price)", "GROUP BY 1"],
      },
      options,
    );
  });
});

// "Show the family and the amount": a word for a figure names the answer's one sum when no column of
// its tables is called so.
describe("'the amount' names the answer's one figure", () => {
  it("bakery, box office", async () => {
    await expectSql(
      BAKERY,
      {
        q: "What is the total revenue of each bread family? Show the family and the amount.",
        has: ["b.family", "SUM(ol.quantity * ol.unit_price * (1 - ol.discount))"],
      },
      options,
    );
    await expectSql(
      BOX_OFFICE,
      {
        q: "What is the revenue of each show? Show the title and the amount.",
        has: ["s.title", "SUM(b.quantity * b.unit_price)"],
      },
      options,
    );
  });
});
