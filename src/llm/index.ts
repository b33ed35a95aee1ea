import type { LlmConfig } from "../config/llm";
import { createAiSqlGenerator } from "./ai";
import { BuiltinSqlGenerator } from "./builtin/sql-generator";
import type { SqlGenerator } from "./types";

/** llm/: SQL generators. `generatorFor(config.llm)` picks one from configuration (LLM_PROVIDER). */
export { BuiltinSqlGenerator } from "./builtin/sql-generator";

const builtin = new BuiltinSqlGenerator();
// One generator per configuration (= per isolate): providers hold no request state.
const generators = new WeakMap<LlmConfig, SqlGenerator>();

export function generatorFor(config: LlmConfig): SqlGenerator {
  if (config.provider === "builtin") return builtin;
  let generator = generators.get(config);
  if (!generator) {
    generator = createAiSqlGenerator(config);
    generators.set(config, generator);
  }
  return generator;
}
