import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { extractOutputList } from "./output-list";
import { expectSql } from "./test-helpers";

// How a stranger relates rows in words: "staff based in Leeds" (the value is the named table's, and
// "made by staff based in …" names who, not a grouping), "the artist's first and last name", "Which
// exhibitions does X curate?" (the verb of a queried table's rows), "deliveries going to Hull". Two
// invented schemas, each with the value in two tables.

const COURIER = catalog([
  table(
    "staff",
    [
      ["staff_id", "integer"],
      ["full_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["staff_id"], samples: { city: ["Leeds", "York"] } },
  ),
  table(
    "deliveries",
    [
      ["delivery_id", "integer"],
      ["staff_id", "integer"],
      ["dest_city", "text"],
      ["courier_id", "integer"],
    ],
    { primaryKey: ["delivery_id"], samples: { dest_city: ["Leeds", "Hull"] } },
  ),
  table(
    "couriers",
    [
      ["courier_id", "integer"],
      ["courier_name", "text"],
    ],
    { primaryKey: ["courier_id"], samples: { courier_name: ["Swift Ltd", "Parcelo"] } },
  ),
]);

const GALLERY = catalog([
  table(
    "artists",
    [
      ["artist_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
      ["country", "text"],
    ],
    { primaryKey: ["artist_id"], samples: { country: ["Peru", "Chile"] } },
  ),
  table(
    "exhibitions",
    [
      ["exhibition_id", "integer"],
      ["artist_id", "integer"],
      ["title", "text"],
      ["country", "text"],
      ["curator_id", "integer"],
    ],
    { primaryKey: ["exhibition_id"], samples: { country: ["Peru", "Spain"] } },
  ),
  table(
    "curators",
    [
      ["curator_id", "integer"],
      ["curator_name", "text"],
    ],
    { primaryKey: ["curator_id"], samples: { curator_name: ["Ines Ruiz", "Tom Abel"] } },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a value right after a table noun and a preposition", () => {
  it("is that table's, and the agent it qualifies is no grouping (courier)", async () => {
    await expectSql(
      COURIER,
      {
        q: "How many deliveries were made by staff based in Leeds?",
        has: ["WHERE s.city = 'Leeds'"],
        not: ["dest_city", "GROUP BY"],
      },
      options,
    );
  });

  it("is that table's (gallery)", async () => {
    await expectSql(
      GALLERY,
      {
        q: "How many exhibitions of artists from Peru are there?",
        has: ["WHERE a.country = 'Peru'"],
        not: ["e.country"],
      },
      options,
    );
  });
});

describe("both halves of an owner's name", () => {
  it("keep the owner on each", () => {
    expect(extractOutputList("List the exhibitions. Show the title, the artist's first and last name.").items).toEqual([
      expect.objectContaining({ text: "title" }),
      expect.objectContaining({ text: "the artist's first name" }),
      expect.objectContaining({ text: "the artist's last name" }),
    ]);
  });

  it("are the related table's columns (gallery)", async () => {
    await expectSql(
      GALLERY,
      {
        q: "List the exhibitions of artists from Peru: title, the artist's first and last name.",
        has: ["SELECT e.title, a.first_name, a.last_name", "WHERE a.country = 'Peru'"],
      },
      options,
    );
  });
});

describe("a verb of the queried rows", () => {
  it("says what a curator does (gallery)", async () => {
    await expectSql(
      GALLERY,
      { q: "Which exhibitions does Ines Ruiz curate?", has: ["JOIN curators c", "WHERE c.curator_name = 'Ines Ruiz'"] },
      options,
    );
  });

  it("says what a courier does, and 'going to' a destination (courier)", async () => {
    await expectSql(
      COURIER,
      { q: "Which deliveries does Swift Ltd courier?", has: ["WHERE c.courier_name = 'Swift Ltd'"] },
      options,
    );
    await expectSql(
      COURIER,
      { q: "How many deliveries are going to Hull?", has: ["WHERE d.dest_city = 'Hull'"] },
      options,
    );
  });
});
