import type { Catalog, CatalogTable } from "../sql/catalog.types";
import type { MetricDefinitions } from "./definitions";
import type { DefinitionError } from "./references";
import { identifiersOf } from "./sql-expr";

/**
 * Checks definitions against a namespace's introspected catalog: every model's table exists and
 * every expression reads only columns of it. Run when definitions are stored (PUT) and in tests of
 * the shipped definitions, so a renamed column is named at its definition path, not discovered as
 * a SQL error in somebody's question.
 */
export function validateAgainstCatalog(defs: MetricDefinitions, catalog: Catalog): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const [modelName, model] of Object.entries(defs.semantic_models)) {
    const base = `semantic_models.${modelName}`;
    const table = findTable(catalog, model.table);
    if (!table) {
      errors.push({ path: `${base}.table`, message: `no table '${model.table}' in namespace ${catalog.namespace}` });
      continue;
    }
    const columns = new Map(table.columns.map((c) => [c.name, c]));
    const check = (expr: string, path: string) => {
      for (const ref of identifiersOf(expr)) {
        if (ref.qualified)
          errors.push({ path, message: `'${ref.name}.…': write columns of the model's own table, unqualified` });
        else if (!columns.has(ref.name))
          errors.push({ path, message: `no column '${ref.name}' in table ${table.name}` });
      }
    };
    for (const [name, e] of Object.entries(model.entities)) check(e.expr, `${base}.entities.${name}.expr`);
    for (const [name, d] of Object.entries(model.dimensions)) check(d.expr, `${base}.dimensions.${name}.expr`);
    for (const [name, m] of Object.entries(model.measures)) check(m.expr, `${base}.measures.${name}.expr`);
    for (const [name, d] of Object.entries(model.time_dimensions)) {
      const path = `${base}.time_dimensions.${name}.expr`;
      check(d.expr, path);
      // date_trunc and date-range filters need a date or timestamp, not a text column.
      const column = columns.get(d.expr.trim());
      if (column && !/^(date|timestamp)/.test(column.type))
        errors.push({ path, message: `column '${column.name}' is ${column.type}, not a date or timestamp` });
    }
  }
  return errors;
}

function findTable(catalog: Catalog, name: string): CatalogTable | undefined {
  const [schema, table] = name.includes(".") ? name.split(".") : [undefined, name];
  return catalog.tables.find((t) => t.name === table && (schema === undefined || t.schema === schema));
}
