import { describe, it } from "vitest";
import { catalog, ownerAndRows, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * A word that only a table the query does not read explains is a condition the answer would drop:
 * "tenants with late payments" answered from tenants alone lists every tenant. Schema linking keeps
 * most of a small schema, so being linked explains nothing; only the tables the query reads (joined,
 * or inside EXISTS) do. A landlord, a shop, a courier and a workshop.
 */

/** Owners, and their events carrying a flag: two tables, one foreign key. */
function ownersAndEvents(owners: string, events: string, flag: string) {
  return catalog(
    ownerAndRows(
      { name: owners, columns: [["full_name", "text"]] },
      {
        name: events,
        columns: [
          ["amount", "numeric"],
          [flag, "boolean"],
        ],
      },
    ),
  );
}

/** A parent row with a flag of its own, and child rows with another. */
function parentAndParts(parents: string, parentFlag: string, parts: string, partFlag: string) {
  const one = parents.replace(/s$/, "");
  return catalog([
    table(
      parents,
      [
        ["id", "integer"],
        ["ref_no", "text"],
        [parentFlag, "boolean"],
      ],
      { primaryKey: ["id"] },
    ),
    withForeignKey(
      table(
        parts,
        [
          ["id", "integer"],
          [`${one}_id`, "integer"],
          [partFlag, "boolean"],
        ],
        { primaryKey: ["id"] },
      ),
      `${one}_id`,
      parents,
      "id",
    ),
  ]);
}

const LANDLORD = ownersAndEvents("tenants", "rent_payments", "is_late");
const SHOP = ownersAndEvents("customers", "orders", "is_gift");
const COURIER = parentAndParts("shipments", "is_express", "packages", "is_fragile");
const WORKSHOP = parentAndParts("jobs", "is_rush", "job_parts", "is_backordered");

/** Rows with a text column to ask about, and a second table beside them. */
function rowsWithText(rows: string, text: string, other: string) {
  return catalog([
    table(
      rows,
      [
        ["id", "integer"],
        [text, "text"],
        ["created_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
    table(
      other,
      [
        ["id", "integer"],
        ["is_used", "boolean"],
      ],
      { primaryKey: ["id"] },
    ),
  ]);
}

const PAYMENTS = rowsWithText("payments", "pay_method", "vouchers");
const STORE = rowsWithText("products", "brand", "coupons");

const options = { currentDate: "2026-12-07" };

describe("a condition on rows of a table the query never reads is refused, not dropped", () => {
  it("landlord: tenants with late payments", () => {
    expectDeclined(LANDLORD, "tenants with late payments", options, /late/);
    expectDeclined(LANDLORD, "how many tenants have late payments", options, /late/);
  });
  it("shop: customers with gift orders", () => {
    expectDeclined(SHOP, "customers with gift orders", options, /gift/);
    expectDeclined(SHOP, "how many customers have gift orders", options, /gift/);
  });
  it("courier: a second flag on the parcels is not dropped from the shipments' count", async () => {
    expectDeclined(COURIER, "how many shipments are express and fragile", options, /fragile/);
    await expectSql(COURIER, { q: "how many shipments are express", has: ["WHERE s.is_express = true"] }, options);
  });
  it("workshop: a second flag on the parts is not dropped from the jobs' count", async () => {
    expectDeclined(WORKSHOP, "how many jobs are rush and backordered", options, /backordered/);
    await expectSql(WORKSHOP, { q: "how many rush jobs", has: ["WHERE j.is_rush = true"] }, options);
  });
});

describe("a participle closing the question only says the values occur", () => {
  it("payments and a store: 'are used', 'are stocked'", async () => {
    await expectSql(PAYMENTS, { q: "What payment methods are used?", has: ["DISTINCT p.pay_method"] }, options);
    await expectSql(STORE, { q: "Which brands are stocked?", has: ["DISTINCT p.brand"] }, options);
  });
  it("a participle naming a state no column holds is still refused (store, payments)", () => {
    expectDeclined(STORE, "Which brands are discontinued?", options);
    expectDeclined(PAYMENTS, "Which payment methods are refunded?", options);
  });
});
