import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "../../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG } from "../../../test/fixtures/catalogs/saas";
import { dropMethodNotes } from "./method-notes";
import { expectSql } from "./test-helpers";

describe("notes on how to join", () => {
  it("are dropped from the question", () => {
    expect(
      dropMethodNotes("Return the customer IDs that have orders, based on joining the customers and orders tables."),
    ).toBe("Return the customer IDs that have orders.");
    expect(
      dropMethodNotes("Return products that have no order items, by doing a left join from products to order items."),
    ).toBe("Return products that have no order items.");
    expect(dropMethodNotes("Which joins happened in 2024?")).toBe("Which joins happened in 2024?");
    expect(dropMethodNotes("What are the names of the products in the database?")).toBe(
      "What are the names of the products?",
    );
    expect(dropMethodNotes("top 3 products in terms of price")).toBe("top 3 products by price");
  });

  it("leave the question answerable (demo and SaaS schemas)", async () => {
    await expectSql(
      DEMO_CATALOG,
      {
        q: "List the customers in the database",
        has: ["FROM customers c"],
      },
      { currentDate: "2024-12-31" },
    );
    await expectSql(
      SAAS_CATALOG,
      { q: "What are the top 2 accounts in terms of employee count?", has: ["employee_count", "LIMIT 2"] },
      { currentDate: "2024-12-31" },
    );
    await expectSql(
      DEMO_CATALOG,
      {
        q: "How many customers have placed orders, based on joining the customers and orders tables?",
        has: ["EXISTS (SELECT 1 FROM orders"],
      },
      { currentDate: "2024-12-31" },
    );
    await expectSql(
      SAAS_CATALOG,
      {
        q: "users who opened a ticket, by doing an inner join from users to tickets",
        has: ["EXISTS (SELECT 1 FROM support.tickets"],
      },
      { currentDate: "2024-12-31" },
    );
  });
});

describe("names written as the schema writes them", () => {
  it("read as their words (SaaS, demo)", async () => {
    await expectSql(
      SAAS_CATALOG,
      { q: "number of events split by event_type", has: ["event_type", "COUNT(*)", "GROUP BY 1"] },
      { currentDate: "2024-12-31" },
    );
    await expectSql(
      DEMO_CATALOG,
      { q: "average unit_price of products", has: ["AVG(p.unit_price)"] },
      { currentDate: "2024-12-31" },
    );
  });
});

describe("a closing question restating the ranking's count", () => {
  it("is dropped when its noun was said before; kept when it asks something new", () => {
    expect(
      dropMethodNotes("Which customer placed the most orders in 2024 and how many orders did he/she place that year?"),
    ).toBe("Which customer placed the most orders in 2024?");
    expect(dropMethodNotes("Which plan has the most accounts, and how many accounts does it have?")).toBe(
      "Which plan has the most accounts?",
    );
    const asksNew = "Which customer placed the most orders and how many returns did they make?";
    expect(dropMethodNotes(asksNew)).toBe(asksNew);
    // Without a ranking the count is a column of its own: kept.
    const listing = "Which customers have placed orders in 2024 and how many orders have they placed?";
    expect(dropMethodNotes(listing)).toBe(listing);
  });

  it("leaves the ranking to answer with its count (demo, saas)", async () => {
    await expectSql(
      DEMO_CATALOG,
      {
        q: "Which customer placed the most orders in 2024 and how many orders did he/she place that year?",
        has: ["COUNT(", "LIMIT 1"],
      },
      { currentDate: "2025-06-15" },
    );
    await expectSql(
      SAAS_CATALOG,
      { q: "Which plan has the most accounts, and how many accounts does it have?", has: ["COUNT(", "LIMIT 1"] },
      { currentDate: "2025-06-15" },
    );
  });
});
