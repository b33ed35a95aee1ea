import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Counting rows across joins in schemas with no declared keys: the key linking reads from names
 * (an initialism like "vid" in visit) counts rows once; a text column named like an id is never a
 * grouping label; and a count another table already keeps ("visit_count") makes "number of visits"
 * ambiguous unless the question filters the visits themselves. Two schemas: museums and gyms.
 */

const MUSEUMS = catalog([
  table("museum", [
    ["museum_id", "text"],
    ["name", "text"],
    ["visit_count", "integer"],
  ]),
  table(
    "exhibit",
    [
      ["id", "integer"],
      ["museum_id", "text"],
      ["theme_name", "text"],
    ],
    { samples: { theme_name: ["Maritime", "Aviation"] } },
  ),
  table("visit", [
    ["vid", "integer"],
    ["museum_id", "text"],
    ["year", "integer"],
  ]),
]);

const GYMS = catalog([
  table("gym", [
    ["gym_id", "text"],
    ["name", "text"],
    ["checkin_count", "integer"],
  ]),
  table(
    "amenity",
    [
      ["id", "integer"],
      ["gym_id", "text"],
      ["amenity_name", "text"],
    ],
    { samples: { amenity_name: ["Sauna", "Pool"] } },
  ),
  table("checkin", [
    ["cid", "integer"],
    ["gym_id", "text"],
    ["year", "integer"],
  ]),
]);

const options = { currentDate: "2026-06-15" };

describe("counting rows of keyless tables across joins", () => {
  it("counts by the key read from names, filtered rows (museums, gyms)", async () => {
    await expectSql(
      MUSEUMS,
      {
        q: "How many visits were there in the year 2024 for museums with Maritime exhibits?",
        has: ["COUNT(DISTINCT v.vid)", "v.year = 2024", "'Maritime'"],
      },
      options,
    );
    await expectSql(
      GYMS,
      {
        q: "How many checkins were there in the year 2024 for gyms with a Sauna amenity?",
        has: ["COUNT(DISTINCT c.cid)", "c.year = 2024", "'Sauna'"],
      },
      options,
    );
  });

  it("adds up the kept count for 'the total number of', per group of a child table (museums, gyms)", async () => {
    await expectSql(
      MUSEUMS,
      {
        q: "What is the total number of visits for each exhibit theme name?",
        has: ["SUM(m.visit_count)", "JOIN exhibit", "GROUP BY 1"],
      },
      options,
    );
    await expectSql(
      GYMS,
      { q: "What is the total number of checkins for each amenity name?", has: ["SUM(g.checkin_count)", "GROUP BY 1"] },
      options,
    );
  });

  it("refuses 'how many' when another table keeps the count and nothing filters the rows (museums, gyms)", () => {
    const m = generateSql(MUSEUMS, "How many visits are there for each exhibit theme name?", options);
    expect(m.ok ? m.sql : m.reason).toMatch(/both say how many/);
    const g = generateSql(GYMS, "How many checkins are there for each amenity name?", options);
    expect(g.ok ? g.sql : g.reason).toMatch(/both say how many/);
  });

  it("never adds up a kept count through a join that repeats rows within a group (museums, gyms)", () => {
    // Grouped by the museum's own name, the exhibits joined for the filter would repeat each museum.
    const m = generateSql(
      MUSEUMS,
      "What is the total number of visits for each museum name with Maritime or Aviation exhibits?",
      options,
    );
    if (m.ok) expect(m.sql).not.toMatch(/SUM\(m\.visit_count\)/);
    const g = generateSql(
      GYMS,
      "What is the total number of checkins for each gym name with Sauna or Pool amenities?",
      options,
    );
    if (g.ok) expect(g.sql).not.toMatch(/SUM\(g\.checkin_count\)/);
  });

  it("never groups by a text column named like an id (museums, gyms)", () => {
    for (const [c, q] of [
      [MUSEUMS, "How many exhibits are there for each museum?"],
      [GYMS, "How many amenities are there for each gym?"],
    ] as const) {
      const r = generateSql(c, q, options);
      if (r.ok) expect(r.sql).not.toMatch(/SELECT \w+\.(museum_id|gym_id),? COUNT/);
    }
  });
});

describe("sign-ups are the rows of a table that records when they were created", () => {
  const CLUB = catalog([
    table(
      "members",
      [
        ["id", "integer"],
        ["city", "text"],
        ["created_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
  ]);
  const APP = catalog([
    table(
      "accounts",
      [
        ["account_id", "integer"],
        ["country", "text"],
        ["opened_on", "date"],
      ],
      { primaryKey: ["account_id"] },
    ),
  ]);

  it("'<table> signups' counts the table's rows, and 'total signups' in a list is that count (club, app)", async () => {
    await expectSql(
      CLUB,
      {
        q: "What are the top 3 cities by number of member signups? Return the city and total signups.",
        has: ["COUNT(*)", "GROUP BY 1", "LIMIT 3"],
      },
      options,
    );
    await expectSql(
      APP,
      { q: "What are the top 2 countries by number of account registrations?", has: ["COUNT(*)", "LIMIT 2"] },
      options,
    );
  });
});

describe("a bare amount is totalled only when the words name the whole column", () => {
  const CINEMA = catalog([
    table(
      "films",
      [
        ["film_id", "integer"],
        ["title", "text"],
      ],
      { primaryKey: ["film_id"] },
    ),
    table("film_stats", [
      ["film_id", "integer"],
      ["would_watch_again", "integer"],
    ]),
    table(
      "members",
      [
        ["member_id", "integer"],
        ["name", "text"],
      ],
      { primaryKey: ["member_id"] },
    ),
    table(
      "viewings",
      [
        ["viewing_id", "integer"],
        ["film_id", "integer"],
        ["member_id", "integer"],
      ],
      {
        primaryKey: ["viewing_id"],
      },
    ),
  ]);
  const KITCHEN = catalog([
    table(
      "dishes",
      [
        ["dish_id", "integer"],
        ["dish_name", "text"],
      ],
      { primaryKey: ["dish_id"] },
    ),
    table("dish_feedback", [
      ["dish_id", "integer"],
      ["would_order_again", "integer"],
    ]),
    table(
      "guests",
      [
        ["guest_id", "integer"],
        ["name", "text"],
      ],
      { primaryKey: ["guest_id"] },
    ),
    table(
      "tickets",
      [
        ["ticket_id", "integer"],
        ["dish_id", "integer"],
        ["guest_id", "integer"],
      ],
      {
        primaryKey: ["ticket_id"],
      },
    ),
  ]);

  it("'which films have been watched' is not SUM(would_watch_again) (cinema, kitchen)", () => {
    for (const [c, q, column] of [
      [CINEMA, "Which films have been watched by members?", "would_watch_again"],
      [KITCHEN, "Which dishes have been ordered by guests?", "would_order_again"],
    ] as const) {
      const r = generateSql(c, q, options);
      if (r.ok) expect(r.sql).not.toContain(`SUM(`);
      if (r.ok) expect(r.sql).not.toContain(column);
    }
  });
});

describe("sums and averages grouped by a child table's column count each parent once per group", () => {
  const SHOP = catalog([
    table(
      "products",
      [
        ["product_id", "integer"],
        ["name", "text"],
        ["price", "numeric"],
      ],
      { primaryKey: ["product_id"] },
    ),
    // No declared key: product_tags.product_id is linked by its name.
    table("product_tags", [
      ["product_id", "integer"],
      ["tag", "text"],
    ]),
  ]);

  it("answers per child group, refuses when a filter repeats rows (shop, museums)", async () => {
    await expectSql(
      SHOP,
      { q: "What is the average price of products for each tag?", has: ["AVG(p.price)", "GROUP BY 1"] },
      options,
    );
    await expectSql(
      MUSEUMS,
      {
        q: "What is the average visit count for each exhibit theme name?",
        has: ["AVG(m.visit_count)", "JOIN exhibit"],
      },
      options,
    );
    const r = generateSql(
      MUSEUMS,
      "What is the average visit count for each museum name with a Maritime exhibit?",
      options,
    );
    expect(r.ok ? r.sql : r.reason).toMatch(/counting rows twice/);
  });
});

describe("counts per a group reached through the counted rows", () => {
  const STORE = catalog([
    table(
      "products",
      [
        ["product_id", "integer"],
        ["name", "text"],
        ["review_cnt", "integer"],
      ],
      { primaryKey: ["product_id"] },
    ),
    table(
      "customers",
      [
        ["customer_id", "integer"],
        ["full_name", "text"],
      ],
      { primaryKey: ["customer_id"] },
    ),
    table(
      "reviews",
      [
        ["review_id", "integer"],
        ["product_id", "integer"],
        ["customer_id", "integer"],
        ["stars", "integer"],
      ],
      { primaryKey: ["review_id"] },
    ),
  ]);
  const CLUB = catalog([
    table("gym", [
      ["gym_id", "text"],
      ["name", "text"],
      ["checkin_count", "integer"],
    ]),
    table(
      "member",
      [
        ["member_id", "integer"],
        ["member_name", "text"],
      ],
      { primaryKey: ["member_id"] },
    ),
    table("checkin", [
      ["cid", "integer"],
      ["gym_id", "text"],
      ["member_id", "integer"],
    ]),
  ]);

  it("counts the rows: a count kept per product or gym cannot answer per customer or member (store, club)", async () => {
    await expectSql(
      STORE,
      { q: "How many reviews has each customer written?", has: ["FROM reviews", "JOIN customers", "COUNT(*)"] },
      options,
    );
    await expectSql(
      CLUB,
      { q: "How many checkins has each member made?", has: ["FROM checkin", "JOIN member", "COUNT(*)"] },
      options,
    );
  });

  it("still refuses 'how many' per the table keeping the count (store, club)", () => {
    const s = generateSql(STORE, "How many reviews are there for each product?", options);
    expect(s.ok ? s.sql : s.reason).toMatch(/both say how many/);
    const c = generateSql(CLUB, "How many checkins are there for each gym name?", options);
    expect(c.ok ? c.sql : c.reason).toMatch(/both say how many/);
  });

  it("refuses a closing verb that names a column the query does not read (store)", () => {
    const r = generateSql(STORE, "How many reviews has each customer starred?", options);
    if (r.ok) expect(r.sql).toMatch(/stars/);
  });
});

describe("sums through a bridge table: per named entity, never per shared attribute", () => {
  const PRESS = catalog([
    table(
      "books",
      [
        ["book_id", "integer"],
        ["title", "text"],
        ["page_count", "integer"],
      ],
      { primaryKey: ["book_id"] },
    ),
    table("book_authors", [
      ["book_id", "integer"],
      ["author_id", "integer"],
    ]),
    table(
      "authors",
      [
        ["author_id", "integer"],
        ["name", "text"],
        ["country", "text"],
      ],
      { primaryKey: ["author_id"] },
    ),
  ]);
  const TOURS = catalog([
    table(
      "tours",
      [
        ["tour_id", "integer"],
        ["title", "text"],
        ["price", "numeric"],
      ],
      { primaryKey: ["tour_id"] },
    ),
    table("tour_guides", [
      ["tour_id", "integer"],
      ["guide_id", "integer"],
    ]),
    table(
      "guides",
      [
        ["guide_id", "integer"],
        ["full_name", "text"],
        ["agency", "text"],
      ],
      { primaryKey: ["guide_id"] },
    ),
  ]);

  it("adds up per author or guide, each book or tour once in each (press, tours)", async () => {
    await expectSql(
      PRESS,
      { q: "What is the total page count for each author?", has: ["SUM(b.page_count)", "JOIN book_authors", "a.name"] },
      options,
    );
    await expectSql(
      TOURS,
      {
        q: "What is the total price of tours for each guide?",
        has: ["SUM(t.price)", "JOIN tour_guides", "g.full_name"],
      },
      options,
    );
  });

  it("refuses per an attribute several related rows share (press, tours)", () => {
    const p = generateSql(PRESS, "What is the total page count for each author country?", options);
    expect(p.ok ? p.sql : p.reason).toMatch(/counting rows twice/);
    const t = generateSql(TOURS, "What is the total price of tours for each guide agency?", options);
    expect(t.ok ? t.sql : t.reason).toMatch(/counting rows twice/);
  });
});

describe("a sum through a table with rows of its own is refused, not counted twice", () => {
  const SHOP = catalog([
    table(
      "orders",
      [
        ["order_id", "integer"],
        ["status", "text"],
        ["total_amount", "numeric"],
      ],
      { primaryKey: ["order_id"], samples: { status: ["returned", "paid"] } },
    ),
    table(
      "order_lines",
      [
        ["line_id", "integer"],
        ["order_id", "integer"],
        ["product_id", "integer"],
        ["quantity", "integer"],
        ["unit_price", "numeric"],
      ],
      { primaryKey: ["line_id"] },
    ),
    table(
      "products",
      [
        ["product_id", "integer"],
        ["name", "text"],
        ["category", "text"],
      ],
      { primaryKey: ["product_id"] },
    ),
  ]);
  const RAIL = catalog([
    table(
      "trips",
      [
        ["trip_id", "integer"],
        ["fare", "numeric"],
      ],
      { primaryKey: ["trip_id"] },
    ),
    table(
      "trip_stops",
      [
        ["stop_id", "integer"],
        ["trip_id", "integer"],
        ["station_id", "integer"],
        ["platform", "text"],
        ["arrival_time", "timestamp"],
      ],
      { primaryKey: ["stop_id"] },
    ),
    table(
      "stations",
      [
        ["station_id", "integer"],
        ["name", "text"],
      ],
      { primaryKey: ["station_id"] },
    ),
  ]);

  it("an order's lines can share a product, a trip's stops a station (shop, rail)", () => {
    const s = generateSql(SHOP, "What is the total amount of returned orders for each product?", options);
    if (s.ok) expect(s.sql).not.toMatch(/SUM\(o\.total_amount\)/);
    const r = generateSql(RAIL, "What is the total fare of trips for each station?", options);
    if (r.ok) expect(r.sql).not.toMatch(/SUM\(t\.fare\)/);
  });
});

describe("a question word before one singular noun, per group, asks for that thing, not a count", () => {
  const cases: [string, ReturnType<typeof catalog>, string, string][] = [
    ["museums", MUSEUMS, "Which museum is each exhibit in?", "How many exhibits does each museum have?"],
    ["gyms", GYMS, "What gym is each amenity at?", "How many amenities does each gym have?"],
  ];
  for (const [name, schema, attribute, count] of cases)
    it(`lists the attribute per row for "${attribute}" but counts for "${count}" (${name})`, async () => {
      await expectSql(schema, { q: attribute, has: ["JOIN", "ORDER BY 1"], not: ["COUNT(", "GROUP BY"] }, options);
      await expectSql(schema, { q: count, has: ["COUNT("] }, options);
    });
});
