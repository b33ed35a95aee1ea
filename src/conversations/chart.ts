/**
 * The chart an answer suggests (issue 16): a Vega-Lite spec whose data is the result by reference
 * (`{"name": "result"}`, bound by the client to the rows it already has; no rows copied), chosen by
 * the rule the playground has always used (public/playground/app.js, chooseChart):
 * a time column and measures → lines (one per category when one small category column is present);
 * one category column with a bar per distinct category (≤ 50) and measures → bars; else none.
 */
export interface VegaLiteSpec {
  $schema: string;
  description: string;
  data: { name: "result" };
  mark: { type: "line" | "bar"; point?: boolean; tooltip: true };
  encoding: Record<string, unknown>;
  transform?: Record<string, unknown>[];
}

const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?)?$/;
const TIME_NAME = /(^|_)(date|day|week|month|quarter|year|time|period)(_|$)/i;
const ID_NAME = /(^|_)id$/i;
// The playground's palette has ten colours: more lines than that are not told apart.
const MAX_SERIES = 10;
const MAX_BARS = 50;
const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

type Kind = "empty" | "time" | "year" | "number" | "category" | "other";

function columnKind(name: string, values: unknown[]): Kind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return "empty";
  if (present.every((v) => typeof v === "number")) {
    if (TIME_NAME.test(name) && present.every((v) => Number.isInteger(v) && v > 1900 && v < 2200)) return "year";
    return ID_NAME.test(name) ? "category" : "number";
  }
  if (present.every((v) => typeof v === "string" && ISO_DATE.test(v))) return "time";
  if (present.every((v) => typeof v === "string" || typeof v === "boolean")) return "category";
  return "other";
}

/** Several measures share one axis through a fold: one series per measure. */
function measuresEncoding(measures: string[]) {
  if (measures.length === 1)
    return { y: { field: measures[0], type: "quantitative" }, transform: undefined, color: undefined };
  return {
    y: { field: "value", type: "quantitative", title: measures.join(", ") },
    transform: [{ fold: measures, as: ["measure", "value"] }],
    color: { field: "measure", type: "nominal" },
  };
}

export function chooseChart(rows: readonly Record<string, unknown>[] | null | undefined): VegaLiteSpec | null {
  if (!rows || rows.length < 2) return null;
  const columns = Object.keys(rows[0] ?? {});
  const kinds = columns.map((name) => ({
    name,
    kind: columnKind(
      name,
      rows.map((r) => r[name]),
    ),
  }));
  const of = (...wanted: Kind[]) => kinds.filter((k) => wanted.includes(k.kind)).map((k) => k.name);
  const [times, numbers, categories, others] = [of("time", "year"), of("number"), of("category"), of("other")];
  if (numbers.length === 0 || others.length > 0) return null;

  if (times.length === 1 && categories.length <= 1) {
    const time = times[0] as string;
    const x = { field: time, type: kinds.find((k) => k.name === time)?.kind === "year" ? "ordinal" : "temporal" };
    if (categories.length === 1) {
      const category = categories[0] as string;
      const measure = numbers[0] as string;
      if (new Set(rows.map((r) => String(r[category]))).size > MAX_SERIES) return null;
      return spec("line", `Line chart of ${measure} by ${time}, one line per ${category}`, {
        x,
        y: { field: measure, type: "quantitative" },
        color: { field: category, type: "nominal" },
      });
    }
    const measures = numbers.slice(0, 4);
    const m = measuresEncoding(measures);
    return spec(
      "line",
      `Line chart of ${measures.join(", ")} by ${time}`,
      { x, y: m.y, ...(m.color ? { color: m.color } : {}) },
      m.transform,
    );
  }

  if (times.length === 0 && categories.length === 1 && rows.length <= MAX_BARS) {
    const category = categories[0] as string;
    const labels = rows.map((r) => String(r[category]));
    if (new Set(labels).size !== labels.length) return null;
    const measures = numbers.slice(0, 3);
    const m = measuresEncoding(measures);
    return spec(
      "bar",
      `Bar chart of ${measures.join(", ")} by ${category}`,
      {
        // The rows' own order (often ranked): Vega-Lite would sort the categories by name.
        x: { field: category, type: "nominal", sort: null },
        y: m.y,
        ...(m.color ? { color: m.color, xOffset: { field: "measure" } } : {}),
      },
      m.transform,
    );
  }
  return null;
}

function spec(
  type: "line" | "bar",
  description: string,
  encoding: Record<string, unknown>,
  transform?: Record<string, unknown>[],
): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    data: { name: "result" },
    mark: type === "line" ? { type, point: true, tooltip: true } : { type, tooltip: true },
    encoding,
    ...(transform ? { transform } : {}),
  };
}
