import { describe, expect, it } from "vitest";
import type { ConversationTurn } from "../types";
import { generationInput } from "./generation-input.fixture";
import { buildSqlPrompt, DEFAULT_PROMPT_LIMITS } from "./prompt";

const turn = (i: number): ConversationTurn => ({
  question: `question ${i}`,
  standalone: `question ${i} read whole`,
  status: "completed",
  sql: `SELECT ${i} AS n FROM public.orders`,
  summary: `1 row (n); first: n=${i}`,
});

describe("the prompt of a follow-up question (issue 16)", () => {
  it("carries the earlier turns — question, reading, SQL, result summary — before the question", () => {
    const { system, prompt } = buildSqlPrompt(generationInput({ question: "only 2023", conversation: [turn(1)] }));
    expect(prompt).toContain(
      "## Earlier in this conversation (oldest first)\nQuestion: question 1\nRead as: question 1 read whole\nSQL: SELECT 1 AS n FROM public.orders\nResult: 1 row (n); first: n=1",
    );
    expect(prompt.indexOf("Earlier in this conversation")).toBeLessThan(prompt.indexOf("## Question"));
    expect(system).toContain("edits the latest answered query");
    expect(system).toContain('"clarification"');
  });

  it("keeps the newest turns within the conversation budget, dropping the oldest", () => {
    const turns = Array.from({ length: 40 }, (_, i) => turn(i + 1));
    const limits = { ...DEFAULT_PROMPT_LIMITS, maxConversationChars: 400 };
    const { prompt } = buildSqlPrompt(generationInput({ question: "top 5", conversation: turns }), limits);
    const section = prompt.slice(prompt.indexOf("## Earlier"), prompt.indexOf("## Question"));
    expect(section.length).toBeLessThan(500);
    expect(section).toContain("question 40");
    expect(section).not.toContain("question 1 read whole");
  });

  it("is unchanged for a question without a conversation", () => {
    const plain = buildSqlPrompt(generationInput({ question: "revenue by month" }));
    expect(plain.prompt).not.toContain("Earlier in this conversation");
    expect(plain.system).not.toContain("clarification");
  });
});
