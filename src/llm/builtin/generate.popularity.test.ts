import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "the most popular room type" counted the rooms of each type (a wrong answer found while probing):
// popularity is how often the rows are used, so the one table whose rows point at the ranked ones
// is counted; two such tables are refused, none leaves the rows' own count. Invented schemas: a
// hotel, a streaming service, and a one-table film list.

const HOTEL = catalog([
  table(
    "rooms",
    [
      ["room_id", "integer"],
      ["room_number", "text"],
      ["room_type", "text"],
    ],
    { primaryKey: ["room_id"], samples: { room_type: ["single", "double", "suite"] } },
  ),
  withForeignKey(
    table(
      "bookings",
      [
        ["booking_id", "integer"],
        ["room_id", "integer"],
        ["check_in", "date"],
      ],
      { primaryKey: ["booking_id"] },
    ),
    "room_id",
    "rooms",
    "room_id",
  ),
]);

const STREAMING = catalog([
  table(
    "titles",
    [
      ["title_id", "integer"],
      ["name", "text"],
      ["genre", "text"],
    ],
    { primaryKey: ["title_id"], samples: { genre: ["comedy", "drama"] } },
  ),
  withForeignKey(
    table(
      "plays",
      [
        ["play_id", "integer"],
        ["title_id", "integer"],
        ["device", "text"],
      ],
      { primaryKey: ["play_id"], samples: { device: ["tv", "mobile"] } },
    ),
    "title_id",
    "titles",
    "title_id",
  ),
  withForeignKey(
    table(
      "ratings",
      [
        ["rating_id", "integer"],
        ["title_id", "integer"],
        ["stars", "integer"],
      ],
      { primaryKey: ["rating_id"] },
    ),
    "title_id",
    "titles",
    "title_id",
  ),
]);

const FILMS = catalog([
  table(
    "films",
    [
      ["film_id", "integer"],
      ["title", "text"],
      ["genre", "text"],
    ],
    { primaryKey: ["film_id"], samples: { genre: ["western", "musical"] } },
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("popularity counts the rows that use the ranked ones", () => {
  it("hotel", async () => {
    await expectSql(
      HOTEL,
      { q: "the most popular room type", has: ["r.room_type", "COUNT(*) AS booking_count"], not: ["room_count"] },
      options,
    );
    await expectSql(
      HOTEL,
      { q: "the least popular room type", has: ["FROM rooms r LEFT JOIN bookings b", "COUNT(b.booking_id)"] },
      options,
    );
  });

  it("streaming service, and one table", async () => {
    expect(sqlOrReason(STREAMING, "the most popular genre", options)).toMatch(/plays or ratings/);
    await expectSql(STREAMING, { q: "the most popular device", has: ["p.device", "COUNT(*)"] }, options);
    await expectSql(FILMS, { q: "the most popular genre", has: ["f.genre", "COUNT(*)"] }, options);
  });
});
