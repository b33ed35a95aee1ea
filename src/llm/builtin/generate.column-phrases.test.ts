import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { cueLikeNames } from "./read-question";
import { resolveContext } from "./stage-helpers";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";

// How a question spells a column: its words may include a joining word ("units in stock"), a unit
// ("length in seconds") or an aggregate-like word the column is named by ("by total").

const PANTRY = catalog([
  table(
    "jars",
    [
      ["jar_id", "integer"],
      ["label", "text"],
      ["shelf_id", "integer"],
      ["jars_on_shelf", "integer"],
    ],
    { primaryKey: ["jar_id"] },
  ),
  table(
    "shelves",
    [
      ["shelf_id", "integer"],
      ["shelf_name", "text"],
    ],
    { primaryKey: ["shelf_id"] },
  ),
]);

const FLEET = catalog([
  table(
    "vans",
    [
      ["van_id", "integer"],
      ["plate", "text"],
      ["depot", "text"],
      ["seats", "integer"],
      ["seats_in_use", "integer"],
    ],
    { primaryKey: ["van_id"], samples: { depot: ["North", "South"] } },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a joining word inside a column's name", () => {
  it("marks the words spelling the whole name, not a joining word at a name's edge", () => {
    const tokens = tokenize("vans with more than 3 seats in use");
    const names = cueLikeNames(resolveContext(FLEET), tokens);
    expect([...names].map((i) => tokens[i]?.text)).toEqual(["seats", "in", "use"]);
    const plain = tokenize("vans in the North depot");
    expect(cueLikeNames(resolveContext(FLEET), plain).size).toBe(0);
  });

  it("compares the named column (pantry)", async () => {
    await expectSql(
      PANTRY,
      { q: "Which jars have fewer than 5 jars on shelf?", has: ["WHERE j.jars_on_shelf < 5"] },
      options,
    );
  });

  it("compares and sums the named column (fleet)", async () => {
    await expectSql(
      FLEET,
      { q: "Which vans have more than 3 seats in use?", has: ["WHERE v.seats_in_use > 3"] },
      options,
    );
    await expectSql(
      FLEET,
      {
        q: "What is the total seats in use for each depot?",
        has: ["SUM(v.seats_in_use) AS total_seats_in_use", "GROUP BY 1"],
      },
      options,
    );
  });
});
