/**
 * The built-in SQL generator: works with zero LLM keys. Pure: catalog + question in, SQL or a
 * "cannot answer" reason out.
 */

export { type BuiltinResult, DEFAULT_ROW_LIMIT, type GenerateOptions, generateSql } from "./generate";
