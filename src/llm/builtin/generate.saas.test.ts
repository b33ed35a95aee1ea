import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG, SAAS_CURRENT_DATE } from "../../../test/fixtures/catalogs/saas";
import { generateSql } from "./generate";
import { expectSql, type SqlCase } from "./test-helpers";

const options = { currentDate: SAAS_CURRENT_DATE };

// The same generator, unchanged, on a schema shaped differently from the demo: `id` keys, a second
// schema, camelCase columns that must be quoted, booleans and nullable end dates.
describe("built-in generator on a SaaS schema", () => {
  const cases: SqlCase[] = [
    { q: "total MRR by plan", has: ["SELECT s.plan, SUM(s.mrr) AS total_mrr FROM subscriptions s GROUP BY 1"] },
    { q: "how many active subscriptions", has: ["COUNT(*) AS subscription_count", "WHERE s.status = 'active'"] },
    { q: "number of users by role", has: ["SELECT u.role, COUNT(*) AS user_count FROM users u"] },
    {
      q: "new accounts per month",
      has: ["date_trunc('month', a.created_at)::date AS month", "COUNT(*) AS account_count FROM accounts a"],
    },
    { q: "average seats per plan", has: ["AVG(s.seats)", "s.plan"] },
    { q: "total amount due of unpaid invoices", has: ["SUM(i.amount_due)", "WHERE i.paid = false"] },
    {
      q: "top 5 accounts by MRR",
      has: ["a.id, a.company_name AS account, SUM(s.mrr)", "JOIN accounts a ON a.id = s.account_id", "LIMIT 5"],
    },
    { q: "tickets by priority", has: ["SELECT t.priority, COUNT(*) AS ticket_count FROM support.tickets t"] },
    {
      q: "urgent tickets opened this year",
      has: ["t.priority = 'urgent'", `t."openedAt" >= DATE '2025-01-01'`],
      not: ["status"],
    },
    {
      q: "how many users per industry",
      has: ["a.industry, COUNT(*) AS user_count FROM users u JOIN accounts a ON a.id = u.account_id"],
    },
    { q: "cancelled subscriptions in 2024", has: ["s.status = 'canceled'", "s.cancelled_at >= DATE '2024-01-01'"] },
    {
      q: "how many subscriptions were cancelled in 2024",
      has: ["COUNT(*)", "s.cancelled_at >= DATE '2024-01-01' AND s.cancelled_at < DATE '2025-01-01'"],
    },
    {
      q: "invoices issued last month",
      has: ["SELECT i.* FROM invoices i", "i.issued_on >= DATE '2025-05-01' AND i.issued_on < DATE '2025-06-01'"],
    },
    { q: "average satisfaction score by priority", has: [`AVG(t."satisfactionScore")`] },
    {
      q: "total amount paid per currency in 2024",
      has: ["i.currency, SUM(i.amount_paid)", "i.issued_on >= DATE '2024-01-01'"],
    },
    {
      q: "how many events per day in the last 7 days",
      has: ["date_trunc('day', e.occurred_at)", "e.occurred_at >= DATE '2025-06-24'"],
    },
    { q: "which industries do accounts come from", has: ["SELECT DISTINCT a.industry FROM accounts a"] },
    { q: "MRR by account industry", has: ["a.industry, SUM(s.mrr)"] },
    { q: "number of logins per week", has: ["date_trunc('week', e.occurred_at)", "e.event_type = 'login'"] },
    { q: "accounts with more than 50 employees", has: ["WHERE a.employee_count > 50"] },
    { q: "how many admins", has: ["COUNT(*) AS user_count FROM users u WHERE u.role = 'admin'"] },
    { q: "unresolved tickets", has: [`WHERE t."resolvedAt" IS NULL`] },
    { q: "top 3 industries by number of accounts", has: ["a.industry, COUNT(*) AS account_count", "LIMIT 3"] },
    { q: "average MRR of pro subscriptions", has: ["AVG(s.mrr)", "s.plan = 'pro'"] },
    { q: "list of paid invoices in EUR", has: ["SELECT i.*", "i.currency = 'EUR'", "i.paid = true"] },
    { q: "high priority tickets by status", has: ["t.status, COUNT(*) AS ticket_count", "t.priority = 'high'"] },
    {
      q: "how many tickets per account",
      has: [`JOIN accounts a ON a.id = t."accountId"`, "a.company_name AS account"],
    },
    { q: "most recent tickets", has: [`ORDER BY t."openedAt" DESC LIMIT 10`] },
    { q: "invoices over 1000 due in 2025", has: ["i.amount_due > 1000", "i.due_on >= DATE '2025-01-01'"] },
  ];
  for (const c of cases) it(c.q, () => expectSql(SAAS_CATALOG, c, options));
});

describe("questions the built-in generator declines", () => {
  const declined: [string, RegExp][] = [
    ["what is the meaning of life", /did not understand "meaning life"/],
    ["asdfgh", /did not understand "asdfgh"/],
    ["average salary", /numeric column for "salary"/],
    ["revenue by zodiac sign", /"zodiac"/],
    ["how many employees", /what to count for "employees"/],
    ["revenue growth", /did not find the periods to compare/],
    ["percentage of orders", /which part of order_count to take a percentage of/],
    ["percentage of average order value by channel", /percentages of averages are not supported/],
    ["revenue in 2023 from customers who signed up in 2022", /two separate date ranges/],
    ["top 5 customers by happiness", /"happiness"/],
    ["orders from John Smith", /"john", "smith"/],
    ["total weight of products", /numeric column for "weight"/],
    ["show me the weather in Paris", /"weather paris"/],
    ["delete all orders", /"delete"/],
    ["Average number of items per order", /averages of counts are not supported/],
    ["products without a discount", /"discount"/],
    ["orders with 3 items", /the number "3"/],
    ["top 0 products", /whole number from 1/],
    ["top 2.5 products", /whole number from 1/],
    ["", /empty/],
  ];
  for (const [q, reason] of declined) {
    it(`declines "${q}"`, () => {
      const r = generateSql(DEMO_CATALOG, q, { currentDate: "2024-12-31" });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
  }

  it("declines MRR on the retail schema and order questions on the SaaS one", () => {
    expect(generateSql(DEMO_CATALOG, "total MRR by plan").ok).toBe(false);
    expect(generateSql(SAAS_CATALOG, "average discount by product category").ok).toBe(false);
  });

  it("never throws, whatever the input", () => {
    const odd = [
      "?",
      "'",
      '"unterminated',
      "by by by",
      "top",
      "top 0 products",
      "how many",
      "average",
      "between 5 and",
      "over 9000",
      "revenue by month by month",
      "list list",
      "1 2 3",
      "orders; DROP TABLE orders",
      "\u0000",
      "ünïcödé revenue",
      "—",
      "x".repeat(5000),
      "revenue ".repeat(300),
      "show me the top 999999999999 customers by revenue",
    ];
    for (const q of odd) {
      for (const catalog of [DEMO_CATALOG, SAAS_CATALOG])
        expect(() => generateSql(catalog, q, { currentDate: "2024-12-31" })).not.toThrow();
    }
  });

  it("rejects a bad rowLimit or currentDate", () => {
    expect(generateSql(DEMO_CATALOG, "how many orders", { rowLimit: 0 })).toMatchObject({ ok: false });
    expect(generateSql(DEMO_CATALOG, "orders last month", { currentDate: "yesterday" })).toMatchObject({ ok: false });
  });
});
