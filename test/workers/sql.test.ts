import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { introspectCatalog, runQuestionSql, type SqlTarget, useGateway } from "../../src/sql";
import { runReadOnly } from "../../src/sql/executor";
import { sqlFailure as failure, namespaceTarget } from "./helpers";

/**
 * The whole SQL path from inside workerd: the real neon driver → real HTTP → the gateway → PGlite
 * (namespace `demo`) and a real PostgreSQL server (namespace `pg`, a fresh database per run).
 */
const target = namespaceTarget;

const COUNTS =
  "SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM products) AS products";

beforeAll(() => useGateway(env.NEON_GATEWAY_URL));

describe.each(["demo", "pg"])("executing questions on %s", (ns) => {
  it("returns typed JSON values", async () => {
    const result = await runQuestionSql(
      target(ns),
      `SELECT 42::int AS i, 9007199254740993::bigint AS big, 150000.50::numeric(12,2) AS n, DATE '2023-01-01' AS d,
              TIMESTAMPTZ '2023-01-01 10:00:00+02' AS ts, true AS b, NULL::text AS nothing, '{"a":[1]}'::jsonb AS j,
              ARRAY[1,2] AS arr, 'x' AS id, 'y' AS id, 'z' AS id_2`,
    );
    expect(result.rows).toEqual([
      {
        i: 42,
        big: "9007199254740993",
        n: 150000.5,
        d: "2023-01-01",
        ts: "2023-01-01T08:00:00.000Z",
        b: true,
        nothing: null,
        j: { a: [1] },
        arr: [1, 2],
        id: "x",
        id_2: "y",
        id_2_2: "z",
      },
    ]);
    expect(result.columns.map((c) => c.type)).toEqual([
      "integer",
      "bigint",
      "numeric",
      "date",
      "timestamptz",
      "boolean",
      "text",
      "jsonb",
      "oid:1007",
      "text",
      "text",
      "text",
    ]);
  });

  it("answers a real analytic question over the demo data", async () => {
    const result = await runQuestionSql(
      target(ns),
      `SELECT date_trunc('month', o.order_date)::date AS month, c.name AS product_category, SUM(oi.quantity * oi.unit_price) AS revenue
       FROM orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id
       JOIN product_categories c ON c.category_id = p.category_id
       WHERE o.order_date >= DATE '2023-01-01' AND o.order_date < DATE '2023-02-01'
       GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
    );
    expect(result.rowCount).toBeGreaterThan(3);
    expect(result.rows[0]).toMatchObject({ month: "2023-01-01" });
    expect(typeof result.rows[0]!.revenue).toBe("number");
  });

  const refused: [string, string][] = [
    ["INSERT", "INSERT INTO product_categories (category_id, name) VALUES (999, 'x')"],
    ["UPDATE", "UPDATE orders SET total_amount = 0"],
    ["DELETE", "DELETE FROM payments"],
    ["DDL", "DROP TABLE order_items"],
    ["a data-modifying CTE", "WITH d AS (DELETE FROM payments RETURNING *) SELECT count(*) FROM d"],
    ["SELECT INTO", "SELECT * INTO stolen FROM customers"],
    ["two statements", "SELECT 1; DELETE FROM payments"],
    ["pg_sleep", "SELECT pg_sleep(10)"],
    ["set_config", "SELECT set_config('default_transaction_read_only', 'off', false)"],
  ];

  it.each(refused)("the guard refuses %s and the data is unchanged", async (_, sql) => {
    const before = await runReadOnly(target(ns), COUNTS);
    const error = await failure(runQuestionSql(target(ns), sql));
    expect(error.kind).toBe("refused");
    expect(error.message.length).toBeGreaterThan(10);
    expect((await runReadOnly(target(ns), COUNTS)).rows).toEqual(before.rows);
  });

  // With the guard bypassed, the READ ONLY transaction is the next wall.
  it.each([
    [
      "INSERT",
      "INSERT INTO product_categories (category_id, name, description) VALUES (999, 'x', 'y') RETURNING category_id",
    ],
    ["UPDATE", "UPDATE orders SET total_amount = 0 RETURNING order_id"],
    ["DELETE", "DELETE FROM payments RETURNING payment_id"],
    ["a data-modifying CTE", "WITH d AS (DELETE FROM payments RETURNING *) SELECT count(*) FROM d"],
    ["DDL", "DROP TABLE order_items"],
    ["SELECT INTO", "SELECT * INTO stolen FROM customers"],
  ])("the read-only transaction stops %s even without the guard", async (_, sql) => {
    const before = await runReadOnly(target(ns), COUNTS);
    const error = await failure(runReadOnly(target(ns), sql, { raw: true }));
    expect(error.kind).toBe("read_only");
    expect((await runReadOnly(target(ns), COUNTS)).rows).toEqual(before.rows);
  });

  it("reports a database error in words the reflection loop can use", async () => {
    const error = await failure(runQuestionSql(target(ns), "SELECT no_such_column FROM orders"));
    expect(error.kind).toBe("invalid");
    expect(error.sqlstate).toBe("42703");
    expect(error.message).toContain("no_such_column");
  });
});

describe("limits", () => {
  it("caps a huge result and says it was cut", async () => {
    for (const ns of ["pg_tight", "demo_tight"]) {
      const result = await runQuestionSql(target(ns), "SELECT * FROM order_items");
      expect(result.rowCount).toBe(50);
      expect(result.truncated).toBe(true);
    }
    const small = await runQuestionSql(target("pg_tight"), "SELECT * FROM product_categories");
    expect(small.truncated).toBe(false);
    expect(small.truncatedBy).toBeUndefined();
  });

  it.each(["pg", "demo"])("caps a result's bytes in the database, keeping the first rows in order (%s)", async (ns) => {
    const ordered =
      "SELECT order_item_id, order_id, product_id, quantity, unit_price FROM order_items ORDER BY order_item_id";
    const tight: SqlTarget = { ...target(ns), maxResultBytes: 2000 };
    const cut = await runQuestionSql(tight, ordered);
    expect(cut).toMatchObject({ truncated: true, truncatedBy: "max_result_bytes" });
    expect(cut.rowCount).toBeGreaterThan(5);
    // Measured as Postgres' row_to_json: what we send differs only in number and time formats.
    expect(cut.rows.reduce((n, row) => n + JSON.stringify(row).length, 0)).toBeLessThanOrEqual(2000 * 1.1);
    const first = await runQuestionSql({ ...target(ns), rowLimit: cut.rowCount }, ordered);
    expect(cut.rows).toEqual(first.rows);
    expect(first).toMatchObject({ truncated: true, truncatedBy: "row_limit" });

    // What fits is not cut; an empty result is not "truncated".
    expect(await runQuestionSql(tight, "SELECT name FROM product_categories ORDER BY 1 LIMIT 3")).toMatchObject({
      rowCount: 3,
      truncated: false,
    });
    expect(await runQuestionSql(tight, "SELECT * FROM orders WHERE false")).toMatchObject({
      rowCount: 0,
      truncated: false,
    });
  });

  it("stops a result of huge values in the database, and refuses a single row larger than the limit", async () => {
    // 60 MB of rows; the default cap (1 MiB) lets the first three through and never the rest.
    const huge = await runQuestionSql(
      target("pg"),
      "SELECT g, repeat('x', 300000) AS filler FROM generate_series(1, 200) AS g",
    );
    expect(huge).toMatchObject({ rowCount: 3, truncated: true, truncatedBy: "max_result_bytes" });
    const error = await failure(
      runQuestionSql({ ...target("demo"), maxResultBytes: 2000 }, "SELECT repeat('x', 5000) AS big"),
    );
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("max_result_bytes (2000 bytes");
  });

  it("cuts a slow query with the statement timeout (real PostgreSQL)", async () => {
    const error = await failure(
      runQuestionSql(target("pg_tight"), "SELECT count(*) FROM generate_series(1, 10000000000) AS g"),
    );
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("500 ms");
  });

  it("reports an unreachable database clearly, without its URL", async () => {
    const unreachable: SqlTarget = { ...target("pg"), connectionString: "postgres://reader:hunter2@127.0.0.1:1/none" };
    const error = await failure(runQuestionSql(unreachable, "SELECT 1"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).not.toContain("hunter2");
  });
});

describe("catalog introspection", () => {
  it.each(["demo", "pg"])("describes the demo schema on %s", async (ns) => {
    const catalog = await introspectCatalog(target(ns));
    const names = catalog.tables.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["customers", "orders", "order_items", "products", "product_categories", "payments"]),
    );
    const orders = catalog.tables.find((t) => t.name === "orders")!;
    expect(orders.primaryKey).toEqual(["order_id"]);
    expect(orders.foreignKeys).toContainEqual(
      expect.objectContaining({ columns: ["customer_id"], refTable: "customers", refColumns: ["customer_id"] }),
    );
    expect(orders.comment).toBeTruthy();
    expect(orders.rowEstimate).toBeGreaterThan(1000);
    const status = orders.columns.find((c) => c.name === "status")!;
    expect(status.comment).toBeTruthy();
    expect(status.samples).toEqual(expect.arrayContaining(["delivered", "shipped"]));
    const date = orders.columns.find((c) => c.name === "order_date")!;
    expect(date.type).toBe("date");
  });
});

describe("catalog samples", () => {
  it.each(["demo", "pg"])("keeps every value of small dimensions on %s, unique ones included", async (ns) => {
    const catalog = await introspectCatalog(target(ns));
    const column = (table: string, name: string) =>
      catalog.tables.find((t) => t.name === table)!.columns.find((c) => c.name === name)!;
    // All 8 category names are distinct: they live in histogram_bounds, not most_common_vals.
    expect(column("product_categories", "name").samples).toEqual(
      expect.arrayContaining(["Electronics", "Books", "Toys", "Clothing"]),
    );
    expect(column("customers", "country").samples!.length).toBeGreaterThanOrEqual(20);
  });
});
