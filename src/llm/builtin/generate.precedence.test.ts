import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG, SAAS_CURRENT_DATE } from "../../../test/fixtures/catalogs/saas";
import type { Catalog, CatalogColumn } from "../../sql/catalog.types";
import { generateSql } from "./generate";
import { expectSql, type SqlCase } from "./test-helpers";

// Which reading wins when a question's words could be read two ways: a negated table or a negated
// value, a verb or the status value it resembles, a cue word or part of a schema name. A wrong reading
// answers another question, so each case pins the reading a person would pick.

const demo = { currentDate: DEMO_CURRENT_DATE };
const saas = { currentDate: SAAS_CURRENT_DATE };
const NO_TICKET_BY_USER = `NOT EXISTS (SELECT 1 FROM support.tickets t WHERE t."openedBy" = u.user_id)`;
const NO_ORDER = "NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id";

describe("a negation before a verb and a table noun denies the related rows", () => {
  const saasCases: SqlCase[] = [
    // "opened" is the act of creating a ticket, not the status 'open'.
    {
      q: "users who never opened a ticket",
      has: [`SELECT u.* FROM users u WHERE ${NO_TICKET_BY_USER}`],
      not: ["status", "JOIN"],
    },
    {
      q: "how many users have never opened a ticket",
      has: [`SELECT COUNT(*) AS user_count FROM users u WHERE ${NO_TICKET_BY_USER}`],
      not: ["status"],
    },
    { q: "users who did not open a ticket", has: [NO_TICKET_BY_USER], not: ["status"] },
    {
      q: "accounts that have not opened any tickets",
      has: [`NOT EXISTS (SELECT 1 FROM support.tickets t WHERE t."accountId" = a.id)`],
      not: ["status"],
    },
    // "no open tickets": missing tickets in the state 'open'.
    {
      q: "accounts with no open tickets",
      has: [`NOT EXISTS (SELECT 1 FROM support.tickets t WHERE t."accountId" = a.id AND t.status = 'open')`],
    },
    {
      q: "accounts without active subscriptions",
      has: ["NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = a.id AND s.status = 'active')"],
    },
  ];
  for (const c of saasCases) it(`SaaS: ${c.q}`, () => expectSql(SAAS_CATALOG, c, saas));

  const demoCases: SqlCase[] = [
    { q: "customers who have not placed any orders", has: [`SELECT c.* FROM customers c WHERE ${NO_ORDER})`] },
    {
      q: "customers who did not buy any products",
      has: [
        "NOT EXISTS (SELECT 1 FROM orders o JOIN order_items oi ON oi.order_id = o.order_id WHERE o.customer_id = c.customer_id)",
      ],
      not: ["JOIN orders o ON", "DISTINCT"],
    },
    { q: "customers with no cancelled orders", has: [`${NO_ORDER} AND o.status = 'cancelled')`], not: ["<>"] },
    { q: "customers who did not place cancelled orders", has: [`${NO_ORDER} AND o.status = 'cancelled')`] },
    // The value qualifying the missing rows is looked up inside the subquery, never in the outer query.
    {
      q: "customers who never bought Electronics products",
      has: [
        "NOT EXISTS (SELECT 1 FROM orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id JOIN product_categories pc ON pc.category_id = p.category_id WHERE o.customer_id = c.customer_id AND pc.name = 'Electronics')",
      ],
      not: ["FROM customers c JOIN"],
    },
  ];
  for (const c of demoCases) it(c.q, () => expectSql(DEMO_CATALOG, c, demo));
});

describe("a negated value phrase stays a value filter", () => {
  const saasCases: SqlCase[] = [
    { q: "tickets not open", has: ["WHERE t.status <> 'open'"], not: ["NOT EXISTS"] },
    { q: "tickets that are not open", has: ["WHERE t.status <> 'open'"], not: ["NOT EXISTS"] },
    { q: "how many open tickets", has: ["WHERE t.status = 'open'"] },
    { q: "subscriptions that are not canceled", has: ["WHERE s.status <> 'canceled'"], not: ["NOT EXISTS"] },
    { q: "how many users are not active", has: ["WHERE u.is_active = false"] },
  ];
  for (const c of saasCases) it(`SaaS: ${c.q}`, () => expectSql(SAAS_CATALOG, c, saas));

  const demoCases: SqlCase[] = [
    { q: "orders that are not cancelled", has: ["WHERE o.status <> 'cancelled'"], not: ["NOT EXISTS"] },
    // Right after "not", the values are what is negated.
    { q: "not cancelled orders", has: ["WHERE o.status <> 'cancelled'"], not: ["NOT EXISTS"] },
    // The measured rows cannot be missing from themselves: "without" negates their value.
    {
      q: "revenue without cancelled orders",
      has: ["SUM(o.total_amount) AS revenue FROM orders o WHERE o.status <> 'cancelled'"],
      not: ["NOT EXISTS"],
    },
    { q: "revenue excluding cancelled orders", has: ["WHERE o.status <> 'cancelled'"], not: ["NOT EXISTS"] },
  ];
  for (const c of demoCases) it(c.q, () => expectSql(DEMO_CATALOG, c, demo));
});

// A schema whose names contain the ratio, growth and negation cue words.
const column = (name: string, type: string, extra: Partial<CatalogColumn> = {}): CatalogColumn => ({
  name,
  type,
  nullable: false,
  ...extra,
});
const CUE_NAMES_CATALOG: Catalog = {
  namespace: "cue-names",
  dialect: "postgres",
  loadedAt: "2025-01-01T00:00:00.000Z",
  tables: [
    {
      schema: "public",
      name: "brands",
      comment: "Brands we track",
      rowEstimate: 100,
      columns: [
        column("brand_id", "integer"),
        column("name", "text"),
        column("region", "text", { samples: ["EMEA", "APAC"] }),
        column("market_share", "numeric(5,2)"),
        column("discount_percent", "numeric(5,2)"),
        column("price_change", "numeric(8,2)"),
      ],
      primaryKey: ["brand_id"],
      foreignKeys: [],
    },
    {
      schema: "public",
      name: "change_log",
      comment: "Edits made to brands",
      rowEstimate: 1000,
      columns: [
        column("change_id", "integer"),
        column("brand_id", "integer"),
        column("changed_at", "timestamp"),
        column("field", "text", { samples: ["title", "logo"] }),
      ],
      primaryKey: ["change_id"],
      foreignKeys: [{ columns: ["brand_id"], refSchema: "public", refTable: "brands", refColumns: ["brand_id"] }],
    },
    {
      schema: "public",
      name: "invoices",
      comment: "Invoices",
      rowEstimate: 1000,
      columns: [
        column("invoice_id", "integer"),
        column("invoice_no", "text"),
        column("brand_id", "integer"),
        column("amount", "numeric(10,2)"),
        column("issued_on", "date"),
      ],
      primaryKey: ["invoice_id"],
      foreignKeys: [{ columns: ["brand_id"], refSchema: "public", refTable: "brands", refColumns: ["brand_id"] }],
    },
  ],
};

describe("cue words inside schema names are names", () => {
  const cases: SqlCase[] = [
    {
      q: "average market share by region",
      has: ["SELECT b.region, ROUND(AVG(b.market_share)::numeric, 2)"],
      not: ["OVER", "pct"],
    },
    { q: "brands with market share over 20", has: ["WHERE b.market_share > 20"], not: ["pct"] },
    { q: "average discount percent by region", has: ["AVG(b.discount_percent)"], not: ["pct"] },
    { q: "average price change by region", has: ["AVG(b.price_change)"], not: ["lag(", "pct_change"] },
    {
      q: "number of change logs per month",
      has: ["date_trunc('month', cl.changed_at)::date AS month, COUNT(*) AS change_log_count FROM change_log cl"],
      not: ["lag("],
    },
    { q: "change log by field", has: ["SELECT cl.field, COUNT(*)"], not: ["lag("] },
    {
      q: "brands with no change log",
      has: ["NOT EXISTS (SELECT 1 FROM change_log cl WHERE cl.brand_id = b.brand_id)"],
    },
    { q: "invoices with invoice no 'A-1'", has: ["i.invoice_no = 'A-1'"], not: ["<>", "NOT EXISTS"] },
    // "No." abbreviates "number".
    { q: "No. of invoices per brand", has: ["COUNT(*) AS invoice_count"] },
    // A percent sign after a number, even spaced, is the number's unit, not "percentage of".
    { q: "brands with a discount percent over 5 %", has: ["WHERE b.discount_percent > 5"], not: ["pct"] },
    // The cue words still work where no name contains them.
    { q: "share of invoice amount by region", has: ["SUM(SUM(i.amount)) OVER ()"] },
    { q: "total invoice amount in 2024 vs 2023", has: ["AS pct_change"] },
    { q: "brands with no invoices", has: ["NOT EXISTS (SELECT 1 FROM invoices i WHERE i.brand_id = b.brand_id)"] },
  ];
  for (const c of cases) it(c.q, () => expectSql(CUE_NAMES_CATALOG, c, { currentDate: "2024-12-31" }));

  it("declines a percentage compared with a column of unknown scale", () => {
    const r = generateSql(CUE_NAMES_CATALOG, "brands with market share over 20%", { currentDate: "2024-12-31" });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/fractions or percentages/) });
  });

  it("ordinary demo questions are not read as shares or negations", async () => {
    // ... scaled to the column: the demo's discount is documented as a fraction.
    await expectSql(
      DEMO_CATALOG,
      { q: "order items with a discount over 5 %", has: ["WHERE oi.discount > 0.05"], not: ["pct"] },
      demo,
    );
    await expectSql(
      DEMO_CATALOG,
      { q: "order items with discount between 10% and 20%", has: ["oi.discount BETWEEN 0.1 AND 0.2"] },
      demo,
    );
    await expectSql(
      DEMO_CATALOG,
      { q: "No. of orders per channel", has: ["SELECT o.channel, COUNT(*) AS order_count"], not: ["NOT"] },
      demo,
    );
  });
});

describe("what is counted, compared, ranked and listed", () => {
  const cases: SqlCase[] = [
    // The counted noun ends at the auxiliary; who placed them qualifies it.
    {
      q: "How many orders did Corporate customers place in 2023?",
      has: [
        "SELECT COUNT(*) AS order_count FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.segment = 'Corporate'",
        "o.order_date >= DATE '2023-01-01'",
      ],
    },
    {
      q: "How many orders did customers from the Europe region place in 2024?",
      has: ["COUNT(*) AS order_count FROM orders o", "co.region = 'Europe'", "o.order_date >= DATE '2024-01-01'"],
    },
    // The products' own price, not the price on their order lines.
    {
      q: "How many products are priced under 20?",
      has: ["SELECT COUNT(*) AS product_count FROM products p WHERE p.unit_price < 20"],
      not: ["JOIN"],
    },
    // "units sold" is the quantity, not unit_price.
    {
      q: "Top 3 products in the Toys category by units sold",
      has: ["SUM(oi.quantity) AS total_units_sold", "pc.name = 'Toys'", "LIMIT 3"],
      not: ["unit_price"],
    },
    // Listing the column the question fixes to 'Books' would echo 'Books' back.
    {
      q: "List all product names in the Books category",
      has: ["SELECT DISTINCT p.name FROM products p JOIN product_categories pc", "pc.name = 'Books'"],
    },
    { q: "What was the biggest single payment?", has: ["p.amount FROM payments p ORDER BY amount DESC LIMIT 1"] },
  ];
  for (const c of cases) it(c.q, () => expectSql(DEMO_CATALOG, c, demo));

  it("declines rather than guess what an unknown verb relates", () => {
    const r = generateSql(DEMO_CATALOG, "customers who never reviewed a product", demo);
    expect(r.ok).toBe(false);
  });
});

describe("rows that have related rows", () => {
  // "customers with orders": EXISTS along the join path; filters of the clause go inside.
  const cases: [typeof DEMO_CATALOG, SqlCase][] = [
    [
      DEMO_CATALOG,
      {
        q: "customers with orders",
        has: ["WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)"],
      },
    ],
    [DEMO_CATALOG, { q: "how many customers have placed orders", has: ["COUNT(*)", "EXISTS (SELECT 1 FROM orders"] }],
    [
      DEMO_CATALOG,
      {
        q: "names of customers who bought Electronics products",
        has: ["EXISTS (SELECT 1 FROM orders", "= 'Electronics')"],
        not: ["NOT EXISTS"],
      },
    ],
    [SAAS_CATALOG, { q: "users who opened a ticket", has: ["WHERE EXISTS (SELECT 1 FROM support.tickets"] }],
    [
      SAAS_CATALOG,
      { q: "how many users have opened tickets", has: ["COUNT(*)", "EXISTS (SELECT 1 FROM support.tickets"] },
    ],
  ];
  for (const [catalog, c] of cases) it(c.q, () => expectSql(catalog, c, { currentDate: "2024-12-31" }));

  // A clause with a word the EXISTS would not read is declined, naming the word.
  const declined: [typeof DEMO_CATALOG, string][] = [
    [DEMO_CATALOG, "customers who found the products cheap"],
    [SAAS_CATALOG, "users who praised a ticket"],
  ];
  for (const [catalog, q] of declined) {
    it(`declines "${q}"`, () => {
      const r = generateSql(catalog, q, { currentDate: "2024-12-31" });
      expect(r.ok).toBe(false);
    });
  }
});

describe("an average of a measure kept on the rows of another table", () => {
  // "the average order amount of customers": over every order, or over each customer's average?
  const declined: [typeof DEMO_CATALOG, string, RegExp][] = [
    [DEMO_CATALOG, "average order amount of customers", /over each customers's own average/],
    [SAAS_CATALOG, "average mrr of accounts", /over each accounts's own average/],
  ];
  for (const [catalog, q, reason] of declined) {
    it(`declines "${q}"`, () => {
      expect(generateSql(catalog, q, { currentDate: "2024-12-31" })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(reason),
      });
    });
  }
  it("answers the average over the rows that keep it", async () => {
    await expectSql(
      DEMO_CATALOG,
      { q: "average amount of orders", has: ["AVG(o.total_amount)"] },
      { currentDate: "2024-12-31" },
    );
    await expectSql(
      SAAS_CATALOG,
      { q: "average mrr of subscriptions", has: ["AVG(s.mrr)"] },
      { currentDate: "2024-12-31" },
    );
  });
});

describe("'the <column> name' of a grouping shown by that column", () => {
  const cases: [typeof DEMO_CATALOG, SqlCase][] = [
    [
      DEMO_CATALOG,
      {
        q: "What are the top 3 countries by number of customers? Return the country name and number of customers.",
        has: ["SELECT c.country, COUNT(*)", "LIMIT 3"],
      },
    ],
    [
      SAAS_CATALOG,
      {
        q: "What are the top 2 plans by number of subscriptions? Return the plan name and the number of subscriptions.",
        has: ["SELECT s.plan, COUNT(*)", "LIMIT 2"],
      },
    ],
  ];
  for (const [catalog, c] of cases) it(c.q, () => expectSql(catalog, c, { currentDate: "2024-12-31" }));
});

describe("an ordering that restates the question's verb", () => {
  const cases: [typeof DEMO_CATALOG, SqlCase][] = [
    [
      DEMO_CATALOG,
      {
        q: "Which customers have placed the most orders, ordered by the number of orders they have placed in descending order?",
        has: ["COUNT(*) AS order_count", "ORDER BY order_count DESC"],
      },
    ],
    [
      SAAS_CATALOG,
      {
        q: "Which accounts have the most users, ordered by the number of users they have in descending order?",
        has: ["COUNT(*) AS user_count", "ORDER BY user_count DESC"],
      },
    ],
  ];
  for (const [catalog, c] of cases) it(c.q, () => expectSql(catalog, c, { currentDate: "2024-12-31" }));
});

describe("what to show, after 'showing'", () => {
  const cases: [typeof DEMO_CATALOG, SqlCase][] = [
    [
      DEMO_CATALOG,
      {
        q: "Return the top 3 countries by total revenue, showing the number of unique customers and total revenue for each country.",
        has: ["SELECT c.country, SUM(o.total_amount)", "COUNT(DISTINCT c.customer_id)", "LIMIT 3"],
      },
    ],
    [
      SAAS_CATALOG,
      {
        q: "Return the top 2 plans by total mrr, showing the number of accounts and total mrr for each plan.",
        has: ["SELECT s.plan, SUM(s.mrr)", "COUNT(DISTINCT s.account_id)", "LIMIT 2"],
      },
    ],
  ];
  for (const [catalog, c] of cases) it(c.q, () => expectSql(catalog, c, { currentDate: "2024-12-31" }));
});

describe("which period had the most", () => {
  const cases: [typeof DEMO_CATALOG, SqlCase][] = [
    [
      DEMO_CATALOG,
      {
        q: "Which month had the most orders?",
        has: ["date_trunc('month', o.order_date)", "COUNT(*)", "ORDER BY order_count DESC", "LIMIT 1"],
      },
    ],
    [
      DEMO_CATALOG,
      {
        q: "Which 3 days had the highest revenue in 2024?",
        has: ["SUM(o.total_amount)", "ORDER BY revenue DESC", "LIMIT 3"],
      },
    ],
    [
      SAAS_CATALOG,
      {
        q: "Which week had the fewest tickets?",
        has: ["date_trunc('week'", "COUNT(*)", "ORDER BY ticket_count", "LIMIT 1"],
      },
    ],
  ];
  for (const [catalog, c] of cases) it(c.q, () => expectSql(catalog, c, { currentDate: "2024-12-31" }));
});
