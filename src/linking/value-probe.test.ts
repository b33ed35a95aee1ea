import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG } from "../../test/fixtures/catalogs/saas";
import { checkSql } from "../sql/guard";
import { indexCatalog } from "./catalog-index";
import { linkSchema } from "./link-schema";
import { probeCandidates, probeColumns, probedValues, probePhrases, probeSql, withProbedValues } from "./value-probe";

describe("value lookups for values the catalog does not list", () => {
  it("asks about quoted text and capitalised names, not the first word, sampled values or schema words", () => {
    const demo = indexCatalog(DEMO_CATALOG);
    expect(probePhrases(demo, "Orders of Jane Doe from Germany")).toEqual(["Jane Doe"]);
    expect(probePhrases(demo, "revenue from customers in 'Springfield' by Segment")).toEqual(["Springfield"]);
    expect(probePhrases(demo, "How many orders did customers place?")).toEqual([]);
    const saas = indexCatalog(SAAS_CATALOG);
    expect(probePhrases(saas, 'tickets opened by "Acme Robotics" last month')).toEqual(["Acme Robotics"]);
    expect(probePhrases(saas, "Accounts in Software by Plan")).toEqual([]); // a sampled value and a column word
  });

  it("probes descriptive text columns without listed values, the linked tables' first", () => {
    const demo = indexCatalog(DEMO_CATALOG);
    const cols = probeColumns(demo, ["public.customers"]).map((c) => `${c.table.table.name}.${c.column.name}`);
    expect(cols[0]).toBe("customers.name");
    expect(cols).toContain("customers.city");
    expect(cols).not.toContain("customers.country"); // its values are listed
    expect(cols.length).toBeLessThanOrEqual(8);
    const saas = probeColumns(indexCatalog(SAAS_CATALOG), ["public.accounts"]).map((c) => c.column.name);
    expect(saas[0]).toBe("company_name");
  });

  it("builds one guarded read of LIMIT 1 lookups, with the phrase as a literal pattern", async () => {
    expect(probeCandidates(DEMO_CATALOG, "orders of O'Neil Ltd", ["public.customers"]).phrases).toEqual(["O'Neil Ltd"]);
    const named = probeCandidates(DEMO_CATALOG, 'orders of "O\'Neil_100% Ltd"', ["public.customers"]);
    const sql = probeSql(named)!;
    expect(sql).toContain(`ILIKE 'O''Neil\\_100\\% Ltd' LIMIT 1`);
    expect((await checkSql(sql, { allowedSchemas: ["public"] })).ok).toBe(true);
    expect(probeSql({ phrases: [], columns: [] })).toBeUndefined();
  });

  it("turns found values into samples, so they link their table and filter like sampled ones", () => {
    const candidates = probeCandidates(DEMO_CATALOG, "revenue from Jane Doe", ["public.orders"]);
    const at = candidates.columns.findIndex((c) => c.column.name === "name" && c.table.table.name === "customers");
    const found = probedValues(candidates, [
      { c: at, v: "Jane Doe" },
      { c: 99, v: "x" },
    ]);
    expect(found).toEqual([{ table: "public.customers", column: "name", value: "Jane Doe" }]);
    const catalog = withProbedValues(DEMO_CATALOG, found);
    expect(catalog).not.toBe(DEMO_CATALOG);
    expect(
      DEMO_CATALOG.tables.find((t) => t.name === "customers")?.columns.find((c) => c.name === "name")?.samples,
    ).toBeUndefined();
    const linked = linkSchema(catalog, "revenue from Jane Doe");
    expect(linked.tables.map((t) => t.table.name)).toContain("customers");
    expect(linked.matchedValues).toContainEqual({
      table: "public.customers",
      column: "name",
      value: "Jane Doe",
      text: "jane doe",
    });
  });
});
