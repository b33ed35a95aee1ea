import type { Grain, Metric, MetricDefinitions, SemanticModel } from "./definitions";
import { identifiersOf } from "./sql-expr";

/**
 * Lookups over a definitions document: where each measure and dimension lives, and how models join.
 * Joins follow entities: a model's `foreign` entity `customer` leads to the model whose `primary`
 * entity is `customer` (many-to-one, so a join never multiplies the measure's rows).
 */
export interface MeasureInfo {
  name: string;
  model: string;
  def: SemanticModel["measures"][string];
  /** The measure's time dimension (its own or its model's default), if any. */
  timeDimension: string | undefined;
}

export interface DimensionInfo {
  name: string;
  model: string;
  kind: "categorical" | "time";
  expr: string;
  label: string | undefined;
  synonyms: readonly string[];
  values: readonly string[];
  granularities: readonly Grain[];
  defaultGranularity: Grain;
}

export interface JoinStep {
  entity: string;
  from: string;
  fromExpr: string;
  to: string;
  toExpr: string;
}

export class SemanticIndex {
  readonly measures = new Map<string, MeasureInfo>();
  readonly dimensions = new Map<string, DimensionInfo>();
  /** Model whose primary entity has this name. */
  readonly primaryOf = new Map<string, { model: string; expr: string }>();
  /** Names defined twice, with the path of the second definition: reported by checkReferences. */
  readonly duplicates: { path: string; message: string }[] = [];
  private readonly paths = new Map<string, JoinStep[] | null>();

  constructor(readonly defs: MetricDefinitions) {
    for (const [modelName, model] of Object.entries(defs.semantic_models)) {
      for (const [entity, e] of Object.entries(model.entities)) {
        if (e.type !== "primary") continue;
        const other = this.primaryOf.get(entity);
        if (other)
          this.duplicates.push({
            path: `semantic_models.${modelName}.entities.${entity}`,
            message: `primary entity '${entity}' is already the key of model '${other.model}'`,
          });
        else this.primaryOf.set(entity, { model: modelName, expr: e.expr });
      }
      const dims: [string, DimensionInfo, string][] = [
        ...Object.entries(model.dimensions).map(([name, d]): [string, DimensionInfo, string] => [
          name,
          {
            name,
            model: modelName,
            kind: "categorical",
            expr: d.expr,
            label: d.label,
            synonyms: d.synonyms ?? [],
            values: d.values ?? [],
            granularities: [],
            defaultGranularity: "month",
          },
          "dimensions",
        ]),
        ...Object.entries(model.time_dimensions).map(([name, d]): [string, DimensionInfo, string] => [
          name,
          {
            name,
            model: modelName,
            kind: "time",
            expr: d.expr,
            label: d.label,
            synonyms: d.synonyms ?? [],
            values: [],
            granularities: d.granularities,
            defaultGranularity: d.default_granularity,
          },
          "time_dimensions",
        ]),
      ];
      for (const [name, info, section] of dims) {
        const other = this.dimensions.get(name);
        if (other)
          this.duplicates.push({
            path: `semantic_models.${modelName}.${section}.${name}`,
            message: `dimension '${name}' is already defined in model '${other.model}': dimension names are shared by all models`,
          });
        else this.dimensions.set(name, info);
      }
      for (const [name, def] of Object.entries(model.measures)) {
        const other = this.measures.get(name);
        if (other)
          this.duplicates.push({
            path: `semantic_models.${modelName}.measures.${name}`,
            message: `measure '${name}' is already defined in model '${other.model}'`,
          });
        else
          this.measures.set(name, {
            name,
            model: modelName,
            def,
            timeDimension: def.time_dimension ?? model.default_time_dimension,
          });
      }
    }
  }

  model(name: string): SemanticModel | undefined {
    return this.defs.semantic_models[name];
  }

  metric(name: string): Metric | undefined {
    return this.defs.metrics[name];
  }

  /** Shortest many-to-one join path from one model to another (deterministic: entities by name). */
  joinPath(from: string, to: string): JoinStep[] | undefined {
    if (from === to) return [];
    const key = `${from}>${to}`;
    if (!this.paths.has(key)) this.paths.set(key, this.search(from, to));
    return this.paths.get(key) ?? undefined;
  }

  private search(from: string, to: string): JoinStep[] | null {
    const queue: [string, JoinStep[]][] = [[from, []]];
    const seen = new Set([from]);
    while (queue.length > 0) {
      const [model, path] = queue.shift()!;
      const entities = Object.entries(this.model(model)?.entities ?? {}).sort(([a], [b]) => a.localeCompare(b));
      for (const [entity, e] of entities) {
        const target = e.type === "foreign" ? this.primaryOf.get(entity) : undefined;
        if (!target || seen.has(target.model)) continue;
        const next = [...path, { entity, from: model, fromExpr: e.expr, to: target.model, toExpr: target.expr }];
        if (target.model === to) return next;
        seen.add(target.model);
        queue.push([target.model, next]);
      }
    }
    return null;
  }

  /**
   * The measures a metric reads, each once, with the metrics on the way (ratio/derived inputs).
   * Throws on a cycle or an unknown name: checkReferences reports those with paths first.
   */
  measuresOf(metricName: string, seen: string[] = []): MeasureInfo[] {
    if (seen.includes(metricName))
      throw new Error(`metric '${metricName}' refers to itself through ${[...seen, metricName].join(" -> ")}`);
    const metric = this.metric(metricName);
    if (!metric) {
      const measure = this.measures.get(metricName);
      if (measure) return [measure];
      throw new Error(`'${metricName}' is neither a metric nor a measure`);
    }
    const chain = [...seen, metricName];
    const inputs = metricInputs(metric);
    const all =
      inputs.kind === "measure"
        ? [this.requireMeasure(inputs.names[0]!)]
        : inputs.names.flatMap((n) => this.measuresOf(n, chain));
    return [...new Map(all.map((m) => [m.name, m])).values()];
  }

  private requireMeasure(name: string): MeasureInfo {
    const measure = this.measures.get(name);
    if (!measure) throw new Error(`unknown measure '${name}'`);
    return measure;
  }
}

/** What a metric is built from: a measure (simple, cumulative) or other metrics/measures. */
export function metricInputs(metric: Metric): { kind: "measure" | "metrics"; names: string[] } {
  switch (metric.type) {
    case "simple":
    case "cumulative":
      return { kind: "measure", names: [metric.measure] };
    case "ratio":
      return { kind: "metrics", names: [metric.numerator, metric.denominator] };
    case "derived":
      return { kind: "metrics", names: identifiersOf(metric.expr).map((ref) => ref.name) };
  }
}
