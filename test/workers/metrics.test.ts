import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a Vite `?raw` import (workerd reads no files); vite/client's types would alter globals.
import DEMO_YML from "../../metrics/demo.yml?raw";
import {
  compileMetricQuery,
  DEMO_METRICS_YAML,
  loadFileMetrics,
  type MetricQuery,
  validateAgainstCatalog,
} from "../../src/semantic";
import { runQuestionSql, useGateway } from "../../src/sql";
import { catalogFor } from "../../src/wiring/engine-deps";
import { call, namespaceTarget, payloadsOf, readEvents, runWorkflow, tokenFor, uniqueTaskId } from "./helpers";

/**
 * metric_to_sql end to end: compiled metric SQL against hand-written SQL on the demo database, on
 * PGlite (`demo`) and on a real PostgreSQL server (`pg`); the workflow through POST /workflows/run;
 * the /namespaces/{ns}/metrics routes. D1 is shared by the whole run: writes go to `demo_tight`
 * (same data, no file metrics), except one delete-and-restore of a demo metric no test asks about.
 */
const defs = loadFileMetrics(undefined).demo!;
type Row = Record<string, unknown>;

const target = namespaceTarget;
const rowsOf = async (ns: string, sql: string): Promise<Row[]> => (await runQuestionSql(target(ns), sql)).rows;
const compiled = (ns: string, query: Partial<MetricQuery> & { metrics: string[] }) =>
  rowsOf(ns, compileMetricQuery(defs, { dimensions: [], filters: [], ...query }).sql);

/** Same rows in the same order; numbers equal to 9 significant digits (numeric division scales differ). */
function expectSameRows(actual: Row[], expected: Row[]) {
  expect(actual.length, "row count").toBe(expected.length);
  expect(actual.length).toBeGreaterThan(0);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(Object.keys(row)).toEqual(Object.keys(want));
    for (const [key, value] of Object.entries(want)) {
      const got = row[key];
      if (typeof value === "number" && typeof got === "number")
        expect(Math.abs(got - value), `${key} row ${i}: ${got} vs ${value}`).toBeLessThanOrEqual(
          Math.abs(value) * 1e-9 + 1e-9,
        );
      else expect(got, `${key} row ${i}`).toEqual(value);
    }
  });
}

const LINE = "oi.quantity * oi.unit_price * (1 - oi.discount)";
const ITEMS = "order_items oi JOIN orders o ON o.order_id = oi.order_id";
const IN_2023 = "o.order_date >= '2023-01-01' AND o.order_date < '2024-01-01'";

/** [what, metric query, the SQL an analyst would write for it] */
const CASES: [string, Partial<MetricQuery> & { metrics: string[] }, string][] = [
  [
    "simple by month and category in a year",
    {
      metrics: ["revenue"],
      grain: "month",
      dimensions: ["product_category"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    },
    `SELECT date_trunc('month', o.order_date)::date AS month, pc.name AS product_category, SUM(${LINE}) AS revenue
     FROM ${ITEMS} JOIN products p ON p.product_id = oi.product_id JOIN product_categories pc ON pc.category_id = p.category_id
     WHERE ${IN_2023} GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  [
    "simple by day for one week in Germany",
    {
      metrics: ["revenue"],
      grain: "day",
      dateRange: { start: "2024-03-04", end: "2024-03-11" },
      filters: [{ dimension: "country", operator: "=", value: "Germany" }],
    },
    `SELECT o.order_date AS day, SUM(${LINE}) AS revenue FROM ${ITEMS} JOIN customers c ON c.customer_id = o.customer_id
     WHERE c.country = 'Germany' AND o.order_date BETWEEN '2024-03-04' AND '2024-03-10' GROUP BY 1 ORDER BY 1`,
  ],
  [
    "simple by week in Q1 2024",
    { metrics: ["order_count"], grain: "week", dateRange: { start: "2024-01-01", end: "2024-04-01" } },
    `SELECT date_trunc('week', order_date)::date AS week, COUNT(*) AS order_count FROM orders
     WHERE order_date >= '2024-01-01' AND order_date < '2024-04-01' GROUP BY 1 ORDER BY 1`,
  ],
  [
    "simple by quarter for Electronics, all dates",
    {
      metrics: ["revenue"],
      grain: "quarter",
      filters: [{ dimension: "product_category", operator: "=", value: "Electronics" }],
    },
    `SELECT date_trunc('quarter', o.order_date)::date AS quarter, SUM(${LINE}) AS revenue FROM ${ITEMS}
     JOIN products p ON p.product_id = oi.product_id JOIN product_categories pc ON pc.category_id = p.category_id
     WHERE pc.name = 'Electronics' GROUP BY 1 ORDER BY 1`,
  ],
  [
    "simple by year",
    { metrics: ["items_sold"], grain: "year" },
    `SELECT date_trunc('year', o.order_date)::date AS year, SUM(oi.quantity) AS items_sold FROM ${ITEMS} GROUP BY 1 ORDER BY 1`,
  ],
  [
    "simple with a metric filter, next to another model's metric, by region",
    {
      metrics: ["net_revenue", "order_count"],
      dimensions: ["region"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    },
    `WITH r AS (SELECT k.region, SUM(${LINE}) AS net_revenue FROM ${ITEMS} JOIN customers c ON c.customer_id = o.customer_id
                JOIN countries k ON k.name = c.country WHERE ${IN_2023} AND o.status NOT IN ('cancelled', 'returned') GROUP BY 1),
          n AS (SELECT k.region, COUNT(*) AS order_count FROM orders o JOIN customers c ON c.customer_id = o.customer_id
                JOIN countries k ON k.name = c.country WHERE ${IN_2023} GROUP BY 1)
     SELECT n.region, r.net_revenue, n.order_count FROM n JOIN r ON r.region = n.region ORDER BY 1`,
  ],
  [
    "count_distinct by region",
    { metrics: ["active_customers"], dimensions: ["region"], dateRange: { start: "2024-01-01", end: "2025-01-01" } },
    `SELECT k.region, COUNT(DISTINCT o.customer_id) AS active_customers FROM orders o JOIN customers c ON c.customer_id = o.customer_id
     JOIN countries k ON k.name = c.country WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01' GROUP BY 1 ORDER BY 1`,
  ],
  [
    "ratio of sums by channel",
    {
      metrics: ["average_order_value"],
      dimensions: ["channel"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    },
    `WITH r AS (SELECT o.channel, SUM(${LINE}) AS revenue FROM ${ITEMS} WHERE ${IN_2023} GROUP BY 1),
          n AS (SELECT channel, COUNT(*) AS orders FROM orders o WHERE ${IN_2023} GROUP BY 1)
     SELECT n.channel, r.revenue / n.orders AS average_order_value FROM n JOIN r USING (channel) ORDER BY 1`,
  ],
  [
    "ratio with a filtered numerator by quarter",
    { metrics: ["cancellation_rate"], grain: "quarter", dateRange: { start: "2023-01-01", end: "2024-01-01" } },
    `SELECT date_trunc('quarter', o.order_date)::date AS quarter, COUNT(*) FILTER (WHERE status = 'cancelled')::numeric / COUNT(*) AS cancellation_rate
     FROM orders o WHERE ${IN_2023} GROUP BY 1 ORDER BY 1`,
  ],
  [
    "derived from two models by segment",
    {
      metrics: ["revenue_per_customer"],
      dimensions: ["segment"],
      dateRange: { start: "2024-01-01", end: "2025-01-01" },
    },
    `SELECT c.segment, SUM(${LINE}) / (SELECT COUNT(DISTINCT o2.customer_id) FROM orders o2 JOIN customers c2 ON c2.customer_id = o2.customer_id
       WHERE c2.segment = c.segment AND o2.order_date >= '2024-01-01' AND o2.order_date < '2025-01-01') AS revenue_per_customer
     FROM ${ITEMS} JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01'
     GROUP BY 1 ORDER BY 1`,
  ],
  [
    "cumulative by month from the start of the period",
    { metrics: ["cumulative_revenue"], grain: "month", dateRange: { start: "2023-01-01", end: "2024-01-01" } },
    `SELECT date_trunc('month', o.order_date)::date AS month, SUM(SUM(${LINE})) OVER (ORDER BY date_trunc('month', o.order_date)::date) AS cumulative_revenue
     FROM ${ITEMS} WHERE ${IN_2023} GROUP BY 1 ORDER BY 1`,
  ],
  [
    "cumulative per category by quarter",
    {
      metrics: ["cumulative_revenue"],
      grain: "quarter",
      dimensions: ["product_category"],
      dateRange: { start: "2024-01-01" },
    },
    `SELECT date_trunc('quarter', o.order_date)::date AS quarter, pc.name AS product_category,
            SUM(SUM(${LINE})) OVER (PARTITION BY pc.name ORDER BY date_trunc('quarter', o.order_date)::date) AS cumulative_revenue
     FROM ${ITEMS} JOIN products p ON p.product_id = oi.product_id JOIN product_categories pc ON pc.category_id = p.category_id
     WHERE o.order_date >= '2024-01-01' GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  [
    "trailing window reaching before the period",
    { metrics: ["trailing_3_month_revenue"], grain: "month", dateRange: { start: "2023-01-01", end: "2024-01-01" } },
    `WITH monthly AS (SELECT date_trunc('month', o.order_date)::date AS month, SUM(${LINE}) AS revenue FROM ${ITEMS} GROUP BY 1)
     SELECT m.month, (SELECT SUM(x.revenue) FROM monthly x WHERE x.month > m.month - interval '3 months' AND x.month <= m.month) AS trailing_3_month_revenue
     FROM monthly m WHERE m.month >= '2023-01-01' AND m.month < '2024-01-01' ORDER BY 1`,
  ],
  [
    "another time dimension (payments by paid_at) by method",
    {
      metrics: ["payments_received", "payment_count"],
      dimensions: ["payment_method"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    },
    `SELECT method AS payment_method, SUM(amount) AS payments_received, COUNT(*) AS payment_count FROM payments
     WHERE paid_at >= '2023-01-01' AND paid_at < '2024-01-01' GROUP BY 1 ORDER BY 1`,
  ],
  [
    "top 5 countries in 2024",
    {
      metrics: ["revenue"],
      dimensions: ["country"],
      dateRange: { start: "2024-01-01", end: "2025-01-01" },
      orderBy: { metric: "revenue", descending: true },
      limit: 5,
    },
    `SELECT c.country, SUM(${LINE}) AS revenue FROM ${ITEMS} JOIN customers c ON c.customer_id = o.customer_id
     WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
  ],
];

// One token for the file: token requests are rate-limited per client, and other files ask for theirs.
// An admin's: changing metric definitions needs the admin role (test/workers/security/tenancy.test.ts).
let token: string;
beforeAll(async () => {
  useGateway(env.NEON_GATEWAY_URL);
  token = await tokenFor("admin-a", "secret-admin");
});

describe.each(["demo", "pg"])("compiled metrics equal hand-written SQL on %s", (ns) => {
  it.each(CASES)("%s", async (_what, query, sql) => {
    expectSameRows(await compiled(ns, query), await rowsOf(ns, sql));
  });

  it("revenue adds up to the orders' totals, and a ratio is not an average of ratios", async () => {
    const [total] = await compiled(ns, { metrics: ["revenue"] });
    const [orders] = await rowsOf(ns, "SELECT SUM(total_amount) AS total FROM orders");
    expect(Math.abs((total!.revenue as number) - (orders!.total as number))).toBeLessThan(
      (orders!.total as number) * 1e-6,
    );
    const [rate] = await compiled(ns, {
      metrics: ["cancellation_rate"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    });
    const [avg] = await rowsOf(
      ns,
      `SELECT AVG(r) AS avg FROM (SELECT COUNT(*) FILTER (WHERE status = 'cancelled')::numeric / COUNT(*) AS r FROM orders o WHERE ${IN_2023} GROUP BY date_trunc('month', order_date)) m`,
    );
    const [pooled] = await rowsOf(
      ns,
      `SELECT COUNT(*) FILTER (WHERE status = 'cancelled')::numeric / COUNT(*) AS r FROM orders o WHERE ${IN_2023}`,
    );
    expect(rate!.cancellation_rate).toBeCloseTo(pooled!.r as number, 12);
    expect(rate!.cancellation_rate).not.toBe(avg!.avg);
  });

  it("the demo definitions match the live catalog", async () => {
    expect(validateAgainstCatalog(defs, await catalogFor(env, target(ns)))).toEqual([]);
  });
});

it("keeps metrics/demo.yml identical to the built-in demo definitions", () => {
  expect(DEMO_METRICS_YAML).toBe(DEMO_YML);
});

const QUESTION = {
  workflow: "metric_to_sql",
  namespace: "demo",
  task: "monthly revenue by product category in 2023",
  current_date: "2024-06-30",
};

describe("metric_to_sql through POST /workflows/run, with no LLM configured", () => {
  it("sync: answers with the metric SQL, the rows and the semantic-layer metadata", async () => {
    const res = await runWorkflow(token, { ...QUESTION, task_id: uniqueTaskId("metric") });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      sql: string;
      result: Row[];
      metadata: Record<string, unknown>;
      error: string | null;
    };
    expect(body.error).toBeNull();
    expect(body.status).toBe("completed");
    expect(body.sql).toBe(
      compileMetricQuery(defs, {
        metrics: ["revenue"],
        dimensions: ["product_category"],
        grain: "month",
        dateRange: { start: "2023-01-01", end: "2024-01-01" },
        filters: [],
      }).sql,
    );
    expectSameRows(body.result, await rowsOf("demo", CASES[0]![2]));
    expect(body.result).toHaveLength(12 * 8);
    expect(body.metadata).toMatchObject({
      model: "semantic-layer",
      metric: "revenue",
      grain: "month",
      reflection_rounds: 0,
      date_range: { start: "2023-01-01", end: "2024-01-01", text: "in 2023" },
    });
  });

  it("async: streams the metric nodes' events and ends with done", async () => {
    const res = await runWorkflow(
      token,
      { ...QUESTION, task: "average order value by channel last year", mode: "async", task_id: uniqueTaskId("metric") },
      { accept: "text/event-stream" },
    );
    const events = await readEvents(res);
    expect(events[0]!.event).toBe("started");
    const details = payloadsOf(events, "node_detail");
    expect(details.map((d) => d.node)).toEqual(["search_metrics", "date_parser", "compile_metrics"]);
    expect(details[0]!.details).toMatchObject({ metrics: ["average_order_value"], dimensions: ["channel"] });
    expect(details[1]!.details.date_range).toMatchObject({ start: "2023-01-01", end: "2024-01-01" });
    expect(payloadsOf(events, "output_ready")[0]!.result).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
  });

  it("fails with the defined metrics when the question names none", async () => {
    const res = await runWorkflow(token, { ...QUESTION, task: "weather in Paris", task_id: uniqueTaskId("metric") });
    const body = (await res.json()) as { status: string; error: string };
    expect(body).toMatchObject({ status: "failed" });
    expect(body.error).toMatch(/No defined metric matches the question\. Defined metrics: revenue/);
  });
});

describe("/namespaces/{ns}/metrics", () => {
  const send = async (method: string, path: string, body?: string, type = "application/yaml") =>
    call(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": type }) },
      ...(body === undefined ? {} : { body }),
    });

  it("lists and shows the demo definitions, and 404s unknown names, behind bearer auth", async () => {
    expect((await call("/namespaces/demo/metrics")).status).toBe(401);
    const list = (await (await send("GET", "/namespaces/demo/metrics")).json()) as {
      metrics: Record<string, unknown>;
      sources: { metrics: Record<string, string> };
    };
    expect(list.metrics.revenue).toMatchObject({ type: "simple", measure: "revenue" });
    expect(list.sources.metrics.revenue).toBe("file");
    const yaml = await send("GET", "/namespaces/demo/metrics?format=yaml");
    expect(yaml.headers.get("content-type")).toContain("application/yaml");
    expect(await yaml.text()).toContain("average_order_value:");
    const one = (await (await send("GET", "/namespaces/demo/metrics/average_order_value")).json()) as {
      measures: { name: string }[];
      dimensions: string[];
    };
    expect(one).toMatchObject({ name: "average_order_value", source: "file", definition: { type: "ratio" } });
    expect(one.measures.map((m) => m.name)).toEqual(["revenue", "order_count"]);
    expect(one.dimensions).toContain("region");
    expect(one.dimensions).not.toContain("product_category");
    expect((await send("GET", "/namespaces/demo/metrics/profit")).status).toBe(404);
    expect((await send("GET", "/namespaces/nowhere/metrics")).status).toBe(404);
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/namespaces/{ns}/metrics"]!)).toEqual(["get", "put"]);
    expect(Object.keys(doc.paths["/namespaces/{ns}/metrics/{name}"]!)).toEqual(["get", "put", "delete"]);
  });

  it("stores a namespace document (YAML), then answers questions with it", async () => {
    const put = await send("PUT", "/namespaces/demo_tight/metrics", DEMO_METRICS_YAML);
    expect(put.status).toBe(200);
    expect(((await put.json()) as { stored: { metrics: string[] } }).stored.metrics).toContain("revenue");
    const res = await runWorkflow(token, {
      ...QUESTION,
      namespace: "demo_tight",
      task: "revenue by region in 2023",
      task_id: uniqueTaskId("metric"),
    });
    const body = (await res.json()) as { status: string; result: Row[]; metadata: Record<string, unknown> };
    expect(body.status).toBe("completed");
    expect(body.result).toHaveLength(5);
  });

  it("refuses malformed definitions (400) and unknown references or columns (422), naming the key", async () => {
    const bad = await send(
      "PUT",
      "/namespaces/demo_tight/metrics",
      JSON.stringify({ metrics: { x: { type: "simple", measur: "revenue" } } }),
      "application/json",
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
      "metrics.x.measur",
    );
    const unknown = await send("PUT", "/namespaces/demo_tight/metrics/big_revenue", "type: simple\nmeasure: revenu\n");
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ errors: [{ path: "metrics.big_revenue.measure" }] });
    const column = await send(
      "PUT",
      "/namespaces/demo_tight/metrics",
      "semantic_models:\n  refunds:\n    table: payments\n    measures:\n      refunded: { agg: sum, expr: refund_amount }\n",
    );
    expect(column.status).toBe(422);
    expect(await column.json()).toMatchObject({
      errors: [
        {
          path: "semantic_models.refunds.measures.refunded.expr",
          message: "no column 'refund_amount' in table payments",
        },
      ],
    });
  });

  it("creates, replaces and deletes one metric; refuses to delete one in use; hides a deleted file metric", async () => {
    const path = "/namespaces/demo/metrics/german_revenue";
    const metric =
      "type: simple\nmeasure: revenue\nfilters: [{ dimension: country, value: Germany }]\nsynonyms: [german sales]\n";
    expect((await send("PUT", path, metric)).status).toBe(201);
    expect((await send("PUT", path, metric)).status).toBe(200);
    expect(await (await send("GET", path)).json()).toMatchObject({
      source: "api",
      definition: { filters: [{ dimension: "country", operator: "=", value: "Germany" }] },
    });
    expect((await send("DELETE", path)).status).toBe(204);
    expect((await send("GET", path)).status).toBe(404);
    const inUse = await send("DELETE", "/namespaces/demo/metrics/order_count");
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({ dependents: ["cancellation_rate", "average_order_value"] });
    // payment_count: a file metric no other test asks about; deleted, then stored back.
    expect((await send("DELETE", "/namespaces/demo/metrics/payment_count")).status).toBe(204);
    expect((await send("GET", "/namespaces/demo/metrics/payment_count")).status).toBe(404);
    expect(
      (
        await send(
          "PUT",
          "/namespaces/demo/metrics/payment_count",
          JSON.stringify(defs.metrics.payment_count),
          "application/json",
        )
      ).status,
    ).toBe(201);
  });
});
