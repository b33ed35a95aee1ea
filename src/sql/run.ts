import { type ExecuteOptions, type QueryResult, runReadOnly } from "./executor";
import { checkSql } from "./guard";
import type { SqlTarget } from "./namespaces";
import { SqlExecutionError } from "./sql-errors";

/**
 * The one way to run SQL that came from a question (a generator, an LLM, a user's corrected SQL):
 * the guard first, then a read-only transaction. A refusal is a SqlExecutionError of kind
 * `refused` whose message says what to change, so the reflection loop can repair the SQL.
 */
export async function runQuestionSql(target: SqlTarget, sql: string, options: ExecuteOptions = {}): Promise<QueryResult & { sql: string }> {
  const verdict = await checkSql(sql, { allowedSchemas: target.allowedSchemas });
  if (!verdict.ok) throw new SqlExecutionError("refused", verdict.message, undefined, verdict.position);
  const result = await runReadOnly(target, verdict.sql, options);
  return { ...result, sql: verdict.sql };
}
