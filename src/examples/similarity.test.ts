import { describe, expect, it } from "vitest";
import { rankExamples } from "./retrieve";
import { answersSameQuestion, DIRECT_ANSWER_THRESHOLD, questionKey, questionTerms, similarity } from "./similarity";

const sim = (a: string, b: string) => similarity(questionTerms(a), questionTerms(b));
const same = (a: string, b: string) => answersSameQuestion(questionTerms(a), questionTerms(b));

describe("question similarity", () => {
  it("scores rewordings of the same question 1", () => {
    expect(sim("How many orders did we ship?", "Number of shipped orders")).toBe(1);
    expect(sim("Monthly revenue", "revenue by month")).toBe(1);
    expect(sim("Count the customers per country", "How many customers are there in each country?")).toBe(1);
  });

  it("counts a synonym less than the word itself", () => {
    const synonym = sim("revenue by product category", "revenue by product type");
    expect(synonym).toBeLessThan(1);
    expect(synonym).toBeGreaterThanOrEqual(DIRECT_ANSWER_THRESHOLD);
    expect(sim("number of customers", "number of clients")).toBeLessThan(1);
  });

  it("scores unrelated questions low and is symmetric", () => {
    expect(sim("How many orders did we ship?", "Average unit price of products")).toBe(0);
    const a = "Top 5 customers by revenue in 2023";
    const b = "Revenue of customers in Germany";
    expect(sim(a, b)).toBeCloseTo(sim(b, a), 10);
    expect(sim("", "orders")).toBe(0);
  });

  it("answers directly only when every term is matched", () => {
    expect(same("How many orders did we ship?", "Number of shipped orders")).toBe(true);
    // One word differs in a long question: similar, but another question.
    const long = "Monthly revenue of web orders from corporate customers in Germany for electronics";
    expect(sim(long, long.replace("Germany", "France"))).toBeGreaterThanOrEqual(DIRECT_ANSWER_THRESHOLD);
    expect(same(long, long.replace("Germany", "France"))).toBe(false);
    // Numbers never match by synonym: a verified "top 5" is not a "top 10".
    expect(same("Top 5 customers by revenue", "Top 10 customers by revenue")).toBe(false);
    expect(same("How many orders did we ship?", "How many orders were delivered?")).toBe(false);
    expect(same("How many orders did we ship?", "List the shipped orders")).toBe(false);
  });

  it("keys questions by their words, ignoring case and punctuation", () => {
    expect(questionKey("How many orders did we ship?")).toBe(questionKey("how many  ORDERS did we ship"));
    expect(questionKey("Number of shipped orders")).not.toBe(questionKey("How many orders did we ship?"));
  });
});

describe("rankExamples", () => {
  const examples = [
    { id: 3, question: "Revenue by country", sql: "SELECT 3" },
    { id: 2, question: "Number of shipped orders", sql: "SELECT 2" },
    { id: 1, question: "How many orders did we ship?", sql: "SELECT 1" },
  ];

  it("returns the most similar first, newest first among equals, without unrelated ones", () => {
    const ranked = rankExamples("How many shipped orders are there?", examples);
    expect(ranked.map((e) => e.id)).toEqual([2, 1]);
    expect(ranked[0]!.similarity).toBe(1);
  });

  it("keeps at most `limit`", () => {
    expect(rankExamples("shipped orders by country revenue", examples, { limit: 1, minSimilarity: 0 })).toHaveLength(1);
  });
});
