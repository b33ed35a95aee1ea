import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { namespacesFor, runQuestionSql, type SqlTarget, useGateway } from "../../src/sql";
import { runReadOnly } from "../../src/sql/executor";
import type { PolicySubject } from "../../src/sql/policies";
import { sqlFailure as failure } from "./helpers";

/**
 * Row and column policies (issue 15) on the real PostgreSQL demo database: the namespace `pg_policy`
 * (test/workers/global-setup.ts) filters customers and orders by the end user's region and hides
 * customers.email. Every query here tries to read what the policy keeps from the user; the ground
 * truth comes from the same database read without policies.
 */
const EUROPE: PolicySubject = { sub: "eu-rep", attributes: { region: "Europe" } };
const AMERICA: PolicySubject = { sub: "us-rep", attributes: { region: "North America" } };

function target(endUser?: PolicySubject): SqlTarget {
  const found = namespacesFor(loadConfig(env)).resolve("pg_policy");
  if (!found.ok) throw new Error("namespace pg_policy missing");
  return endUser ? { ...found.target, endUser } : found.target;
}

async function rows(sql: string, endUser: PolicySubject = EUROPE) {
  return (await runQuestionSql(target(endUser), sql)).rows;
}

async function truth(sql: string) {
  return (await runReadOnly(target(), sql)).rows;
}

/** Customers of a region, without policies: what the filter must give. */
async function customersOf(region: string): Promise<number[]> {
  const r = await truth(
    `SELECT customer_id FROM customers WHERE country IN (SELECT name FROM countries WHERE region = '${region}') ORDER BY 1`,
  );
  return r.map((x) => Number(x.customer_id));
}

beforeAll(() => useGateway(env.NEON_GATEWAY_URL));

describe("row filters", () => {
  it("two end users asking the same query get disjoint rows, together the policy's regions", async () => {
    const eu = (await rows("SELECT customer_id FROM customers ORDER BY 1", EUROPE)).map((r) => Number(r.customer_id));
    const us = (await rows("SELECT customer_id FROM customers ORDER BY 1", AMERICA)).map((r) => Number(r.customer_id));
    expect(eu).toEqual(await customersOf("Europe"));
    expect(us).toEqual(await customersOf("North America"));
    expect(eu.length).toBeGreaterThan(0);
    expect(eu.filter((id) => us.includes(id))).toEqual([]);
  });

  it("reports which policies were applied, not the attribute values", async () => {
    const result = await runQuestionSql(
      target(EUROPE),
      "SELECT count(*) FROM orders o JOIN customers c USING (customer_id)",
    );
    expect(result.policiesApplied).toEqual({
      tables_filtered: ["public.customers", "public.orders"],
      columns_hidden: ["public.customers.email"],
    });
    expect(result.sql).not.toContain("Europe");
  });

  const europeCount = async () => (await customersOf("Europe")).length;
  const escapes: [string, string][] = [
    ["an alias", "SELECT count(*) AS n FROM customers AS c"],
    ["an alias without AS", "SELECT count(*) AS n FROM customers c"],
    ["a schema-qualified name", "SELECT count(*) AS n FROM public.customers"],
    ["a quoted identifier", 'SELECT count(*) AS n FROM "public"."customers"'],
    ["a comment between schema and name", "SELECT count(*) AS n FROM public/* x */.customers"],
    ["a CTE reading the table", "WITH c AS (SELECT * FROM customers) SELECT count(*) AS n FROM c"],
    [
      "a CTE shadowing the table's name",
      "WITH customers AS (SELECT * FROM customers) SELECT count(*) AS n FROM customers",
    ],
    [
      "a CTE shadowing the name, read schema-qualified",
      "WITH customers AS (SELECT 1 AS x) SELECT count(*) AS n FROM public.customers",
    ],
    [
      "a recursive CTE",
      "WITH RECURSIVE r(id) AS (SELECT min(customer_id) FROM customers UNION ALL SELECT id FROM r WHERE false) SELECT (SELECT count(*) FROM customers) AS n FROM r",
    ],
    ["a nested subquery", "SELECT count(*) AS n FROM (SELECT * FROM (SELECT customer_id FROM customers) a) b"],
    ["a scalar subquery", "SELECT (SELECT count(*) FROM customers) AS n"],
    [
      "EXISTS",
      "SELECT count(*) AS n FROM generate_series(1, 100000) g WHERE EXISTS (SELECT 1 FROM customers WHERE customer_id = g)",
    ],
    [
      "IN (subquery)",
      "SELECT count(*) AS n FROM generate_series(1, 100000) g WHERE g IN (SELECT customer_id FROM customers)",
    ],
    [
      "a LATERAL join",
      "SELECT count(*) AS n FROM (VALUES (1)) v(x) CROSS JOIN LATERAL (SELECT customer_id FROM customers) c",
    ],
    ["a window function", "SELECT max(n) AS n FROM (SELECT count(*) OVER () AS n FROM customers) w"],
    [
      "UNION with itself",
      "SELECT count(*) AS n FROM (SELECT customer_id FROM customers UNION SELECT customer_id FROM public.customers) u",
    ],
    [
      "a self join",
      "SELECT count(DISTINCT a.customer_id) AS n FROM customers a JOIN customers b ON a.customer_id = b.customer_id",
    ],
  ];
  it.each(escapes)("cannot escape the filter through %s", async (_, sql) => {
    const [row] = await rows(sql);
    expect(Number(row?.n)).toBe(await europeCount());
  });

  it("filters orders through the customers' region (a filter with its own subquery)", async () => {
    const [all] = await truth("SELECT count(*) AS n FROM orders");
    const [eu] = await rows("SELECT count(*) AS n FROM orders");
    const [us] = await rows("SELECT count(*) AS n FROM orders", AMERICA);
    expect(Number(eu?.n) + Number(us?.n)).toBeLessThan(Number(all?.n));
    expect(Number(eu?.n)).toBeGreaterThan(0);
    const euIds = await rows("SELECT DISTINCT o.customer_id FROM orders o");
    const europe = new Set(await customersOf("Europe"));
    expect(euIds.every((r) => europe.has(Number(r.customer_id)))).toBe(true);
  });

  it("a filter the user's own conditions cannot run ahead of (no error oracle on hidden rows)", async () => {
    // Pushed below the filter, the division would fail on an American customer's row; it must never see one.
    const [row] = await rows(
      "SELECT count(*) AS n FROM customers WHERE CASE WHEN country = 'United States' THEN 1/(customer_id - customer_id) ELSE 1 END = 1",
    );
    expect(Number(row?.n)).toBe(await europeCount());
  });
});

describe("hidden columns", () => {
  const attempts: [string, string][] = [
    ["SELECT", "SELECT email FROM customers"],
    ["a qualified column", "SELECT c.email FROM customers c"],
    ["a schema-qualified column", "SELECT customers.email FROM public.customers"],
    ["a quoted column", 'SELECT "email" FROM customers'],
    ["WHERE", "SELECT count(*) FROM customers WHERE email LIKE 'a%'"],
    ["GROUP BY", "SELECT count(*) FROM customers GROUP BY email"],
    ["ORDER BY", "SELECT name FROM customers ORDER BY email"],
    ["a function", "SELECT length(email) FROM customers"],
    ["a window function", "SELECT row_number() OVER (ORDER BY email) FROM customers"],
    ["a CTE", "WITH x AS (SELECT email FROM customers) SELECT * FROM x"],
    ["a subquery", "SELECT (SELECT max(email) FROM customers)"],
    ["JOIN USING", "SELECT count(*) FROM customers a JOIN customers b USING (email)"],
    ["UNION", "SELECT name FROM customers UNION SELECT email FROM customers"],
  ];
  it.each(attempts)("cannot be read through %s", async (_, sql) => {
    const error = await failure(runQuestionSql(target(EUROPE), sql));
    expect(error.message).toMatch(/public\.customers\.email is hidden from end users/);
  });

  it("are not reached through *, t.* or a whole-row reference", async () => {
    const star = await rows("SELECT * FROM customers LIMIT 1");
    const tStar = await rows("SELECT c.* FROM customers c LIMIT 1");
    const whole = await rows("SELECT row_to_json(c) AS j FROM customers c LIMIT 1");
    const natural = await rows("SELECT * FROM customers NATURAL JOIN customers c2 LIMIT 1");
    for (const r of [...star, ...tStar, ...natural]) expect(Object.keys(r)).not.toContain("email");
    expect(Object.keys(star[0]!)).toContain("name");
    expect(JSON.stringify(whole)).not.toContain("@");
  });
});

describe("refusals", () => {
  it("a query without an end user is refused", async () => {
    const error = await failure(runQuestionSql(target(), "SELECT 1"));
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(/X-End-User/);
  });

  it("a token without the attribute the policy needs is refused", async () => {
    const error = await failure(runQuestionSql(target({ sub: "x", attributes: {} }), "SELECT count(*) FROM customers"));
    expect(error.message).toMatch(/lacks the attribute\(s\) region/);
  });

  it("ONLY is refused on a policy table", async () => {
    const error = await failure(runQuestionSql(target(EUROPE), "SELECT count(*) FROM ONLY customers"));
    expect(error.kind).toBe("refused");
  });

  it("an attribute value is a literal, never SQL", async () => {
    const sneaky: PolicySubject = { sub: "x", attributes: { region: "Europe') OR true OR ('" } };
    const [row] = await rows("SELECT count(*) AS n FROM customers", sneaky);
    expect(Number(row?.n)).toBe(0);
    const backslash: PolicySubject = { sub: "x", attributes: { region: "Europe\\' OR true --" } };
    const [row2] = await rows("SELECT count(*) AS n FROM customers", backslash);
    expect(Number(row2?.n)).toBe(0);
  });

  it("a list attribute expands to a list of literals; an empty list matches nothing", async () => {
    const t = { ...target({ sub: "x", attributes: { region: "Europe", countries: ["Germany", "France"] } }) };
    t.policies = [
      { schema: "public", table: "customers", rowFilter: "country IN ({{ user.countries }})", hideColumns: [] },
    ];
    const countries = await runQuestionSql(t, "SELECT DISTINCT country FROM customers ORDER BY 1");
    expect(countries.rows.map((r) => r.country)).toEqual(["France", "Germany"]);
    const none = await runQuestionSql(
      { ...t, endUser: { sub: "y", attributes: { countries: [] } } },
      "SELECT count(*) AS n FROM customers",
    );
    expect(Number(none.rows[0]?.n)).toBe(0);
  });
});

describe("relations that read a policy table", () => {
  // pg_features: ticket_sales is partitioned (two levels), event_sales a view over it, monthly_sales a materialized view.
  function features(): SqlTarget {
    const found = namespacesFor(loadConfig(env)).resolve("pg_features");
    if (!found.ok) throw new Error("namespace pg_features missing");
    return {
      ...found.target,
      policies: [
        { schema: "public", table: "ticket_sales", rowFilter: "channel::text = {{ user.channel }}", hideColumns: [] },
      ],
      endUser: { sub: "x", attributes: { channel: "web" } },
    };
  }

  it("the table itself is read through its filter", async () => {
    const result = await runQuestionSql(features(), "SELECT DISTINCT channel::text AS channel FROM ticket_sales");
    expect(result.rows).toEqual([{ channel: "web" }]);
  });

  it.each([
    "ticket_sales_2024_q1",
    "ticket_sales_2024_07",
    "public.ticket_sales_2024_q3",
    "event_sales",
    "monthly_sales",
  ])("%s is refused, naming the policy table", async (name) => {
    const error = await failure(runQuestionSql(features(), `SELECT count(*) FROM ${name}`));
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(/reads public\.ticket_sales, which has a row policy/);
  });
});
