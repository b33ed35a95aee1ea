import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { readDateRange } from "../dates";
import { loadFileMetrics } from "./file-metrics";
import { METRIC_DATES } from "./metric-dates";
import { SemanticIndex } from "./model-index";
import { metricPhraseTexts, searchMetrics } from "./search";

const index = new SemanticIndex(loadFileMetrics(undefined).demo!);
function search(question: string, allowMetric?: (name: string) => boolean) {
  const dates = readDateRange(question, "2024-06-30", {
    ...METRIC_DATES,
    keep: metricPhraseTexts(index).map((p) => p.text),
  });
  const found = searchMetrics(dates.ok ? dates.rest : question, index, { catalog: DEMO_CATALOG, allowMetric });
  if (!found.ok) throw new Error(found.reason);
  return found.result.query;
}

/** [question, metrics, dimensions, grain, filters as "dimension=value"] */
const CASES: [string, string[], string[], string | undefined, string[]][] = [
  ["monthly revenue by product category in 2023", ["revenue"], ["product_category"], "month", []],
  ["What was the average order value by channel last quarter?", ["average_order_value"], ["channel"], undefined, []],
  ["AOV per country", ["average_order_value"], ["country"], undefined, []],
  ["revenue per customer by segment", ["revenue_per_customer"], ["segment"], undefined, []],
  ["revenue by customer segment", ["revenue"], ["segment"], undefined, []],
  [
    "sales in Germany for Electronics by week",
    ["revenue"],
    [],
    "week",
    ["country=Germany", "product_category=Electronics"],
  ],
  ["how many orders per quarter", ["order_count"], [], "quarter", []],
  ["number of active customers by region in 2024", ["active_customers"], ["region"], undefined, []],
  ["cumulative revenue by month", ["cumulative_revenue"], [], "month", []],
  ["running total revenue over time", ["cumulative_revenue"], [], "month", []],
  ["rolling 3 month revenue", ["trailing_3_month_revenue"], [], undefined, []],
  ["trailing 3-month revenue by month in 2023", ["trailing_3_month_revenue"], [], "month", []],
  ["payments by payment method", ["payments_received"], ["payment_method"], undefined, []],
  ["units sold by category yearly", ["items_sold"], ["product_category"], "year", []],
  ["average discount by product category", ["average_discount"], ["product_category"], undefined, []],
  ["net revenue and order count by region", ["net_revenue", "order_count"], ["region"], undefined, []],
  ["cancellation rate by sales channel", ["cancellation_rate"], ["channel"], undefined, []],
  ["cancelled orders in France and Spain", ["cancelled_orders"], [], undefined, ["country=France,Spain"]],
  [
    "revenue from mobile orders of Corporate customers",
    ["revenue"],
    [],
    undefined,
    ["channel=mobile", "segment=Corporate"],
  ],
  ["revenue of cancelled orders by order status", ["revenue"], [], undefined, ["status=cancelled"]],
  [
    "orders and revenue in Books by store",
    ["order_count", "revenue"],
    [],
    undefined,
    ["product_category=Books", "channel=store"],
  ],
];

describe("searchMetrics", () => {
  it.each(CASES)("%s", (question, metrics, dimensions, grain, filters) => {
    const query = search(question);
    expect(query.metrics).toEqual(metrics);
    expect(query.dimensions).toEqual(dimensions);
    expect(query.grain).toBe(grain);
    expect(query.filters.map((f) => `${f.dimension}=${f.value ?? f.values?.join(",")}`)).toEqual(filters);
  });

  it("reads top-N as an order and a limit", () => {
    expect(search("top 5 countries by revenue in 2024")).toMatchObject({
      metrics: ["revenue"],
      dimensions: ["country"],
      orderBy: { metric: "revenue", descending: true },
      limit: 5,
    });
    expect(search("lowest 3 categories by items sold")).toMatchObject({ orderBy: { descending: false }, limit: 3 });
  });

  it("says which metrics exist when none matches, and honours the allowed metrics", () => {
    expect(searchMetrics("profit margin by planet", index).ok).toBe(false);
    const found = searchMetrics("profit margin by planet", index);
    expect(!found.ok && found.reason).toMatch(/Defined metrics: revenue \(Revenue\), .*average_order_value/);
    expect(() => search("revenue by month", (name) => name.startsWith("payment"))).toThrow(
      /Defined metrics: payments_received/,
    );
  });
});
