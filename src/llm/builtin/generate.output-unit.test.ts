import { describe, expect, it } from "vitest";
import { catalog, table, withComment } from "../../../test/fixtures/catalogs/build";
import { PODCASTS } from "../../../test/fixtures/catalogs/podcasts";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "the average episode length in minutes": figures asked in another unit of what their column holds
// (by its name, "duration_ms", or its comment, "Running time in minutes") are converted once, from
// the exact figure; a column of unknown unit or of another quantity is refused. Invented schemas: a
// podcast host and a parcel depot.

const DEPOT = catalog([
  withComment(
    withComment(
      table(
        "parcels",
        [
          ["parcel_id", "integer"],
          ["depot", "text"],
          ["weight", "numeric"],
          ["transit_time", "integer"],
        ],
        { primaryKey: ["parcel_id"] },
      ),
      "weight",
      "Weight of the parcel in grams",
    ),
    "transit_time",
    "Time on the road in minutes",
  ),
]);

// A column named by the unit itself: "its length in seconds" names it, and is not converted.
const CLIPS = catalog([
  withComment(
    table(
      "clips",
      [
        ["clip_id", "integer"],
        ["title", "text"],
        ["seconds", "integer"],
      ],
      { primaryKey: ["clip_id"] },
    ),
    "seconds",
    "Length of the clip in seconds",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("figures asked in another unit", () => {
  it("a duration kept in milliseconds (podcasts)", async () => {
    await expectSql(
      PODCASTS,
      {
        q: "What is the average episode duration in minutes for each show?",
        has: ["ROUND((AVG(e.duration_ms))::numeric / 60000, 2) AS avg_episode_duration_minutes", "GROUP BY 1"],
      },
      options,
    );
    await expectSql(
      PODCASTS,
      { q: "List the 3 longest episodes in seconds", has: ["(e.duration_ms)::numeric / 1000", "LIMIT 3"] },
      options,
    );
  });

  it("a weight and a time kept in the units their comments give (depot)", async () => {
    await expectSql(
      DEPOT,
      {
        q: "What is the total parcel weight in kilograms for each depot?",
        has: ["ROUND((SUM(p.weight))::numeric / 1000, 2)", "GROUP BY 1"],
      },
      options,
    );
    await expectSql(
      DEPOT,
      { q: "What is the average transit time in hours?", has: ["ROUND((AVG(p.transit_time))::numeric / 60, 2)"] },
      options,
    );
  });

  it("a column named by its unit (clips)", async () => {
    await expectSql(
      CLIPS,
      {
        q: "What are the 3 longest clips? Show the title and its length in seconds.",
        has: ["c.seconds"],
        not: ["::numeric /"],
      },
      options,
    );
    await expectSql(
      CLIPS,
      { q: "What is the average clip length in minutes?", has: ["(AVG(c.seconds))::numeric / 60"] },
      options,
    );
  });

  it("refuses a unit of another quantity, or a column whose unit is unknown", () => {
    for (const [c, q] of [
      [PODCASTS, "What is the average episode duration in kilograms?"],
      [PODCASTS, "What is the average rating in minutes?"],
      [DEPOT, "What is the total parcel weight in hours?"],
    ] as const)
      expect(generateSql(c, q, options).ok, q).toBe(false);
  });
});
