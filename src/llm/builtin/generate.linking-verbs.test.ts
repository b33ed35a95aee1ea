import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// A verb that usually means the key linking two tables ("sold", "wrote", "hosted") was explained only
// right after the related noun and closing the question or before "for each": "How many tickets were
// sold for each event?" (an auxiliary between noun and verb) and "Which author wrote the most books?"
// (the verb before the ranked count) were refused. Invented schemas: a box office and a publisher.

const BOX_OFFICE = catalog([
  table(
    "venues",
    [
      ["venue_id", "integer"],
      ["venue_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["venue_id"] },
  ),
  withForeignKey(
    table(
      "shows",
      [
        ["show_id", "integer"],
        ["venue_id", "integer"],
        ["title", "text"],
        ["opens_on", "date"],
      ],
      { primaryKey: ["show_id"] },
    ),
    "venue_id",
    "venues",
    "venue_id",
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["ticket_id", "integer"],
        ["show_id", "integer"],
        ["seat_class", "text"],
        ["price_paid", "numeric"],
      ],
      { primaryKey: ["ticket_id"], samples: { seat_class: ["standard", "vip"] } },
    ),
    "show_id",
    "shows",
    "show_id",
  ),
]);

const PUBLISHER = catalog([
  table(
    "authors",
    [
      ["author_id", "integer"],
      ["pen_name", "text"],
      ["country", "text"],
    ],
    { primaryKey: ["author_id"] },
  ),
  withForeignKey(
    table(
      "titles",
      [
        ["title_id", "integer"],
        ["author_id", "integer"],
        ["genre", "text"],
        ["pages", "integer"],
      ],
      { primaryKey: ["title_id"], samples: { genre: ["crime", "poetry"] } },
    ),
    "author_id",
    "authors",
    "author_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a linking verb after an auxiliary, or before a ranked count", () => {
  it("box office", async () => {
    await expectSql(
      BOX_OFFICE,
      {
        q: "How many VIP tickets were sold for each show?",
        has: ["COUNT(*) AS ticket_count", "t.seat_class = 'vip'", "GROUP BY 1, 2"],
      },
      options,
    );
    await expectSql(
      BOX_OFFICE,
      { q: "Which venue hosted the most shows?", has: ["COUNT(*) AS show_count", "ORDER BY show_count DESC LIMIT 1"] },
      options,
    );
  });

  it("publisher", async () => {
    await expectSql(
      PUBLISHER,
      { q: "Which author wrote the most titles?", has: ["COUNT(*) AS title_count", "LIMIT 1"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      { q: "How many crime titles have been written by each author?", has: ["t.genre = 'crime'", "GROUP BY 1"] },
      options,
    );
  });

  it("a verb outside the linking list still names nothing", () => {
    expect(sqlOrReason(PUBLISHER, "Which author praised the most titles?", options)).toMatch(/praised/);
    expect(sqlOrReason(BOX_OFFICE, "How many tickets were refunded for each show?", options)).toMatch(/refunded/);
  });
});
