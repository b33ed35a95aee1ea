import {
  DEFAULT_SYNONYMS,
  type IndexedColumn,
  type IndexedTable,
  indexCatalog,
  linkSchema,
  stepTarget,
} from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import type { ResolveContext } from "./phrase";

/**
 * Test helpers for the generator's stage tests: the ResolveContext generateSql builds for a
 * question (generate.ts), and catalog objects looked up by name.
 */

/** As in generate.ts: linked tables for the question (8 at most), `near` one join step further. */
export function resolveContext(catalog: Catalog, question = ""): ResolveContext {
  const index = indexCatalog(catalog);
  const linked = new Set(
    linkSchema(catalog, question, { maxTables: 8 })
      .tables.map((t) => index.table(t.qualifiedName))
      .filter((t): t is IndexedTable => t !== undefined),
  );
  const near = new Set(linked);
  for (const t of linked) for (const step of index.graph.steps(t)) near.add(stepTarget(step));
  return { index, synonyms: DEFAULT_SYNONYMS, linked, near };
}

/** The indexed table `name` (schema public); throws when the catalog has none. */
export function tableOf(ctx: ResolveContext, name: string): IndexedTable {
  const t = ctx.index.table(`public.${name}`);
  if (t === undefined) throw new Error(`no table ${name}`);
  return t;
}

/** The indexed column `table.column`; throws when the catalog has none. */
export function columnOf(ctx: ResolveContext, qualified: string): IndexedColumn {
  const [t, c] = qualified.split(".") as [string, string];
  const column = tableOf(ctx, t).column(c);
  if (column === undefined) throw new Error(`no column ${qualified}`);
  return column;
}

/** `table.column` of an indexed column, for readable assertions. */
export const columnName = (c: IndexedColumn): string => `${c.table.table.name}.${c.column.name}`;
