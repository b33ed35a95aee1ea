import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "Which suppliers have a total stock above 100?", "an average stock above 10": a total or an average
// compared is a figure per row of the subject (HAVING, on the exact figure), never each related row's value; "a total amount over 100" beside total_amount stays a
// filter on that column. Two invented schemas.

const WAREHOUSE = catalog([
  table(
    "zones",
    [
      ["zone_id", "integer"],
      ["zone_name", "text"],
    ],
    { primaryKey: ["zone_id"] },
  ),
  table(
    "bins",
    [
      ["bin_id", "integer"],
      ["zone_id", "integer"],
      ["stock", "integer"],
    ],
    { primaryKey: ["bin_id"] },
  ),
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["zone_id", "integer"],
      ["total_amount", "numeric"],
    ],
    { primaryKey: ["order_id"] },
  ),
]);

const LEAGUE = catalog([
  table(
    "teams",
    [
      ["team_id", "integer"],
      ["team_name", "text"],
    ],
    { primaryKey: ["team_id"] },
  ),
  table(
    "players",
    [
      ["player_id", "integer"],
      ["team_id", "integer"],
      ["player_name", "text"],
      ["goals", "integer"],
    ],
    { primaryKey: ["player_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a total compared for each row of the subject", () => {
  it("is a sum per group (warehouse)", async () => {
    await expectSql(
      WAREHOUSE,
      {
        q: "Which zones have a total stock above 100?",
        has: ["SUM(b.stock)", "GROUP BY", "HAVING SUM(b.stock) > 100"],
        not: ["WHERE b.stock"],
      },
      options,
    );
  });

  it("stays a filter when a column is named with 'total' (warehouse)", async () => {
    await expectSql(
      WAREHOUSE,
      { q: "Which orders have a total amount over 100?", has: ["WHERE o.total_amount > 100"], not: ["HAVING"] },
      options,
    );
  });

  it("is a sum per group (league)", async () => {
    await expectSql(
      LEAGUE,
      {
        q: "Which teams have a total goals above 50?",
        has: ["SUM(p.goals)", "HAVING SUM(p.goals) > 50"],
        not: ["WHERE p.goals"],
      },
      options,
    );
  });

  it("is the exact average per group when an average is compared (warehouse, league)", async () => {
    await expectSql(
      WAREHOUSE,
      {
        q: "Which zones have an average stock above 10?",
        has: ["GROUP BY 1", "HAVING AVG(b.stock) > 10", "ROUND(AVG(b.stock)::numeric, 2) AS avg_stock"],
        not: ["WHERE b.stock"],
      },
      options,
    );
    await expectSql(
      LEAGUE,
      {
        q: "Which teams have an average goals of at least 3?",
        has: ["JOIN teams", "HAVING AVG(p.goals) >= 3"],
        not: ["WHERE p.goals"],
      },
      options,
    );
  });
});
