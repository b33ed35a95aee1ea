import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "total ticket revenue by venue": the revenue of rows that each have a price sums the prices. It
// counted the tickets ("revenue" reached their sold_at date by a synonym), a wrong answer found while
// probing. Without one price the question is refused. Invented schemas: a box office and a car park.

const BOX_OFFICE = catalog([
  table(
    "venues",
    [
      ["venue_id", "integer"],
      ["venue_name", "text"],
    ],
    { primaryKey: ["venue_id"] },
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["ticket_id", "integer"],
        ["venue_id", "integer"],
        ["price", "numeric"],
        ["sold_at", "timestamp"],
      ],
      { primaryKey: ["ticket_id"] },
    ),
    "venue_id",
    "venues",
    "venue_id",
  ),
]);

const CAR_PARK = catalog([
  table(
    "car_parks",
    [
      ["car_park_id", "integer"],
      ["car_park_name", "text"],
    ],
    { primaryKey: ["car_park_id"] },
  ),
  withForeignKey(
    table(
      "sessions",
      [
        ["session_id", "integer"],
        ["car_park_id", "integer"],
        ["price", "numeric"],
        ["sold_at", "timestamp"],
      ],
      { primaryKey: ["session_id"] },
    ),
    "car_park_id",
    "car_parks",
    "car_park_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("revenue of rows with a price", () => {
  it("box office", async () => {
    await expectSql(
      BOX_OFFICE,
      { q: "total ticket revenue by venue", has: ["SUM(t.price)", "GROUP BY 1"], not: ["COUNT"] },
      options,
    );
    await expectSql(BOX_OFFICE, { q: "ticket revenue per venue", has: ["SUM(t.price)"], not: ["COUNT"] }, options);
  });

  it("car park", async () => {
    await expectSql(
      CAR_PARK,
      { q: "total session revenue for each car park", has: ["SUM(s.price)", "GROUP BY 1"], not: ["COUNT"] },
      options,
    );
    const r = generateSql(CAR_PARK, "What is the revenue of each car park?", options);
    if (r.ok) expect(r.sql).not.toContain("COUNT");
  });
});
