import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { ConfigError } from "../config/yaml-config";
import { validateAgainstCatalog } from "./catalog-check";
import { mergeDefinitions } from "./definition-store";
import { MetricDefinitions } from "./definitions";
import { DEMO_METRICS_YAML } from "./demo-metrics";
import { loadFileMetrics, parseDefinitions } from "./file-metrics";
import { checkReferences } from "./references";

const demo = () => MetricDefinitions.parse(parse(DEMO_METRICS_YAML));
/** The demo document with values set at dotted paths, as plain data (what a PUT would send). */
function demoWith(changes: Record<string, unknown>): unknown {
  const doc: Record<string, unknown> = parse(DEMO_METRICS_YAML);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    const last = keys.pop()!;
    let node = doc;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    node[last] = value;
  }
  return doc;
}
const paths = (errors: { path: string }[]) => errors.map((e) => e.path);

describe("metric definitions", () => {
  it("ships valid demo definitions: shape, references and the demo catalog", () => {
    const defs = demo();
    expect(checkReferences(defs)).toEqual([]);
    expect(validateAgainstCatalog(defs, DEMO_CATALOG)).toEqual([]);
    expect(Object.keys(defs.metrics)).toEqual(
      expect.arrayContaining([
        "revenue",
        "order_count",
        "average_order_value",
        "active_customers",
        "revenue_per_customer",
        "cumulative_revenue",
        "items_sold",
        "average_discount",
        "payments_received",
      ]),
    );
    expect(new Set(Object.values(defs.metrics).map((m) => m.type))).toEqual(
      new Set(["simple", "ratio", "derived", "cumulative"]),
    );
  });

  it("names the wrong key of a malformed document (400)", () => {
    const bad = demoWith({
      "metrics.revenue.measur": "revenue",
      "semantic_models.orders.measures.order_count.agg": "median",
      "metrics.aov": { type: "ratio", numerator: "revenue" },
    });
    const parsed = parseDefinitions(MetricDefinitions, bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.status).toBe(400);
    expect(paths(parsed.errors)).toEqual(
      expect.arrayContaining([
        "metrics.revenue.measur",
        "semantic_models.orders.measures.order_count.agg",
        "metrics.aov.denominator",
      ]),
    );
    const yaml = parseDefinitions(MetricDefinitions, "metrics: [unclosed");
    expect(yaml).toMatchObject({ ok: false, status: 400, errors: [{ path: "(body)" }] });
  });

  it("catches references to unknown measures, metrics, dimensions and unreachable joins", () => {
    const defs = MetricDefinitions.parse(
      demoWith({
        "metrics.revenue.measure": "revenu",
        "metrics.share": { type: "derived", expr: "revenue / total_orders" },
        "metrics.aov2": { type: "ratio", numerator: "revenue", denominator: "nothing" },
        "metrics.by_cat": {
          type: "simple",
          measure: "order_count",
          filters: [{ dimension: "product_category", value: "Books" }],
        },
        "metrics.loop_a": { type: "derived", expr: "loop_b + 1" },
        "metrics.loop_b": { type: "derived", expr: "loop_a * 2" },
        "metrics.avg_running": { type: "cumulative", measure: "line_discount" },
        "semantic_models.payments.measures.payment_amount.time_dimension": "paid_on",
        "semantic_models.products.dimensions.segment": { expr: "name" },
      }),
    );
    const errors = checkReferences(defs);
    expect(paths(errors)).toEqual(
      expect.arrayContaining([
        "metrics.revenue.measure",
        "metrics.share.expr",
        "metrics.aov2.denominator",
        "metrics.by_cat.filters.0.dimension",
        "metrics.loop_a",
        "metrics.avg_running.measure",
        "semantic_models.payments.measures.payment_amount.time_dimension",
        "semantic_models.customers.dimensions.segment", // the second definition of the name
      ]),
    );
    expect(errors.find((e) => e.path === "metrics.revenue.measure")!.message).toMatch(/unknown measure 'revenu'/);
  });

  it("catches unknown tables and columns against the catalog", () => {
    const defs = MetricDefinitions.parse(
      demoWith({
        "semantic_models.orders.measures.order_total": { agg: "sum", expr: "total_amount_usd * 1.0" },
        "semantic_models.payments.table": "payment",
        "semantic_models.customers.time_dimensions.signup_date.expr": "segment",
      }),
    );
    const errors = validateAgainstCatalog(defs, DEMO_CATALOG);
    expect(paths(errors)).toEqual([
      "semantic_models.orders.measures.order_total.expr",
      "semantic_models.customers.time_dimensions.signup_date.expr",
      "semantic_models.payments.table",
    ]);
    expect(errors[0]!.message).toBe("no column 'total_amount_usd' in table orders");
  });

  it("loads METRICS once per text, with demo falling back to the built-in definitions", () => {
    const yaml = `namespaces:\n  shop:\n    semantic_models:\n      sales: { table: sales, measures: { amount: { agg: sum, expr: amount } } }\n    metrics:\n      sales: { type: simple, measure: amount }\n`;
    const loaded = loadFileMetrics(yaml);
    expect(Object.keys(loaded).sort()).toEqual(["demo", "shop"]);
    expect(loaded.shop!.metrics.sales).toMatchObject({ type: "simple", measure: "amount" });
    expect(loadFileMetrics(yaml)).toBe(loaded); // parsed once per text
    expect(loadFileMetrics(undefined).demo!.metrics.revenue).toBeDefined();
    expect(() =>
      loadFileMetrics(`namespaces:\n  shop:\n    metrics:\n      sales: { type: simple, measure: amount }\n`),
    ).toThrow(ConfigError);
    try {
      loadFileMetrics(`namespaces:\n  shop:\n    metrics:\n      sales: { type: simple, measure: amount }\n`);
    } catch (error) {
      expect((error as ConfigError).problems[0]).toMatch(
        /^namespaces\.shop\.metrics\.sales\.measure: unknown measure 'amount'/,
      );
    }
  });

  it("lays stored definitions over file ones; a stored null hides a file metric", () => {
    const merged = mergeDefinitions(demo(), [
      { kind: "metric", name: "revenue", definition: { type: "simple", measure: "revenue", label: "Sales" } },
      { kind: "metric", name: "payment_count", definition: null },
      { kind: "metric", name: "big", definition: { type: "simple", measure: "order_count" } },
    ]);
    expect(merged.defs.metrics.revenue).toMatchObject({ label: "Sales" });
    expect(merged.sources.metrics).toMatchObject({ revenue: "api", big: "api", order_count: "file" });
    expect(merged.defs.metrics.payment_count).toBeUndefined();
    expect(merged.sources.metrics.payment_count).toBeUndefined();
  });
});
