import type { GenerationInput, GenerationResult, SqlGenerator } from "../workflow/types";
import { generateSql } from "./builtin";

/**
 * The built-in generator as a SqlGenerator: deterministic, offline, no keys. It reads the whole
 * catalog (it links the schema itself) and ignores earlier attempts: given the same question it
 * would give the same SQL, so a repair round can only widen what it looks at, not rephrase.
 */
export class BuiltinSqlGenerator implements SqlGenerator {
  readonly model = "builtin";

  async generate(input: GenerationInput): Promise<GenerationResult> {
    const result = generateSql(input.catalog, input.question, {
      currentDate: input.currentDate,
      rowLimit: input.rowLimit,
      ...(input.knowledge ? { knowledge: input.knowledge } : {}),
    });
    if (!result.ok) return { ok: false, reason: `The built-in generator could not answer: ${result.reason}` };
    return { ok: true, sql: result.sql, explanation: result.explanation, tables: result.tables };
  }
}
