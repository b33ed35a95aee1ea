import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../../test/fixtures/catalogs/demo";
import { generateSql } from "./generate";
import { expectSql, type SqlCase } from "./test-helpers";

const options = { currentDate: DEMO_CURRENT_DATE };
const YEAR_2023 = "o.order_date >= DATE '2023-01-01' AND o.order_date < DATE '2024-01-01'";
const LINE_REVENUE = "SUM(oi.quantity * oi.unit_price * (1 - oi.discount))";

describe("built-in generator on the demo retail schema", () => {
  it("answers the seed's demo question with a monthly series by category", async () => {
    const sql = await expectSql(DEMO_CATALOG, { q: "Show me monthly revenue by product category", has: [] }, options);
    expect(sql).toBe(
      [
        `SELECT date_trunc('month', o.order_date)::date AS month, pc.name AS product_category, ROUND(${LINE_REVENUE}::numeric, 2) AS revenue`,
        "FROM order_items oi",
        "JOIN products p ON p.product_id = oi.product_id",
        "JOIN product_categories pc ON pc.category_id = p.category_id",
        "JOIN orders o ON o.order_id = oi.order_id",
        "GROUP BY 1, 2",
        "ORDER BY 1, 2",
      ].join("\n"),
    );
  });

  const counts: SqlCase[] = [
    { q: "how many orders", has: ["SELECT COUNT(*) AS order_count FROM orders o"], not: ["WHERE", "LIMIT"] },
    { q: "number of customers", has: ["SELECT COUNT(*) AS customer_count FROM customers c"] },
    { q: "How many orders were placed in 2023?", has: ["COUNT(*) AS order_count", `WHERE ${YEAR_2023}`] },
    { q: "how many cancelled orders", has: ["COUNT(*)", "WHERE o.status = 'cancelled'"] },
    { q: "how many active products", has: ["COUNT(*) AS product_count FROM products p", "WHERE p.is_active = true"] },
    {
      q: "how many customers signed up in 2023",
      has: ["FROM customers c", "c.signup_date >= DATE '2023-01-01'"],
      not: ["JOIN"],
    },
    {
      q: "number of distinct customers who ordered in 2024",
      has: [
        "COUNT(DISTINCT c.customer_id)",
        "JOIN orders o ON o.customer_id = c.customer_id",
        "o.order_date >= DATE '2024-01-01'",
      ],
    },
    {
      q: "how many units of Electronics were sold in 2024",
      has: ["SUM(oi.quantity)", "pc.name = 'Electronics'", "o.order_date >= DATE '2024-01-01'"],
    },
    {
      q: "how many customers per country",
      has: ["SELECT c.country, COUNT(*) AS customer_count", "GROUP BY 1", "ORDER BY customer_count DESC"],
    },
    { q: "number of customers by segment", has: ["c.segment", "GROUP BY 1"] },
    { q: "orders by status", has: ["SELECT o.status, COUNT(*) AS order_count FROM orders o GROUP BY 1"] },
    {
      q: "how many orders per customer",
      has: ["c.customer_id, c.name AS customer, COUNT(*) AS order_count", "GROUP BY 1, 2", "LIMIT 1000"],
    },
    {
      q: "number of orders by product category",
      has: [
        "COUNT(DISTINCT o.order_id)",
        "JOIN order_items oi ON oi.order_id = o.order_id",
        "pc.name AS product_category",
      ],
    },
    {
      q: "how many customers have more than 20 orders",
      has: ["SELECT COUNT(*) AS customer_count FROM (", "HAVING COUNT(DISTINCT o.order_id) > 20", ") AS t"],
    },
    { q: "monthly signups", has: ["date_trunc('month', c.signup_date)::date AS month", "COUNT(*) AS signup_count"] },
    {
      q: "How many new customers each month in 2024?",
      has: ["date_trunc('month', c.signup_date)", "c.signup_date >= DATE '2024-01-01'"],
    },
    { q: "how many orders were returned in 2024", has: ["o.status = 'returned'", "o.order_date >= DATE '2024-01-01'"] },
    {
      q: "how many products does each category have",
      has: ["pc.name AS category, COUNT(*) AS product_count FROM products p"],
    },
    {
      q: "number of orders by payment method",
      has: ["p.method, COUNT(DISTINCT o.order_id)", "JOIN payments p ON p.order_id = o.order_id"],
    },
    { q: "count of payments by method", has: ["p.method, COUNT(*) AS payment_count"] },
  ];

  const aggregates: SqlCase[] = [
    { q: "total revenue", has: ["SELECT SUM(o.total_amount) AS revenue FROM orders o"] },
    {
      q: "what is the total revenue in 2024",
      has: ["SUM(o.total_amount)", "o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'"],
    },
    { q: "average order value", has: ["ROUND(AVG(o.total_amount)::numeric, 2) AS avg_order_value"] },
    { q: "average order value by channel", has: ["o.channel", "AVG(o.total_amount)", "GROUP BY 1"] },
    { q: "median order value", has: ["percentile_cont(0.5) WITHIN GROUP (ORDER BY o.total_amount)"] },
    { q: "highest unit price", has: ["MAX(p.unit_price) AS max_unit_price FROM products p"] },
    { q: "lowest product price", has: ["MIN(p.unit_price)"] },
    {
      q: "revenue by country",
      has: [
        "SELECT c.country, SUM(o.total_amount) AS revenue",
        "JOIN customers c ON c.customer_id = o.customer_id",
        "ORDER BY revenue DESC",
      ],
    },
    { q: "revenue per region", has: ["co.region", "JOIN countries co ON co.name = c.country"] },
    { q: "revenue by customer segment and channel", has: ["c.segment, o.channel", "GROUP BY 1, 2"] },
    {
      q: "revenue by payment method",
      has: ["SELECT p.method, SUM(p.amount) AS revenue FROM payments p"],
      not: ["JOIN orders"],
    },
    { q: "total payments by method in 2024", has: ["SUM(p.amount)", "p.paid_at >= DATE '2024-01-01'"] },
    { q: "average discount by product category", has: ["AVG(oi.discount)", "pc.name AS product_category"] },
    { q: "total quantity sold by category", has: ["SUM(oi.quantity)", "pc.name AS category"] },
    {
      q: "average unit price per category",
      has: ["AVG(p.unit_price)", "FROM products p JOIN product_categories pc"],
      not: ["order_items"],
    },
    {
      q: "revenue excluding cancelled orders",
      has: ["SUM(o.total_amount) AS revenue", "WHERE o.status <> 'cancelled'"],
    },
    { q: "average order value for corporate customers", has: ["AVG(o.total_amount)", "c.segment = 'Corporate'"] },
    {
      q: "revenue from Home & Garden products in Q4 2023",
      has: [
        LINE_REVENUE,
        "pc.name = 'Home & Garden'",
        "o.order_date >= DATE '2023-10-01' AND o.order_date < DATE '2024-01-01'",
      ],
    },
    { q: "revenue from home and garden products", has: ["pc.name = 'Home & Garden'"] },
    {
      q: "revenue by payment method for orders shipped to France",
      has: ["p.method", "o.status = 'shipped'", "c.country = 'France'"],
    },
    { q: "categories with revenue over 1000000", has: ["GROUP BY 1", `HAVING ${LINE_REVENUE} > 1000000`] },
    { q: "revenue for Germany and France", has: ["c.country IN ('Germany', 'France')"] },
    {
      q: "What were total sales in Germany last quarter?",
      has: ["SUM(o.total_amount) AS sales", "c.country = 'Germany'", "o.order_date >= DATE '2024-07-01'"],
    },
    { q: "how much did each segment spend in 2023", has: ["c.segment, SUM(o.total_amount) AS spend", YEAR_2023] },
    { q: "How much revenue did we make last year?", has: ["SUM(o.total_amount)", "o.order_date >= DATE '2023-01-01'"] },
    { q: "average payment amount by method", has: ["p.method, ROUND(AVG(p.amount)::numeric, 2)"] },
    { q: "revenue for orders placed via mobile", has: ["o.channel = 'mobile'"] },
    { q: "non-cancelled orders by channel", has: ["o.channel, COUNT(*)", "o.status <> 'cancelled'"] },
    { q: "revenue excluding Electronics", has: ["pc.name <> 'Electronics'", LINE_REVENUE] },
    { q: "what's the average discount?", has: ["AVG(oi.discount)"] },
    { q: "max order amount by country", has: ["c.country, MAX(o.total_amount)"] },
    { q: "revenue from orders over 500 by month", has: ["o.total_amount > 500", "date_trunc('month', o.order_date)"] },
  ];

  const time: SqlCase[] = [
    { q: "revenue in 2023", has: [`WHERE ${YEAR_2023}`] },
    { q: "revenue last month", has: ["o.order_date >= DATE '2024-11-01' AND o.order_date < DATE '2024-12-01'"] },
    {
      q: "revenue in the past 90 days",
      has: ["o.order_date >= DATE '2024-10-03' AND o.order_date < DATE '2025-01-01'"],
    },
    { q: "revenue this year", has: ["o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'"] },
    {
      q: "orders since March 2024",
      has: ["WHERE o.order_date >= DATE '2024-03-01'", "LIMIT 1000"],
      not: ["o.order_date <"],
    },
    {
      q: "orders between 2023-01-01 and 2023-06-30",
      has: ["o.order_date >= DATE '2023-01-01' AND o.order_date < DATE '2023-07-01'"],
    },
    { q: "revenue in Q3 2024", has: ["o.order_date >= DATE '2024-07-01' AND o.order_date < DATE '2024-10-01'"] },
    { q: "weekly orders in the last 3 months", has: ["date_trunc('week', o.order_date)::date AS week", "ORDER BY 1"] },
    { q: "daily revenue last month", has: ["date_trunc('day', o.order_date)", "o.order_date >= DATE '2024-11-01'"] },
    {
      q: "quarterly revenue by channel",
      has: ["date_trunc('quarter', o.order_date)::date AS quarter, o.channel", "GROUP BY 1, 2", "ORDER BY 1, 2"],
    },
    { q: "yearly revenue", has: ["date_trunc('year', o.order_date)::date AS year", "GROUP BY 1 ORDER BY 1"] },
    { q: "revenue by year and channel", has: ["date_trunc('year', o.order_date)", "o.channel", "GROUP BY 1, 2"] },
    {
      q: "monthly number of orders in 2024",
      has: ["date_trunc('month', o.order_date)", "COUNT(*)", "o.order_date >= DATE '2024-01-01'"],
    },
    {
      q: "revenue from Electronics by month",
      has: ["date_trunc('month', o.order_date)", LINE_REVENUE, "pc.name = 'Electronics'"],
    },
    { q: "payments by month", has: ["date_trunc('month', p.paid_at)::date AS month"] },
    { q: "Revenue trend for Electronics", has: ["date_trunc('month', o.order_date)", "pc.name = 'Electronics'"] },
    { q: "Show revenue by month for the web channel", has: ["date_trunc('month', o.order_date)", "o.channel = 'web'"] },
    {
      q: "orders per day last week",
      has: [
        "date_trunc('day', o.order_date)",
        "o.order_date >= DATE '2024-12-23' AND o.order_date < DATE '2024-12-30'",
      ],
    },
    {
      q: "revenue per customer segment per year",
      has: ["date_trunc('year', o.order_date)::date AS year, c.segment", "ORDER BY 1, 2"],
    },
  ];

  const rankings: SqlCase[] = [
    {
      q: "top 5 products by revenue",
      has: ["p.product_id, p.name AS product", LINE_REVENUE, "GROUP BY 1, 2", "ORDER BY revenue DESC LIMIT 5"],
      not: ["JOIN orders"],
    },
    {
      q: "10 customers with the most orders",
      has: ["c.name AS customer, COUNT(*) AS order_count", "ORDER BY order_count DESC LIMIT 10"],
    },
    { q: "top 3 categories by revenue in 2023", has: ["pc.name AS category", YEAR_2023, "LIMIT 3"] },
    {
      q: "which product has the highest unit price",
      has: ["p.name AS product, p.unit_price", "ORDER BY unit_price DESC LIMIT 1"],
      not: ["GROUP BY"],
    },
    { q: "what are the 5 most expensive products", has: ["p.unit_price", "DESC LIMIT 5"], not: ["GROUP BY"] },
    { q: "best-selling products", has: ["SUM(oi.quantity)", "LIMIT 10"] },
    {
      q: "most common payment method",
      has: ["SELECT p.method, COUNT(*) AS payment_count", "ORDER BY payment_count DESC LIMIT 1"],
    },
    { q: "top 10 cities by number of customers", has: ["SELECT c.city, COUNT(*) AS customer_count", "LIMIT 10"] },
    { q: "which customers spent the most", has: ["SUM(o.total_amount)", "ORDER BY total_spent DESC LIMIT 10"] },
    { q: "the 10 most recent orders", has: ["SELECT o.* FROM orders o ORDER BY o.order_date DESC LIMIT 10"] },
    { q: "bottom 3 countries by revenue", has: ["c.country", "ORDER BY revenue LIMIT 3"] },
    { q: "Which channel brings the most revenue?", has: ["o.channel, SUM(o.total_amount) AS revenue", "LIMIT 1"] },
    { q: "which category sells the most", has: ["pc.name AS category, SUM(oi.quantity)", "LIMIT 1"] },
    {
      q: "give me the 3 largest orders",
      has: ["SELECT o.order_id, o.total_amount FROM orders o ORDER BY total_amount DESC LIMIT 3"],
    },
    { q: "the cheapest product", has: ["p.unit_price", "ORDER BY unit_price LIMIT 1"] },
    { q: "when was the last order", has: ["ORDER BY o.order_date DESC LIMIT 1"] },
    { q: "top 5 customers", has: ["c.name AS customer, SUM(o.total_amount) AS revenue", "LIMIT 5"] },
    { q: "least popular categories", has: ["SUM(oi.quantity)", "ORDER BY total_units_sold LIMIT 10"] },
  ];

  const lists: SqlCase[] = [
    {
      q: "list the product categories",
      has: ["SELECT DISTINCT pc.name AS product_category FROM product_categories pc", "LIMIT 1000"],
    },
    { q: "which countries do customers come from", has: ["SELECT DISTINCT c.country FROM customers c ORDER BY 1"] },
    { q: "list customers in Germany", has: ["SELECT c.* FROM customers c WHERE c.country = 'Germany'", "LIMIT 1000"] },
    { q: "shipped orders in Germany", has: ["o.status = 'shipped'", "c.country = 'Germany'", "JOIN customers c"] },
    {
      q: "Electronics products",
      has: ["SELECT p.* FROM products p JOIN product_categories pc", "pc.name = 'Electronics'"],
    },
    { q: "orders over 500", has: ["WHERE o.total_amount > 500", "LIMIT 1000"] },
    { q: "products with a price below 20", has: ["SELECT p.* FROM products p WHERE p.unit_price < 20"] },
    { q: "products priced under 20 dollars", has: ["SELECT p.*", "p.unit_price < 20"] },
    { q: "orders with a total amount between 100 and 200", has: ["o.total_amount BETWEEN 100 AND 200"], not: ["SUM("] },
    { q: "orders not delivered", has: ["o.status <> 'delivered'"] },
    { q: "inactive products", has: ["p.is_active = false"] },
    {
      q: "customers with more than 20 orders",
      has: ["HAVING COUNT(DISTINCT o.order_id) > 20", "ORDER BY order_count DESC"],
    },
    { q: "card payments over $1,000", has: ["p.method = 'card'", "p.amount > 1000"] },
    { q: 'customers named "Amelia López"', has: ["SELECT c.* FROM customers c WHERE c.name = 'Amelia López'"] },
    { q: "orders of customer 'Sofia Brown'", has: ["JOIN customers c", "c.name = 'Sofia Brown'"] },
    { q: "list all products in the Books category", has: ["pc.name = 'Books'"] },
    { q: "customers from the United States", has: ["c.country = 'United States'"] },
    { q: "distinct payment methods", has: ["SELECT DISTINCT p.method FROM payments p"] },
    { q: "products that are not active", has: ["p.is_active = false"] },
    { q: `customers named "Liam O'Brien"`, has: ["WHERE c.name = 'Liam O''Brien'"] },
  ];

  for (const [group, cases] of Object.entries({ counts, aggregates, time, rankings, lists })) {
    describe(group, () => {
      for (const c of cases) it(c.q, () => expectSql(DEMO_CATALOG, c, options));
    });
  }

  it("caps top N at rowLimit", () => {
    const r = generateSql(DEMO_CATALOG, "top 5000 customers by revenue", { ...options, rowLimit: 100 });
    expect(r.ok && r.sql).toMatch(/LIMIT 100$/);
  });

  it("applies rowLimit to lists", () => {
    const r = generateSql(DEMO_CATALOG, "list customers in Germany", { ...options, rowLimit: 50 });
    expect(r.ok && r.sql).toMatch(/LIMIT 50$/);
  });

  it("resolves relative dates against the given current date", () => {
    const r = generateSql(DEMO_CATALOG, "revenue last month", { currentDate: "2023-03-15" });
    expect(r.ok && r.sql).toContain("o.order_date >= DATE '2023-02-01' AND o.order_date < DATE '2023-03-01'");
  });

  it("lists the tables it used", () => {
    const r = generateSql(DEMO_CATALOG, "Show me monthly revenue by product category", options);
    expect(r.ok && [...r.tables].sort()).toEqual([
      "public.order_items",
      "public.orders",
      "public.product_categories",
      "public.products",
    ]);
  });

  it("ignores knowledge it cannot use", () => {
    const knowledge =
      "Revenue counts delivered and shipped orders only.\nNote: amounts are in USD\nrevenue = SUM(total_amount)";
    const r = generateSql(DEMO_CATALOG, "monthly revenue", { ...options, knowledge });
    expect(r.ok && r.sql).toContain("date_trunc('month', o.order_date)::date AS month, SUM(o.total_amount) AS revenue");
  });

  it("applies knowledge rewrites", () => {
    const r = generateSql(DEMO_CATALOG, "GMV by country", { ...options, knowledge: "GMV means revenue" });
    expect(r.ok && r.sql).toContain("SUM(o.total_amount) AS revenue");
  });
});
