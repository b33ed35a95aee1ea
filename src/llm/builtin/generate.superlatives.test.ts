import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Superlative adjectives of one physical measure ("longest", "tallest", "heaviest") rank by the
 * column of that measure, or its synonym ("duration" for length), and are refused where the schema
 * has none. Two schemas: hiking trails and a call centre.
 */

const TRAILS = catalog([
  table(
    "trails",
    [
      ["trail_id", "integer"],
      ["trail_name", "text"],
      ["length", "numeric"],
      ["elevation_gain", "numeric"],
    ],
    { primaryKey: ["trail_id"] },
  ),
  table(
    "peaks",
    [
      ["peak_id", "integer"],
      ["trail_id", "integer"],
      ["peak_name", "text"],
      ["height", "numeric"],
    ],
    { primaryKey: ["peak_id"] },
  ),
]);

const CALLS = catalog([
  table(
    "calls",
    [
      ["call_id", "integer"],
      ["agent_name", "text"],
      ["duration", "integer"],
      ["started_at", "timestamp"],
    ],
    { primaryKey: ["call_id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("superlative adjectives of a measure", () => {
  it("'longest' ranks by length (trails) and by its synonym duration (calls)", async () => {
    await expectSql(
      TRAILS,
      { q: "What are the 5 longest trails?", has: ["ORDER BY", "length DESC", "LIMIT 5"] },
      options,
    );
    await expectSql(CALLS, { q: "Show the 10 longest calls.", has: ["duration DESC", "LIMIT 10"] }, options);
  });

  it("'shortest' and 'tallest' rank the other way and by height", async () => {
    await expectSql(
      TRAILS,
      { q: "Which are the 3 shortest trails?", has: [/ORDER BY length( ASC)? LIMIT 3/] },
      options,
    );
    await expectSql(TRAILS, { q: "List the tallest peaks.", has: ["height DESC"] }, options);
  });

  it("is refused when no column holds the measure", () => {
    expect(generateSql(CALLS, "Which are the heaviest calls?", options).ok).toBe(false);
    expect(generateSql(TRAILS, "What are the deepest trails?", options).ok).toBe(false);
  });
});

describe("a superlative whose measure only its ordering clause names", () => {
  it("ranks by the number column the ordering names (trails, calls)", async () => {
    await expectSql(
      TRAILS,
      { q: "What are the highest peaks, ordered from highest to lowest height?", has: ["height DESC"] },
      options,
    );
    await expectSql(
      CALLS,
      { q: "Which are the biggest calls, ordered from largest to smallest duration?", has: ["duration DESC"] },
      options,
    );
  });
});

describe("'associated with' only restates the join", () => {
  it("counts the related rows (trails, calls)", async () => {
    await expectSql(
      TRAILS,
      { q: "What are the 3 trails with the most peaks associated with them?", has: ["COUNT(", "LIMIT 3"] },
      options,
    );
    await expectSql(
      CALLS,
      { q: "What is the number of calls associated with each agent name?", has: ["COUNT(*)", "agent_name"] },
      options,
    );
  });
});

describe("a superlative before an average ranks the groups by that average", () => {
  it("'Which N X have the highest average Y' (trails, calls)", async () => {
    await expectSql(
      TRAILS,
      {
        q: "Which 2 trails have the highest average peak height?",
        has: ["AVG(p.height)", /ORDER BY \w+ DESC\s+LIMIT 2/],
      },
      options,
    );
    await expectSql(
      CALLS,
      { q: "Which agent name has the lowest average duration?", has: ["AVG(c.duration)", /ORDER BY \w+\s+LIMIT 1/] },
      options,
    );
  });
  it("'top N X with the highest average Y' says the ranking twice (calls)", async () => {
    await expectSql(
      CALLS,
      {
        q: "What are the top 3 agent names with the highest average duration?",
        has: ["AVG(c.duration)", /ORDER BY \w+ DESC\s+LIMIT 3/],
      },
      options,
    );
  });
});

// "Which products sold the most?": the plural noun names the table ranked; a column of that table
// reached only through a synonym of the verb ("sold" ~ amount) and the table's own name is no reading.
const BAKERY = catalog([
  table(
    "loaves",
    [
      ["loaf_id", "integer"],
      ["loaf_name", "text"],
      ["pack_amount", "numeric"],
      ["units_per_pack", "text"],
    ],
    { primaryKey: ["loaf_id"] },
  ),
  table(
    "sale_lines",
    [
      ["line_id", "integer"],
      ["loaf_id", "integer"],
      ["quantity", "integer"],
      ["price", "numeric"],
    ],
    { primaryKey: ["line_id"] },
  ),
]);

const NURSERY = catalog([
  table(
    "plants",
    [
      ["plant_id", "integer"],
      ["plant_name", "text"],
      ["value_band", "text"],
    ],
    { primaryKey: ["plant_id"] },
  ),
  table(
    "order_lines",
    [
      ["line_id", "integer"],
      ["plant_id", "integer"],
      ["quantity", "integer"],
    ],
    { primaryKey: ["line_id"] },
  ),
]);

describe("the table a ranked noun names", () => {
  it("is what is ranked, not a column a synonym reaches (bakery)", async () => {
    await expectSql(
      BAKERY,
      {
        q: "Which 3 loaves have sold the most units?",
        has: ["l.loaf_name", "SUM(sl.quantity)", "LIMIT 3"],
        not: ["pack_amount", "units_per_pack"],
      },
      { currentDate: "2026-06-30" },
    );
  });

  it("is what is ranked, not a column a synonym reaches (nursery)", async () => {
    await expectSql(
      NURSERY,
      {
        q: "Which 2 plants have sold the most?",
        has: ["p.plant_name", "SUM(ol.quantity)", "LIMIT 2"],
        not: ["value_band"],
      },
      { currentDate: "2026-06-30" },
    );
  });
});
