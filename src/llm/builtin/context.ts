import { type CatalogIndex, DEFAULT_SYNONYMS, type IndexedTable, linkSchema, stepTarget } from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import type { ResolveContext } from "./phrase";

/** Linking keeps a few more tables than an LLM prompt would: they only break ties here. */
export const LINKED_TABLES = 8;

/**
 * What every stage resolves words against: the catalog's index, the tables schema linking chose for
 * the question (candidates there win ties) and the tables one join away from them.
 */
export function resolveContext(catalog: Catalog, index: CatalogIndex, question: string): ResolveContext {
  const linked = new Set(
    linkSchema(catalog, question, { maxTables: LINKED_TABLES })
      .tables.map((t) => index.table(t.qualifiedName))
      .filter((t): t is IndexedTable => t !== undefined),
  );
  const near = new Set(linked);
  for (const t of linked) for (const step of index.graph.steps(t)) near.add(stepTarget(step));
  return { index, synonyms: DEFAULT_SYNONYMS, linked, near };
}
