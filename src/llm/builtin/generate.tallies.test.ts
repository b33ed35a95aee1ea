import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Rows that are tallies (a `count` column), a weekday kept as text in a column named "day", and a
 * hyphenated word the schema writes as one ("check-ins" → checkin): a gym chain and a web site.
 */

const GYMS = catalog([
  table(
    "gym",
    [
      ["id", "integer"],
      ["name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table("checkin", [
    ["gym_id", "integer"],
    ["day", "text"],
    ["count", "integer"],
  ]),
]);

const SITE = catalog([
  table(
    "page",
    [
      ["id", "integer"],
      ["title", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table("pageview", [
    ["page_id", "integer"],
    ["day", "text"],
    ["count", "integer"],
  ]),
]);

const options = { currentDate: "2026-06-15" };

describe("tallies by a weekday column, named with a hyphen", () => {
  it("sums the tallies per day (gyms)", async () => {
    await expectSql(
      GYMS,
      {
        q: "How many check-ins occurred on each day?",
        has: ["c.day", "SUM(c.count)", "GROUP BY 1"],
        not: ["COUNT(*)", "date_trunc"],
      },
      options,
    );
  });

  it("sums the tallies per day (web site)", async () => {
    await expectSql(
      SITE,
      {
        q: "How many page-views were there on each day?",
        has: ["p.day", "SUM(p.count)"],
        not: ["COUNT(*)", "date_trunc"],
      },
      options,
    );
  });

  it("sums the tallies per entity (gyms, web site)", async () => {
    await expectSql(GYMS, { q: "total number of check-ins for each gym id", has: ["SUM(c.count)", "gym_id"] }, options);
    await expectSql(
      SITE,
      { q: "total number of page-views for each page id", has: ["SUM(p.count)", "page_id"] },
      options,
    );
  });
});

describe("a stored count spelled out by the question", () => {
  // "by review count" beside venue.review_cnt: counting review rows would be another answer.
  const LISTINGS = catalog([
    table(
      "business",
      [
        ["id", "integer"],
        ["name", "text"],
        ["review_cnt", "integer"],
      ],
      { primaryKey: ["id"] },
    ),
    table(
      "review",
      [
        ["id", "integer"],
        ["business_id", "integer"],
        ["rating", "integer"],
      ],
      { primaryKey: ["id"] },
    ),
  ]);
  const AUTHORS = catalog([
    table(
      "author",
      [
        ["id", "integer"],
        ["name", "text"],
        ["paper_count", "integer"],
      ],
      { primaryKey: ["id"] },
    ),
    table(
      "paper",
      [
        ["id", "integer"],
        ["author_id", "integer"],
        ["title", "text"],
      ],
      { primaryKey: ["id"] },
    ),
  ]);
  it("is not answered by counting the other table's rows (listings, authors)", () => {
    for (const [c, q] of [
      [LISTINGS, "What are the top 3 businesses by review count?"],
      [AUTHORS, "top 2 authors by paper count"],
    ] as const) {
      const r = generateSql(c, q, options);
      expect(r.ok && /COUNT\(\*\)/.test(r.sql)).toBe(false);
    }
  });
});
