import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "average days between booking and game date by channel" beside bookings.escape_time_sec was
 * answered with the seconds spent in the room, under the name avg_days ("day" is a synonym of
 * "time"). A column holding a length of time in one unit is not what a phrase asking another time
 * unit measures; in its own unit it still is. Schemas: a laundry and a call centre, invented here.
 */

const LAUNDRY = catalog([
  table(
    "wash_cycles",
    [
      ["cycle_id", "integer"],
      ["machine_no", "integer"],
      ["program_cd", "text"],
      ["run_time_mins", "integer"],
      ["started_ts", "timestamp"],
    ],
    { primaryKey: ["cycle_id"], samples: { program_cd: ["COTTON", "WOOL", "QUICK"] } },
  ),
]);

const CALLS = catalog([
  table(
    "calls",
    [
      ["call_id", "integer"],
      ["queue_cd", "text"],
      ["talk_time_sec", "integer"],
      ["answered_ts", "timestamp"],
    ],
    { primaryKey: ["call_id"], samples: { queue_cd: ["SALES", "SUPPORT"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a length of time kept in another unit than the one asked is not measured", () => {
  it("laundry: minutes, not hours or days", async () => {
    expectDeclined(LAUNDRY, "average hours of washing by program", options, /hours/);
    expectDeclined(LAUNDRY, "total days of washing by machine", options, /days/);
    await expectSql(LAUNDRY, { q: "average run time by program", has: ["AVG(wc.run_time_mins)"] }, options);
    await expectSql(LAUNDRY, { q: "total run time by machine", has: ["SUM(wc.run_time_mins)"] }, options);
  });

  it("call centre: seconds, not minutes or days", async () => {
    expectDeclined(CALLS, "average minutes of talking by queue", options, /minutes/);
    expectDeclined(CALLS, "average days between calls by queue", options, /days/);
    await expectSql(CALLS, { q: "average talk time by queue", has: ["AVG(c.talk_time_sec)"] }, options);
  });
});
