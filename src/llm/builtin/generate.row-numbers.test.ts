import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "average game score per league" beside game_score.game_no and score_pts averaged game_no, the
 * game's number in its session (round 10, found blind): with the table's own name, "game" and "score"
 * named it as well as the score. A number a row is known by (game_no, lap_no) places it and counts
 * nothing; only a phrase naming it whole measures it. Schemas: a kart track and a darts club,
 * invented here.
 */

const KARTING = catalog([
  table(
    "lap_time",
    [
      ["lap_time_id", "integer"],
      ["driver_nm", "text"],
      ["lap_no", "integer"],
      ["time_val", "numeric"],
    ],
    { primaryKey: ["lap_time_id"] },
  ),
]);

const DARTS = catalog([
  table(
    "leg_score",
    [
      ["leg_score_id", "integer"],
      ["player_nm", "text"],
      ["leg_no", "integer"],
      ["score_val", "integer"],
    ],
    { primaryKey: ["leg_score_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a number a row is known by is not what a phrase measures", () => {
  it("kart track: lap times, not lap numbers", async () => {
    await expectSql(KARTING, { q: "average lap time by driver", has: ["AVG(lt.time_val)"], not: ["lap_no"] }, options);
  });

  it("darts club: leg scores, not leg numbers", async () => {
    await expectSql(DARTS, { q: "average leg score by player", has: ["AVG(ls.score_val)"], not: ["leg_no"] }, options);
  });
});
