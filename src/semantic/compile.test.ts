import { describe, expect, it } from "vitest";
import { checkSql } from "../sql/guard";
import { compileMetricQuery } from "./compile";
import { MetricDefinitions } from "./definitions";
import { loadFileMetrics } from "./file-metrics";
import type { MetricQuery } from "./metric-query";
import { identifiersOf, literal, qualify } from "./sql-expr";

const defs = loadFileMetrics(undefined).demo!;
const q = (query: Partial<MetricQuery>): MetricQuery => ({
  metrics: ["revenue"],
  dimensions: [],
  filters: [],
  ...query,
});
const sql = (query: Partial<MetricQuery>) => compileMetricQuery(defs, q(query)).sql;
const failure = (query: Partial<MetricQuery>) => {
  try {
    compileMetricQuery(defs, q(query));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a compile error");
};

describe("compileMetricQuery", () => {
  it("every demo metric compiles, by every grain, to one statement the SQL guard accepts", async () => {
    for (const metric of Object.keys(defs.metrics)) {
      for (const grain of [undefined, "day", "week", "month", "quarter", "year"] as const) {
        const compiled = compileMetricQuery(
          defs,
          q({
            metrics: [metric],
            grain,
            dateRange: { start: "2023-02-15", end: "2023-08-01" },
            dimensions: ["country"],
          }),
        );
        const verdict = await checkSql(compiled.sql, { allowedSchemas: ["public"] });
        expect(verdict.ok, `${metric} ${grain}: ${JSON.stringify(verdict)}\n${compiled.sql}`).toBe(true);
      }
    }
  });

  it("buckets by the grain on each measure's time dimension and filters dates half-open", () => {
    const text = sql({
      grain: "month",
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
      dimensions: ["product_category"],
    });
    expect(text).toContain("date_trunc('month', orders.order_date)::date AS month");
    expect(text).toContain("orders.order_date >= DATE '2023-01-01' AND orders.order_date < DATE '2024-01-01'");
    expect(text).toContain(
      "LEFT JOIN product_categories AS product_categories ON product_categories.category_id = products.category_id",
    );
    expect(text).toMatch(/ORDER BY month, product_category$/);
    expect(sql({ metrics: ["payments_received"], grain: "week" })).toContain(
      "date_trunc('week', payments.paid_at)::date AS week",
    );
  });

  it("joins only what a query needs, many-to-one through entities", () => {
    const text = sql({ metrics: ["order_count"] });
    expect(text).not.toContain("JOIN");
    expect(sql({ metrics: ["order_count"], dimensions: ["region"] })).toContain(
      "LEFT JOIN countries AS countries ON countries.name = customers.country",
    );
    expect(failure({ metrics: ["average_order_value"], dimensions: ["product_category"] })).toMatch(
      /'average_order_value' cannot be broken down or filtered by 'product_category'.*no join path/,
    );
  });

  it("computes a ratio of aggregates, with the numerator's own filter, in numeric", () => {
    const text = sql({ metrics: ["cancellation_rate"], grain: "quarter" });
    expect(text).toContain("COUNT(orders.order_id) FILTER (WHERE orders.status = 'cancelled') AS _a1");
    expect(text).toContain("COUNT(orders.order_id) AS _a2");
    expect(text).toContain("(_a1)::numeric / NULLIF((_a2)::numeric, 0) AS cancellation_rate");
  });

  it("computes derived metrics from their inputs' aggregates, across models", () => {
    const text = sql({ metrics: ["revenue_per_customer"], dimensions: ["segment"] });
    expect(text).toContain("COUNT(DISTINCT orders.customer_id) AS _a2");
    expect(text).toContain("keys.segment");
    expect(text).toContain("((_a1)::numeric / NULLIF((_a2)::numeric, 0)) AS revenue_per_customer");
  });

  it("accumulates over the grain; a trailing window reads back before the period and drops those rows after", () => {
    expect(sql({ metrics: ["cumulative_revenue"] })).toContain(
      "SUM(_a1) OVER (ORDER BY month RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_revenue",
    );
    const text = sql({
      metrics: ["trailing_3_month_revenue", "revenue"],
      dimensions: ["channel"],
      dateRange: { start: "2023-01-01", end: "2024-01-01" },
    });
    expect(text).toContain("orders.order_date >= DATE '2022-10-01'");
    expect(text).toContain("FILTER (WHERE orders.order_date >= DATE '2023-01-01') AS _a2");
    expect(text).toContain("PARTITION BY channel ORDER BY month RANGE BETWEEN INTERVAL '3 months -1 day' PRECEDING");
    expect(text).toContain("WHERE month >= DATE '2023-01-01'");
  });

  it("writes NULL-safe filters and escapes values", () => {
    const text = sql({
      filters: [
        { dimension: "country", operator: "!=", value: "Côte d'Ivoire" },
        { dimension: "status", operator: "not_in", values: ["cancelled", "returned"] },
      ],
    });
    expect(text).toContain("customers.country IS DISTINCT FROM 'Côte d''Ivoire'");
    expect(text).toContain("(orders.status IS NULL OR orders.status NOT IN ('cancelled', 'returned'))");
    expect(literal("a\nb'c")).toBe("E'a\\x0ab''c'");
  });

  it("orders and limits a top-N, and is deterministic", () => {
    const query = { dimensions: ["country"], orderBy: { metric: "revenue", descending: true }, limit: 5 };
    expect(sql(query)).toMatch(/ORDER BY revenue DESC NULLS LAST, country\nLIMIT 5$/);
    expect(sql(query)).toBe(sql(query));
  });

  it("never names a CTE like a model's table (an unqualified table would read the CTE)", () => {
    const odd = MetricDefinitions.parse({
      semantic_models: {
        orders: {
          table: "m_orders",
          default_time_dimension: "day",
          time_dimensions: { day: { expr: "day" } },
          measures: { n: { agg: "count", expr: "id" } },
        },
      },
      metrics: { n: { type: "cumulative", measure: "n" } },
    });
    const text = compileMetricQuery(odd, q({ metrics: ["n"], dateRange: { start: "2024-01-01" } })).sql;
    expect(text).toMatch(/^WITH m_orders_ AS \(/);
    expect(text).toContain("FROM m_orders AS orders");
  });

  it("refuses what the definitions cannot answer, saying why", () => {
    expect(failure({ metrics: ["profit"] })).toMatch(/Unknown metric 'profit'; defined: .*revenue/);
    expect(failure({ dimensions: ["colour"] })).toMatch(/Unknown dimension 'colour'/);
    expect(failure({ dimensions: ["order_date"] })).toMatch(/time dimension: ask for a grain/);
    expect(failure({ dateRange: { start: "2023-02-30" } })).toMatch(/not a YYYY-MM-DD date/);
    expect(failure({ orderBy: { metric: "order_count", descending: true } })).toMatch(/not one of the metrics/);
  });
});

describe("sql-expr", () => {
  it("finds and qualifies the columns of an expression, not its functions, keywords, casts or strings", () => {
    const expr = `CASE WHEN status = 'paid' THEN COALESCE(amount, 0)::numeric ELSE EXTRACT(year FROM paid_at) END + "Weird Col" + DATE '2024-01-01' - t.x`;
    expect(identifiersOf(expr).map((r) => `${r.name}${r.qualified ? "." : ""}`)).toEqual([
      "status",
      "amount",
      "paid_at",
      "Weird Col",
      "t.",
    ]);
    expect(qualify("quantity * unit_price * (1 - discount)", "oi")).toBe(
      "oi.quantity * oi.unit_price * (1 - oi.discount)",
    );
  });
});
