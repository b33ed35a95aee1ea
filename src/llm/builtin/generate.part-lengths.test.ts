import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "shifts longer than 10 hours" beside shift.break_min compared the break with 600 minutes (round
 * 10, found blind): the only column holding a length was the break's. A length named for a part of
 * the row is that part's; the row's own length is a column named only by its quantity (length_min,
 * duration_sec) or by the table's noun. Schemas: a warehouse rota and a podcast, invented here.
 */

const ROTA = catalog([
  table(
    "rota_shifts",
    [
      ["shift_id", "integer"],
      ["started_ts", "timestamp"],
      ["ended_ts", "timestamp"],
      ["break_mins", "integer"],
    ],
    { primaryKey: ["shift_id"] },
  ),
]);

const PODCAST = catalog([
  table(
    "episodes",
    [
      ["episode_id", "integer"],
      ["title", "text"],
      ["published_dt", "date"],
      ["intro_secs", "integer"],
    ],
    { primaryKey: ["episode_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a length named for a part of the row is not the row's length", () => {
  it("rota: a shift's break is not the shift", async () => {
    expectDeclined(ROTA, "shifts longer than 10 hours", options, /longer than 10 hours/);
    await expectSql(ROTA, { q: "shifts with breaks longer than 30 minutes", has: ["rs.break_mins > 30"] }, options);
  });

  it("podcast: an episode's intro is not the episode", async () => {
    expectDeclined(PODCAST, "episodes longer than 1 hour", options, /longer than 1 hour/);
    await expectSql(PODCAST, { q: "episodes with intros longer than 2 minutes", has: ["e.intro_secs > 120"] }, options);
  });
});
