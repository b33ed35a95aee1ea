import { describe, expect, it } from "vitest";
import { DEMO_CATALOG, DEMO_CURRENT_DATE } from "../../../test/fixtures/catalogs/demo";
import { SAAS_CATALOG, SAAS_CURRENT_DATE } from "../../../test/fixtures/catalogs/saas";
import { linkSchema } from "../../linking";
import type { Catalog } from "../../sql/catalog.types";
import type { ConversationTurn } from "../types";
import { readFollowUp } from "./follow-up";
import { generateSql } from "./generate";
import { BuiltinSqlGenerator } from "./sql-generator";

const flat = (sql: string) => sql.replace(/\s+/g, " ").trim();

/** Asks the questions in one conversation, as the service does: each turn sees the ones before. */
async function converse(catalog: Catalog, currentDate: string, questions: string[]) {
  const generator = new BuiltinSqlGenerator();
  const turns: ConversationTurn[] = [];
  const answers: { readAs: string; sql: string }[] = [];
  for (const question of questions) {
    const result = await generator.generate({
      question,
      catalog,
      linked: linkSchema(catalog, question, { maxTables: 8 }),
      dialect: "postgres",
      currentDate,
      previousAttempts: [],
      rowLimit: 1000,
      conversation: [...turns],
    });
    if (!result.ok) throw new Error(`"${question}" was not answered: ${result.reason}`);
    const readAs = result.readAs ?? question;
    answers.push({ readAs, sql: flat(result.sql) });
    turns.push({ question, standalone: readAs, status: "completed", sql: result.sql });
  }
  return answers;
}

describe("follow-up questions read with the previous one", () => {
  it.each([
    ["only 2023", "total revenue by month in 2024", "total revenue by month in 2023"],
    ["last month", "revenue by country in 2023", "revenue by country in last month"],
    ["what about Q3 2024?", "orders by status", "orders by status in Q3 2024"],
    ["by country instead", "total revenue by month in 2023", "total revenue by country in 2023"],
    ["by plan instead", "top 3 industry by total MRR", "top 3 plan by total MRR"],
    ["break it down by channel", "revenue by month", "revenue by month and channel"],
    ["top 5", "total revenue by country in 2023", "top 5 country by total revenue in 2023"],
    ["bottom 3", "top 5 country by revenue", "bottom 3 country by revenue"],
    ["and the average?", "total revenue by month", "average revenue by month"],
    ["and the total?", "revenue by month", "total revenue by month"],
    ["what about Germany?", "revenue by month in France", "revenue by month in Germany"],
    ["and for 'Acme'?", "total MRR by plan", "total MRR by plan in 'Acme'"],
  ])("%s after %s", (followUp, previous, expected) => {
    expect(readFollowUp(followUp, previous)?.question).toBe(expected);
  });

  it("leaves a question that stands on its own alone", () => {
    expect(readFollowUp("how many customers signed up per month", "total revenue by month")).toBeUndefined();
    expect(readFollowUp("average discount by product category in 2023", "revenue by country")).toBeUndefined();
    expect(readFollowUp("in 2023 by country", "revenue by month")).toBeUndefined();
  });

  it("replaces the value of the same column when the data says which column it is", () => {
    const columnsOf = (p: string) => (["France", "Germany"].includes(p) ? ["public.customers.country"] : undefined);
    expect(readFollowUp("Germany", "revenue in France by month", { columnsOf })?.question).toBe(
      "revenue in Germany by month",
    );
  });
});

describe("a conversation with the built-in generator", () => {
  it("refines a question on the demo database: a date, a grouping, a rank, a value, an aggregate", async () => {
    const answers = await converse(DEMO_CATALOG, DEMO_CURRENT_DATE, [
      "total revenue by month in 2024",
      "only 2023",
      "by country instead",
      "top 5",
    ]);
    expect(answers[1]?.sql).toContain("o.order_date >= DATE '2023-01-01' AND o.order_date < DATE '2024-01-01'");
    expect(answers[2]?.sql).toContain("SELECT c.country, SUM(o.total_amount) AS revenue");
    expect(answers[2]?.sql).toContain("DATE '2023-01-01'");
    expect(answers[3]?.sql).toMatch(/SELECT c\.country, .* DATE '2023-01-01' .* LIMIT 5$/);

    const values = await converse(DEMO_CATALOG, DEMO_CURRENT_DATE, [
      "revenue by month in France",
      "what about Germany?",
      "and the average?",
    ]);
    expect(values[1]?.sql).toContain("WHERE c.country = 'Germany'");
    expect(values[1]?.sql).not.toContain("France");
    expect(values[2]?.sql).toContain("AVG(o.total_amount)");
    expect(values[2]?.sql).toContain("c.country = 'Germany'");
  });

  it("refines a question on a SaaS schema the same way", async () => {
    const answers = await converse(SAAS_CATALOG, SAAS_CURRENT_DATE, [
      "total MRR by plan",
      "only 2024",
      "by industry instead",
      "top 3",
      "and the average?",
      "what about Finance?",
    ]);
    expect(answers[1]?.sql).toContain("s.started_at >= DATE '2024-01-01'");
    expect(answers[2]?.sql).toContain("SELECT a.industry, SUM(s.mrr)");
    expect(answers[3]?.sql).toMatch(/LIMIT 3$/);
    expect(answers[4]?.sql).toContain("AVG(s.mrr)");
    expect(answers[5]?.readAs).toBe("top 3 industry by average MRR in 2024 in Finance");
    expect(answers[5]?.sql).toContain("a.industry = 'Finance'");
  });

  it("answers a question without a conversation exactly as before", async () => {
    const [alone] = await converse(DEMO_CATALOG, DEMO_CURRENT_DATE, ["total revenue by month in 2024"]);
    expect(alone?.readAs).toBe("total revenue by month in 2024");
    expect(alone?.sql).toBe(
      flat(
        (
          generateSql(DEMO_CATALOG, "total revenue by month in 2024", { currentDate: DEMO_CURRENT_DATE }) as {
            sql: string;
          }
        ).sql,
      ),
    );
  });
});
