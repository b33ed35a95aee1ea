import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "Show the title and price of the 5 most expensive books" grouped by title and ranked AVG(price):
// two books of one title were averaged into one row (a wrong answer found while probing). A column
// of the measured rows, with the superlative's own noun naming those rows, ranks the rows themselves;
// "Which genre of books has the highest price?" still ranks the genres. Invented schemas: a bookshop
// and a hardware store.

const BOOKSHOP = catalog([
  table(
    "books",
    [
      ["book_id", "integer"],
      ["title", "text"],
      ["genre", "text"],
      ["price", "numeric"],
      ["pages", "integer"],
    ],
    { primaryKey: ["book_id"], samples: { genre: ["crime", "poetry"] } },
  ),
]);

const HARDWARE = catalog([
  table(
    "tools",
    [
      ["tool_id", "integer"],
      ["tool_name", "text"],
      ["brand", "text"],
      ["list_price", "numeric"],
    ],
    { primaryKey: ["tool_id"], samples: { brand: ["Acme", "Bolt"] } },
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a column of the ranked rows shows the rows, not a group", () => {
  it("bookshop", async () => {
    await expectSql(
      BOOKSHOP,
      {
        q: "Show the title and price of the 5 most expensive books",
        has: ["SELECT b.title, b.price FROM books b ORDER BY price DESC LIMIT 5"],
        not: ["AVG", "GROUP BY"],
      },
      options,
    );
    await expectSql(
      BOOKSHOP,
      { q: "Which genre of books has the highest price?", has: ["AVG(b.price)", "GROUP BY 1"] },
      options,
    );
  });

  it("hardware store", async () => {
    await expectSql(
      HARDWARE,
      {
        q: "brand of the cheapest tool",
        has: ["SELECT t.brand, t.list_price FROM tools t", "LIMIT 1"],
        not: ["GROUP BY"],
      },
      options,
    );
    await expectSql(
      HARDWARE,
      { q: "Which brand has the highest average list price?", has: ["AVG(t.list_price)", "GROUP BY 1"] },
      options,
    );
  });
});
