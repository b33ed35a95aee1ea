import { loadLlmConfig } from "../config/llm";
import { createAiSqlGenerator } from "./ai";
import { BuiltinSqlGenerator } from "./builtin/sql-generator";
import type { SqlGenerator } from "./types";

/** llm/: SQL generators. `generatorFor(env)` picks one from configuration (LLM_PROVIDER). */
export { BuiltinSqlGenerator } from "./builtin/sql-generator";

const builtin = new BuiltinSqlGenerator();
// One generator per env object (= per isolate and configuration): providers hold no request state.
const generators = new WeakMap<object, SqlGenerator>();

export function generatorFor(env: Env): SqlGenerator {
  const known = generators.get(env);
  if (known) return known;
  const config = loadLlmConfig(env);
  const generator = config.provider === "builtin" ? builtin : createAiSqlGenerator(config);
  generators.set(env, generator);
  return generator;
}
