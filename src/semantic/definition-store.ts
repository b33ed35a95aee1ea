import { and, eq } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { metricDefinitions } from "../store/schema";
import { EMPTY_DEFINITIONS, Metric, type MetricDefinitions, SemanticModel } from "./definitions";
import { loadFileMetrics } from "./file-metrics";

/**
 * Metric definitions stored in D1 (table `metric_definitions`) and the effective definitions of a
 * namespace: the file ones (METRICS, or the built-in demo) overridden and extended name by name by
 * the stored ones. A stored NULL hides a file entry (DELETE).
 */
export type DefinitionKind = "semantic_model" | "metric";
export type DefinitionSource = "file" | "api";

export interface StoredDefinition {
  kind: DefinitionKind;
  name: string;
  /** null: deleted (hides the file definition of the same name). */
  definition: unknown;
}

export interface EffectiveDefinitions {
  defs: MetricDefinitions;
  /** Where each effective model and metric comes from. */
  sources: { semantic_models: Record<string, DefinitionSource>; metrics: Record<string, DefinitionSource> };
  /** Whether the namespace has any definition (file or stored, deleted ones aside). */
  defined: boolean;
}

export class MetricDefinitionStore {
  private readonly db: DrizzleD1Database;

  constructor(d1: D1Database) {
    this.db = drizzle(d1);
  }

  async list(namespace: string): Promise<StoredDefinition[]> {
    const rows = await this.db
      .select({ kind: metricDefinitions.kind, name: metricDefinitions.name, definition: metricDefinitions.definition })
      .from(metricDefinitions)
      .where(eq(metricDefinitions.namespace, namespace));
    return rows.map((r) => ({
      kind: r.kind,
      name: r.name,
      definition: r.definition === null ? null : (JSON.parse(r.definition) as unknown),
    }));
  }

  /** Upserts entries in one batch: either every change of a PUT lands or none does. */
  async put(namespace: string, entries: StoredDefinition[], updatedBy: string, updatedAt: string): Promise<void> {
    if (entries.length === 0) return;
    const statements = entries.map((e) => {
      const definition = e.definition === null ? null : JSON.stringify(e.definition);
      return this.db
        .insert(metricDefinitions)
        .values({ namespace, kind: e.kind, name: e.name, definition, updatedBy, updatedAt })
        .onConflictDoUpdate({
          target: [metricDefinitions.namespace, metricDefinitions.kind, metricDefinitions.name],
          set: { definition, updatedBy, updatedAt },
        });
    });
    await this.db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  }

  async remove(namespace: string, kind: DefinitionKind, name: string): Promise<void> {
    await this.db
      .delete(metricDefinitions)
      .where(
        and(
          eq(metricDefinitions.namespace, namespace),
          eq(metricDefinitions.kind, kind),
          eq(metricDefinitions.name, name),
        ),
      );
  }
}

/** File definitions with stored ones laid over them. Stored JSON is re-read through the schemas. */
export function mergeDefinitions(
  file: MetricDefinitions | undefined,
  stored: readonly StoredDefinition[],
): EffectiveDefinitions {
  const base = file ?? EMPTY_DEFINITIONS;
  const defs: MetricDefinitions = { semantic_models: { ...base.semantic_models }, metrics: { ...base.metrics } };
  const sources: EffectiveDefinitions["sources"] = {
    semantic_models: Object.fromEntries(Object.keys(base.semantic_models).map((n) => [n, "file" as const])),
    metrics: Object.fromEntries(Object.keys(base.metrics).map((n) => [n, "file" as const])),
  };
  for (const entry of stored) {
    const section = entry.kind === "metric" ? "metrics" : "semantic_models";
    if (entry.definition === null) {
      delete defs[section][entry.name];
      delete sources[section][entry.name];
      continue;
    }
    if (entry.kind === "metric") defs.metrics[entry.name] = Metric.parse(entry.definition);
    else defs.semantic_models[entry.name] = SemanticModel.parse(entry.definition);
    sources[section][entry.name] = "api";
  }
  const defined = Object.keys(defs.metrics).length > 0 || Object.keys(defs.semantic_models).length > 0;
  return { defs, sources, defined };
}

/**
 * The effective definitions of a namespace, from the D1 database and the METRICS setting the edge
 * (routes, TaskRoom) passes. One D1 read per call; a D1 failure propagates: answering with the file
 * definitions a namespace has overridden would give numbers that disagree with the ones it defined.
 */
export async function loadEffectiveDefinitions(
  sources: { db: D1Database | undefined; metricsYaml: string | undefined },
  namespace: string,
): Promise<EffectiveDefinitions> {
  const file = loadFileMetrics(sources.metricsYaml)[namespace];
  const stored = sources.db ? await new MetricDefinitionStore(sources.db).list(namespace) : [];
  return mergeDefinitions(file, stored);
}
