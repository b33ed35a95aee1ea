import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { numberOfColumn } from "./read-question";
import { resolveContext } from "./stage-helpers";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";

// "the average number of comments" beside posts.comment_count: a count kept in a column is averaged,
// not refused as an average of counts; beside a table of those rows ("reviews") the rows are counted.

const BLOG = catalog([
  table(
    "posts",
    [
      ["post_id", "integer"],
      ["title", "text"],
      ["comment_count", "integer"],
      ["share_count", "integer"],
      ["year", "integer"],
    ],
    { primaryKey: ["post_id"] },
  ),
]);

const SHOP = catalog([
  table(
    "products",
    [
      ["product_id", "integer"],
      ["name", "text"],
      ["category", "text"],
      ["num_complaints", "integer"],
      ["review_cnt", "integer"],
    ],
    { primaryKey: ["product_id"] },
  ),
  table(
    "reviews",
    [
      ["review_id", "integer"],
      ["product_id", "integer"],
      ["stars", "integer"],
    ],
    { primaryKey: ["review_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("'number of X' spelling a count column", () => {
  it("is the column's name unless X names a table", () => {
    const blog = tokenize("the average number of comments");
    expect(numberOfColumn(resolveContext(BLOG), blog, blog[2] as never)).toHaveLength(1);
    const shop = tokenize("the average number of reviews");
    expect(numberOfColumn(resolveContext(SHOP), shop, shop[2] as never)).toBeUndefined();
  });

  it("is averaged per group (blog)", async () => {
    await expectSql(
      BLOG,
      {
        q: "What is the average number of comments on posts in each year?",
        has: ["AVG(p.comment_count)", "GROUP BY 1"],
        not: ["share_count"],
      },
      options,
    );
  });

  it("is averaged per group (shop)", async () => {
    await expectSql(
      SHOP,
      {
        q: "What is the average number of complaints for products in each category?",
        has: ["AVG(p.num_complaints)", "GROUP BY 1"],
      },
      options,
    );
  });
});
