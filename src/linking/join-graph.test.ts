import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { indexCatalog } from "./catalog-index";
import { stepTarget } from "./join-graph";

const index = indexCatalog(DEMO_CATALOG);
const t = (name: string) => {
  const table = index.table(name);
  if (table === undefined) throw new Error(name);
  return table;
};

describe("JoinGraph", () => {
  it("finds the shortest FK path with the direction of every step", () => {
    const path = index.graph.pathFrom([t("order_items")], t("product_categories"));
    expect(path?.map((s) => [stepTarget(s).table.name, s.forward])).toEqual([
      ["products", true],
      ["product_categories", true],
    ]);
    const back = index.graph.pathFrom([t("customers")], t("order_items"));
    expect(back?.map((s) => [stepTarget(s).table.name, s.forward])).toEqual([
      ["orders", false],
      ["order_items", false],
    ]);
  });

  it("builds a join tree from a root, reusing tables already joined", () => {
    const tree = index.graph.tree(t("order_items"), [t("product_categories"), t("products"), t("customers")]);
    expect(tree.steps.map((s) => stepTarget(s).table.name)).toEqual([
      "products",
      "product_categories",
      "orders",
      "customers",
    ]);
    expect(tree.unreachable).toEqual([]);
  });

  it("reports unreachable tables", () => {
    // No declared key and no column named like another table's key: nothing joins it.
    const island = {
      schema: "public",
      name: "island",
      rowEstimate: 1,
      columns: [{ name: "shore", type: "text", nullable: true }],
      primaryKey: [],
      foreignKeys: [],
    };
    const lonely = { ...DEMO_CATALOG, tables: [...DEMO_CATALOG.tables, island] };
    const idx = indexCatalog(lonely);
    const tree = idx.graph.tree(idx.table("orders")!, [idx.table("island")!]);
    expect(tree.unreachable.map((x) => x.table.name)).toEqual(["island"]);
  });
});
