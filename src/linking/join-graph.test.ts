import { describe, expect, it } from "vitest";
import { catalog, table } from "../../test/fixtures/catalogs/build";
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

  it("walks only up foreign keys for a many-to-one path", () => {
    const up = index.graph.manyToOnePath([t("order_items")], t("product_categories"));
    expect(up?.map((s) => [stepTarget(s).table.name, s.forward])).toEqual([
      ["products", true],
      ["product_categories", true],
    ]);
    expect(index.graph.manyToOnePath([t("order_items")], t("customers"))?.length).toBe(2);
    // customers → orders fans out: no many-to-one path, though a path exists.
    expect(index.graph.manyToOnePath([t("customers")], t("order_items"))).toBeUndefined();
    expect(index.graph.manyToOnePath([t("order_items")], t("product_categories"), 1)).toBeUndefined();
  });

  it("tells how each table is reached: fan-out, and sideways through a shared parent", () => {
    const fromItems = index.graph.reach(t("order_items"));
    const products = fromItems.get(t("products").ordinal);
    expect(products).toMatchObject({ hops: 1, backward: false, sideways: false });
    // order_items → orders ← payments of the order: rows sharing a parent with the order line.
    expect(fromItems.get(t("payments").ordinal)).toMatchObject({ hops: 2, backward: true, sideways: true });
    // customers → orders walks against the key first: fan-out, not sideways.
    expect(index.graph.reach(t("customers")).get(t("orders").ordinal)).toMatchObject({
      hops: 1,
      backward: true,
      sideways: false,
    });
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

  // Two rows that merely share a parent (a member and a class at the same gym) are not related by
  // it: among equally short paths, the one through a table referencing both (a booking) wins.
  const chasmCases = [
    {
      name: "a gym",
      tables: [
        table(
          "gyms",
          [
            ["gym_id", "integer"],
            ["city", "text"],
          ],
          { primaryKey: ["gym_id"] },
        ),
        table(
          "members",
          [
            ["member_id", "integer"],
            ["gym_id", "integer"],
            ["full_name", "text"],
          ],
          {
            primaryKey: ["member_id"],
          },
        ),
        table(
          "classes",
          [
            ["class_id", "integer"],
            ["gym_id", "integer"],
            ["title", "text"],
          ],
          {
            primaryKey: ["class_id"],
          },
        ),
        table(
          "bookings",
          [
            ["booking_id", "integer"],
            ["member_id", "integer"],
            ["class_id", "integer"],
          ],
          {
            primaryKey: ["booking_id"],
          },
        ),
      ],
      from: "members",
      to: "classes",
      via: ["bookings", "classes"],
    },
    {
      name: "a garage",
      tables: [
        table(
          "garages",
          [
            ["garage_id", "integer"],
            ["town", "text"],
          ],
          { primaryKey: ["garage_id"] },
        ),
        table(
          "mechanics",
          [
            ["mechanic_id", "integer"],
            ["garage_id", "integer"],
          ],
          { primaryKey: ["mechanic_id"] },
        ),
        table(
          "cars",
          [
            ["car_id", "integer"],
            ["garage_id", "integer"],
            ["plate", "text"],
          ],
          {
            primaryKey: ["car_id"],
          },
        ),
        table(
          "repairs",
          [
            ["repair_id", "integer"],
            ["mechanic_id", "integer"],
            ["car_id", "integer"],
          ],
          {
            primaryKey: ["repair_id"],
          },
        ),
      ],
      from: "mechanics",
      to: "cars",
      via: ["repairs", "cars"],
    },
  ];
  for (const c of chasmCases)
    it(`prefers a path through a linking table to one meeting at a shared parent (${c.name})`, () => {
      const idx = indexCatalog(catalog(c.tables));
      const path = idx.graph.pathFrom([idx.table(c.from)!], idx.table(c.to)!);
      expect(path?.map((s) => stepTarget(s).table.name)).toEqual(c.via);
      // Only ties are broken so: the shared parent is still the way to it.
      const parent = idx.graph.pathFrom([idx.table(c.from)!], idx.table(c.tables[0]!.name)!);
      expect(parent?.length).toBe(1);
    });
});
