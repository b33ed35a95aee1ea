import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { placeCode } from "../../linking";
import { generateSql } from "./generate";
import { singular } from "./phrase";
import { expectSql } from "./test-helpers";

/**
 * Values and names written differently in the question and in the schema: a state's name for its
 * postal code, and "<rows> count" for a `<rows>_count` column (where "count" is not the aggregate).
 * Two schemas: a chain of stores and a network of clinics.
 */

const STORES = catalog([
  table(
    "stores",
    [
      ["store_id", "integer"],
      ["store_name", "text"],
      ["state", "text"],
      ["visitor_count", "integer"],
    ],
    { primaryKey: ["store_id"], samples: { state: ["CA", "TX", "OR"] } },
  ),
  table(
    "sales",
    [
      ["sale_id", "integer"],
      ["store_id", "integer"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["sale_id"] },
  ),
]);

const CLINICS = catalog([
  table(
    "clinics",
    [
      ["clinic_id", "integer"],
      ["clinic_name", "text"],
      ["region_code", "text"],
      ["patient_count", "integer"],
    ],
    { primaryKey: ["clinic_id"], samples: { region_code: ["NV", "AZ", "UT"], clinic_name: ["Desert", "Canyon"] } },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("values written differently", () => {
  it("maps state names to postal codes, and leaves city-like names alone", () => {
    expect(placeCode(["california"])).toBe("ca");
    expect(placeCode(["north", "dakota"])).toBe("nd");
    expect(placeCode(["new", "york"])).toBeUndefined();
    expect(placeCode(["paris"])).toBeUndefined();
  });

  it("a state's name finds its code among the values (stores, clinics)", async () => {
    await expectSql(
      STORES,
      { q: "What is the total sales amount for stores in California?", has: [".state = 'CA'", "SUM("] },
      options,
    );
    await expectSql(CLINICS, { q: 'How many clinics are in "Nevada"?', has: ["region_code = 'NV'"] }, options);
  });

  it("'<rows> count' names the count column, not a COUNT (stores, clinics)", async () => {
    await expectSql(
      STORES,
      { q: "What are the top 3 stores by visitor count?", has: ["visitor_count DESC", "LIMIT 3"], not: ["COUNT("] },
      options,
    );
    await expectSql(
      CLINICS,
      { q: "What is the total patient count for each region code?", has: ["SUM(c.patient_count)"] },
      options,
    );
  });

  it("singular of -sses words", () => {
    expect(singular("businesses")).toBe("business");
    expect(singular("addresses")).toBe("address");
    expect(generateSql(STORES, "How many stores are there?", options).ok).toBe(true);
  });
});

describe("'the <value> <noun>': a named individual of the noun's table", () => {
  const CAMPUS = catalog([
    table(
      "faculties",
      [
        ["faculty_id", "integer"],
        ["name", "text"],
      ],
      {
        primaryKey: ["faculty_id"],
        samples: { name: ["Law", "Medicine"] },
      },
    ),
    table(
      "modules",
      [
        ["module_id", "integer"],
        ["title", "text"],
        ["field", "text"],
      ],
      {
        primaryKey: ["module_id"],
        samples: { field: ["Law", "History"] },
      },
    ),
    table(
      "learners",
      [
        ["learner_id", "integer"],
        ["faculty_id", "integer"],
      ],
      { primaryKey: ["learner_id"] },
    ),
  ]);

  it("picks the column of the table the noun names, and reads the noun (campus, stores)", async () => {
    await expectSql(
      CAMPUS,
      { q: "How many learners are in the Law faculty?", has: ["JOIN faculties", "f.name = 'Law'"], not: ["field"] },
      options,
    );
    await expectSql(
      CLINICS,
      { q: "What is the total patient count of the Desert clinic?", has: ["clinic_name = 'Desert'"], not: ["region"] },
      options,
    );
  });

  it("leaves 'shipped orders'-style plurals to the question (campus)", () => {
    const r = generateSql(CAMPUS, "List the Law modules", options);
    if (r.ok) expect(r.sql).toContain("FROM modules");
  });
});

describe("'from X to Y': origin and destination columns, never one IN list", () => {
  const TRIPS = catalog([
    table(
      "trips",
      [
        ["trip_id", "integer"],
        ["origin_city", "text"],
        ["destination_city", "text"],
        ["fare", "numeric"],
      ],
      { primaryKey: ["trip_id"], samples: { origin_city: ["Oslo", "Bergen"], destination_city: ["Oslo", "Bergen"] } },
    ),
  ]);
  const SHIPPING = catalog([
    table(
      "shipments",
      [
        ["shipment_id", "integer"],
        ["from_port", "text"],
        ["to_port", "text"],
        ["stop_port", "text"],
      ],
      {
        primaryKey: ["shipment_id"],
        samples: { from_port: ["Rotterdam", "Hamburg"], to_port: ["Rotterdam", "Hamburg"], stop_port: ["Hamburg"] },
      },
    ),
  ]);
  const STOPS = catalog([
    table(
      "legs",
      [
        ["leg_id", "integer"],
        ["port", "text"],
      ],
      {
        primaryKey: ["leg_id"],
        samples: { port: ["Rotterdam", "Hamburg"] },
      },
    ),
  ]);

  it("binds each value to its direction (trips, shipping)", async () => {
    await expectSql(
      TRIPS,
      { q: "How many trips are from Oslo to Bergen?", has: ["origin_city = 'Oslo'", "destination_city = 'Bergen'"] },
      options,
    );
    await expectSql(
      SHIPPING,
      {
        q: "How many shipments are from Rotterdam to Hamburg?",
        has: ["from_port = 'Rotterdam'", "to_port = 'Hamburg'"],
      },
      options,
    );
  });

  it("knows direction words by their stem, not their spelling (transfers: source_account, dropoff_zone)", async () => {
    const TRANSFERS = catalog([
      table(
        "transfers",
        [
          ["transfer_id", "integer"],
          ["source_zone", "text"],
          ["dropoff_zone", "text"],
        ],
        { primaryKey: ["transfer_id"], samples: { source_zone: ["North", "South"], dropoff_zone: ["North", "South"] } },
      ),
    ]);
    await expectSql(
      TRANSFERS,
      { q: "How many transfers are from North to South?", has: ["source_zone = 'North'", "dropoff_zone = 'South'"] },
      options,
    );
  });

  it("refuses when one column would hold both ends (legs)", () => {
    const r = generateSql(STOPS, "How many legs are from Rotterdam to Hamburg?", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/from rotterdam to hamburg|where it starts/i);
  });
});

describe("'both X and Y' of one column asks for rows having each", () => {
  it("is refused, never answered as either (stores, clinics)", () => {
    const a = generateSql(STORES, "Which stores have sales in both CA and TX?", options);
    expect(a.ok ? a.sql : a.reason).toMatch(/both|each of several/);
    const b = generateSql(CLINICS, 'Which clinics are in both "Nevada" and "Utah"?', options);
    expect(b.ok ? b.sql : b.reason).toMatch(/both|each of several/);
  });
});
