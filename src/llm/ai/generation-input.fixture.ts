import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../../test/fixtures/catalogs/demo";
import type { LinkedTable } from "../../linking";
import type { CatalogTable } from "../../sql/catalog.types";
import type { GenerationInput } from "../types";

// Test-only (never imported by src): the GenerationInput the LLM tests share.

/** A linked table as the linker returns it: `columns` are the ranked ones, best first. */
export function linkedTable(
  table: CatalogTable | string,
  columns: string[] = [],
  score = 1,
  bridge = false,
): LinkedTable {
  const t = typeof table === "string" ? DEMO_CATALOG.tables.find((x) => x.name === table) : table;
  if (!t) throw new Error(`no demo table ${String(table)}`);
  const ranked = columns.map((name) => {
    const column = t.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${t.name}.${name}`);
    return { column, score: 1 };
  });
  return { table: t, qualifiedName: `${t.schema}.${t.name}`, score, bridge, columns: ranked };
}

/** Revenue of German customers: orders + customers, joined by their FK, with "Germany" matched. */
export function generationInput(overrides: Partial<GenerationInput> = {}): GenerationInput {
  return {
    question: "Revenue of customers in Germany last month",
    catalog: DEMO_CATALOG,
    linked: {
      tables: [linkedTable("orders", ["total_amount", "order_date"], 2), linkedTable("customers", ["country"], 1.5)],
      joins: [
        {
          from: { table: "public.orders", columns: ["customer_id"] },
          to: { table: "public.customers", columns: ["customer_id"] },
        },
      ],
      matchedValues: [{ table: "public.customers", column: "country", value: "Germany", text: "germany" }],
    },
    dialect: "postgres",
    currentDate: DEMO_CURRENT_DATE,
    knowledge: "Revenue counts delivered and shipped orders only.",
    domain: "sales",
    layer1: "orders",
    layer2: "revenue",
    previousAttempts: [],
    rowLimit: 500,
    examples: [
      {
        id: 1,
        question: "Orders per channel",
        sql: "SELECT channel, count(*) FROM public.orders GROUP BY channel",
        similarity: 0.8,
      },
    ],
    ...overrides,
  };
}
