import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "How many business cards did we print?" was read as client_type 'BUSINESS' and product_family
 * 'CARDS' beside item_desc 'Standard Business Card': two words read as values of two columns that
 * another value holds side by side may be that one thing. Refused, naming both readings; each word
 * alone stays a value. Schemas: a florist and a patisserie, invented here.
 */

const FLORIST = catalog([
  table(
    "clients",
    [
      ["client_id", "integer"],
      ["client_nm", "text"],
      ["client_kind", "text"],
    ],
    { primaryKey: ["client_id"], samples: { client_kind: ["WEDDING", "CORPORATE", "PRIVATE"] } },
  ),
  table(
    "arrangements",
    [
      ["arr_cd", "text"],
      ["arr_desc", "text"],
      ["family_cd", "text"],
    ],
    {
      primaryKey: ["arr_cd"],
      samples: { arr_desc: ["Classic Wedding Bouquet", "Desk Orchid"], family_cd: ["BOUQUETS", "PLANTS"] },
    },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "orders",
        [
          ["order_id", "integer"],
          ["client_id", "integer"],
          ["arr_cd", "text"],
          ["ordered_ts", "timestamp"],
        ],
        { primaryKey: ["order_id"] },
      ),
      "client_id",
      "clients",
      "client_id",
    ),
    "arr_cd",
    "arrangements",
    "arr_cd",
  ),
]);

const PATISSERIE = catalog([
  table(
    "accounts",
    [
      ["account_id", "integer"],
      ["account_nm", "text"],
      ["segment", "text"],
      ["contact_first", "text"],
      ["contact_last", "text"],
      ["contact_mail", "text"],
    ],
    {
      primaryKey: ["account_id"],
      samples: {
        segment: ["OFFICE", "HOME"],
        contact_first: ["Ana", "Tom"],
        contact_last: ["Silva", "Reed"],
        contact_mail: ["ana.silva@example.com"],
      },
    },
  ),
  table(
    "items",
    [
      ["item_id", "integer"],
      ["item_nm", "text"],
      ["item_group", "text"],
    ],
    {
      primaryKey: ["item_id"],
      samples: { item_nm: ["Office Cake Platter", "Sourdough Loaf"], item_group: ["CAKES", "BREAD"] },
    },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "till_sales",
        [
          ["till_sale_id", "integer"],
          ["account_id", "integer"],
          ["item_id", "integer"],
          ["sold_ts", "timestamp"],
        ],
        { primaryKey: ["till_sale_id"] },
      ),
      "account_id",
      "accounts",
      "account_id",
    ),
    "item_id",
    "items",
    "item_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("two words split over two columns that one value holds together are refused", () => {
  it("florist: wedding bouquets", async () => {
    expectDeclined(
      FLORIST,
      "How many wedding bouquets were ordered this year?",
      options,
      /"wedding bouquets".*arr_desc 'Classic Wedding Bouquet'/,
    );
    await expectSql(FLORIST, { q: "Wedding clients", has: ["c.client_kind = 'WEDDING'"] }, options);
  });

  it("patisserie: office cakes", async () => {
    expectDeclined(
      PATISSERIE,
      "How many office cakes were sold this month?",
      options,
      /"office cakes".*item_nm 'Office Cake Platter'/,
    );
    await expectSql(PATISSERIE, { q: "Office accounts", has: ["a.segment = 'OFFICE'"] }, options);
    // A first and a last name of one row are that row's, whatever an email holds.
    await expectSql(
      PATISSERIE,
      { q: "Sales to Ana Silva", has: ["a.contact_first = 'Ana'", "a.contact_last = 'Silva'"] },
      options,
    );
  });
});
