import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../../test/fixtures/catalogs/demo";
import { linkSchema } from "../../linking";
import type { CatalogTable } from "../../sql/catalog.types";
import { generationInput, linkedTable } from "./generation-input.fixture";
import { buildSqlPrompt, DEFAULT_PROMPT_LIMITS } from "./prompt";

describe("buildSqlPrompt", () => {
  it("carries the linked tables as DDL with keys, types, comments and sample values", () => {
    const { prompt } = buildSqlPrompt(generationInput());
    expect(prompt).toContain("CREATE TABLE public.orders (");
    expect(prompt).toContain("CREATE TABLE public.customers (");
    expect(prompt).toContain("order_id integer NOT NULL PRIMARY KEY");
    expect(prompt).toContain("customer_id integer NOT NULL REFERENCES public.customers(customer_id)");
    expect(prompt).toContain("total_amount numeric(12,2) NOT NULL");
    expect(prompt).toContain("Order total in USD after discounts");
    expect(prompt).toMatch(/status text NOT NULL, -- .*values: 'delivered', 'shipped', 'pending'/);
    expect(prompt).toContain("'Germany'");
    // Tables the linker did not choose stay out of the prompt.
    expect(prompt).not.toContain("public.payments (");
  });

  it("keeps keys and the linker's columns when a table has more columns than the cap", () => {
    const limits = { ...DEFAULT_PROMPT_LIMITS, maxColumnsPerTable: 4 };
    const { prompt } = buildSqlPrompt(generationInput(), limits);
    const orders = prompt.slice(
      prompt.indexOf("CREATE TABLE public.orders"),
      prompt.indexOf("CREATE TABLE public.customers"),
    );
    expect(orders).toContain("order_id integer");
    expect(orders).toContain("customer_id integer");
    expect(orders).toContain("total_amount numeric(12,2)");
    expect(orders).toContain("order_date date");
    expect(orders).toContain("-- 2 more columns: status, channel");
  });

  it("marks join bridges and renders what the real linker returns", () => {
    const question = "Revenue by product category";
    const linked = linkSchema(DEMO_CATALOG, question);
    const { prompt } = buildSqlPrompt(generationInput({ question, linked }));
    for (const t of linked.tables) expect(prompt).toContain(`CREATE TABLE ${t.qualifiedName} (`);
    const bridged = buildSqlPrompt(
      generationInput({ linked: { ...linked, tables: [linkedTable("order_items", [], 1, true)] } }),
    ).prompt;
    expect(bridged).toContain(
      "CREATE TABLE public.order_items ( -- Line items of orders: one row per product in an order (links the other tables)",
    );
  });

  it("shows views as views with what they read, domains with their base type, enums as the complete list", () => {
    const t = (name: string, extra: Partial<CatalogTable>): CatalogTable => ({
      schema: "public",
      name,
      rowEstimate: -1,
      primaryKey: [],
      foreignKeys: [],
      columns: [
        { name: "amount", type: "money_amount", baseType: "numeric(12,2)", nullable: false },
        {
          name: "state",
          type: "ticket_state",
          nullable: false,
          enum: true,
          samples: ["open", "pending", "a", "b", "c", "d", "e", "f"],
        },
      ],
      ...extra,
    });
    const view = t("sales_by_event", { kind: "view", viewOf: ["public.events", "public.sales"] });
    const { prompt } = buildSqlPrompt(
      generationInput({
        linked: {
          tables: [{ table: view, qualifiedName: "public.sales_by_event", score: 1, bridge: false, columns: [] }],
          joins: [],
          matchedValues: [],
        },
      }),
    );
    expect(prompt).toContain("CREATE VIEW public.sales_by_event ( -- (reads public.events, public.sales)");
    expect(prompt).toContain("amount money_amount /* numeric(12,2) */ NOT NULL");
    expect(prompt).toContain("one of: 'open', 'pending', 'a', 'b', 'c', 'd', 'e', 'f'");
    const matview = t("monthly", { kind: "materialized_view" });
    expect(
      buildSqlPrompt(
        generationInput({
          linked: {
            tables: [{ table: matview, qualifiedName: "public.monthly", score: 1, bridge: false, columns: [] }],
            joins: [],
            matchedValues: [],
          },
        }),
      ).prompt,
    ).toContain("CREATE MATERIALIZED VIEW public.monthly (");
  });

  it("names the joins and the values matched in the question", () => {
    const { prompt } = buildSqlPrompt(generationInput());
    expect(prompt).toContain("public.orders(customer_id) = public.customers(customer_id)");
    expect(prompt).toContain("public.customers.country = 'Germany'");
  });

  it("states the dialect, the current date, the read-only rule and the row limit", () => {
    const { system } = buildSqlPrompt(generationInput());
    expect(system).toContain("PostgreSQL");
    expect(system).toContain(`Today is ${DEMO_CURRENT_DATE}`);
    expect(system).toMatch(/exactly one read-only SELECT statement/);
    expect(system).toMatch(/Never INSERT, UPDATE, DELETE/);
    expect(system).toContain("Use only the tables and columns listed");
    expect(system).toContain("LIMIT 500");
    expect(system).toContain('{"explanation": string, "sql": string, "tables": string[]}');
  });

  it("includes knowledge, subject area and verified examples", () => {
    const { prompt } = buildSqlPrompt(generationInput());
    expect(prompt).toContain("Revenue counts delivered and shipped orders only.");
    expect(prompt).toContain("Subject area: sales > orders > revenue");
    expect(prompt).toContain(
      "Question: Orders per channel\nSQL: SELECT channel, count(*) FROM public.orders GROUP BY channel",
    );
    expect(prompt).toContain("## Question\nRevenue of customers in Germany last month");
  });

  it("lists earlier failed attempts with their errors and the strategy", () => {
    const input = generationInput({
      previousAttempts: [{ sql: "SELECT revenue FROM public.orders", error: 'column "revenue" does not exist' }],
      strategy: "regenerate_with_error",
    });
    const { prompt } = buildSqlPrompt(input);
    expect(prompt).toContain("Earlier attempts that failed");
    expect(prompt).toContain(
      'Attempt 1:\nSQL: SELECT revenue FROM public.orders\nError: column "revenue" does not exist',
    );
    expect(prompt).toContain("Find its cause and write corrected SQL");
  });

  it("asks for a plan in the explanation for step_by_step", () => {
    const { prompt } = buildSqlPrompt(generationInput({ strategy: "step_by_step" }));
    expect(prompt).toMatch(/Think step by step.*In explanation, first list the tables needed, the join path/s);
  });

  it("leaves out empty sections", () => {
    const { prompt } = buildSqlPrompt(
      generationInput({ knowledge: undefined, domain: undefined, layer1: undefined, layer2: undefined, examples: [] }),
    );
    expect(prompt).not.toContain("## Business context");
    expect(prompt).not.toContain("## Verified examples");
    expect(prompt).not.toContain("## Earlier attempts");
  });

  it("stays bounded: samples, columns, tables, attempts and long texts are capped", () => {
    const wide: CatalogTable = {
      schema: "public",
      name: "wide",
      rowEstimate: -1,
      primaryKey: ["id"],
      foreignKeys: [],
      columns: [
        { name: "id", type: "integer", nullable: false },
        ...Array.from({ length: 80 }, (_, i) => ({
          name: `c${i}`,
          type: "text",
          nullable: true,
          comment: "x".repeat(1_000),
          samples: Array.from({ length: 50 }, (_, j) => `value-${j}-${"y".repeat(200)}`),
        })),
      ],
    };
    const many = Array.from({ length: 40 }, (_, i) => ({ ...wide, name: `wide${i}` }));
    const input = generationInput({
      catalog: { ...DEMO_CATALOG, tables: [...DEMO_CATALOG.tables, ...many] },
      linked: { tables: many.map((t, i) => linkedTable(t, [], 40 - i)), joins: [], matchedValues: [] },
      knowledge: "k".repeat(50_000),
      previousAttempts: Array.from({ length: 10 }, (_, i) => ({
        sql: `SELECT ${i} ${"z".repeat(10_000)}`,
        error: "e".repeat(10_000),
      })),
    });
    const { system, prompt } = buildSqlPrompt(input);
    const limits = DEFAULT_PROMPT_LIMITS;
    expect(prompt.length).toBeLessThan(
      limits.maxSchemaChars +
        4 * limits.maxTextChars +
        limits.maxAttempts * (limits.maxSqlChars + limits.maxErrorChars) +
        3_000,
    );
    expect(system.length).toBeLessThan(2_000);
    expect(prompt).toContain("more tables exist but are not shown");
    expect(prompt).toMatch(/-- \d+ more columns: /);
    // Only the last attempts, numbered as they happened.
    expect(prompt).toContain("Attempt 10:");
    expect(prompt).not.toContain("Attempt 7:");
    expect(prompt).toContain("…");
  });
});
