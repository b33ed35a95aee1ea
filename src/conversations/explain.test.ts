import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../test/fixtures/catalogs/demo";
import { generateSql } from "../llm/builtin";
import { AnswerSource } from "../shared/answer";
import { answerableOn } from "./answerable";
import { chooseChart } from "./chart";
import { assumptionsOf, sourcesOf, suggestionsFor } from "./explain";

const REVENUE_BY_COUNTRY = `SELECT c.country, SUM(o.total_amount) AS revenue FROM orders o JOIN customers c ON c.customer_id = o.customer_id
WHERE c.country = 'Germany' AND o.order_date >= DATE '2023-01-01' AND o.order_date < DATE '2024-01-01' GROUP BY 1 ORDER BY revenue DESC LIMIT 5`;

describe("assumptions: how each business word was read, from the SQL that ran", () => {
  it("names the measure, the date range, the values, the rank and the tables", () => {
    expect(assumptionsOf(REVENUE_BY_COUNTRY)).toEqual([
      "revenue = SUM(total_amount) of orders",
      "orders.order_date from 2023-01-01 to before 2024-01-01",
      '"Germany" = customers.country',
      "top 5 by revenue",
      "reads orders, customers",
    ]);
  });

  it("reads the built-in generator's time buckets, rounded averages and counts", () => {
    const sql = (
      generateSql(DEMO_CATALOG, "average revenue by month", { currentDate: DEMO_CURRENT_DATE }) as { sql: string }
    ).sql;
    expect(assumptionsOf(sql)).toEqual([
      "avg_revenue = AVG(total_amount) of orders",
      "month = orders.order_date by month",
      "reads orders",
    ]);
    expect(assumptionsOf("SELECT COUNT(*) AS order_count FROM public.orders o WHERE o.status = 'shipped'")).toEqual([
      "order_count = COUNT(*) of orders",
      '"shipped" = orders.status',
      "reads orders",
    ]);
  });

  it("lists the verified example by its id, metrics by name and tables as sources, in the shared shape", () => {
    const sources = sourcesOf(
      "SELECT 1 FROM orders",
      { metrics: ["revenue"] },
      { id: 42, question: "revenue by month" },
    );
    expect(sources).toEqual([
      { kind: "verified_example", id: 42, question: "revenue by month" },
      { kind: "metric", id: "revenue" },
      { kind: "table", id: "orders" },
    ]);
    for (const s of sources) expect(AnswerSource.parse(s)).toEqual(s);
    expect(AnswerSource.safeParse({ kind: "verified_example", id: "revenue by month" }).success).toBe(false);
  });
});

describe("suggestions: follow-ups the service can answer", () => {
  it("ranks a grouping, swaps the aggregate, picks a year; only what the built-in generator answers", () => {
    const sql =
      "SELECT c.country, SUM(o.total_amount) AS revenue FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY 1";
    const answerable = (q: string) => generateSql(DEMO_CATALOG, q, { currentDate: DEMO_CURRENT_DATE }).ok;
    expect(suggestionsFor("total revenue by country", sql, DEMO_CURRENT_DATE, answerable)).toEqual([
      "top 5 country by total revenue",
      "average revenue by country",
      "total revenue by country in 2023",
    ]);
    expect(suggestionsFor("total revenue by country", null, DEMO_CURRENT_DATE)).toEqual([]);
  });

  it("remembers the generator's verdicts per catalog and date, and asks again once the catalog is reloaded", () => {
    const questions = ["top 5 country by total revenue", "how many unicorns per galaxy", "total revenue in 2023"];
    const fresh = (q: string, date: string) => generateSql(DEMO_CATALOG, q, { currentDate: date }).ok;
    const remembered = answerableOn(DEMO_CATALOG, DEMO_CURRENT_DATE);
    for (let round = 0; round < 2; round++)
      for (const q of questions) expect(remembered(q)).toBe(fresh(q, DEMO_CURRENT_DATE));
    // The same catalog reloaded without its tables: nothing is answerable any more, whatever was remembered.
    const reloaded = { ...DEMO_CATALOG, tables: [], loadedAt: "2099-01-01T00:00:00.000Z" };
    expect(answerableOn(reloaded, DEMO_CURRENT_DATE)(questions[0] as string)).toBe(false);
  });
});

describe("chart: a Vega-Lite spec by reference to the result, by the playground's rule", () => {
  it("draws a time column as lines, one per category", () => {
    const rows = [
      { month: "2024-01-01", channel: "web", revenue: 1 },
      { month: "2024-01-01", channel: "store", revenue: 2 },
      { month: "2024-02-01", channel: "web", revenue: 3 },
    ];
    expect(chooseChart(rows)).toEqual({
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      description: "Line chart of revenue by month, one line per channel",
      data: { name: "result" },
      mark: { type: "line", point: true, tooltip: true },
      encoding: {
        x: { field: "month", type: "temporal" },
        y: { field: "revenue", type: "quantitative" },
        color: { field: "channel", type: "nominal" },
      },
    });
  });

  it("draws one category as bars in the rows' order, folds several measures, copies no rows", () => {
    const rows = [
      { country: "Germany", revenue: 3, orders: 1 },
      { country: "France", revenue: 2, orders: 4 },
    ];
    const spec = chooseChart(rows);
    expect(spec?.mark.type).toBe("bar");
    expect(spec?.encoding.x).toEqual({ field: "country", type: "nominal", sort: null });
    expect(spec?.transform).toEqual([{ fold: ["revenue", "orders"], as: ["measure", "value"] }]);
    expect(JSON.stringify(spec)).not.toContain("Germany");
  });

  it("draws nothing for one row, for text only, or for repeated categories", () => {
    expect(chooseChart([{ revenue: 1 }])).toBeNull();
    expect(chooseChart([{ name: "a" }, { name: "b" }])).toBeNull();
    expect(
      chooseChart([
        { c: "a", n: 1 },
        { c: "a", n: 2 },
      ]),
    ).toBeNull();
  });
});
