import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { stringify as toYaml } from "yaml";
import {
  checkReferences,
  type DefinitionError,
  type EffectiveDefinitions,
  loadEffectiveDefinitions,
  loadFileMetrics,
  Metric,
  MetricDefinitionStore,
  MetricDefinitions,
  MetricName,
  mergeDefinitions,
  metricInputs,
  parseDefinitions,
  SemanticIndex,
  type StoredDefinition,
  validateAgainstCatalog,
} from "../../semantic";
import { ApiError } from "../../shared/errors";
import { SqlExecutionError, type SqlTarget } from "../../sql";
import { catalogFor } from "../../wiring/engine-deps";
import type { App, AppEnv } from "../app";
import { grantedTarget } from "../namespace-target";
import { problemResponses } from "../schemas";

// A definitions document is a few kB; this bounds what one PUT can make us parse and store.
const MAX_BODY_BYTES = 256 * 1024;

const Params = z.object({
  ns: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "ns", in: "path" }, example: "demo" }),
});
const MetricParams = Params.extend({
  name: z
    .string()
    .min(1)
    .max(63)
    .openapi({ param: { name: "name", in: "path" }, example: "revenue" }),
});
const Body = {
  required: false,
  content: {
    "application/json": { schema: z.looseObject({}).openapi({ description: "JSON of the same shape as the YAML" }) },
    "application/yaml": { schema: z.string().openapi({ description: "YAML, as in metrics/<namespace>.yml" }) },
  },
};
const Json = (description: string) => ({
  description,
  content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
});
const security = [{ bearer: [] }];
const tags = ["metrics"];

const listRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/metrics",
  tags,
  security,
  summary: "The namespace's effective metric definitions (file definitions overridden by stored ones)",
  request: { params: Params, query: z.object({ format: z.enum(["json", "yaml"]).default("json") }) },
  responses: {
    200: {
      description:
        "semantic_models, metrics, and the source (file | api) of each; `?format=yaml`: the definitions as YAML",
      content: {
        "application/json": { schema: z.record(z.string(), z.unknown()) },
        "application/yaml": { schema: z.string() },
      },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});
const putAllRoute = createRoute({
  method: "put",
  path: "/namespaces/{ns}/metrics",
  tags,
  security,
  summary:
    "Store semantic models and metrics (YAML or JSON); each one named replaces the one of that name (admin role)",
  description:
    "The body has the shape of metrics/<namespace>.yml (`semantic_models`, `metrics`); entries not named are kept. " +
    "The merged definitions are checked: shape errors are 400, unknown measures/metrics/dimensions and tables/columns missing from the catalog 422; every error names its key (e.g. `metrics.revenue.measure`).",
  request: { params: Params, body: Body },
  responses: { 200: Json("What was stored"), ...problemResponses(400, 401, 403, 404, 413, 422, 502) },
});
const getRoute = createRoute({
  method: "get",
  path: "/namespaces/{ns}/metrics/{name}",
  tags,
  security,
  summary: "One metric: its definition, source, the measures it reads and the dimensions it can be broken down by",
  request: { params: MetricParams },
  responses: { 200: Json("The metric"), ...problemResponses(401, 403, 404) },
});
const putRoute = createRoute({
  method: "put",
  path: "/namespaces/{ns}/metrics/{name}",
  tags,
  security,
  summary:
    "Create or replace one metric (YAML or JSON: `type`, `measure`/`numerator`/`denominator`/`expr`, ...) (admin role)",
  description: "Its measures must already be defined; to add a measure or model too, PUT the namespace document.",
  request: { params: MetricParams, body: Body },
  responses: { 200: Json("Replaced"), 201: Json("Created"), ...problemResponses(400, 401, 403, 404, 413, 422, 502) },
});
const deleteRoute = createRoute({
  method: "delete",
  path: "/namespaces/{ns}/metrics/{name}",
  tags,
  security,
  summary: "Delete a metric (a file-defined one is hidden for this namespace) (admin role)",
  request: { params: MetricParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 409) },
});

/** Reading definitions needs the namespace; changing them (every client's metric_to_sql reads them) the admin role. */
function target(c: Context<AppEnv>, ns: string, action: "read" | "manage_metrics" = "read"): SqlTarget {
  return grantedTarget(c, action, ns);
}

async function body(c: Context<AppEnv>): Promise<string> {
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES)
    throw new ApiError(413, `Definitions are limited to ${MAX_BODY_BYTES / 1024} KiB`);
  if (text.trim() === "")
    throw new ApiError(400, "The body is empty: send the definitions as YAML or JSON", {
      kind: "validation-error",
      errors: [{ path: "(body)", message: "empty" }],
    });
  return text;
}

function invalid(status: 400 | 422, errors: DefinitionError[]): ApiError {
  const detail =
    status === 400
      ? "The definitions are malformed: see `errors` for each key"
      : "The definitions refer to things that do not exist: see `errors` for each key";
  return new ApiError(status, detail, {
    kind: status === 400 ? "validation-error" : "invalid-metric-definitions",
    errors,
  });
}

/** References within the merged definitions, then tables and columns against the namespace's catalog. */
async function validateMerged(c: Context<AppEnv>, t: SqlTarget, merged: EffectiveDefinitions): Promise<void> {
  const refs = checkReferences(merged.defs);
  if (refs.length) throw invalid(422, refs);
  let catalog: Awaited<ReturnType<typeof catalogFor>>;
  try {
    catalog = await catalogFor(c.env, t);
  } catch (error) {
    if (error instanceof SqlExecutionError)
      throw new ApiError(
        502,
        `The namespace's database could not be introspected to check the definitions: ${error.message}`,
        { kind: "database-error" },
      );
    throw error;
  }
  const missing = validateAgainstCatalog(merged.defs, catalog);
  if (missing.length) throw invalid(422, missing);
}

function describeMetric(effective: EffectiveDefinitions, name: string) {
  const index = new SemanticIndex(effective.defs);
  const measures = index.measuresOf(name);
  const breakdowns = [...index.dimensions.values()].filter((d) =>
    measures.every((m) => index.joinPath(m.model, d.model)),
  );
  return {
    name,
    source: effective.sources.metrics[name],
    definition: effective.defs.metrics[name],
    measures: measures.map((m) => ({
      name: m.name,
      model: m.model,
      agg: m.def.agg,
      expr: m.def.expr,
      time_dimension: m.timeDimension ?? null,
    })),
    dimensions: breakdowns.filter((d) => d.kind === "categorical").map((d) => d.name),
    time_dimensions: breakdowns
      .filter((d) => d.kind === "time")
      .map((d) => ({ name: d.name, granularities: d.granularities })),
  };
}

async function existing(c: Context<AppEnv>, ns: string, name: string): Promise<EffectiveDefinitions> {
  const effective = await loadEffectiveDefinitions({ db: c.env.DB, metricsYaml: c.var.config.metricsYaml }, ns);
  if (!effective.defs.metrics[name])
    throw new ApiError(404, `No metric '${name}' in namespace ${ns}`, { kind: "unknown-metric" });
  return effective;
}

export function registerMetrics(app: App): void {
  app.openapi(listRoute, async (c) => {
    const { ns } = c.req.valid("param");
    target(c, ns);
    const { defs, sources } = await loadEffectiveDefinitions(
      { db: c.env.DB, metricsYaml: c.var.config.metricsYaml },
      ns,
    );
    if (c.req.valid("query").format === "yaml")
      return new Response(toYaml(defs), { headers: { "content-type": "application/yaml; charset=utf-8" } });
    return c.json({ namespace: ns, ...defs, sources } as Record<string, unknown>, 200);
  });

  app.openapi(putAllRoute, async (c) => {
    const { ns } = c.req.valid("param");
    const t = target(c, ns, "manage_metrics");
    const parsed = parseDefinitions(MetricDefinitions, await body(c));
    if (!parsed.ok) throw invalid(parsed.status, parsed.errors);
    const entries: StoredDefinition[] = [
      ...Object.entries(parsed.value.semantic_models).map(([name, definition]) => ({
        kind: "semantic_model" as const,
        name,
        definition,
      })),
      ...Object.entries(parsed.value.metrics).map(([name, definition]) => ({
        kind: "metric" as const,
        name,
        definition,
      })),
    ];
    if (entries.length === 0)
      throw invalid(400, [{ path: "(body)", message: "names no semantic model and no metric" }]);
    const store = new MetricDefinitionStore(c.env.DB);
    const stored = await store.list(ns);
    const file = loadFileMetrics(c.var.config.metricsYaml)[ns];
    await validateMerged(c, t, mergeDefinitions(file, [...stored, ...entries]));
    await store.put(ns, entries, c.var.clientId, new Date().toISOString());
    return c.json(
      {
        namespace: ns,
        stored: {
          semantic_models: Object.keys(parsed.value.semantic_models),
          metrics: Object.keys(parsed.value.metrics),
        },
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const { ns, name } = c.req.valid("param");
    target(c, ns);
    return c.json(describeMetric(await existing(c, ns, name), name) as Record<string, unknown>, 200);
  });

  app.openapi(putRoute, async (c) => {
    const { ns, name } = c.req.valid("param");
    const t = target(c, ns, "manage_metrics");
    if (!MetricName.safeParse(name).success)
      throw invalid(400, [
        { path: "name", message: "must be a lowercase identifier (a-z, 0-9, _), starting with a letter" },
      ]);
    const parsed = parseDefinitions(Metric, await body(c), ["metrics", name]);
    if (!parsed.ok) throw invalid(parsed.status, parsed.errors);
    const store = new MetricDefinitionStore(c.env.DB);
    const stored = await store.list(ns);
    const file = loadFileMetrics(c.var.config.metricsYaml)[ns];
    const before = mergeDefinitions(file, stored);
    const entry: StoredDefinition = { kind: "metric", name, definition: parsed.value };
    const after = mergeDefinitions(file, [...stored, entry]);
    await validateMerged(c, t, after);
    await store.put(ns, [entry], c.var.clientId, new Date().toISOString());
    return c.json(describeMetric(after, name) as Record<string, unknown>, before.defs.metrics[name] ? 200 : 201);
  });

  app.openapi(deleteRoute, async (c) => {
    const { ns, name } = c.req.valid("param");
    target(c, ns, "manage_metrics");
    const effective = await existing(c, ns, name);
    const index = new SemanticIndex(effective.defs);
    const dependents = Object.keys(effective.defs.metrics).filter(
      (other) => other !== name && dependsOn(index, other, name),
    );
    if (dependents.length) {
      throw new ApiError(409, `Metric '${name}' is used by ${dependents.join(", ")}: change or delete those first`, {
        kind: "metric-in-use",
        extensions: { dependents },
      });
    }
    const store = new MetricDefinitionStore(c.env.DB);
    const inFile = loadFileMetrics(c.var.config.metricsYaml)[ns]?.metrics[name] !== undefined;
    // A file metric cannot be removed from the file here: a stored NULL hides it for this namespace.
    if (inFile)
      await store.put(ns, [{ kind: "metric", name, definition: null }], c.var.clientId, new Date().toISOString());
    else await store.remove(ns, "metric", name);
    return c.body(null, 204);
  });
}

/** Whether `metric` reads `target` directly or through other metrics. */
function dependsOn(index: SemanticIndex, metric: string, target: string, seen = new Set<string>()): boolean {
  const m = index.metric(metric);
  if (!m || seen.has(metric)) return false;
  seen.add(metric);
  const inputs = metricInputs(m);
  return inputs.kind === "metrics" && inputs.names.some((i) => i === target || dependsOn(index, i, target, seen));
}
