import { answersSameQuestion, questionTerms } from "../../examples";
import type { GenerationInput, GenerationResult, SqlGenerator } from "../types";
import { followUpOf } from "./follow-up";
import { generateSql } from "./generate";

/**
 * The built-in generator as a SqlGenerator: deterministic, offline, no keys. It reads the whole
 * catalog (it links the schema itself) and ignores earlier attempts: given the same question it
 * would give the same SQL, so a repair round can only widen what it looks at, not rephrase.
 */
export class BuiltinSqlGenerator implements SqlGenerator {
  readonly model = "builtin";

  async generate(input: GenerationInput): Promise<GenerationResult> {
    const verified = verifiedAnswer(input);
    if (verified) return verified;
    // A follow-up in a conversation ("only 2023") is read as the previous question with that edit.
    const followUp = followUpOf(input);
    const result = generateSql(input.catalog, followUp?.question ?? input.question, {
      currentDate: input.currentDate,
      rowLimit: input.rowLimit,
      // In a conversation a tie between two columns is asked about (conversations/clarification.ts).
      askWhenTied: input.conversation !== undefined,
      ...(input.knowledge ? { knowledge: input.knowledge } : {}),
    });
    if (!result.ok) return { ok: false, reason: `The built-in generator could not answer: ${result.reason}` };
    if (!followUp) return { ok: true, sql: result.sql, explanation: result.explanation, tables: result.tables };
    const explanation = `Read as "${followUp.question}". ${result.explanation}`;
    return { ok: true, sql: result.sql, explanation, tables: result.tables, readAs: followUp.question };
  }
}

/**
 * A verified example that asks the same question (examples/answersSameQuestion: similarity ≥
 * DIRECT_ANSWER_THRESHOLD and every term matched) is answered with its verified SQL: a person
 * confirmed it, the parser only guesses. Skipped once that SQL failed in this task, so a repair
 * round falls back to generating.
 */
function verifiedAnswer(input: GenerationInput): GenerationResult | undefined {
  if (!input.examples?.length) return undefined;
  const failed = new Set(input.previousAttempts.map((a) => a.sql));
  const asked = questionTerms(input.question);
  const example = input.examples.find(
    (e) => !failed.has(e.sql) && answersSameQuestion(asked, questionTerms(e.question), e.similarity),
  );
  if (!example) return undefined;
  return {
    ok: true,
    sql: example.sql,
    explanation: `Answered with the verified SQL of the question "${example.question}" (similarity ${example.similarity})`,
    source: "verified_example",
  };
}
