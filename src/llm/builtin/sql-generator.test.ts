import { describe, expect, it } from "vitest";
import { PARCELS } from "../../../test/fixtures/catalogs/parcels";
import { rankExamples } from "../../examples";
import { generationInput } from "../ai/generation-input.fixture";
import { buildSqlPrompt } from "../ai/prompt";
import { BuiltinSqlGenerator } from "./sql-generator";

/** Verified examples as the generators see them: a direct answer for the built-in one, few-shot for an LLM. */
const VERIFIED = "SELECT count(*) AS shipped FROM orders WHERE status = 'shipped'";
const stored = [
  {
    id: 7,
    question: "Average order value per channel",
    sql: "SELECT channel, avg(total_amount) FROM orders GROUP BY channel",
  },
  { id: 5, question: "How many orders did we ship?", sql: VERIFIED },
];
const builtin = new BuiltinSqlGenerator();

describe("BuiltinSqlGenerator with verified examples", () => {
  it("answers a question that matches a verified one with its SQL, saying which", async () => {
    const question = "Number of shipped orders";
    const result = await builtin.generate(
      generationInput({ question, knowledge: undefined, examples: rankExamples(question, stored) }),
    );
    expect(result).toMatchObject({ ok: true, sql: VERIFIED, source: "verified_example" });
    expect(result.ok && result.explanation).toContain("How many orders did we ship?");
  });

  it("generates as usual when the closest example is another question, or its SQL already failed", async () => {
    const other = "Number of delivered orders";
    const generated = await builtin.generate(
      generationInput({ question: other, knowledge: undefined, examples: rankExamples(other, stored) }),
    );
    expect(generated.ok && generated.source).toBeUndefined();
    expect(generated.ok && generated.sql).toContain("'delivered'");

    const question = "Number of shipped orders";
    const retried = await builtin.generate(
      generationInput({
        question,
        knowledge: undefined,
        examples: rankExamples(question, stored),
        previousAttempts: [{ sql: VERIFIED, error: "boom" }],
      }),
    );
    expect(retried.ok && retried.sql).not.toBe(VERIFIED);
  });
});

describe("BuiltinSqlGenerator and ties between two columns", () => {
  const parcels = PARCELS;
  const input = (conversation: boolean) =>
    generationInput({
      question: "parcels by week in 2024",
      catalog: parcels,
      knowledge: undefined,
      ...(conversation ? { conversation: [] } : {}),
    });

  it("asks in a conversation (its first turn too) and answers as before outside one", async () => {
    const asked = await builtin.generate(input(true));
    expect(asked.ok ? asked.sql : asked.reason).toMatch(/tied: parcels\.shipped_at, parcels\.delivered_at/);
    const answered = await builtin.generate(input(false));
    expect(answered.ok && answered.sql).toContain("date_trunc('week', p.shipped_at)");
  });
});

describe("retrieved examples in an LLM prompt", () => {
  it("shows the most similar verified pairs", () => {
    const question = "What is the mean order value for each channel?";
    const { prompt } = buildSqlPrompt(generationInput({ question, examples: rankExamples(question, stored) }));
    expect(prompt).toContain("## Verified examples (question → SQL)");
    expect(prompt).toContain("Question: Average order value per channel");
    expect(prompt).toContain("SQL: SELECT channel, avg(total_amount) FROM orders GROUP BY channel");
    expect(prompt).not.toContain(VERIFIED);
  });
});
