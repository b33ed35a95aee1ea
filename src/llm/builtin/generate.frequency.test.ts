import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Rankings by how often a value occurs ("the most frequently used payment methods", "the most common
 * ticket statuses and their respective counts"), and a word that is both a table's name and another
 * column's value ("ticket" beside events.kind = 'ticket'). Schemas invented here: a help desk and a shop.
 */

const HELPDESK = catalog([
  table(
    "support_tickets",
    [
      ["ticket_id", "integer"],
      ["status", "text"],
      ["channel", "text"],
    ],
    { primaryKey: ["ticket_id"], samples: { status: ["open", "closed"], channel: ["email", "phone"] } },
  ),
  table(
    "events",
    [
      ["event_id", "integer"],
      ["kind", "text"],
    ],
    { primaryKey: ["event_id"], samples: { kind: ["ticket", "login"] } },
  ),
]);

const SHOP = catalog([
  table(
    "orders",
    [
      ["order_id", "integer"],
      ["status", "text"],
      ["payment_method", "text"],
    ],
    { primaryKey: ["order_id"], samples: { status: ["paid", "shipped"], payment_method: ["card", "cash"] } },
  ),
  table(
    "notifications",
    [
      ["notification_id", "integer"],
      ["type", "text"],
    ],
    { primaryKey: ["notification_id"], samples: { type: ["order", "promo"] } },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("a table's word before its column's word names the column, not another column's value", () => {
  it("ticket statuses (help desk), order statuses (shop)", async () => {
    await expectSql(
      HELPDESK,
      {
        q: "What are the top 3 most common ticket statuses?",
        has: ["st.status", "FROM support_tickets", "LIMIT 3"],
        not: ["'ticket'"],
      },
      options,
    );
    await expectSql(
      SHOP,
      { q: "What are the top 2 most common order statuses?", has: ["o.status", "FROM orders"], not: ["'order'"] },
      options,
    );
  });
});

describe("'most frequently used' ranks by the number of rows", () => {
  it("payment methods (shop), channels (help desk)", async () => {
    await expectSql(
      SHOP,
      {
        q: "What are the top 2 most frequently used payment methods?",
        has: ["o.payment_method", "COUNT(*)", "DESC", "LIMIT 2"],
      },
      options,
    );
    await expectSql(
      HELPDESK,
      { q: "Which 2 channels are the least used?", has: ["st.channel", "COUNT(*)", "LIMIT 2"], not: ["DESC"] },
      options,
    );
  });
});

describe("'and their respective counts' after a ranking by count restates it", () => {
  it("is dropped after 'most common' (help desk, shop)", async () => {
    await expectSql(
      HELPDESK,
      {
        q: "What are the top 3 most common ticket statuses and their respective counts?",
        has: ["COUNT(*)", "LIMIT 3"],
      },
      options,
    );
    await expectSql(
      SHOP,
      { q: "What are the 2 most frequent payment methods, with their counts?", has: ["COUNT(*)", "LIMIT 2"] },
      options,
    );
  });

  it("stays a request without a ranking (shop)", () => {
    const r = generateSql(SHOP, "List the payment methods and their counts", options);
    if (r.ok) expect(r.sql).toMatch(/COUNT/);
  });
});
