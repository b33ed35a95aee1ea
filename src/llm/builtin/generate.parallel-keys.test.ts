import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// Two keys joining the same two tables (a flight's origin and destination airport, a match's home
// and away team): "flights per airport" does not say which, and the join found took the first. The
// answer is refused naming both keys, unless a word names the role of the key taken. Invented
// schemas: an airline and a football league.

const AIRLINE = catalog([
  table(
    "airports",
    [
      ["airport_id", "integer"],
      ["airport_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["airport_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "flights",
        [
          ["flight_id", "integer"],
          ["origin_airport_id", "integer"],
          ["destination_airport_id", "integer"],
          ["distance_km", "numeric"],
        ],
        { primaryKey: ["flight_id"] },
      ),
      "origin_airport_id",
      "airports",
      "airport_id",
    ),
    "destination_airport_id",
    "airports",
    "airport_id",
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
  withForeignKey(
    withForeignKey(
      table(
        "matches",
        [
          ["match_id", "integer"],
          ["home_team_id", "integer"],
          ["away_team_id", "integer"],
          ["attendance", "integer"],
        ],
        { primaryKey: ["match_id"] },
      ),
      "home_team_id",
      "teams",
      "team_id",
    ),
    "away_team_id",
    "teams",
    "team_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("two keys between the same tables", () => {
  it("refuses when no word says which key, naming both", () => {
    for (const [c, q, keys] of [
      [AIRLINE, "How many flights per airport?", ["flights.origin_airport_id", "flights.destination_airport_id"]],
      [AIRLINE, "average distance of flights for each city", ["flights.origin_airport_id"]],
      [LEAGUE, "total attendance of matches per team", ["matches.home_team_id", "matches.away_team_id"]],
      // Related rows and counted thresholds join apart from the planner's tree; they took the first
      // key silently (wrong answers found while probing).
      [AIRLINE, "airports with no flights", ["flights.origin_airport_id", "flights.destination_airport_id"]],
      [AIRLINE, "airports with more than 100 flights", ["flights.origin_airport_id"]],
      [LEAGUE, "teams with no matches", ["matches.home_team_id", "matches.away_team_id"]],
      [LEAGUE, "teams with more than 5 matches", ["matches.home_team_id"]],
    ] as const) {
      const r = generateSql(c, q, options);
      expect(r.ok, q).toBe(false);
      if (!r.ok) for (const k of keys) expect(r.reason, q).toContain(k);
    }
  });

  it("answers when a word names the role of the key (airline, league)", async () => {
    await expectSql(
      AIRLINE,
      { q: "How many flights per origin airport?", has: ["JOIN airports a ON a.airport_id = f.origin_airport_id"] },
      options,
    );
    await expectSql(
      LEAGUE,
      { q: "total attendance of matches per home team", has: ["ON t.team_id = m.home_team_id", "SUM(m.attendance)"] },
      options,
    );
    await expectSql(LEAGUE, { q: "How many matches are there?", has: ["COUNT(*)"], not: ["JOIN"] }, options);
  });
});
