import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { boundAfterNumber, generateSql } from "./generate";
import { expectSql, sqlOrReason } from "./test-helpers";

// "agents with fewer than 3 customers": an agent with no customers has 0, which passes, and inner
// joins dropped exactly those agents (a wrong answer found while probing). A threshold a count of 0
// passes runs over LEFT JOINs, with the filters on the counted rows inside the count. And "more than
// 5 sold listings": the words before the counted noun qualify the rows counted; the comparison had
// been read as a column compared with 5 ("sold" reached bids.amount), another wrong answer.
// "the broker with the fewest clients" ranked from the clients, where a broker with none never
// appears: ranked from the bottom, the query starts at the ranked rows. Invented schemas: an insurer
// and an auction site.

const INSURER = catalog([
  withForeignKey(
    table(
      "clients",
      [
        ["client_id", "integer"],
        ["first_name", "text"],
        ["last_name", "text"],
        ["town", "text"],
        ["broker_id", "integer"],
      ],
      { primaryKey: ["client_id"], samples: { town: ["Leeds", "York"] } },
    ),
    "broker_id",
    "brokers",
    "broker_id",
  ),
  table(
    "brokers",
    [
      ["broker_id", "integer"],
      ["name", "text"],
      ["region", "text"],
    ],
    { primaryKey: ["broker_id"], samples: { region: ["North", "South"] } },
  ),
  withForeignKey(
    table(
      "contracts",
      [
        ["contract_id", "integer"],
        ["client_id", "integer"],
        ["cover", "text"],
        ["premium", "numeric"],
        ["starts_on", "date"],
        ["state", "text"],
      ],
      { primaryKey: ["contract_id"], samples: { cover: ["home", "motor"], state: ["active", "lapsed"] } },
    ),
    "client_id",
    "clients",
    "client_id",
  ),
]);

const AUCTIONS = catalog([
  table(
    "sellers",
    [
      ["seller_id", "integer"],
      ["username", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["seller_id"] },
  ),
  withForeignKey(
    table(
      "lots",
      [
        ["lot_id", "integer"],
        ["seller_id", "integer"],
        ["title", "text"],
        ["category", "text"],
        ["listed_at", "timestamp"],
        ["sold", "boolean"],
      ],
      { primaryKey: ["lot_id"], samples: { category: ["watches", "cameras"] } },
    ),
    "seller_id",
    "sellers",
    "seller_id",
  ),
  withForeignKey(
    table(
      "bids",
      [
        ["bid_id", "integer"],
        ["lot_id", "integer"],
        ["amount", "numeric"],
        ["placed_at", "timestamp"],
      ],
      { primaryKey: ["bid_id"] },
    ),
    "lot_id",
    "lots",
    "lot_id",
  ),
]);

const options = { currentDate: "2026-12-06" };
/** A WHERE right after the joins: a filter that would drop the entities again. */
const OUTER_WHERE = /ON \S+ = \S+ WHERE/;

describe("a count threshold that 0 passes keeps the entities with no related rows", () => {
  it("insurer", async () => {
    await expectSql(
      INSURER,
      {
        q: "brokers with fewer than 3 clients",
        has: ["LEFT JOIN clients", "HAVING COUNT(DISTINCT c.client_id) < 3"],
        not: ["FROM brokers b JOIN"],
      },
      options,
    );
    await expectSql(
      INSURER,
      {
        q: "brokers with at most 2 clients in Leeds",
        has: ["LEFT JOIN clients", "COUNT(DISTINCT c.client_id) FILTER (WHERE c.town = 'Leeds') <= 2"],
        not: [OUTER_WHERE],
      },
      options,
    );
    await expectSql(
      INSURER,
      {
        q: "How many brokers have no more than 5 clients?",
        has: ["LEFT JOIN clients", "<= 5", "COUNT(*) AS broker_count"],
      },
      options,
    );
    // A threshold 0 fails keeps the inner join and the filter where it was.
    await expectSql(
      INSURER,
      { q: "brokers with more than 2 clients in Leeds", has: ["WHERE c.town = 'Leeds'", "> 2"], not: ["LEFT JOIN"] },
      options,
    );
  });

  it("auction site: through two joins, and dated rows", async () => {
    await expectSql(
      AUCTIONS,
      {
        q: "sellers with fewer than 2 lots this year",
        has: ["LEFT JOIN lots", "FILTER (WHERE l.listed_at >= DATE '2026-01-01'"],
        not: [OUTER_WHERE],
      },
      options,
    );
    await expectSql(
      AUCTIONS,
      {
        q: "sellers with at most 10 bids",
        has: ["LEFT JOIN lots", "LEFT JOIN bids", "HAVING COUNT(DISTINCT b.bid_id) <= 10"],
      },
      options,
    );
  });
});

describe("words before the counted noun qualify the rows counted", () => {
  it("auction site: a flag", async () => {
    await expectSql(
      AUCTIONS,
      {
        q: "sellers with more than 5 sold lots",
        has: ["WHERE l.sold = true", "HAVING COUNT(DISTINCT l.lot_id) > 5"],
        not: ["amount", "listed_at IS NOT NULL"],
      },
      options,
    );
    await expectSql(
      AUCTIONS,
      {
        q: "How many sellers have fewer than 3 unsold lots?",
        has: ["LEFT JOIN lots", "FILTER (WHERE l.sold = false)", "< 3"],
      },
      options,
    );
  });

  it("insurer: values", async () => {
    await expectSql(
      INSURER,
      {
        q: "clients with more than 2 active contracts",
        has: ["WHERE co.state = 'active'", "HAVING COUNT(DISTINCT co.contract_id) > 2"],
      },
      options,
    );
    await expectSql(
      INSURER,
      { q: "clients with more than 1 home contract", has: ["co.cover = 'home'", "> 1"] },
      options,
    );
    // A qualifier nothing in the schema explains is refused, not dropped.
    const r = generateSql(INSURER, "clients with more than 2 expensive contracts", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/expensive/);
    expect(r.ok).toBe(false);
  });
});

describe("ranked from the bottom, the entities with no related rows come first", () => {
  it("insurer: an entity and a column", async () => {
    await expectSql(
      INSURER,
      {
        q: "the broker with the fewest clients",
        has: ["FROM brokers b LEFT JOIN clients c", "COUNT(c.client_id)", "LIMIT 1"],
        not: ["COUNT(*)"],
      },
      options,
    );
    await expectSql(
      INSURER,
      { q: "the region with the fewest clients", has: ["b.region", "FROM brokers b LEFT JOIN clients c"] },
      options,
    );
    // From the top nothing changes.
    await expectSql(
      INSURER,
      { q: "the broker with the most clients", has: ["FROM clients c JOIN brokers b"], not: ["LEFT JOIN"] },
      options,
    );
  });

  it("auction site: filters on the counted rows go inside the count", async () => {
    await expectSql(
      AUCTIONS,
      {
        q: "the seller with the fewest lots in the cameras category",
        has: ["FROM sellers s LEFT JOIN lots l", "COUNT(l.lot_id) FILTER (WHERE l.category = 'cameras')"],
        not: [OUTER_WHERE],
      },
      options,
    );
    await expectSql(
      AUCTIONS,
      { q: "the seller with the fewest lots this year", has: ["FILTER (WHERE l.listed_at >= DATE '2026-01-01'"] },
      options,
    );
  });

  it("auction site: a plural noun beside a money word is what is counted, not the money", () => {
    // "sold" reads as revenue (bids.amount); the lots are what the ranking counts.
    const r = generateSql(AUCTIONS, "the seller with the fewest sold lots", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/"lots" names rows to count/);
  });

  it("insurer: the same with a figure's name", () => {
    const r = generateSql(INSURER, "the broker with the fewest premium clients", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/"clients" names rows to count/);
  });
});

describe("compound comparisons and counts of groups", () => {
  it("insurer", async () => {
    // Read from "equal to" alone it was "= 4".
    await expectSql(
      INSURER,
      { q: "brokers with less than or equal to 4 clients", has: ["<= 4", "LEFT JOIN clients"] },
      options,
    );
    await expectSql(
      INSURER,
      { q: "contracts with a premium greater than or equal to 500", has: ["c.premium >= 500"] },
      options,
    );
    // One count per town was asked; the count of every passing client is one number.
    expect(sqlOrReason(INSURER, "How many clients in each town have more than 2 contracts?", options)).toMatch(
      /passing a count in each/,
    );
  });

  it("auction site", async () => {
    await expectSql(
      AUCTIONS,
      { q: "sellers with more than or equal to 3 lots", has: [">= 3"], not: ["LEFT JOIN"] },
      options,
    );
    expect(sqlOrReason(AUCTIONS, "number of sellers with more than 2 lots per category", options)).toMatch(
      /passing a count in each/,
    );
  });
});

describe("a bound written after the number", () => {
  it("insurer", async () => {
    await expectSql(INSURER, { q: "clients with 3 or more contracts", has: [">= 3"], not: ["LEFT JOIN"] }, options);
    await expectSql(INSURER, { q: "brokers with 2 or fewer clients", has: ["<= 2", "LEFT JOIN clients"] }, options);
    await expectSql(INSURER, { q: "contracts with a premium of 500 and above", has: ["c.premium >= 500"] }, options);
  });

  it("auction site", async () => {
    await expectSql(AUCTIONS, { q: "bids of 100 or less", has: ["b.amount <= 100"] }, options);
    await expectSql(
      AUCTIONS,
      { q: "How many sellers have 4 or more lots?", has: ["HAVING COUNT(DISTINCT l.lot_id) >= 4"] },
      options,
    );
  });
});

describe("boundAfterNumber", () => {
  it("rewrites the bound as the cue it means, and leaves years and quoted values alone", () => {
    expect(boundAfterNumber("with 3 or more orders")).toBe("with at least 3 orders");
    expect(boundAfterNumber("of 1,000 or less")).toBe("of at most 1,000");
    expect(boundAfterNumber("released in 2015 or later")).toBe("released in 2015 or later");
    expect(boundAfterNumber("named '3 or more' with 2 or fewer")).toBe("named '3 or more' with at most 2");
  });
});
