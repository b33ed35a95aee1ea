import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "bidders from the US who placed more than 3 bids" answered for every country: "us" is an everyday
// word, left out of the value index, and was dropped (a wrong answer found while probing). Written
// in capitals it is the code a column holds. Invented schemas: an auction site and an office.

const AUCTIONS = catalog([
  table(
    "bidders",
    [
      ["bidder_id", "integer"],
      ["username", "text"],
      ["country", "text"],
    ],
    { primaryKey: ["bidder_id"], samples: { country: ["US", "UK", "FR"] } },
  ),
  withForeignKey(
    table(
      "bids",
      [
        ["bid_id", "integer"],
        ["bidder_id", "integer"],
        ["amount", "numeric"],
      ],
      { primaryKey: ["bid_id"] },
    ),
    "bidder_id",
    "bidders",
    "bidder_id",
  ),
]);

const OFFICE = catalog([
  table(
    "staff",
    [
      ["staff_id", "integer"],
      ["name", "text"],
      ["dept", "text"],
      ["salary", "numeric"],
    ],
    { primaryKey: ["staff_id"], samples: { dept: ["IT", "HR", "OPS"] } },
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a capitalised everyday word is the code a column holds", () => {
  it("auction site", async () => {
    await expectSql(
      AUCTIONS,
      { q: "bidders from the US who placed more than 3 bids", has: ["b.country = 'US'", "> 3"] },
      options,
    );
    await expectSql(AUCTIONS, { q: "How many bidders are from the US?", has: ["b.country = 'US'"] }, options);
    // Lowercase, "us" is the pronoun.
    expect(sqlOrReason(AUCTIONS, "tell us the number of bidders", options)).not.toMatch(/'US'/);
  });

  it("office", async () => {
    await expectSql(OFFICE, { q: "average salary of staff in IT", has: ["s.dept = 'IT'", "AVG(s.salary)"] }, options);
    expect(sqlOrReason(OFFICE, "how many staff are there? list it", options)).not.toMatch(/'IT'/);
  });
});
