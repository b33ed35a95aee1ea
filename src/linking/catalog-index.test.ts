import { describe, expect, it } from "vitest";
import type { Catalog, CatalogColumn, CatalogTable } from "../sql/catalog.types";
import { columnKindOf, indexCatalog } from "./catalog-index";

const column = (name: string, type: string, extra: Partial<CatalogColumn> = {}): CatalogColumn => ({
  name,
  type,
  nullable: false,
  ...extra,
});
const table = (name: string, columns: CatalogColumn[], extra: Partial<CatalogTable> = {}): CatalogTable => ({
  schema: "public",
  name,
  rowEstimate: 100,
  columns,
  primaryKey: [],
  foreignKeys: [],
  ...extra,
});

describe("columnKindOf", () => {
  it("classifies a domain by the type under it", () => {
    expect(columnKindOf(column("amount", "money_amount", { baseType: "numeric(12,2)" }))).toBe("number");
    expect(columnKindOf(column("channel", "sales_channel", { baseType: "text" }))).toBe("text");
    expect(columnKindOf(column("due", "business_day", { baseType: "date" }))).toBe("date");
    expect(columnKindOf(column("amount", "money_amount"))).toBe("other");
  });

  it("classifies an enum as text: its labels filter and group as strings", () => {
    expect(columnKindOf(column("status", "ticket_status", { enum: true, samples: ["open", "closed"] }))).toBe("text");
  });

  it("classifies a whole number that holds a yes/no as boolean: named is_/has_, or described as 1 or 0", () => {
    expect(columnKindOf(column("is_active", "smallint"))).toBe("boolean");
    expect(columnKindOf(column("has_warranty", "integer"))).toBe("boolean");
    expect(
      columnKindOf(column("retired", "integer", { comment: "1 if the vessel is out of service, 0 otherwise" })),
    ).toBe("boolean");
    expect(columnKindOf(column("organic", "int2", { comment: "Organic flag (0/1)" }))).toBe("boolean");
    // Counts and amounts stay numbers, whatever their description says about ones.
    expect(columnKindOf(column("copies", "integer", { comment: "Copies on the shelf" }))).toBe("number");
    expect(columnKindOf(column("is_rate", "numeric"))).toBe("number");
  });
});

describe("indexed tables", () => {
  const catalog: Catalog = {
    namespace: "t",
    dialect: "postgres",
    loadedAt: "2025-01-01T00:00:00.000Z",
    tables: [
      table("sales", [column("sale_id", "integer"), column("amount", "money_amount", { baseType: "numeric(12,2)" })], {
        partitions: ["public.sales_2024_q1", "public.sales_2024_q2"],
      }),
      table("events", [column("event_id", "integer"), column("title", "text")]),
      table("event_sales", [column("title", "text"), column("amount", "money_amount", { baseType: "numeric(12,2)" })], {
        kind: "view",
        rowEstimate: -1,
        viewOf: ["public.events", "public.sales"],
      }),
    ],
  };

  it("carry the catalog's kind, viewOf and partitions, with a table's defaults", () => {
    const index = indexCatalog(catalog);
    expect(index.table("sales")).toMatchObject({
      kind: "table",
      viewOf: [],
      partitions: ["public.sales_2024_q1", "public.sales_2024_q2"],
    });
    expect(index.table("events")).toMatchObject({ kind: "table", viewOf: [], partitions: [] });
    expect(index.table("event_sales")).toMatchObject({
      kind: "view",
      viewOf: ["public.events", "public.sales"],
      partitions: [],
    });
    expect(index.table("sales")?.column("amount")?.kind).toBe("number");
  });

  it("do not index a folded partition as a table", () => {
    expect(indexCatalog(catalog).table("sales_2024_q1")).toBeUndefined();
  });
});
