import { describe, expect, it } from "vitest";
import { checkSql, type GuardPolicy, type GuardRefusal, MAX_SQL_LENGTH } from "./guard";

// Runs in workerd (the vitest pool), so these also prove that libpg-query's WASM loads in the Worker runtime.
const POLICY: GuardPolicy = { allowedSchemas: ["public"] };

/** Realistic analytic SQL over orders / order_items / products / customers: none may be refused. */
const ADMITTED: [string, string][] = [
  ["plain select", "SELECT id, total FROM orders WHERE status = 'paid'"],
  ["trailing semicolon", "SELECT count(*) FROM orders;"],
  ["schema-qualified allowed table", "SELECT * FROM public.orders o JOIN public.customers c ON c.id = o.customer_id"],
  [
    "window running total with frame",
    "SELECT id, created_at, sum(total) OVER (PARTITION BY customer_id ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM orders",
  ],
  [
    "range frame",
    "SELECT day, avg(revenue) OVER (ORDER BY day RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW) FROM (SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue FROM orders GROUP BY 1) d",
  ],
  [
    "named window",
    "SELECT id, rank() OVER w, lag(total) OVER w FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY total DESC)",
  ],
  ["FILTER", "SELECT count(*) FILTER (WHERE status = 'refunded') AS refunds, count(*) AS all_orders FROM orders"],
  [
    "GROUPING SETS",
    "SELECT country, category, sum(total) FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY GROUPING SETS ((country), (category), ())",
  ],
  ["ROLLUP", "SELECT date_trunc('month', created_at) AS month, status, count(*) FROM orders GROUP BY ROLLUP (1, 2)"],
  [
    "CUBE",
    "SELECT country, segment, sum(total) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY CUBE (country, segment)",
  ],
  [
    "casts",
    "SELECT total::numeric(12,2), CAST(quantity AS bigint), '2024-01-01'::date FROM order_items JOIN orders ON orders.id = order_items.order_id",
  ],
  ["= ANY($1::text[])", "SELECT * FROM orders WHERE status = ANY($1::text[])"],
  ["ANY(ARRAY[...])", "SELECT * FROM products WHERE category = ANY(ARRAY['books', 'games'])"],
  ["interval arithmetic", "SELECT * FROM orders WHERE created_at >= now() - INTERVAL '90 days'"],
  [
    "date_trunc and extract",
    "SELECT date_trunc('week', created_at) AS wk, extract(dow FROM created_at) AS dow, EXTRACT(YEAR FROM created_at) FROM orders",
  ],
  [
    "COALESCE / NULLIF / CASE",
    "SELECT COALESCE(discount, 0), NULLIF(quantity, 0), CASE WHEN total > 100 THEN 'big' WHEN total > 10 THEN 'mid' ELSE 'small' END FROM order_items JOIN orders ON true",
  ],
  [
    "LATERAL join",
    "SELECT c.id, last.created_at FROM customers c CROSS JOIN LATERAL (SELECT created_at FROM orders o WHERE o.customer_id = c.id ORDER BY created_at DESC LIMIT 1) last",
  ],
  [
    "LEFT JOIN LATERAL ON true",
    "SELECT p.name, top.qty FROM products p LEFT JOIN LATERAL (SELECT sum(quantity) AS qty FROM order_items i WHERE i.product_id = p.id) top ON true",
  ],
  [
    "scalar and IN subqueries",
    "SELECT name, (SELECT max(total) FROM orders o WHERE o.customer_id = c.id) FROM customers c WHERE id IN (SELECT customer_id FROM orders)",
  ],
  [
    "EXISTS / NOT EXISTS",
    "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'refunded')",
  ],
  [
    "DISTINCT ON",
    "SELECT DISTINCT ON (customer_id) customer_id, id, created_at FROM orders ORDER BY customer_id, created_at DESC",
  ],
  [
    "jsonb operators",
    "SELECT attrs->'size', attrs->>'color', attrs#>'{dims,w}', attrs#>>'{dims,h}' FROM products WHERE attrs @> '{\"eco\": true}' AND attrs ? 'color'",
  ],
  [
    "string_agg ordered",
    "SELECT customer_id, string_agg(status, ', ' ORDER BY created_at) FROM orders GROUP BY customer_id",
  ],
  [
    "percentile_cont WITHIN GROUP",
    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total), percentile_disc(ARRAY[0.9, 0.99]) WITHIN GROUP (ORDER BY total) FROM orders",
  ],
  [
    "generate_series calendar",
    "SELECT d::date, count(o.id) FROM generate_series(date '2024-01-01', date '2024-12-31', interval '1 day') AS d LEFT JOIN orders o ON o.created_at::date = d::date GROUP BY 1 ORDER BY 1",
  ],
  ["bare VALUES", "VALUES (1, 'a'), (2, 'b')"],
  [
    "VALUES in FROM",
    "SELECT * FROM (VALUES ('paid', 1), ('refunded', -1)) AS s(status, sign) JOIN orders USING (status)",
  ],
  [
    "recursive CTE",
    "WITH RECURSIVE tree AS (SELECT id, parent_id, name FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id, c.name FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT * FROM tree",
  ],
  [
    "several CTEs",
    "WITH paid AS (SELECT * FROM orders WHERE status = 'paid'), per_customer AS (SELECT customer_id, sum(total) AS spend FROM paid GROUP BY 1) SELECT c.name, p.spend FROM per_customer p JOIN customers c ON c.id = p.customer_id",
  ],
  ["MATERIALIZED CTE", "WITH x AS MATERIALIZED (SELECT * FROM orders) SELECT count(*) FROM x"],
  ["ORDER BY NULLS LAST", "SELECT * FROM products ORDER BY price DESC NULLS LAST, name ASC NULLS FIRST"],
  ["LIMIT / OFFSET", "SELECT * FROM orders ORDER BY id LIMIT 50 OFFSET 100"],
  ["FETCH FIRST", "SELECT * FROM orders ORDER BY total DESC FETCH FIRST 10 ROWS ONLY"],
  ["FETCH WITH TIES", "SELECT * FROM orders ORDER BY total DESC OFFSET 5 ROWS FETCH NEXT 10 ROWS WITH TIES"],
  [
    "UNION / INTERSECT / EXCEPT",
    "(SELECT customer_id FROM orders WHERE status = 'paid' INTERSECT SELECT id FROM customers) UNION ALL SELECT customer_id FROM orders EXCEPT SELECT 0",
  ],
  ["HAVING", "SELECT customer_id, count(*) FROM orders GROUP BY customer_id HAVING count(*) > 5 AND sum(total) > 1000"],
  [
    "ntile / dense_rank / first_value",
    "SELECT id, ntile(4) OVER (ORDER BY total), dense_rank() OVER (ORDER BY total DESC), first_value(id) OVER (PARTITION BY status ORDER BY created_at) FROM orders",
  ],
  [
    "date arithmetic and age",
    "SELECT age(now(), min(created_at)), current_date - 30, now() AT TIME ZONE 'UTC' FROM orders",
  ],
  [
    "string functions",
    "SELECT lower(name), upper(left(name, 1)) || substring(name FROM 2), trim(both ' ' FROM name), split_part(email, '@', 2), regexp_replace(name, '\\s+', ' ', 'g') FROM customers",
  ],
  [
    "ILIKE / SIMILAR / BETWEEN / IS DISTINCT FROM",
    "SELECT * FROM products WHERE name ILIKE '%pro%' AND sku SIMILAR TO '[A-Z]+%' AND price BETWEEN 10 AND 20 AND category IS DISTINCT FROM 'misc'",
  ],
  [
    "json_agg / jsonb_build_object",
    "SELECT jsonb_build_object('customer', c.name, 'orders', json_agg(o.id ORDER BY o.id)) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name",
  ],
  ["unnest WITH ORDINALITY", "SELECT t.tag, t.n FROM products p, unnest(p.tags) WITH ORDINALITY AS t(tag, n)"],
  [
    "pg_catalog-qualified built-in",
    "SELECT pg_catalog.date_trunc('month', created_at), pg_catalog.lower(status) FROM orders",
  ],
  ["currency-style rounding of an average", "SELECT round(avg(total), 2) FROM orders"],
  ["TABLESAMPLE", "SELECT avg(total) FROM orders TABLESAMPLE SYSTEM (10)"],
  [
    "comment in the middle and a leading comment",
    "-- revenue per month\nSELECT /* bucket */ date_trunc('month', created_at), sum(total) FROM orders GROUP BY 1",
  ],
  ["trailing comment after semicolon", "SELECT 1; -- done"],
  ["block comment containing a semicolon", "SELECT 1 /* ; DROP TABLE orders */"],
  [
    "CTE with the name of a system catalog",
    "WITH pg_stats AS (SELECT status, count(*) AS n FROM orders GROUP BY 1) SELECT * FROM pg_stats",
  ],
  [
    "multi-line with tabs and unicode",
    "SELECT\n\tname AS \"Kundenname\",\n\t'naïve ✓' AS note\nFROM customers\nWHERE country = 'Österreich'",
  ],
  [
    "row comparison and IN list",
    "SELECT * FROM order_items WHERE (order_id, product_id) IN ((1, 2), (3, 4)) AND quantity NOT IN (0)",
  ],
  [
    "GROUP BY with ordinal and aggregate ORDER BY",
    "SELECT status, array_agg(DISTINCT customer_id ORDER BY customer_id) FROM orders GROUP BY 1 ORDER BY count(*) DESC",
  ],
];

/** Each must be refused, for the stated reason. */
const REFUSED: [string, string, GuardRefusal][] = [
  ["INSERT", "INSERT INTO orders (id) VALUES (1)", "not_a_query"],
  ["UPDATE", "UPDATE orders SET total = 0", "not_a_query"],
  ["DELETE", "DELETE FROM orders", "not_a_query"],
  ["MERGE", "MERGE INTO orders o USING staging s ON o.id = s.id WHEN MATCHED THEN DELETE", "not_a_query"],
  ["TRUNCATE", "TRUNCATE orders", "not_a_query"],
  ["CREATE TABLE", "CREATE TABLE x (id int)", "not_a_query"],
  ["CREATE TABLE AS", "CREATE TABLE x AS SELECT * FROM orders", "not_a_query"],
  ["DROP", "DROP TABLE orders", "not_a_query"],
  ["ALTER", "ALTER TABLE orders ADD COLUMN x int", "not_a_query"],
  ["GRANT", "GRANT SELECT ON orders TO public", "not_a_query"],
  ["COPY", "COPY orders TO '/tmp/orders.csv'", "not_a_query"],
  ["COPY (query) TO PROGRAM", "COPY (SELECT 1) TO PROGRAM 'curl evil'", "not_a_query"],
  ["SET", "SET statement_timeout = 0", "not_a_query"],
  ["RESET", "RESET ALL", "not_a_query"],
  ["DO", "DO $$ BEGIN PERFORM pg_sleep(10); END $$", "not_a_query"],
  ["CALL", "CALL refresh_everything()", "not_a_query"],
  ["VACUUM", "VACUUM orders", "not_a_query"],
  ["LISTEN", "LISTEN jobs", "not_a_query"],
  ["NOTIFY", "NOTIFY jobs, 'x'", "not_a_query"],
  ["PREPARE", "PREPARE q AS SELECT 1", "not_a_query"],
  ["EXECUTE", "EXECUTE q", "not_a_query"],
  ["BEGIN", "BEGIN", "not_a_query"],
  ["COMMIT", "COMMIT", "not_a_query"],
  ["EXPLAIN ANALYZE", "EXPLAIN ANALYZE SELECT * FROM orders", "not_a_query"],
  ["LOCK", "LOCK TABLE orders", "not_a_query"],
  ["two statements", "SELECT 1; DROP TABLE x", "multiple_statements"],
  ["two selects", "SELECT 1; SELECT 2", "multiple_statements"],
  [
    "data-modifying CTE",
    "WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone",
    "data_modifying_cte",
  ],
  [
    "data-modifying CTE in a subquery",
    "SELECT * FROM (WITH u AS (UPDATE orders SET total = 0 RETURNING id) SELECT * FROM u) s",
    "data_modifying_cte",
  ],
  ["SELECT INTO", "SELECT * INTO backup FROM orders", "select_into"],
  ["FOR UPDATE", "SELECT * FROM orders FOR UPDATE", "locking_clause"],
  ["FOR SHARE in a subquery", "SELECT * FROM (SELECT * FROM orders FOR SHARE) s", "locking_clause"],
  ["FOR NO KEY UPDATE in a union branch", "(SELECT id FROM orders FOR NO KEY UPDATE) UNION SELECT 1", "locking_clause"],
  ["FOR KEY SHARE SKIP LOCKED", "SELECT id FROM orders FOR KEY SHARE SKIP LOCKED", "locking_clause"],
  ["pg_sleep", "SELECT pg_sleep(10)", "forbidden_function"],
  [
    "PG_SLEEP in a subquery",
    "SELECT * FROM orders WHERE id IN (SELECT 1 FROM (SELECT PG_SLEEP(10)) s)",
    "forbidden_function",
  ],
  ["pg_catalog.pg_sleep", "SELECT pg_catalog.pg_sleep(1)", "forbidden_function"],
  ['quoted "pg_sleep"', 'SELECT "pg_sleep"(1)', "forbidden_function"],
  ["pg_sleep_for in a CTE", "WITH s AS (SELECT pg_sleep_for('5 minutes')) SELECT * FROM s", "forbidden_function"],
  ["pg_sleep in FROM", "SELECT * FROM pg_sleep(5)", "forbidden_function"],
  ["pg_sleep in a LATERAL", "SELECT * FROM orders o, LATERAL (SELECT pg_sleep(o.id)) s", "forbidden_function"],
  ["pg_sleep in a window's ORDER BY", "SELECT rank() OVER (ORDER BY pg_sleep(1)) FROM orders", "forbidden_function"],
  ["set_config", "SELECT set_config('x', 'y', false)", "forbidden_function"],
  ["nextval", "SELECT nextval('s')", "forbidden_function"],
  ["setval", "SELECT setval('orders_id_seq', 1)", "forbidden_function"],
  ["lo_import", "SELECT lo_import('/etc/passwd')", "forbidden_function"],
  ["lo_export", "SELECT lo_export(1, '/tmp/x')", "forbidden_function"],
  ["dblink", "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(x int)", "forbidden_function"],
  ["dblink_exec", "SELECT dblink_exec('drop table orders')", "forbidden_function"],
  ["pg_read_file", "SELECT pg_read_file('/etc/passwd')", "forbidden_function"],
  ["pg_ls_dir", "SELECT * FROM pg_ls_dir('.')", "forbidden_function"],
  ["pg_terminate_backend", "SELECT pg_terminate_backend(pid) FROM orders", "forbidden_function"],
  ["pg_advisory_lock", "SELECT pg_advisory_lock(1)", "forbidden_function"],
  ["pg_try_advisory_xact_lock", "SELECT pg_try_advisory_xact_lock(1)", "forbidden_function"],
  ["pg_notify", "SELECT pg_notify('jobs', 'x')", "forbidden_function"],
  ["query_to_xml", "SELECT query_to_xml('delete from orders returning *', true, true, '')", "forbidden_function"],
  ["table_to_xml", "SELECT table_to_xml('pg_authid', true, true, '')", "forbidden_function"],
  ["pg_reload_conf", "SELECT pg_reload_conf()", "forbidden_function"],
  [
    "pg_create_logical_replication_slot",
    "SELECT pg_create_logical_replication_slot('s', 'pgoutput')",
    "forbidden_function",
  ],
  ["ts_stat runs a query string", "SELECT * FROM ts_stat('SELECT passwd FROM pg_shadow')", "forbidden_function"],
  ["pg_catalog.pg_authid", "SELECT rolpassword FROM pg_catalog.pg_authid", "forbidden_schema"],
  ["information_schema.tables", "SELECT table_name FROM information_schema.tables", "forbidden_schema"],
  ["another schema in a join", "SELECT * FROM orders o JOIN internal.secrets s ON s.id = o.id", "forbidden_schema"],
  ['"PUBLIC" quoted is another schema', 'SELECT * FROM "PUBLIC".orders', "forbidden_schema"],
  ["function in another schema", "SELECT admin.purge_cache()", "forbidden_schema"],
  ["unqualified pg_shadow", "SELECT * FROM pg_shadow", "system_catalog"],
  [
    "unqualified pg_stat_activity in a subquery",
    "SELECT count(*) FROM orders WHERE EXISTS (SELECT 1 FROM pg_stat_activity)",
    "system_catalog",
  ],
  [
    "non-recursive CTE cannot hide a later catalog reference",
    "WITH a AS (SELECT * FROM pg_user), pg_user AS (SELECT 1) SELECT * FROM a",
    "system_catalog",
  ],
  [
    "CTE scope ends with its query",
    "SELECT * FROM (WITH pg_roles AS (SELECT 1) SELECT * FROM pg_roles) s, pg_roles",
    "system_catalog",
  ],
  ["syntax error", "SELEC * FROM orders", "parse_error"],
  ["unterminated string", "SELECT 'abc FROM orders", "parse_error"],
  ["empty string", "", "empty"],
  ["only whitespace", "  \n\t ", "empty"],
  ["only a comment", "-- nothing here", "empty"],
  ["only a block comment and semicolons", "/* x */ ; ;", "empty"],
];

describe("checkSql admits analytic Postgres", () => {
  it.each(ADMITTED)("%s", async (_name, sql) => {
    const verdict = await checkSql(sql, POLICY);
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
  });
});

describe("checkSql refuses", () => {
  it.each(REFUSED)("%s", async (_name, sql, reason) => {
    const verdict = await checkSql(sql, POLICY);
    expect(verdict).toMatchObject({ ok: false, reason });
    if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(20);
  });
});

describe("checkSql details", () => {
  it("returns the statement without surrounding comments or semicolons", async () => {
    const verdict = await checkSql("  -- top\nSELECT 'é' AS x -- tail\n ; -- after\n", POLICY);
    expect(verdict).toEqual({ ok: true, sql: "SELECT 'é' AS x", tables: [] });
  });

  it("reports base tables in order, not CTEs, qualified as written", async () => {
    const verdict = await checkSql(
      "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '7 days') " +
        "SELECT p.name, sum(i.quantity) FROM recent r JOIN public.order_items i ON i.order_id = r.id " +
        "JOIN products p ON p.id = i.product_id WHERE EXISTS (SELECT 1 FROM orders o2 WHERE o2.id = r.id) GROUP BY 1",
      POLICY,
    );
    expect(verdict).toMatchObject({
      ok: true,
      tables: [{ name: "orders" }, { schema: "public", name: "order_items" }, { name: "products" }],
    });
  });

  it("treats a qualified name as a table even when a CTE has the same name", async () => {
    const verdict = await checkSql("WITH orders AS (SELECT 1 AS id) SELECT * FROM orders, public.orders", POLICY);
    expect(verdict).toMatchObject({ ok: true, tables: [{ schema: "public", name: "orders" }] });
  });

  it("lets a recursive CTE see itself and a non-recursive one not", async () => {
    const recursive = await checkSql(
      "WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n",
      POLICY,
    );
    expect(recursive).toMatchObject({ ok: true, tables: [] });
    const plain = await checkSql("WITH n AS (SELECT * FROM n) SELECT * FROM n", POLICY);
    expect(plain).toMatchObject({ ok: true, tables: [{ name: "n" }] });
  });

  it("allows other schemas and catalogs only when the policy lists them", async () => {
    const policy = { allowedSchemas: ["public", "information_schema", "pg_catalog"] };
    expect(await checkSql("SELECT table_name FROM information_schema.tables", policy)).toMatchObject({ ok: true });
    expect(await checkSql("SELECT relname FROM pg_class", policy)).toMatchObject({ ok: true });
    expect(await checkSql("SELECT pg_sleep(1)", policy)).toMatchObject({ ok: false, reason: "forbidden_function" });
  });

  it("explains a syntax error with its position", async () => {
    // The classic LLM slip: a trailing comma before FROM.
    const verdict = await checkSql("SELECT id,\n  total,\nFROM orders", POLICY);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toContain('syntax error at or near "FROM"');
    expect(verdict.message).toContain("(line 3, column 1)");
    expect(verdict.position).toBe(21); // 1-based, like Postgres
    expect(verdict.message).toContain("\n  FROM orders\n  ^\n");
  });

  it("names the offending function, schema, catalog and statement", async () => {
    const messages = await Promise.all(
      [
        "SELECT 1 FROM orders WHERE pg_catalog.PG_SLEEP(1) IS NULL",
        "SELECT * FROM secret.t",
        "SELECT * FROM pg_authid",
        "DELETE FROM orders",
      ].map(async (sql) => {
        const verdict = await checkSql(sql, POLICY);
        return verdict.ok ? "" : verdict.message;
      }),
    );
    expect(messages[0]).toContain("pg_sleep()");
    expect(messages[1]).toContain('schema "secret"');
    expect(messages[1]).toContain("allowed schemas: public");
    expect(messages[2]).toContain("public.pg_authid");
    expect(messages[3]).toContain("found: DELETE");
  });

  it("refuses oversized and absurdly nested SQL, then keeps working", async () => {
    expect(await checkSql(`SELECT ${"1".repeat(MAX_SQL_LENGTH)}`, POLICY)).toMatchObject({ reason: "too_long" });
    const deep = await checkSql(`SELECT 1${" + 1".repeat(20_000)}`, POLICY);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(["too_complex", "parse_error"]).toContain(deep.reason);
    expect(await checkSql("SELECT count(*) FROM orders", POLICY)).toMatchObject({ ok: true });
  });
});

describe("remembered verdicts (issue 18)", () => {
  it("keeps a verdict per text and allowed schemas: the same SQL under other schemas is judged again", async () => {
    const sql = "SELECT count(*) FROM sales.orders";
    for (let i = 0; i < 2; i++) {
      expect(await checkSql(sql, { allowedSchemas: ["sales"] })).toMatchObject({ ok: true });
      expect(await checkSql(sql, { allowedSchemas: ["public"] })).toMatchObject({
        ok: false,
        reason: "forbidden_schema",
      });
    }
  });
});
