import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Parts of a question an answer would silently drop: "which" answered with one figure, a compared
 * count left out of a plan that took another branch, a "than" compared with something other than a
 * number. Each is refused. Schemas: an events venue (halls, visits, bookings) and a rowing club
 * (boats, outings), invented here.
 */

const VENUE = catalog([
  table(
    "halls",
    [
      ["hall_id", "integer"],
      ["hall_name", "text"],
      ["hall_kind", "text"],
      ["capacity", "integer"],
    ],
    { primaryKey: ["hall_id"], samples: { hall_kind: ["ballroom", "studio", "terrace"] } },
  ),
  withForeignKey(
    table(
      "visits",
      [
        ["visit_id", "integer"],
        ["hall_id", "integer"],
        ["stars", "integer"],
      ],
      { primaryKey: ["visit_id"] },
    ),
    "hall_id",
    "halls",
    "hall_id",
  ),
  withForeignKey(
    table(
      "bookings",
      [
        ["booking_id", "integer"],
        ["hall_id", "integer"],
        ["guests", "integer"],
        ["event_dt", "date"],
        ["booking_status", "text"],
      ],
      { primaryKey: ["booking_id"], samples: { booking_status: ["confirmed", "cancelled"] } },
    ),
    "hall_id",
    "halls",
    "hall_id",
  ),
]);

const ROWING = catalog([
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["boat_nm", "text"],
      ["hull_kind", "text"],
      ["weight_kg", "numeric"],
    ],
    { primaryKey: ["boat_id"], samples: { hull_kind: ["racing_shell", "coastal_gig"] } },
  ),
  withForeignKey(
    table(
      "outings",
      [
        ["outing_id", "integer"],
        ["boat_id", "integer"],
        ["distance_km", "numeric"],
        ["planned_km", "numeric"],
        ["rowed_dt", "date"],
        ["outcome", "text"],
      ],
      { primaryKey: ["outing_id"], samples: { outcome: ["finished", "capsized"] } },
    ),
    "boat_id",
    "boats",
    "boat_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("'which' is never answered with one figure", () => {
  it("venue and rowing club: a value standing for the rows ranked is refused, not answered with MAX", () => {
    expectDeclined(VENUE, "Which ballroom has the largest capacity?", options, /which/);
    expectDeclined(ROWING, "Which coastal gig has the highest weight?", options, /which/);
  });

  it("the rows named by their noun are still ranked", async () => {
    await expectSql(VENUE, { q: "Which hall has the largest capacity?", has: ["ORDER BY", "LIMIT 1"] }, options);
  });
});

describe("a compared count is a condition of the answer", () => {
  it("venue and rowing club: 'and at least N <rows>' beside an average is refused, not dropped", async () => {
    expectDeclined(VENUE, "Halls with an average stars above 4 and at least 5 visits", options, /at least 5/);
    expectDeclined(ROWING, "Boats with an average distance above 10 and at least 3 outings", options, /at least 3/);
    await expectSql(VENUE, { q: "Halls with at least 5 visits", has: [">= 5"] }, options);
  });
});

describe("'than' without a number compares two figures, which is refused", () => {
  it("venue and rowing club", async () => {
    // Without it, both listed every hall (boat) with a booking (outing) of either status.
    expectDeclined(VENUE, "Halls with more cancelled bookings than confirmed ones", options, /than/);
    expectDeclined(ROWING, "Boats that capsized more times than they finished", options, /than/);
    await expectSql(ROWING, { q: "Outings with a distance over 12", has: ["o.distance_km > 12"] }, options);
  });
});
