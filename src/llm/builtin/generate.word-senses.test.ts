import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Words read in the wrong sense (round 7, found blind): "pupils in grade 5" as grades.grade_id = 5
 * beside pupils.grade_lvl (a level is said without "level"); "the average class size" as AVG of
 * max_size (a bound is not a size); "return rate by genre" as AVG(rating) (a rating is no rate);
 * "spaces that can't be booked" as spaces with no bookings beside is_bookable (an ability is the
 * flag named for it, and is refused where none records it). Schemas: a swim school and a dance
 * studio, invented here.
 */

const SWIM_SCHOOL = catalog([
  table(
    "swimmers",
    [
      ["swimmer_id", "integer"],
      ["swimmer_nm", "text"],
      ["stage_lvl", "integer"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["swimmer_id"] },
  ),
  withForeignKey(
    table(
      "stages",
      [
        ["stage_id", "integer"],
        ["swimmer_id", "integer"],
        ["passed_dt", "date"],
      ],
      { primaryKey: ["stage_id"] },
    ),
    "swimmer_id",
    "swimmers",
    "swimmer_id",
  ),
  table(
    "lanes",
    [
      ["lane_id", "integer"],
      ["lane_nm", "text"],
      ["max_size", "integer"],
      ["is_bookable", "boolean"],
    ],
    { primaryKey: ["lane_id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "lane_bookings",
        [
          ["booking_id", "integer"],
          ["lane_id", "integer"],
          ["swimmer_id", "integer"],
          ["booked_ts", "timestamp"],
        ],
        { primaryKey: ["booking_id"] },
      ),
      "lane_id",
      "lanes",
      "lane_id",
    ),
    "swimmer_id",
    "swimmers",
    "swimmer_id",
  ),
  withForeignKey(
    table(
      "lane_reviews",
      [
        ["review_id", "integer"],
        ["lane_id", "integer"],
        ["rating", "integer"],
      ],
      { primaryKey: ["review_id"] },
    ),
    "lane_id",
    "lanes",
    "lane_id",
  ),
]);

const DANCE_STUDIO = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["member_nm", "text"],
      ["tier_lvl", "integer"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
  withForeignKey(
    table(
      "tiers",
      [
        ["tier_id", "integer"],
        ["member_id", "integer"],
        ["reached_dt", "date"],
      ],
      { primaryKey: ["tier_id"] },
    ),
    "member_id",
    "members",
    "member_id",
  ),
  table(
    "studios",
    [
      ["studio_id", "integer"],
      ["studio_nm", "text"],
      ["max_size", "integer"],
      ["is_rentable", "boolean"],
    ],
    { primaryKey: ["studio_id"] },
  ),
  withForeignKey(
    table(
      "studio_rentals",
      [
        ["rental_id", "integer"],
        ["studio_id", "integer"],
        ["rented_ts", "timestamp"],
      ],
      { primaryKey: ["rental_id"] },
    ),
    "studio_id",
    "studios",
    "studio_id",
  ),
  withForeignKey(
    table(
      "studio_reviews",
      [
        ["review_id", "integer"],
        ["studio_id", "integer"],
        ["rating", "integer"],
      ],
      { primaryKey: ["review_id"] },
    ),
    "studio_id",
    "studios",
    "studio_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a level is said without the word 'level'", () => {
  it("swim school: swimmers in stage 3", async () => {
    await expectSql(
      SWIM_SCHOOL,
      { q: "How many swimmers are in stage 3?", has: ["WHERE s.stage_lvl = 3"], not: ["stage_id"] },
      options,
    );
  });

  it("dance studio: members in tier 2", async () => {
    await expectSql(
      DANCE_STUDIO,
      { q: "How many members are in tier 2?", has: ["WHERE m.tier_lvl = 2"], not: ["tier_id"] },
      options,
    );
  });
});

describe("a bound is not a size, a rating is no rate", () => {
  it("swim school", async () => {
    expectDeclined(SWIM_SCHOOL, "What is the average lane size?", options);
    expectDeclined(SWIM_SCHOOL, "Return rate by lane", options, /"rate"/);
    await expectSql(SWIM_SCHOOL, { q: "Average rating by lane", has: ["AVG(lr.rating)"] }, options);
  });

  it("dance studio", () => {
    expectDeclined(DANCE_STUDIO, "What is the average studio size?", options);
    expectDeclined(DANCE_STUDIO, "Rate per studio", options, /"rate"/);
  });
});

describe("an ability is the flag named for it", () => {
  it("swim school: lanes that can't (or can) be booked", async () => {
    await expectSql(
      SWIM_SCHOOL,
      { q: "Lanes that can't be booked", has: ["l.is_bookable = false"], not: ["lane_bookings"] },
      options,
    );
    await expectSql(SWIM_SCHOOL, { q: "Lanes that can be booked", has: ["l.is_bookable = true"] }, options);
  });

  it("dance studio: studios that cannot be rented; an ability no column records is refused", async () => {
    await expectSql(
      DANCE_STUDIO,
      { q: "Studios that cannot be rented", has: ["s.is_rentable = false"], not: ["studio_rentals"] },
      options,
    );
    expectDeclined(DANCE_STUDIO, "Which studios can be cleaned?", options, /"can be cleaned": an ability/);
  });
});
