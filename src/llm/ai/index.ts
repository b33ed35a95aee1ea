/**
 * SQL generation with a language model through the AI SDK: the prompt, the providers and the
 * generator. Configuration comes from src/config/llm.ts; the built-in generator lives in ../builtin.
 */
export {
  type AiGenerationResult,
  AiSqlGenerator,
  type AiSqlGeneratorOptions,
  cleanSql,
  createAiSqlGenerator,
  SqlAnswer,
  type TokenUsage,
} from "./ai-generator";
export { type LlmFailureKind, LlmProviderError, toLlmProviderError } from "./errors";
export { buildSqlPrompt, DEFAULT_PROMPT_LIMITS, type PromptLimits, type SqlPrompt } from "./prompt";
export { createLanguageModel, type LanguageModelOptions, modelLabel } from "./providers";
