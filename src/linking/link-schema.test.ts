import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG } from "../../test/fixtures/catalogs/saas";
import { syntheticCatalog } from "../../test/fixtures/catalogs/synthetic";
import type { Catalog, CatalogTable } from "../sql/catalog.types";
import { indexCatalog } from "./catalog-index";
import { linkSchema, tableTokens } from "./link-schema";

const names = (q: string, catalog = DEMO_CATALOG, maxTables?: number) =>
  linkSchema(catalog, q, maxTables === undefined ? {} : { maxTables }).tables.map((t) => t.table.name);

describe("linkSchema", () => {
  it("links the demo question to categories, products, line items and orders, with their joins", () => {
    const linked = linkSchema(DEMO_CATALOG, "Show me monthly revenue by product category");
    const tables = linked.tables.map((t) => t.table.name);
    expect(tables[0]).toBe("product_categories");
    expect(tables).toEqual(expect.arrayContaining(["products", "order_items", "orders"]));
    expect(linked.joins).toEqual(
      expect.arrayContaining([
        {
          from: { table: "public.products", columns: ["category_id"] },
          to: { table: "public.product_categories", columns: ["category_id"] },
        },
        {
          from: { table: "public.order_items", columns: ["product_id"] },
          to: { table: "public.products", columns: ["product_id"] },
        },
        {
          from: { table: "public.order_items", columns: ["order_id"] },
          to: { table: "public.orders", columns: ["order_id"] },
        },
      ]),
    );
  });

  it("marks tables added only to join others as bridges", () => {
    const linked = linkSchema(DEMO_CATALOG, "order channel by category", { maxTables: 2 });
    expect(
      linked.tables
        .filter((t) => !t.bridge)
        .map((t) => t.table.name)
        .sort(),
    ).toEqual(["orders", "product_categories"]);
    expect(
      linked.tables
        .filter((t) => t.bridge)
        .map((t) => t.table.name)
        .sort(),
    ).toEqual(["order_items", "products"]);
    expect(linked.joins).toHaveLength(3);
  });

  it("links sample values strongly and reports them", () => {
    const linked = linkSchema(DEMO_CATALOG, "how many customers in Germany");
    expect(linked.tables[0]?.table.name).toBe("customers");
    expect(linked.tables[0]?.columns[0]?.column.name).toBe("country");
    expect(linked.matchedValues).toContainEqual({
      table: "public.customers",
      column: "country",
      value: "Germany",
      text: "germany",
    });
  });

  it("matches multi-word values, plurals and stems of values", () => {
    const values = (q: string) => linkSchema(DEMO_CATALOG, q).matchedValues.map((v) => v.value);
    expect(values("revenue from home and garden")).toContain("Home & Garden");
    expect(values("bank transfer payments")).toContain("bank_transfer");
    expect(values("orders from united states customers")).toContain("United States");
  });

  it("uses synonyms, plurals and camelCase splitting", () => {
    expect(names("how many clients")[0]).toBe("customers");
    expect(names("payment methods")[0]).toBe("payments");
    expect(names("list categories")[0]).toBe("product_categories");
    const tickets = linkSchema(SAAS_CATALOG, "tickets opened by priority").tables[0];
    expect(tickets?.qualifiedName).toBe("support.tickets");
    const scored = tickets?.columns.filter((c) => c.score > 0).map((c) => c.column.name);
    expect(scored).toEqual(expect.arrayContaining(["openedAt", "priority"]));
  });

  it("keeps context small and never drops key columns when trimming columns", () => {
    expect(
      names("orders customers products payments countries categories items", DEMO_CATALOG, 3).length,
    ).toBeLessThanOrEqual(3 + 4);
    const linked = linkSchema(DEMO_CATALOG, "order status", { maxColumns: 1 });
    const orders = linked.tables.find((t) => t.table.name === "orders");
    expect(orders?.columns.map((c) => c.column.name)).toEqual(["status", "order_id", "customer_id"]);
  });

  it("returns nothing for words the catalog does not know", () => {
    expect(linkSchema(DEMO_CATALOG, "zodiac horoscope")).toEqual({ tables: [], joins: [], matchedValues: [] });
  });

  it("finds the demo tables among 500 distractors", () => {
    const catalog = syntheticCatalog({ tables: 500, embed: DEMO_CATALOG.tables });
    expect(catalog.tables).toHaveLength(507);
    const linked = linkSchema(catalog, "monthly revenue by product category in Germany");
    const tables = linked.tables.map((t) => t.qualifiedName);
    expect(tables.slice(0, 3)).toEqual(expect.arrayContaining(["public.product_categories"]));
    expect(tables).toEqual(expect.arrayContaining(["public.customers", "public.orders"]));
    expect(linked.tables.length).toBeLessThanOrEqual(10);
  });
});

describe("indexCatalog", () => {
  it("memoises by catalog identity and rebuilds for a reloaded catalog", () => {
    const a = indexCatalog(DEMO_CATALOG);
    expect(indexCatalog(DEMO_CATALOG)).toBe(a);
    const reloaded = { ...DEMO_CATALOG, loadedAt: "2025-01-01T00:00:00.000Z" };
    expect(indexCatalog(reloaded)).not.toBe(a);
  });

  it("picks label columns and classifies types", () => {
    const index = indexCatalog(SAAS_CATALOG);
    expect(index.table("accounts")?.label?.column.name).toBe("company_name");
    expect(index.table("support.tickets")?.column("openedAt")?.kind).toBe("timestamp");
    expect(index.table("users")?.column("email")?.kind).toBe("text");
    expect(index.table("subscriptions")?.column("account_id")?.isForeignKey).toBe(true);
  });
});

describe("values documented in comments", () => {
  it("indexes quoted values of a comment, not apostrophes", () => {
    const catalog = {
      ...DEMO_CATALOG,
      loadedAt: "comment-values",
      tables: [
        {
          schema: "public",
          name: "tickets",
          rowEstimate: 10,
          primaryKey: ["id"],
          foreignKeys: [],
          columns: [
            { name: "id", type: "integer", nullable: false },
            { name: "state", type: "text", nullable: false, comment: "Either 'open' or 'closed'" },
            {
              name: "note",
              type: "text",
              nullable: true,
              comment: "The customer's note, as the agent's tool saved it",
            },
          ],
        },
      ],
    };
    const values = [...indexCatalog(catalog).values.keys()];
    expect(values.sort()).toEqual(["closed", "open"]);
  });
});

describe("linking within a token budget", () => {
  const lowerCased: Catalog = {
    namespace: "t",
    dialect: "postgres",
    loadedAt: "2026-01-01T00:00:00Z",
    tables: ["zqvendor", "zqinvoice", "zqpaymentterm"].map((name) => ({
      schema: "public",
      name,
      rowEstimate: 10,
      columns: [
        { name: `${name}id`, type: "bigint", nullable: false },
        { name: `${name}label`, type: "text", nullable: true },
      ],
      primaryKey: [`${name}id`],
      foreignKeys: [],
    })),
  };

  it("finds words run together in lower-cased names", () => {
    expect(
      linkSchema(lowerCased, "how many invoices per vendor")
        .tables.map((t) => t.table.name)
        .sort(),
    ).toEqual(["zqinvoice", "zqvendor"]);
    expect(linkSchema(SAAS_CATALOG, "count subscriptions").tables[0]?.table.name).toBe("subscriptions");
  });

  it("shows a schema that fits the budget whole, the relevant tables first", () => {
    const whole = linkSchema(DEMO_CATALOG, "how many customers", { budgetTokens: 100_000 }).tables.map(
      (t) => t.table.name,
    );
    expect(whole[0]).toBe("customers");
    expect(whole).toHaveLength(DEMO_CATALOG.tables.length);
    const saas = linkSchema(SAAS_CATALOG, "tickets by priority", { budgetTokens: 100_000 }).tables;
    expect(saas).toHaveLength(SAAS_CATALOG.tables.length);
  });

  it("spends a partial budget on the neighbours of the chosen tables, and stays within it", () => {
    const catalog = syntheticCatalog({ tables: 500 });
    const small = linkSchema(catalog, "orders by customer", {});
    const wide = linkSchema(catalog, "orders by customer", { budgetTokens: 1500 });
    expect(wide.tables.length).toBeGreaterThan(small.tables.length);
    expect(wide.tables.length).toBeLessThanOrEqual(16);
    const index = indexCatalog(catalog);
    const first = new Set(small.tables.map((t) => t.qualifiedName));
    const added = wide.tables.filter((t) => !first.has(t.qualifiedName));
    // Each added table joins one already linked.
    for (const t of added) {
      const steps = index.graph.steps(index.table(t.qualifiedName)!);
      expect(
        steps.some((s) =>
          wide.tables.some((w) => w.qualifiedName === (s.forward ? s.edge.to : s.edge.from).qualifiedName),
        ),
      ).toBe(true);
    }
    const used = wide.tables.reduce((n, t) => n + tableTokens(index.table(t.qualifiedName)!), 0);
    expect(used).toBeLessThanOrEqual(
      1500 + Math.max(...small.tables.map((t) => tableTokens(index.table(t.qualifiedName)!))) * small.tables.length,
    );
  });
});

describe("real-world catalogs", () => {
  const t = (name: string, columns: string[], extra: Partial<CatalogTable> = {}): CatalogTable => ({
    schema: "public",
    name,
    rowEstimate: 100,
    columns: columns.map((c) => ({
      name: c,
      type: c.endsWith("_id") || c === "id" ? "integer" : c.endsWith("_at") ? "date" : "text",
      nullable: true,
    })),
    primaryKey: ["id"],
    foreignKeys: [],
    ...extra,
  });
  const cat = (tables: CatalogTable[]): Catalog => ({
    namespace: "t",
    dialect: "postgres",
    tables,
    loadedAt: "2026-01-01T00:00:00Z",
  });

  // A tool-hire shop: the events are tables named by nouns (rental, payment), the question by verbs.
  const HIRE = cat([
    t("tool", ["id", "title", "brand"]),
    t("client", ["id", "name"]),
    t("rental", ["id", "tool_id", "client_id", "rented_at"]),
    t("payment", ["id", "rental_id", "amount"]),
    t("tool_listing", ["id", "title", "brand", "price"], { kind: "view", viewOf: ["public.tool"] }),
    t("monthly_takings", ["month", "amount"], { kind: "materialized_view", viewOf: ["public.payment"] }),
  ]);
  // A course catalogue: enrolled → enrollment, registered → registration.
  const COURSES = cat([
    t("course", ["id", "name"]),
    t("learner", ["id", "name"]),
    t("enrollment", ["id", "course_id", "learner_id"]),
    t("registration", ["id", "learner_id", "registered_at"]),
  ]);
  const linked = (c: Catalog, q: string, options = {}) => linkSchema(c, q, options).tables.map((x) => x.table.name);

  it("links the table of an event named by its verb (rented, paid, enrolled, registered)", () => {
    expect(linked(HIRE, "which tools were rented most")).toEqual(expect.arrayContaining(["tool", "rental"]));
    expect(linked(HIRE, "how much was paid")).toContain("payment");
    expect(linked(COURSES, "how many learners enrolled in each course")).toContain("enrollment");
    expect(linked(COURSES, "learners who registered this year")).toContain("registration");
  });

  it("prefers a base table over a view that only repeats it, and takes a view its name asks for", () => {
    const tools = linked(HIRE, "list tool titles by brand");
    expect(tools[0]).toBe("tool");
    expect(
      linkSchema(HIRE, "list tool titles by brand").tables.find((x) => x.table.name === "tool_listing")?.score ?? 0,
    ).toBeLessThan(linkSchema(HIRE, "list tool titles by brand").tables[0]!.score);
    expect(linked(HIRE, "monthly takings")[0]).toBe("monthly_takings");
    // Shown whole, a view comes after the tables it repeats, an unrelated one last.
    const whole = linked(HIRE, "tools", { budgetTokens: 100_000 });
    expect(whole.indexOf("tool")).toBeLessThan(whole.indexOf("tool_listing"));
    expect(whole.at(-1)).toBe("monthly_takings");
  });
});

describe("business context (ext_knowledge)", () => {
  it("brings in the tables a definition names, below the tables the question names", () => {
    const q = "What is the ABV for each segment?";
    const without = linkSchema(DEMO_CATALOG, q, { budgetTokens: 300 }).tables.map((t) => t.table.name);
    expect(without).not.toContain("payments");
    const withContext = linkSchema(DEMO_CATALOG, q, {
      budgetTokens: 300,
      context: "ABV = average payment amount per customer",
    });
    const names = withContext.tables.map((t) => t.table.name);
    expect(names).toContain("payments");
    expect(names[0]).toBe("customers"); // "segment" is the question's own word
  });

  it("works the same on another schema, and an empty context changes nothing", () => {
    const q = "How many MAU last month?";
    const linked = linkSchema(SAAS_CATALOG, q, {
      budgetTokens: 400,
      context: "MAU: accounts with a login event in the month",
    }).tables.map((t) => t.table.name);
    expect(linked).toEqual(expect.arrayContaining(["events"]));
    expect(linkSchema(SAAS_CATALOG, q, { context: "" })).toEqual(linkSchema(SAAS_CATALOG, q));
  });
});
