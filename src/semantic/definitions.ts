import { z } from "zod";

/**
 * The shape of a namespace's metric definitions (metrics/<namespace>.yml, or stored in D1): semantic
 * models over tables, their measures, and the metrics built from measures, in the spirit of dbt
 * MetricFlow. Maps keyed by name rather than lists, so an error path reads `metrics.revenue.measure`
 * and names are unique by construction. Every object is strict: a misspelt key is named, not ignored.
 */

/** Names end up as SQL aliases and result columns: lowercase identifiers keep them unquoted. */
export const Name = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "must be a lowercase identifier (a-z, 0-9, _), starting with a letter");
const Expr = z.string().trim().min(1, "cannot be empty").max(2000);
const Words = z.array(z.string().trim().min(1).max(100)).max(50);

export const GRAINS = ["day", "week", "month", "quarter", "year"] as const;
export const Grain = z.enum(GRAINS);
export type Grain = z.infer<typeof Grain>;

export const AGGREGATIONS = ["sum", "count", "count_distinct", "avg", "min", "max"] as const;

const FilterValue = z.union([z.string().max(500), z.number(), z.boolean()]);
export const FILTER_OPERATORS = ["=", "!=", "in", "not_in", ">", ">=", "<", "<="] as const;

/** A condition on a dimension (by name: the compiler joins to wherever it lives). */
export const Filter = z
  .strictObject({
    dimension: Name,
    operator: z.enum(FILTER_OPERATORS).default("="),
    value: FilterValue.optional(),
    values: z.array(FilterValue).min(1).max(200).optional(),
  })
  .refine((f) => (f.operator === "in" || f.operator === "not_in" ? f.values !== undefined : f.value !== undefined), {
    message: "`in`/`not_in` take `values` (a list); the other operators take one `value`",
  });
export type Filter = z.infer<typeof Filter>;

const Entity = z.strictObject({
  /** primary: this model's key; foreign: a key of the model whose primary entity has the same name. */
  type: z.enum(["primary", "foreign"]),
  expr: Expr,
});

const Dimension = z.strictObject({
  expr: Expr,
  label: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  synonyms: Words.optional(),
  /** Known values, for recognising "in Germany" when the catalog's samples do not list them. */
  values: z.array(z.string().max(200)).max(500).optional(),
});

const TimeDimension = z.strictObject({
  expr: Expr,
  label: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  synonyms: Words.optional(),
  granularities: z
    .array(Grain)
    .min(1)
    .default([...GRAINS]),
  default_granularity: Grain.default("month"),
});

const Measure = z.strictObject({
  agg: z.enum(AGGREGATIONS),
  /** SQL over the model's columns, written unqualified (`quantity * unit_price`). */
  expr: Expr,
  description: z.string().max(2000).optional(),
  filters: z.array(Filter).max(20).optional(),
  /** Time dimension the measure is bucketed and date-filtered by; default: the model's. */
  time_dimension: Name.optional(),
});

export const SemanticModel = z.strictObject({
  /** `table` or `schema.table`. */
  table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/, "must be `table` or `schema.table`"),
  description: z.string().max(2000).optional(),
  default_time_dimension: Name.optional(),
  entities: z.record(Name, Entity).default({}),
  time_dimensions: z.record(Name, TimeDimension).default({}),
  dimensions: z.record(Name, Dimension).default({}),
  measures: z.record(Name, Measure).default({}),
});
export type SemanticModel = z.infer<typeof SemanticModel>;

const MetricCommon = {
  label: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  synonyms: Words.optional(),
  domain: z.string().max(128).optional(),
  layer1: z.string().max(128).optional(),
  layer2: z.string().max(128).optional(),
  /** Applied to every measure the metric reads (for ratio/derived: to all of their inputs). */
  filters: z.array(Filter).max(20).optional(),
};

/** "7 days", "3 months": the trailing window of a cumulative metric. */
export const Window = z
  .string()
  .regex(/^\s*[1-9]\d{0,3}\s+(day|week|month|quarter|year)s?\s*$/, "must look like `7 days` or `3 months`");

export const Metric = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("simple"), measure: Name, ...MetricCommon }),
  /** Ratio of the aggregated numerator to the aggregated denominator (never an average of ratios). */
  z.strictObject({ type: z.literal("ratio"), numerator: Name, denominator: Name, ...MetricCommon }),
  /** SQL over other metrics' values, by metric name: `revenue / NULLIF(active_customers, 0)`. */
  z.strictObject({ type: z.literal("derived"), expr: Expr, ...MetricCommon }),
  /** Running total of a measure over the time grain; with `window`, a trailing window instead. */
  z.strictObject({ type: z.literal("cumulative"), measure: Name, window: Window.optional(), ...MetricCommon }),
]);
export type Metric = z.infer<typeof Metric>;

export const MetricDefinitions = z.strictObject({
  semantic_models: z.record(Name, SemanticModel).default({}),
  metrics: z.record(Name, Metric).default({}),
});
export type MetricDefinitions = z.infer<typeof MetricDefinitions>;

export const EMPTY_DEFINITIONS: MetricDefinitions = { semantic_models: {}, metrics: {} };
