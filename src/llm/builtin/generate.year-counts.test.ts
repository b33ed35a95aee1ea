import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// "number of comedies released after 2010" answered SUM(release_year) ("released" names the
// column): a wrong answer found while probing. Years are points in time, never added up, and the
// participle before the dates says which date, not what is counted. "total minutes watched per user
// in November" filtered the users' sign-up date: the group's noun is not what the dates date.
// Invented schemas: a streaming service and a book catalogue.

const STREAMING = catalog([
  table(
    "users",
    [
      ["user_id", "integer"],
      ["email", "text"],
      ["signed_up_at", "timestamp"],
    ],
    { primaryKey: ["user_id"] },
  ),
  table(
    "titles",
    [
      ["title_id", "integer"],
      ["name", "text"],
      ["genre", "text"],
      ["release_year", "integer"],
    ],
    { primaryKey: ["title_id"], samples: { genre: ["comedy", "drama"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "plays",
        [
          ["play_id", "integer"],
          ["user_id", "integer"],
          ["title_id", "integer"],
          ["started_at", "timestamp"],
          ["minutes_watched", "integer"],
        ],
        { primaryKey: ["play_id"] },
      ),
      "user_id",
      "users",
      "user_id",
    ),
    "title_id",
    "titles",
    "title_id",
  ),
]);

const BOOKS = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["name", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
  table(
    "books",
    [
      ["book_id", "integer"],
      ["title", "text"],
      ["subject", "text"],
      ["published_year", "integer"],
      ["pages", "integer"],
    ],
    { primaryKey: ["book_id"], samples: { subject: ["poetry", "history"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "loans",
        [
          ["loan_id", "integer"],
          ["member_id", "integer"],
          ["book_id", "integer"],
          ["taken_on", "date"],
          ["fine", "numeric"],
        ],
        { primaryKey: ["loan_id"] },
      ),
      "member_id",
      "members",
      "member_id",
    ),
    "book_id",
    "books",
    "book_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("years are counted by, never added up", () => {
  it("streaming service", async () => {
    for (const q of ["number of comedies released after 2010", "How many comedies were released after 2010?"])
      await expectSql(
        STREAMING,
        { q, has: ["COUNT(*)", "t.genre = 'comedy'", "t.release_year >= 2011"], not: ["SUM("] },
        options,
      );
    await expectSql(
      STREAMING,
      { q: "number of titles released after 2010", has: ["COUNT(*)"], not: ["SUM(", "DISTINCT"] },
      options,
    );
    expect(sqlOrReason(STREAMING, "total release year", options)).toMatch(/holds years/);
  });

  it("book catalogue", async () => {
    await expectSql(
      BOOKS,
      { q: "number of poetry books published before 1950", has: ["COUNT(*)", "b.published_year < 1950"] },
      options,
    );
    expect(sqlOrReason(BOOKS, "the total published year of history books", options)).toMatch(/holds years/);
    await expectSql(BOOKS, { q: "total pages of history books", has: ["SUM(b.pages)"] }, options);
  });
});

describe("the dates after a grouping noun date the measured rows", () => {
  it("streaming service", async () => {
    await expectSql(
      STREAMING,
      {
        q: "total minutes watched per user in November",
        has: ["p.started_at >= DATE '2026-11-01'"],
        not: ["signed_up_at"],
      },
      options,
    );
  });

  it("book catalogue", async () => {
    await expectSql(
      BOOKS,
      { q: "total fines per member in 2025", has: ["l.taken_on >= DATE '2025-01-01'"], not: ["joined_on"] },
      options,
    );
  });
});
