import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { indexCatalog } from "../../src/linking";
import { type Catalog, type CatalogTable, introspectCatalog, runQuestionSql, useGateway } from "../../src/sql";
import { PAGE_VIEW_MONTHS } from "../fixtures/databases/features";
import { call, namespaceTarget, tokenFor } from "./helpers";

/**
 * Real-world catalog shapes (issue 20) introspected on a real PostgreSQL server through the real
 * path (neon driver → gateway): namespace `pg_features`, loaded from test/fixtures/databases/features.ts.
 */
const target = namespaceTarget;

let catalog: Catalog;
const table = (name: string, schema = "public"): CatalogTable => {
  const found = catalog.tables.find((t) => t.schema === schema && t.name === name);
  if (!found) throw new Error(`${schema}.${name} is not in the catalog`);
  return found;
};
const column = (tableName: string, name: string) => table(tableName).columns.find((c) => c.name === name)!;

beforeAll(async () => {
  useGateway(env.NEON_GATEWAY_URL);
  catalog = await introspectCatalog(target("pg_features"));
});

describe("partitions and inheritance children are one table", () => {
  it("shows a partitioned table once, with every level of partitions folded in", () => {
    const names = catalog.tables.map((t) => t.name);
    expect(names.filter((n) => n.startsWith("ticket_sales"))).toEqual(["ticket_sales"]);
    const sales = table("ticket_sales");
    expect(sales.kind).toBeUndefined();
    expect(sales.partitions).toEqual([
      "public.ticket_sales_2024_07",
      "public.ticket_sales_2024_08_09",
      "public.ticket_sales_2024_q1",
      "public.ticket_sales_2024_q2",
      "public.ticket_sales_2024_q3",
    ]);
    expect(sales.rowEstimate).toBe(900);
    expect(sales.primaryKey).toEqual(["sale_id", "sold_on"]);
    expect(sales.foreignKeys).toEqual([
      { columns: ["event_id"], refSchema: "public", refTable: "events", refColumns: ["event_id"] },
    ]);
  });

  it("reads a partitioned table's values from its whole-tree statistics", () => {
    expect(column("ticket_sales", "channel").samples?.sort()).toEqual(["box_office", "phone", "web"]);
  });

  it("shows a table split into six inheritance children once, its rows the children's", () => {
    expect(catalog.tables.filter((t) => t.name.startsWith("page_views")).map((t) => t.name)).toEqual(["page_views"]);
    const views = table("page_views");
    expect(views.partitions).toEqual(PAGE_VIEW_MONTHS.map((m) => `public.page_views_${m}`));
    expect(views.rowEstimate).toBe(1200);
    expect(views.comment).toBe("Pages seen on the ticket shop");
  });

  it("reads the values of a parent nobody analysed from its children's statistics", () => {
    // The parent holds no rows and has no statistics (autovacuum never analyses it).
    expect(column("page_views", "device").samples?.sort()).toEqual(["desktop", "mobile", "tablet"]);
    expect(column("page_views", "path").samples).toHaveLength(5);
  });

  it("keeps a child that adds columns as a table of its own (a subtype, not a split)", () => {
    expect(table("venues").partitions).toBeUndefined();
    expect(table("outdoor_venues").columns.map((c) => c.name)).toEqual(["venue_id", "name", "city", "lawn_capacity"]);
  });

  it("keeps one foreign key to a partitioned table, not one per partition", () => {
    expect(table("refunds").foreignKeys).toEqual([
      {
        columns: ["sale_id", "sold_on"],
        refSchema: "public",
        refTable: "ticket_sales",
        refColumns: ["sale_id", "sold_on"],
      },
    ]);
  });

  it("answers SQL written against the parent, which Postgres routes to the children", async () => {
    const result = await runQuestionSql(
      target("pg_features"),
      "SELECT count(*)::int AS n FROM page_views WHERE device = 'mobile'",
    );
    // Every third of each child's 200 rows, in all six children.
    expect(result.rows).toEqual([{ n: 6 * 66 }]);
  });
});

describe("views and materialized views", () => {
  it("shows a view with its kind, columns, comments and the tables it reads", () => {
    const view = table("event_sales");
    expect(view).toMatchObject({
      kind: "view",
      comment: "Each ticket sale with the title of its event",
      rowEstimate: -1,
      viewOf: ["public.events", "public.ticket_sales"],
    });
    expect(view.columns.map((c) => c.name)).toEqual(["event_id", "title", "sold_on", "amount"]);
    expect(column("event_sales", "title").comment).toBe("Title of the event");
    expect(view.partitions).toBeUndefined();
  });

  it("shows a materialized view with its kind, row estimate and source", () => {
    expect(table("monthly_sales")).toMatchObject({
      kind: "materialized_view",
      comment: "Revenue per month, refreshed nightly",
      rowEstimate: 9,
      viewOf: ["public.ticket_sales"],
    });
  });

  it("leaves kind and viewOf off plain tables", () => {
    expect(table("events").kind).toBeUndefined();
    expect(table("events").viewOf).toBeUndefined();
  });

  it("lets the guard read a view within the namespace's schemas", async () => {
    const result = await runQuestionSql(target("pg_features"), "SELECT count(*)::int AS n FROM event_sales");
    expect(result.rows).toEqual([{ n: 900 }]);
  });
});

describe("enums and domains", () => {
  it("lists every label of an enum column as its samples, in the enum's order", () => {
    // No row holds 'pending': the labels come from the type, not from the data.
    expect(column("tickets", "status")).toEqual({
      name: "status",
      type: "ticket_status",
      enum: true,
      nullable: false,
      samples: ["open", "pending", "resolved", "closed"],
    });
  });

  it("shows a domain column's base type, through a domain over a domain", () => {
    expect(column("ticket_sales", "amount")).toMatchObject({ type: "money_amount", baseType: "numeric(12,2)" });
    expect(column("refunds", "amount")).toMatchObject({ type: "refund_amount", baseType: "numeric(12,2)" });
    expect(column("ticket_sales", "channel")).toMatchObject({ type: "sales_channel", baseType: "text" });
    expect(column("events", "title").baseType).toBeUndefined();
  });

  it("classifies enum and domain columns by their values for linking", () => {
    const sales = indexCatalog(catalog).table("public.ticket_sales")!;
    expect(sales.column("amount")!.kind).toBe("number");
    expect(sales.column("channel")!.kind).toBe("text");
    expect(indexCatalog(catalog).table("public.tickets")!.column("status")!.kind).toBe("text");
    expect(sales.partitions).toHaveLength(5);
    expect(indexCatalog(catalog).table("public.event_sales")).toMatchObject({
      kind: "view",
      viewOf: ["public.events", "public.ticket_sales"],
    });
  });
});

describe("a schema without foreign keys", () => {
  it("describes its tables with columns and no keys", () => {
    expect(table("members", "legacy")).toMatchObject({ primaryKey: [], foreignKeys: [], rowEstimate: 30 });
    expect(table("member_visits", "legacy").columns.map((c) => c.name)).toEqual([
      "visit_id",
      "member_id",
      "visited_on",
    ]);
  });
});

describe("GET /namespaces/{ns}/catalog", () => {
  it("shows the folded shape", async () => {
    const res = await call("/namespaces/pg_features/catalog", {
      headers: { authorization: `Bearer ${await tokenFor()}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Catalog;
    expect(body.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      "legacy.member_visits",
      "legacy.members",
      "public.event_sales",
      "public.events",
      "public.monthly_sales",
      "public.outdoor_venues",
      "public.page_views",
      "public.refunds",
      "public.ticket_sales",
      "public.tickets",
      "public.venues",
    ]);
    expect(body.tables.find((t) => t.name === "page_views")!.partitions).toHaveLength(6);
    expect(body.tables.find((t) => t.name === "event_sales")!.kind).toBe("view");
  });
});
