import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { CLINIC } from "../../../test/fixtures/catalogs/clinic";
import { LIBRARY_CATALOG } from "../../../test/fixtures/catalogs/library";
import { SAAS_CATALOG } from "../../../test/fixtures/catalogs/saas";
import { generateSql } from "./generate";
import { extractOutputList, secondRankingKey } from "./output-list";
import { expectSql } from "./test-helpers";

/**
 * Items of a "Return …" list applied to a grouped answer: another text column of the grouped rows
 * becomes a grouping key ("the make, model"), and "number of <rows>" counts the rows the answer
 * reads when two tables share the word. Two schemas: a bike shop and a ferry line.
 */

const BIKES = catalog([
  table(
    "bikes",
    [
      ["id", "integer"],
      ["brand", "text"],
      ["model", "text"],
      ["list_price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "rentals",
    [
      ["id", "integer"],
      ["bike_id", "integer"],
      ["fee", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "payments_in",
    [
      ["id", "integer"],
      ["rental_id", "integer"],
      ["method", "text"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "payments_out",
    [
      ["id", "integer"],
      ["supplier", "text"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const FERRY = catalog([
  table(
    "vessels",
    [
      ["id", "integer"],
      ["operator", "text"],
      ["class", "text"],
      ["charter_fee", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "crossings",
    [
      ["id", "integer"],
      ["vessel_id", "integer"],
      ["fare_total", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "tickets_sold",
    [
      ["id", "integer"],
      ["crossing_id", "integer"],
      ["channel", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "tickets_refunded",
    [
      ["id", "integer"],
      ["channel", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("list items beside a grouped answer", () => {
  it("another text column of the grouped rows is grouped by too (bikes, ferry)", async () => {
    await expectSql(
      BIKES,
      {
        q: "What are the top 3 bike models by total fee? Return the brand, model and total fee.",
        has: ["b.model", "b.brand", "SUM(r.fee)", "GROUP BY 1, 2", "LIMIT 3"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "What are the top 2 vessel classes by total fare? Return the operator, class and total fare.",
        has: ["v.class", "v.operator", "GROUP BY 1, 2", "LIMIT 2"],
      },
      options,
    );
  });

  it("a finer column listed after the grouped one would split the groups: refused (bikes, ferry)", () => {
    const q1 = "What are the top 3 bike brands by total fee? Return the brand, model and total fee.";
    expect(generateSql(BIKES, q1, options).ok).toBe(false);
    const q2 = "What are the top 2 vessel operators by total fare? Return the operator, class and total fare.";
    expect(generateSql(FERRY, q2, options).ok).toBe(false);
  });

  it("'number of <rows>' counts the answer's own table among namesakes (bikes, ferry)", async () => {
    await expectSql(
      BIKES,
      {
        q: "What are the top 3 payment methods by total amount in? Return the method, number of payments and total amount.",
        has: ["FROM payments_in", "COUNT(*)"],
        not: ["payments_out"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "What are the top 2 channels by total price sold? Return the channel, number of tickets and total price.",
        has: ["FROM tickets_sold", "COUNT(*)"],
        not: ["tickets_refunded"],
      },
      options,
    );
  });
});

describe("a one-sentence list whose aggregate item, with its grouping, is the question", () => {
  it("'Return the A and average B for each C' (bikes, ferry)", async () => {
    await expectSql(
      BIKES,
      {
        q: "Return the bike ID and total fee for each bike",
        has: ["b.id", "SUM(r.fee)", "GROUP BY"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "Return the vessel ID and total fare for each vessel",
        has: ["v.id", "SUM(c.fare_total)", "GROUP BY"],
      },
      options,
    );
  });
});

describe("a column named by the word itself beats one only a synonym names", () => {
  it("'fee' is rentals.fee, not the nearer bikes.list_price (price ~ fee)", async () => {
    await expectSql(
      BIKES,
      { q: "What is the total fee for each bike?", has: ["SUM(r.fee)"], not: ["list_price"] },
      options,
    );
  });

  it("'price' is tickets_sold.price, not the nearer vessels.charter_fee (fee ~ price)", async () => {
    await expectSql(
      FERRY,
      {
        q: "What is the total price of tickets sold for each vessel class?",
        has: ["SUM(ts.price)"],
        not: ["charter_fee"],
      },
      options,
    );
  });
});

describe("'average number of X' in a list is the mean of a number column", () => {
  it("reads avg, not a count", async () => {
    const { itemAggregate } = await import("./output-list");
    const { tokenize } = await import("./tokens");
    expect(itemAggregate(tokenize("average number of shares"))?.fn).toBe("avg");
    expect(itemAggregate(tokenize("number of shares"))?.fn).toBe("count");
  });
});

describe("'What is the X and Y of the <row> with the highest Z?' ranks the rows, then returns X and Y", () => {
  const STORES = catalog([
    table(
      "stores",
      [
        ["store_id", "integer"],
        ["name", "text"],
        ["city", "text"],
        ["latitude", "numeric"],
        ["longitude", "numeric"],
      ],
      { primaryKey: ["store_id"] },
    ),
    table(
      "reviews",
      [
        ["review_id", "integer"],
        ["store_id", "integer"],
        ["stars", "integer"],
      ],
      { primaryKey: ["review_id"] },
    ),
  ]);
  const opts = { currentDate: "2026-06-15" };

  it("groups by the ranked row, never by the attribute's values (stores, clinic)", async () => {
    await expectSql(
      STORES,
      {
        q: "What is the latitude and longitude of the store with the highest stars?",
        has: ["s.store_id", "s.latitude", "s.longitude", "(r.stars)", "LIMIT 1"],
      },
      opts,
    );
    await expectSql(
      STORES,
      {
        q: "What is the city of the store with the most reviews?",
        has: ["s.store_id", "s.city", "COUNT(*)", "LIMIT 1"],
      },
      opts,
    );
    await expectSql(
      CLINIC,
      {
        q: "What are the email and speciality of the 2 vets with the most visits?",
        has: ["ve.id", "ve.email", "ve.speciality", "COUNT(*)", "LIMIT 2"],
      },
      opts,
    );
  });

  it("leaves a count said elsewhere to the rest of the generator (stores)", () => {
    const r = generateSql(STORES, "What are the top 3 names of the stores with the most reviews?", opts);
    if (r.ok) expect(r.sql).toMatch(/LIMIT 3/);
  });
});

describe("'top N … by X and Y' ranks by X, then Y (secondRankingKey)", () => {
  const split = (q: string) => {
    const listed = extractOutputList(q);
    return secondRankingKey(listed.rest, listed.items ?? []);
  };
  it("takes the second key off the question and marks the returned item it names", () => {
    const r = split(
      "What are the top 3 genres by number of books and average rating? Return the genre, number of books and average rating.",
    );
    expect(r.rest).toBe("What are the top 3 genres by number of books?");
    expect(r.items.filter((i) => i.thenRanks).map((i) => i.text)).toEqual(["average rating"]);
  });
  it("leaves the question alone when no returned item names the second key, or nothing is ranked", () => {
    expect(
      split(
        "What are the top 3 genres by number of books and average rating? Return the genre and number of books.",
      ).items.some((i) => i.thenRanks),
    ).toBe(false);
    expect(
      split(
        "Number of books by genre and average rating. Return the genre, number of books and average rating.",
      ).items.some((i) => i.thenRanks),
    ).toBe(false);
  });
  it("library: genres by a count, then an average", () =>
    expectSql(
      LIBRARY_CATALOG,
      {
        q: "What are the top 3 genres by number of books and average rating? Return the genre, number of books and average rating.",
        has: [
          "COUNT(*) AS book_count, ROUND(AVG(b.rating)::numeric, 2) AS avg_rating",
          "ORDER BY book_count DESC, avg_rating DESC LIMIT 3",
        ],
      },
      {},
    ));
  it("saas: plans by a sum, then a count", () =>
    expectSql(
      SAAS_CATALOG,
      {
        q: "What are the top 3 plans by total MRR and number of subscriptions? Return the plan, total MRR and number of subscriptions.",
        has: [
          "SUM(s.mrr) AS total_mrr, COUNT(*) AS subscription_count",
          "ORDER BY total_mrr DESC, subscription_count DESC LIMIT 3",
        ],
      },
      {},
    ));
  it("without the second key among the returned items it stays refused (two aggregates in one question)", () => {
    expect(
      generateSql(
        LIBRARY_CATALOG,
        "What are the top 3 genres by number of books and average rating? Return the genre and number of books.",
      ).ok,
    ).toBe(false);
  });
});
