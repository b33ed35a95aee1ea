import { type IndexedColumn, type IndexedTable, indexCatalog } from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import { resolveContext as contextFor } from "./context";
import type { ResolveContext } from "./phrase";

/**
 * Test helpers for the generator's stage tests: the ResolveContext generateSql builds for a
 * question (context.ts), and catalog objects looked up by name.
 */

export function resolveContext(catalog: Catalog, question = ""): ResolveContext {
  return contextFor(catalog, indexCatalog(catalog), question);
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
