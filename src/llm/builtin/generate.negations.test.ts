import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql, sqlOrReason } from "./test-helpers";

// Negations that were dropped, each a wrong answer found while probing: "customers not from DE"
// filtered country = 'DE' (the "not" negated the preposition), "not from FR or DE" negated only the
// first value, "orders not in 2025" kept 2025 (the dates are read apart, leaving the "not" on
// nothing), "members not with loans" listed members with loans, "orders not via the app" kept the
// app ("via" is a cue word, so the negation found nothing to hold), "loans that do not carry a fine
// of more than 5" compared > 5. Invented schemas: a web shop and a library.

const SHOP = catalog([
  table(
    "customers",
    [
      ["id", "integer"],
      ["name", "text"],
      ["country", "text"],
    ],
    { primaryKey: ["id"], samples: { country: ["FR", "DE", "ES"] } },
  ),
  withForeignKey(
    table(
      "orders",
      [
        ["id", "integer"],
        ["customer_id", "integer"],
        ["ordered_at", "timestamp"],
        ["status", "text"],
        ["channel", "text"],
        ["total", "numeric"],
      ],
      { primaryKey: ["id"], samples: { status: ["paid", "shipped", "refunded"], channel: ["web", "app"] } },
    ),
    "customer_id",
    "customers",
    "id",
  ),
]);

const LIBRARY = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["member_id"], samples: { city: ["Oslo", "Bergen", "Tromso"] } },
  ),
  withForeignKey(
    table(
      "loans",
      [
        ["loan_id", "integer"],
        ["member_id", "integer"],
        ["loaned_at", "timestamp"],
        ["fine", "numeric"],
      ],
      { primaryKey: ["loan_id"] },
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a negation reaches past prepositions, through lists, and never vanishes", () => {
  it("web shop", async () => {
    await expectSql(SHOP, { q: "Customers not from DE", has: ["c.country <> 'DE'"] }, options);
    await expectSql(SHOP, { q: "customers who are not in FR or DE", has: ["c.country NOT IN ('FR', 'DE')"] }, options);
    await expectSql(SHOP, { q: "How many orders were not refunded?", has: ["o.status <> 'refunded'"] }, options);
    await expectSql(SHOP, { q: "orders not via the app", has: ["o.channel <> 'app'"] }, options);
    expect(sqlOrReason(SHOP, "orders with a total not more than 50", options)).toMatch(/negated comparisons/);
    expect(sqlOrReason(SHOP, "orders not in 2025", options)).toMatch(/"not in 2025": rows outside a period/);
    expect(sqlOrReason(SHOP, "orders not in 2025 from DE customers", options)).toMatch(/rows outside a period/);
    expect(sqlOrReason(SHOP, "orders placed over 90 days ago", options)).toMatch(/compares with a moment/);
    // A negated verb keeps its dates inside the related rows.
    await expectSql(
      SHOP,
      { q: "customers who did not order in 2025", has: ["NOT EXISTS", "o.ordered_at >= DATE '2025-01-01'"] },
      options,
    );
  });

  it("library", async () => {
    await expectSql(
      LIBRARY,
      { q: "members not from Oslo or Bergen", has: ["m.city NOT IN ('Oslo', 'Bergen')"] },
      options,
    );
    await expectSql(LIBRARY, { q: "members not with loans", has: ["NOT EXISTS (SELECT 1 FROM loans l"] }, options);
    expect(sqlOrReason(LIBRARY, "loans excluding last month", options)).toMatch(/rows outside a period/);
    expect(sqlOrReason(LIBRARY, "loans that do not have a fine over 5", options)).toMatch(/negated comparisons/);
    // "more than a week ago" had been read as the previous week: a comparison with a moment.
    expect(sqlOrReason(LIBRARY, "loans made more than a week ago", options)).toMatch(/compares with a moment/);
  });
});

// "guests who never booked a suite" joined the bookings for the suite and asked that no booking
// exist (never a row); "guests who never paid by card" became a card payment with no paid date.
// Both are refused; plain absences stay answered. Invented schemas: a hotel and a farm.
const HOTEL = catalog([
  table(
    "guests",
    [
      ["id", "integer"],
      ["full_name", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "rooms",
    [
      ["id", "integer"],
      ["room_type", "text"],
    ],
    { primaryKey: ["id"], samples: { room_type: ["single", "suite"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "bookings",
        [
          ["id", "integer"],
          ["guest_id", "integer"],
          ["room_id", "integer"],
          ["booked_at", "timestamp"],
        ],
        { primaryKey: ["id"] },
      ),
      "guest_id",
      "guests",
      "id",
    ),
    "room_id",
    "rooms",
    "id",
  ),
  withForeignKey(
    table(
      "payments",
      [
        ["id", "integer"],
        ["booking_id", "integer"],
        ["method", "text"],
        ["paid_at", "timestamp"],
      ],
      { primaryKey: ["id"], samples: { method: ["card", "cash"] } },
    ),
    "booking_id",
    "bookings",
    "id",
  ),
]);

const FARM = catalog([
  table(
    "fields",
    [
      ["field_id", "integer"],
      ["field_name", "text"],
    ],
    { primaryKey: ["field_id"] },
  ),
  table(
    "crops",
    [
      ["crop_id", "integer"],
      ["crop_name", "text"],
    ],
    { primaryKey: ["crop_id"], samples: { crop_name: ["corn", "wheat"] } },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "plantings",
        [
          ["planting_id", "integer"],
          ["field_id", "integer"],
          ["crop_id", "integer"],
        ],
        { primaryKey: ["planting_id"] },
      ),
      "field_id",
      "fields",
      "field_id",
    ),
    "crop_id",
    "crops",
    "crop_id",
  ),
]);

describe("a negation the query would both require and exclude is refused", () => {
  it("hotel", async () => {
    expect(sqlOrReason(HOTEL, "guests who never booked a suite", options)).toMatch(
      /need bookings rows that it also excludes/,
    );
    // "paid" names the payments themselves, not payments whose paid_at is set: no contradiction left.
    await expectSql(
      HOTEL,
      {
        q: "guests who never paid by card",
        has: ["WHERE NOT EXISTS (SELECT 1 FROM bookings b JOIN payments p ON p.booking_id = b.id", "p.method = 'card'"],
        not: ["paid_at"],
      },
      options,
    );
    await expectSql(HOTEL, { q: "guests with no bookings", has: ["NOT EXISTS (SELECT 1 FROM bookings b"] }, options);
  });
  it("farm", async () => {
    expect(sqlOrReason(FARM, "fields never planted with corn", options)).toMatch(
      /plantings rows that it also excludes/,
    );
    await expectSql(FARM, { q: "fields with no plantings", has: ["NOT EXISTS (SELECT 1 FROM plantings p"] }, options);
  });
});
