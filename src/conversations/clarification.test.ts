import { describe, expect, it } from "vitest";
import { catalog as inlineCatalog, table } from "../../test/fixtures/catalogs/build";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../test/fixtures/catalogs/demo";
import { PARCELS } from "../../test/fixtures/catalogs/parcels";
import { SAAS_CATALOG, SAAS_CURRENT_DATE } from "../../test/fixtures/catalogs/saas";
import { linkSchema } from "../linking";
import { generateSql } from "../llm/builtin";
import type { Catalog } from "../sql/catalog.types";
import { answerTo, clarificationFor, clarificationFromModel } from "./clarification";

/** Asks, takes the clarification of the refusal, answers it with `choice`, and asks the completed question. */
function clarify(catalog: Catalog, currentDate: string, question: string, choice: string) {
  // As in a conversation, where the built-in generator asks about ties too.
  const refused = generateSql(catalog, question, { currentDate, askWhenTied: true });
  if (refused.ok) throw new Error(`"${question}" was answered`);
  const pending = clarificationFor(
    refused.reason,
    { catalog, linked: linkSchema(catalog, question, { maxTables: 8 }) },
    question,
  );
  if (!pending) throw new Error(`no clarification for: ${refused.reason}`);
  const completed = answerTo(choice, pending);
  const answered = completed ? generateSql(catalog, completed, { currentDate, askWhenTied: true }) : undefined;
  return { pending, completed, sql: answered?.ok ? answered.sql.replace(/\s+/g, " ") : undefined };
}

describe("clarifying questions from the built-in generator's refusals", () => {
  it("asks which column an unplaced value is in, and the chosen label completes the question", () => {
    const { pending, completed, sql } = clarify(
      DEMO_CATALOG,
      DEMO_CURRENT_DATE,
      "customers in 'Springfield'",
      "customer city",
    );
    expect(pending.question).toMatch(/^What is "Springfield": /);
    expect(pending.options.map((o) => o.id)).toEqual(expect.arrayContaining(["customers.name", "customers.city"]));
    expect(pending.options.find((o) => o.id === "customers.city")).toMatchObject({ label: "Customer city" });
    expect(completed).toBe("customers in customer city 'Springfield'");
    expect(sql).toContain("WHERE c.city = 'Springfield'");
  });

  it("asks which number a measure word is, on a second schema too", () => {
    const demo = clarify(
      DEMO_CATALOG,
      DEMO_CURRENT_DATE,
      "sum of worth by country",
      "clarification: orders.total_amount",
    );
    expect(demo.pending.question).toMatch(/^Which number is "worth"/);
    expect(demo.sql).toContain("SUM(o.total_amount)");
    const saas = clarify(SAAS_CATALOG, SAAS_CURRENT_DATE, "total worth by plan", "clarification: subscriptions.mrr");
    expect(saas.pending.options.map((o) => o.id)).toContain("subscriptions.mrr");
    expect(saas.sql).toContain("SUM(s.mrr)");
  });

  it("reads a reply that is no option as a new question", () => {
    const { pending } = clarify(DEMO_CATALOG, DEMO_CURRENT_DATE, "customers in 'Springfield'", "x");
    expect(answerTo("revenue by month", pending)).toBeUndefined();
    expect(answerTo("CUSTOMER CITY.", pending)).toBe("customers in customer city 'Springfield'");
  });

  it("turns a model's question back into options; a refusal of another kind asks nothing", () => {
    const model = clarificationFromModel({ question: "Which revenue?", options: ["gross", "net"] }, "revenue in 2023");
    expect(model?.options).toEqual([
      { id: "option_1", label: "gross", detail: "gross" },
      { id: "option_2", label: "net", detail: "net" },
    ]);
    expect(answerTo("net", model!)).toBe("revenue in 2023 (meaning: net)");
    expect(clarificationFromModel({ question: "Which?", options: ["only one"] }, "q")).toBeUndefined();
    const linked = linkSchema(DEMO_CATALOG, "x", { maxTables: 8 });
    expect(clarificationFor('did not understand "progress"', { catalog: DEMO_CATALOG, linked }, "x")).toBeUndefined();
  });
});

describe("clarifying questions about two columns that fit equally", () => {
  const rentals = inlineCatalog([
    table(
      "rentals",
      [
        ["rental_id", "integer"],
        ["pickup_date", "date"],
        ["return_date", "date"],
        ["rental_fee", "numeric"],
      ],
      { primaryKey: ["rental_id"] },
    ),
  ]);
  const parcels = PARCELS;
  const today = "2025-03-01";

  it("asks which date a range refers to; the label completes the question", () => {
    const { pending, completed, sql } = clarify(rentals, today, "number of rentals in 2024", "Rental return date");
    expect(pending.question).toBe('Which date does "in 2024" refer to: rental pickup date or rental return date?');
    expect(pending.options).toEqual([
      { id: "rentals.pickup_date", label: "Rental pickup date", detail: "rentals.pickup_date" },
      { id: "rentals.return_date", label: "Rental return date", detail: "rentals.return_date" },
    ]);
    expect(completed).toBe("number of rentals with return date in 2024");
    expect(sql).toContain("WHERE r.return_date >= DATE '2024-01-01' AND r.return_date < DATE '2025-01-01'");
  });

  it("asks which date a time grouping follows, on another schema", () => {
    const { pending, completed, sql } = clarify(
      parcels,
      today,
      "total insurance cost by month",
      "clarification: parcels.delivered_at",
    );
    expect(pending.question).toBe('Which date should "month" follow: parcel shipped at or parcel delivered at?');
    expect(completed).toBe("total insurance cost by month with delivered at");
    expect(sql).toContain("date_trunc('month', p.delivered_at)");
  });

  it("asks which amount a word means; the answer replaces the word", () => {
    const { pending, completed, sql } = clarify(
      parcels,
      today,
      "total cost by destination city",
      "parcel insurance cost",
    );
    expect(pending.question).toBe('Which number is "cost": parcel shipping cost or parcel insurance cost?');
    expect(pending.options.map((o) => o.id)).toEqual(["parcels.shipping_cost", "parcels.insurance_cost"]);
    expect(completed).toBe("total insurance cost by destination city");
    expect(sql).toContain("SUM(p.insurance_cost)");
  });
});
