/**
 * semantic/: metric definitions (YAML/D1), how metric questions read dates (src/dates/), metric search and the metric
 * compiler. Pure functions over plain data, apart from the D1 store; only these names are used
 * outside this folder.
 */
export { validateAgainstCatalog } from "./catalog-check";
export { compileMetricQuery } from "./compile";
export {
  type DefinitionKind,
  type DefinitionSource,
  type EffectiveDefinitions,
  loadEffectiveDefinitions,
  MetricDefinitionStore,
  mergeDefinitions,
  type StoredDefinition,
} from "./definition-store";
export { GRAINS, type Grain, Metric, MetricDefinitions, Name as MetricName, SemanticModel } from "./definitions";
export { DEMO_METRICS_YAML } from "./demo-metrics";
export { FileMetricsConfig, loadFileMetrics, parseDefinitions } from "./file-metrics";
export { METRIC_DATES } from "./metric-dates";
export { type CompiledMetricQuery, MetricCompileError, type MetricQuery } from "./metric-query";
export { metricInputs, SemanticIndex } from "./model-index";
export { checkReferences, type DefinitionError } from "./references";
export {
  type MetricSearch,
  type MetricSearchOptions,
  type MetricSearchResult,
  metricPhraseTexts,
  searchMetrics,
} from "./search";
