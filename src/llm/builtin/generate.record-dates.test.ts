import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "trucks with no stops last week", "how many stops has each truck done this month" dated the stops
 * by truck_stops.created_ts, when the record was made, beside sched_start_ts, when the stop was held
 * (round 10, found blind). When no word names the date and the one chosen is the record's own, while
 * the rows keep a date of what they record that no word names either, the period may be of either:
 * refused, naming both. A word naming one decides; a record date alone (created and updated) stays.
 * Schemas: a ferry line, a water lab and a blog, invented here.
 */

const FERRY = catalog([
  table(
    "sailings",
    [
      ["sailing_id", "integer"],
      ["route_cd", "text"],
      ["created_ts", "timestamp"],
      ["depart_ts", "timestamp"],
      ["passengers_qty", "integer"],
    ],
    { primaryKey: ["sailing_id"], samples: { route_cd: ["NORTH", "SOUTH"] } },
  ),
]);

const WATER_LAB = catalog([
  table(
    "samples_in",
    [
      ["sample_id", "integer"],
      ["test_cd", "text"],
      ["entered_dt", "date"],
      ["collected_dt", "date"],
      ["result_val", "numeric"],
    ],
    { primaryKey: ["sample_id"], samples: { test_cd: ["LEAD", "NITRATE"] } },
  ),
]);

const BLOG = catalog([
  table(
    "posts",
    [
      ["post_id", "integer"],
      ["title", "text"],
      ["created_ts", "timestamp"],
      ["updated_ts", "timestamp"],
    ],
    { primaryKey: ["post_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };
const GUESS = /which date .* dates: .* or .* \(no word names either\)/;

describe("a record's own date is not guessed for a period when the rows keep the date of what they record", () => {
  it("ferry: sailings created or departed", async () => {
    expectDeclined(FERRY, "sailings last week", options, GUESS);
    expectDeclined(FERRY, "passengers by route this month", options, GUESS);
    await expectSql(
      FERRY,
      { q: "sailings that departed last week", has: ["s.depart_ts >= DATE '2026-11-30'"] },
      options,
    );
    await expectSql(
      FERRY,
      { q: "how many sailings were created last week", has: ["s.created_ts >= DATE '2026-11-30'"] },
      options,
    );
  });

  it("water lab: samples entered or collected", async () => {
    expectDeclined(WATER_LAB, "samples this month", options, GUESS);
    await expectSql(
      WATER_LAB,
      { q: "samples collected this month", has: ["si.collected_dt >= DATE '2026-12-01'"] },
      options,
    );
  });

  it("blog: a creation date beside an update is still the rows' date", async () => {
    await expectSql(BLOG, { q: "posts last month", has: ["p.created_ts >= DATE '2026-11-01'"] }, options);
  });
});

/**
 * "lane fee revenue in November" beside booking.booked_ts and start_ts summed the fees of bookings
 * made in November (round 10, found blind): a date named for the rows' own noun is when they happen,
 * unless it is their making; beside a start no word names, the period may be either. Refused; a
 * making verb ("made") names the booking's date. Schemas: tennis courts and a golf course.
 */
const COURTS = catalog([
  table(
    "court_booking",
    [
      ["court_booking_id", "integer"],
      ["court_no", "integer"],
      ["booked_ts", "timestamp"],
      ["start_ts", "timestamp"],
      ["fee_amt", "numeric"],
    ],
    { primaryKey: ["court_booking_id"] },
  ),
]);

const GOLF = catalog([
  table(
    "tee_booking",
    [
      ["tee_booking_id", "integer"],
      ["player_nm", "text"],
      ["booking_ts", "timestamp"],
      ["sched_start_ts", "timestamp"],
      ["green_fee_amt", "numeric"],
    ],
    { primaryKey: ["tee_booking_id"] },
  ),
]);

describe("a booking's making is not guessed for a period beside its start", () => {
  it("courts", async () => {
    expectDeclined(COURTS, "total fees in November", options, GUESS);
    await expectSql(
      COURTS,
      { q: "court bookings made in November", has: ["cb.booked_ts >= DATE '2026-11-01'"] },
      options,
    );
  });

  it("golf", async () => {
    expectDeclined(GOLF, "total green fees last week", options, GUESS);
    await expectSql(GOLF, { q: "tee bookings made last week", has: ["tb.booking_ts >= DATE '2026-11-30'"] }, options);
  });
});
