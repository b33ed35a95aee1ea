import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { linkSchema } from "../../src/linking";
import { type Catalog, introspectCatalog, namespacesFor, useGateway } from "../../src/sql";
import { DEFAULT_LINK_BUDGET_TOKENS } from "../../src/workflow/engine";

/**
 * Issue 20's "done when", on the real PostgreSQL fixture (test/fixtures/databases/features.ts, namespace
 * `pg_features`) introspected through the real path: a table split into six children links once and
 * never a child; a view does not crowd out the tables a question needs; an enum's label links its
 * table; tables without declared foreign keys join by their key names.
 */
let catalog: Catalog;
beforeAll(async () => {
  useGateway(env.NEON_GATEWAY_URL);
  const found = namespacesFor(loadConfig(env)).resolve("pg_features");
  if (!found.ok) throw new Error("namespace pg_features missing");
  catalog = await introspectCatalog(found.target);
});

const linked = (question: string) => linkSchema(catalog, question, { budgetTokens: DEFAULT_LINK_BUDGET_TOKENS });
const names = (question: string) => linked(question).tables.map((t) => t.qualifiedName);

describe("linking over a real-world catalog", () => {
  it("links a table split into six inheritance children once, never a child", () => {
    for (const q of ["page views per device", "how many pages were viewed last month", "most viewed paths by month"]) {
      const tables = names(q);
      expect(tables.filter((t) => t === "public.page_views")).toHaveLength(1);
      expect(tables.filter((t) => /page_views_/.test(t))).toEqual([]);
    }
  });

  it("keeps base tables ahead of a view that repeats them", () => {
    const tables = names("ticket sales per event title");
    expect(tables.indexOf("public.ticket_sales")).toBeLessThan(
      tables.indexOf("public.event_sales") === -1 ? Infinity : tables.indexOf("public.event_sales"),
    );
    expect(tables).toContain("public.events");
    expect(names("monthly sales")[0]).toBe("public.monthly_sales");
  });

  it("links the table whose enum holds a value the question names", () => {
    const result = linked("how many resolved");
    expect(result.tables.map((t) => t.qualifiedName)).toContain("public.tickets");
    expect(result.matchedValues).toContainEqual(
      expect.objectContaining({ table: "public.tickets", column: "status", value: "resolved" }),
    );
  });

  it("joins tables of a schema without foreign keys by their key names", () => {
    const result = linked("visits per member email");
    expect(result.joins).toContainEqual({
      from: { table: "legacy.member_visits", columns: ["member_id"] },
      to: { table: "legacy.members", columns: ["member_id"] },
    });
  });
});
