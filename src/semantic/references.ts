import type { Filter, MetricDefinitions } from "./definitions";
import { metricInputs, SemanticIndex } from "./model-index";
import { identifiersOf } from "./sql-expr";

/** A problem in a definitions document, at a dotted path such as `metrics.revenue.measure`. */
export interface DefinitionError {
  path: string;
  message: string;
}

/**
 * Everything about a document that its shape cannot say: names that refer to nothing, dimensions a
 * measure cannot reach through entities, metric cycles. Pure: no catalog (see validateAgainstCatalog).
 */
export function checkReferences(defs: MetricDefinitions): DefinitionError[] {
  const index = new SemanticIndex(defs);
  const errors: DefinitionError[] = [...index.duplicates];
  const dimensionNames = () => [...index.dimensions.keys()].sort().join(", ");

  const checkFilters = (filters: readonly Filter[] | undefined, fromModels: readonly string[], path: string) => {
    filters?.forEach((f, i) => {
      const dim = index.dimensions.get(f.dimension);
      if (!dim)
        errors.push({
          path: `${path}.filters.${i}.dimension`,
          message: `unknown dimension '${f.dimension}'; known: ${dimensionNames()}`,
        });
      else {
        for (const model of fromModels) {
          if (!index.joinPath(model, dim.model))
            errors.push({
              path: `${path}.filters.${i}.dimension`,
              message: `dimension '${f.dimension}' (model '${dim.model}') cannot be reached from model '${model}' through entities`,
            });
        }
      }
    });
  };

  const checkTime = (name: string, model: string, path: string) => {
    const dim = index.dimensions.get(name);
    if (dim?.kind !== "time") errors.push({ path, message: `unknown time dimension '${name}'` });
    else if (!index.joinPath(model, dim.model))
      errors.push({
        path,
        message: `time dimension '${name}' (model '${dim.model}') cannot be reached from model '${model}' through entities`,
      });
  };

  for (const [modelName, model] of Object.entries(defs.semantic_models)) {
    const base = `semantic_models.${modelName}`;
    if (model.default_time_dimension)
      checkTime(model.default_time_dimension, modelName, `${base}.default_time_dimension`);
    for (const [name, dim] of Object.entries(model.time_dimensions)) {
      if (!dim.granularities.includes(dim.default_granularity))
        errors.push({
          path: `${base}.time_dimensions.${name}.default_granularity`,
          message: "must be one of the dimension's granularities",
        });
    }
    for (const [name, measure] of Object.entries(model.measures)) {
      if (measure.time_dimension)
        checkTime(measure.time_dimension, modelName, `${base}.measures.${name}.time_dimension`);
      checkFilters(measure.filters, [modelName], `${base}.measures.${name}`);
    }
  }

  for (const [name, metric] of Object.entries(defs.metrics)) {
    const path = `metrics.${name}`;
    const inputs = metricInputs(metric);
    let resolvable = true;
    if (inputs.kind === "measure") {
      const measure = index.measures.get(inputs.names[0]!);
      if (!measure) {
        resolvable = false;
        errors.push({
          path: `${path}.measure`,
          message: `unknown measure '${inputs.names[0]}'; known: ${[...index.measures.keys()].sort().join(", ")}`,
        });
      } else if (metric.type === "cumulative" && !measure.timeDimension) {
        errors.push({
          path: `${path}.measure`,
          message: `measure '${measure.name}' has no time dimension to accumulate over (set time_dimension or the model's default_time_dimension)`,
        });
      } else if (metric.type === "cumulative" && (measure.def.agg === "avg" || measure.def.agg === "count_distinct")) {
        // A running total adds up the per-period values: right for sums and counts, wrong for these.
        errors.push({
          path: `${path}.measure`,
          message: `measure '${measure.name}' is ${measure.def.agg}: per-period values cannot be accumulated (use sum, count, min or max)`,
        });
      }
    } else if (metric.type === "ratio") {
      for (const key of ["numerator", "denominator"] as const) {
        if (!defs.metrics[metric[key]] && !index.measures.has(metric[key])) {
          resolvable = false;
          errors.push({ path: `${path}.${key}`, message: `'${metric[key]}' is neither a metric nor a measure` });
        }
      }
    } else if (metric.type === "derived") {
      const refs = identifiersOf(metric.expr);
      if (refs.length === 0) errors.push({ path: `${path}.expr`, message: "must use at least one metric" });
      for (const ref of refs) {
        if (ref.qualified)
          errors.push({ path: `${path}.expr`, message: `'${ref.name}.…': refer to metrics by name only` });
        else if (!defs.metrics[ref.name]) {
          resolvable = false;
          errors.push({ path: `${path}.expr`, message: `unknown metric '${ref.name}'` });
        }
      }
    }
    if (!resolvable) continue;
    try {
      const measures = index.measuresOf(name);
      checkFilters(metric.filters, [...new Set(measures.map((m) => m.model))], path);
    } catch (error) {
      // A cycle, or an input that is itself broken (reported at its own path).
      if ((error as Error).message.includes("refers to itself"))
        errors.push({ path, message: (error as Error).message });
    }
  }
  return errors;
}
