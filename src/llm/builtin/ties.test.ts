import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { PARCELS } from "../../../test/fixtures/catalogs/parcels";
import { generateSql } from "./generate";

/**
 * Ties (issue 16): two dates or two amounts of the same rows that the question does not tell apart
 * are asked about in a conversation (`askWhenTied`), never silently decided; outside one, and
 * whenever a word or a comment prefers one column, the answer is what it always was.
 */
const rentals = (comment?: string) =>
  catalog([
    table("bikes", [
      ["bike_id", "integer"],
      ["model", "text"],
    ]),
    table(
      "rentals",
      [
        ["rental_id", "integer"],
        ["bike_id", "integer"],
        ["pickup_date", "date"],
        ["return_date", "date"],
        ["rental_fee", "numeric"],
        ["deposit_fee", "numeric"],
      ],
      { primaryKey: ["rental_id"], ...(comment ? { comment } : {}) },
    ),
  ]);
const parcels = PARCELS;

const currentDate = "2025-03-01";
const asked = (c: ReturnType<typeof catalog>, q: string) => generateSql(c, q, { currentDate, askWhenTied: true });
const reason = (r: ReturnType<typeof generateSql>) => (r.ok ? `answered: ${r.sql}` : r.reason);
const sql = (r: ReturnType<typeof generateSql>) => (r.ok ? r.sql.replace(/\s+/g, " ") : `refused: ${r.reason}`);

describe("two date columns that fit equally", () => {
  it("names both for a date range and for a time grouping", () => {
    expect(reason(asked(rentals(), "number of rentals in 2024"))).toBe(
      'could not tell which date "in 2024" refers to: rentals.pickup_date and rentals.return_date fit it equally (tied: rentals.pickup_date, rentals.return_date)',
    );
    expect(reason(asked(parcels, "average weight by month"))).toMatch(
      /^could not tell which date to group by "month": .*\(tied: parcels\.shipped_at, parcels\.delivered_at\)$/,
    );
  });

  it("answers as before outside a conversation", () => {
    expect(sql(generateSql(rentals(), "number of rentals in 2024", { currentDate }))).toContain(
      "WHERE r.pickup_date >= DATE '2024-01-01'",
    );
    expect(sql(generateSql(parcels, "average weight by month", { currentDate }))).toContain(
      "date_trunc('month', p.shipped_at)",
    );
  });

  it("is no tie when a question word or the table's comment names one of them", () => {
    expect(sql(asked(rentals(), "number of rentals with return date in 2024"))).toContain("r.return_date >= DATE");
    expect(sql(asked(parcels, "parcels by week with delivered at in 2024"))).toContain(
      "date_trunc('week', p.delivered_at)",
    );
    const documented = rentals("One row per rental; reports date rentals by pickup_date.");
    expect(sql(asked(documented, "number of rentals in 2024"))).toContain("r.pickup_date >= DATE '2024-01-01'");
  });

  it("still asks when a comment prefers the column the rules did not choose", () => {
    // The rules would answer with pickup_date against the comment: asking is the honest reading.
    const documented = rentals("One row per rental; reports date rentals by return_date.");
    expect(reason(asked(documented, "number of rentals in 2024"))).toMatch(
      /tied: rentals\.pickup_date, rentals\.return_date/,
    );
    const commented = catalog([
      {
        ...table("parcels", [
          ["parcel_id", "integer"],
          ["shipped_at", "timestamp"],
          ["delivered_at", "timestamp"],
        ]),
        columns: [
          { name: "parcel_id", type: "integer", nullable: false },
          { name: "shipped_at", type: "timestamp", nullable: true, comment: "When the parcel left the depot" },
          { name: "delivered_at", type: "timestamp", nullable: true, comment: "When the parcel arrived" },
        ],
      },
    ]);
    expect(reason(asked(commented, "number of parcels arrived in 2024"))).toMatch(
      /tied: parcels\.shipped_at, parcels\.delivered_at/,
    );
  });

  it("is no tie when the ranking rules prefer one by its name (an end, an update)", () => {
    const tickets = catalog([
      table(
        "tickets",
        [
          ["ticket_id", "integer"],
          ["opened_at", "timestamp"],
          ["closed_at", "timestamp"],
        ],
        { primaryKey: ["ticket_id"] },
      ),
    ]);
    expect(sql(asked(tickets, "tickets by month in 2024"))).toContain("date_trunc('month', t.opened_at)");
  });
});

describe("two amount columns that fit equally", () => {
  it("names both when one word matches two amounts of the same rows", () => {
    expect(reason(asked(parcels, "total cost by destination city"))).toBe(
      'could not tell which number "cost" means: parcels.shipping_cost and parcels.insurance_cost fit it equally (tied: parcels.shipping_cost, parcels.insurance_cost)',
    );
    expect(reason(asked(rentals(), "total fee by month with return date"))).toMatch(
      /^could not tell which number "fee" means: .*\(tied: rentals\.rental_fee, rentals\.deposit_fee\)$/,
    );
  });

  it("is no tie when the question names the amount, or outside a conversation", () => {
    expect(sql(asked(parcels, "total insurance cost by destination city"))).toContain("SUM(p.insurance_cost)");
    expect(sql(generateSql(parcels, "total cost by destination city", { currentDate }))).toContain(
      "SUM(p.shipping_cost)",
    );
  });
});
