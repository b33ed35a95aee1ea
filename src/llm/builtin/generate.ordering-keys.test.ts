import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { extractOrdering } from "./ordering";
import { expectSql } from "./test-helpers";

/**
 * Orderings that name a key the answer does not measure: the grouped entity's ID ("ordered by the
 * shop ID"), a column of a plain list's own rows ("ordered by rating"), and the key said between the
 * two ends ("from the best ratings to the lowest"). Two schemas: coffee shops and a film club.
 */

const SHOPS = catalog([
  table(
    "shops",
    [
      ["shop_id", "integer"],
      ["name", "text"],
      ["rating", "numeric"],
    ],
    { primaryKey: ["shop_id"] },
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["shop_id", "integer"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["order_id"] },
  ),
]);

const CLUB = catalog([
  table(
    "films",
    [
      ["film_id", "integer"],
      ["title", "text"],
      ["runtime", "integer"],
      ["score", "numeric"],
    ],
    { primaryKey: ["film_id"] },
  ),
  table(
    "screenings",
    [
      ["screening_id", "integer"],
      ["film_id", "integer"],
      ["attendance", "integer"],
    ],
    { primaryKey: ["screening_id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("orderings by keys the answer does not measure", () => {
  it("reads the key between the two ends of a range", () => {
    const o = extractOrdering("List the shops starting from the best ratings to the lowest").order;
    expect(o?.dir).toBe("DESC");
    expect(o?.by.map((t) => t.text)).toEqual(["ratings"]);
    expect(extractOrdering("List films from the shortest runtime to the longest").order?.dir).toBe("ASC");
  });

  it("by the grouped entity's ID (shops, club)", async () => {
    await expectSql(
      SHOPS,
      {
        q: "How many orders does each shop have, ordered by the shop ID in ascending order?",
        has: ["SELECT s.shop_id, s.name", "GROUP BY 1, 2", /ORDER BY 1( ASC)?\b/],
      },
      options,
    );
    await expectSql(
      CLUB,
      {
        q: "What is the total attendance for each film, ordered by the film ID?",
        has: ["SELECT f.film_id, f.title", "GROUP BY 1, 2", /ORDER BY 1( ASC)?\b/],
      },
      options,
    );
  });

  it("a plain list by a column of its rows, shown or ordered by name (shops, club)", async () => {
    await expectSql(
      SHOPS,
      {
        q: "List the shops starting from the best ratings to the lowest",
        has: ["s.rating", /ORDER BY (2|s\.rating) DESC/],
      },
      options,
    );
    await expectSql(
      CLUB,
      { q: "List the film titles ordered by runtime from longest to shortest", has: ["f.runtime", "DESC"] },
      options,
    );
  });

  it("still refuses an order by a column of another table", () => {
    expect(generateSql(SHOPS, "List the shops ordered by amount", options).ok).toBe(false);
  });
});
