import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "What fraction of …" (a share between 0 and 1), rows that have a value "listed", states said with
// "yet", and yes/no kept as whole numbers (an integer column described as 1 or 0). Two invented
// schemas: a lending library and a boatyard.

const LIBRARY = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
      ["phone", "text"],
    ],
    { primaryKey: ["member_id"] },
  ),
  table(
    "loans",
    [
      ["loan_id", "integer"],
      ["member_id", "integer"],
      ["lent_on", "date"],
      ["returned_on", "date"],
    ],
    { primaryKey: ["loan_id"] },
  ),
]);

const boats = table(
  "boats",
  [
    ["boat_id", "integer"],
    ["boat_name", "text"],
    ["retired", "integer"],
    ["length_m", "numeric"],
    ["home_port", "text"],
  ],
  { primaryKey: ["boat_id"] },
);
(boats.columns[2] as { comment?: string }).comment = "1 if the boat is out of service, 0 otherwise";
const BOATYARD = catalog([boats]);

const options = { currentDate: "2026-12-05" };

describe("fractions", () => {
  it.each([
    {
      q: "What fraction of members have a phone listed?",
      has: ["ROUND(1.0 * COUNT(*) FILTER (WHERE m.phone IS NOT NULL) / NULLIF(COUNT(*), 0), 4)"],
      not: ["100.0"],
    },
    { q: "What fraction of loans have not been returned yet?", has: ["FILTER (WHERE l.returned_on IS NULL)", "1.0 *"] },
  ])("library: $q", async (c) => {
    await expectSql(LIBRARY, c, options);
  });

  it.each([
    { q: "What fraction of boats are retired?", has: ["FILTER (WHERE b.retired = 1)", "ROUND(1.0 *"] },
    { q: "What fraction of boats have a home port given?", has: ["FILTER (WHERE b.home_port IS NOT NULL)"] },
  ])("boatyard: $q", async (c) => {
    await expectSql(BOATYARD, c, options);
  });

  it("explains a fraction as one", () => {
    const r = generateSql(LIBRARY, "What fraction of members have a phone?", options);
    expect(r.ok && r.explanation).toContain("as a fraction of");
  });
});

describe("presence said with a trailing participle", () => {
  it("library: members with no phone listed", async () => {
    await expectSql(LIBRARY, { q: "How many members have no phone listed?", has: ["m.phone IS NULL"] }, options);
  });
  it("boatyard: boats with a home port recorded", async () => {
    await expectSql(
      BOATYARD,
      { q: "How many boats have a home port recorded?", has: ["b.home_port IS NOT NULL"] },
      options,
    );
  });
});

describe("yes/no kept as a whole number", () => {
  it.each([
    { q: "How many boats are retired?", has: ["WHERE b.retired = 1"] },
    { q: "List the boats that are not retired", has: ["WHERE b.retired = 0"] },
    { q: "What percentage of boats are retired?", has: ["ROUND(100.0 *", "FILTER (WHERE b.retired = 1)"] },
  ])("boatyard: $q", async (c) => {
    await expectSql(BOATYARD, c, options);
  });

  it("an is_ column of another schema", async () => {
    const shop = catalog([
      table(
        "products",
        [
          ["product_id", "integer"],
          ["product_name", "text"],
          ["is_organic", "smallint"],
        ],
        { primaryKey: ["product_id"] },
      ),
    ]);
    await expectSql(shop, { q: "How many organic products are there?", has: ["p.is_organic = 1"] }, options);
  });
});

describe("each group's share, said with the verb of a share", () => {
  it("library: percentage of loans each member accounts for", async () => {
    await expectSql(
      LIBRARY,
      {
        q: "For each member, what percentage of all loans does it account for?",
        has: ["COUNT(*) / NULLIF(SUM(COUNT(*)) OVER (), 0)", "GROUP BY"],
      },
      options,
    );
  });
  it("boatyard: share of boats each home port makes up", async () => {
    await expectSql(
      BOATYARD,
      { q: "What share of boats does each home port make up?", has: ["b.home_port", "SUM(COUNT(*)) OVER ()"] },
      options,
    );
  });
});

describe("an amount that is never NULL is had when it is not zero", () => {
  const notNull = (t: ReturnType<typeof table>, name: string) => {
    const c = t.columns.find((x) => x.name === name) as { nullable: boolean };
    c.nullable = false;
    return t;
  };
  const CAFE = catalog([
    notNull(
      table(
        "sales",
        [
          ["sale_id", "integer"],
          ["amount", "numeric"],
          ["discount", "numeric"],
        ],
        { primaryKey: ["sale_id"] },
      ),
      "discount",
    ),
  ]);
  const MARINA = catalog([
    notNull(
      table(
        "moorings",
        [
          ["mooring_id", "integer"],
          ["berth", "text"],
          ["surcharge", "numeric"],
        ],
        { primaryKey: ["mooring_id"] },
      ),
      "surcharge",
    ),
  ]);

  it.each([
    { q: "How many sales have a discount?", has: ["WHERE s.discount > 0"] },
    { q: "What percentage of sales have a discount?", has: ["FILTER (WHERE s.discount > 0)"] },
  ])("cafe: $q", async (c) => {
    await expectSql(CAFE, c, options);
  });

  it.each([{ q: "How many moorings have no surcharge?", has: ["WHERE m.surcharge = 0"] }])("marina: $q", async (c) => {
    await expectSql(MARINA, c, options);
  });

  it("a nullable column keeps the NULL test", async () => {
    await expectSql(LIBRARY, { q: "How many members have a phone?", has: ["m.phone IS NOT NULL"] }, options);
  });
});
