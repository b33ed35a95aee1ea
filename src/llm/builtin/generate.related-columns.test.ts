import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { extractOutputList } from "./output-list";
import { expectSql } from "./test-helpers";

// "List the X … together with their Y", "… with the name of its Y", "…: id, the Y's name": a column of
// a table each listed row has at most one of (many-to-one joins only), shown beside the rows. Two
// invented schemas; neither declares a foreign key (columns named like keys are followed).

const SHELF = catalog([
  table(
    "books",
    [
      ["book_id", "integer"],
      ["title", "text"],
      ["author_id", "integer"],
      ["genre_id", "integer"],
    ],
    { primaryKey: ["book_id"] },
  ),
  table(
    "authors",
    [
      ["author_id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["author_id"] },
  ),
  table(
    "genres",
    [
      ["genre_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["genre_id"], samples: { name: ["Poetry", "Drama"] } },
  ),
]);

const DEPOT = catalog([
  table(
    "shipments",
    [
      ["shipment_id", "integer"],
      ["carrier_id", "integer"],
      ["warehouse_id", "integer"],
      ["shipped_on", "date"],
    ],
    { primaryKey: ["shipment_id"] },
  ),
  table(
    "carriers",
    [
      ["carrier_id", "integer"],
      ["carrier_name", "text"],
    ],
    { primaryKey: ["carrier_id"], samples: { carrier_name: ["FastFreight", "SlowBoat"] } },
  ),
  table(
    "warehouses",
    [
      ["warehouse_id", "integer"],
      ["warehouse_name", "text"],
    ],
    { primaryKey: ["warehouse_id"], samples: { warehouse_name: ["North Hub", "South Yard"] } },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("the attribute asked after the rows", () => {
  it("is taken off the question, with or without a comma, and 'with' only before a possessive", () => {
    expect(extractOutputList("List the books in the Poetry genre together with their author.")).toMatchObject({
      rest: "List the books in the Poetry genre.",
      items: [{ text: "author", alongside: true }],
    });
    expect(extractOutputList("Show every shipment from North Hub with the name of its carrier.")).toMatchObject({
      rest: "Show every shipment from North Hub.",
      items: [{ text: "the name of its carrier", alongside: true }],
    });
    expect(extractOutputList("List the carriers with the most shipments.").items).toBeUndefined();
  });
});

describe("a column of a table each row has one of", () => {
  it("is joined and shown beside the rows (shelf)", async () => {
    await expectSql(
      SHELF,
      {
        q: "List the books in the Poetry genre together with their author.",
        has: ["a.full_name", "JOIN authors a ON a.author_id = b.author_id", "WHERE g.name = 'Poetry'"],
      },
      options,
    );
  });

  it("is joined and shown beside whole rows (depot)", async () => {
    await expectSql(
      DEPOT,
      {
        q: "List the shipments from North Hub along with the carrier's name.",
        has: ["SELECT s.*, c.carrier_name", "JOIN carriers c ON c.carrier_id = s.carrier_id"],
      },
      options,
    );
    await expectSql(
      DEPOT,
      {
        q: "Show every shipment from North Hub with the name of its carrier.",
        has: ["SELECT s.*, c.carrier_name"],
      },
      options,
    );
  });

  it("is one of the columns listed after a colon (depot)", async () => {
    await expectSql(
      DEPOT,
      {
        q: "List the shipments of FastFreight: shipment id, the carrier name and the warehouse name.",
        has: ["SELECT s.shipment_id, c.carrier_name, w.warehouse_name", "JOIN warehouses w"],
      },
      options,
    );
  });

  it("is refused when each row has many of it (shelf and depot)", () => {
    expect(generateSql(SHELF, "List the authors together with their books.", options).ok).toBe(false);
    expect(generateSql(DEPOT, "List the carriers along with their shipments.", options).ok).toBe(false);
  });
});
