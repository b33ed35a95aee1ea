import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG, SAAS_CURRENT_DATE } from "../../test/fixtures/catalogs/saas";
import { linkSchema } from "../linking";
import { generateSql } from "../llm/builtin";
import type { Catalog } from "../sql/catalog.types";
import { answerTo, clarificationFor, clarificationFromModel } from "./clarification";

/** Asks, takes the clarification of the refusal, answers it with `choice`, and asks the completed question. */
function clarify(catalog: Catalog, currentDate: string, question: string, choice: string) {
  const refused = generateSql(catalog, question, { currentDate });
  if (refused.ok) throw new Error(`"${question}" was answered`);
  const pending = clarificationFor(
    refused.reason,
    { catalog, linked: linkSchema(catalog, question, { maxTables: 8 }) },
    question,
  );
  if (!pending) throw new Error(`no clarification for: ${refused.reason}`);
  const completed = answerTo(choice, pending);
  const answered = completed ? generateSql(catalog, completed, { currentDate }) : undefined;
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
