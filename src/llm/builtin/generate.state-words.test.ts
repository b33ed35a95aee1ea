import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "per state" is a place when a table a join away has a state column; the counted table's status
// (a synonym once) is not what was asked.
const COVER = catalog([
  table(
    "holders",
    [
      ["id", "integer"],
      ["full_name", "text"],
      ["state", "text"],
    ],
    { primaryKey: ["id"], samples: { state: ["IL", "TX"] } },
  ),
  withForeignKey(
    table(
      "policies",
      [
        ["id", "integer"],
        ["holder_id", "integer"],
        ["premium", "numeric"],
        ["status", "text"],
      ],
      { primaryKey: ["id"], samples: { status: ["active", "lapsed"] } },
    ),
    "holder_id",
    "holders",
    "id",
  ),
]);

const SHOP = catalog([
  table(
    "buyers",
    [
      ["id", "integer"],
      ["name", "text"],
      ["city", "text"],
      ["state", "text"],
    ],
    { primaryKey: ["id"], samples: { state: ["CA", "NY"] } },
  ),
  withForeignKey(
    table(
      "orders",
      [
        ["id", "integer"],
        ["buyer_id", "integer"],
        ["total", "numeric"],
        ["status", "text"],
      ],
      { primaryKey: ["id"], samples: { status: ["shipped", "pending"] } },
    ),
    "buyer_id",
    "buyers",
    "id",
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("'state' names a place, not a status", () => {
  it("cover: policies per state group by the holder's state", () =>
    expectSql(
      COVER,
      { q: "number of policies per state", has: ["h.state, COUNT(*)", "JOIN holders h"], not: ["status"] },
      options,
    ));
  it("shop: total order value by state groups by the buyer's state", () =>
    expectSql(
      SHOP,
      { q: "total order value by state", has: ["b.state, SUM(o.total)", "JOIN buyers b"], not: ["status"] },
      options,
    ));
  it("the status is still there when named", () =>
    expectSql(SHOP, { q: "how many orders per status", has: ["o.status, COUNT(*)"] }, options));
});
