import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Which wine has sold the most bottles?" was answered by wines.bottles_produced: a number named for
 * one event (produced, printed, pressed) measures that event only, and a question whose verb is
 * another is refused, naming both. Money named by how it moved (paid_amt) is the same sale any verb
 * names, and stays. Schemas: a publisher and a cider mill, invented here.
 */

const PUBLISHER = catalog([
  table(
    "titles",
    [
      ["title_id", "integer"],
      ["title_nm", "text"],
      ["copies_printed", "integer"],
    ],
    { primaryKey: ["title_id"] },
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["ordered_ts", "timestamp"],
    ],
    { primaryKey: ["order_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "order_lines",
        [
          ["line_id", "integer"],
          ["order_id", "integer"],
          ["title_id", "integer"],
          ["copy_qty", "integer"],
        ],
        { primaryKey: ["line_id"] },
      ),
      "order_id",
      "orders",
      "order_id",
    ),
    "title_id",
    "titles",
    "title_id",
  ),
]);

const CIDER_MILL = catalog([
  table(
    "ciders",
    [
      ["cider_id", "integer"],
      ["cider_nm", "text"],
      ["litres_pressed", "integer"],
    ],
    { primaryKey: ["cider_id"] },
  ),
  table(
    "tabs",
    [
      ["tab_id", "integer"],
      ["opened_ts", "timestamp"],
    ],
    { primaryKey: ["tab_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "tab_lines",
        [
          ["line_id", "integer"],
          ["tab_id", "integer"],
          ["cider_id", "integer"],
          ["pint_qty", "integer"],
        ],
        { primaryKey: ["line_id"] },
      ),
      "tab_id",
      "tabs",
      "tab_id",
    ),
    "cider_id",
    "ciders",
    "cider_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a number named for one event measures no other verb", () => {
  it("publisher: copies sold are not copies printed", async () => {
    expectDeclined(PUBLISHER, "Which title has sold the most copies?", options, /"sold": titles.copies_printed/);
    await expectSql(
      PUBLISHER,
      { q: "Top 3 titles by copies printed", has: ["ORDER BY copies_printed DESC LIMIT 3"] },
      options,
    );
  });

  it("cider mill: litres sold are not litres pressed", async () => {
    expectDeclined(CIDER_MILL, "Which cider has sold the most litres?", options, /"sold": ciders.litres_pressed/);
    await expectSql(
      CIDER_MILL,
      { q: "Top 5 ciders by litres pressed", has: ["ORDER BY litres_pressed DESC LIMIT 5"] },
      options,
    );
  });
});
