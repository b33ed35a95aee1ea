import { type ExecuteOptions, type QueryResult, runReadOnly } from "./executor";
import { checkSql } from "./guard";
import type { SqlTarget } from "./namespaces";
import { applyPolicies, type PoliciesApplied } from "./policies";
import { policyRelations } from "./policy-catalog";
import { SqlExecutionError } from "./sql-errors";

export type QuestionResult = QueryResult & {
  /** The statement as the guard accepted it (never the policy rewrite, which holds the end user's attributes). */
  sql: string;
};

/**
 * The one way to run SQL that came from a question (a generator, an LLM, a user's corrected SQL):
 * the guard first, then the namespace's row and column policies for the end user (policies.ts),
 * then a read-only transaction. A refusal is a SqlExecutionError of kind `refused` whose message
 * says what to change, so the reflection loop can repair the SQL.
 */
export async function runQuestionSql(
  target: SqlTarget,
  sql: string,
  options: ExecuteOptions = {},
): Promise<QuestionResult> {
  const verdict = await checkSql(sql, { allowedSchemas: target.allowedSchemas });
  if (!verdict.ok) throw new SqlExecutionError("refused", verdict.message, undefined, verdict.position);
  const policies = target.policies ?? [];
  if (policies.length === 0) {
    const result = await runReadOnly(target, verdict.sql, options);
    return { ...result, sql: verdict.sql };
  }
  if (!target.endUser)
    throw new SqlExecutionError(
      "refused",
      "This namespace has row policies: a query needs the end user it is answered for (X-End-User).",
    );
  const relations = await policyRelations(target, options.signal);
  const outcome = await applyPolicies(verdict.sql, {
    policies,
    searchPath: target.allowedSchemas,
    relations,
    subject: target.endUser,
  });
  if (!outcome.ok) throw new SqlExecutionError("refused", outcome.message);
  try {
    const result = await runReadOnly(target, outcome.sql, options);
    return { ...result, sql: verdict.sql, policiesApplied: outcome.applied };
  } catch (error) {
    throw explainUnderPolicies(error, outcome.applied);
  }
}

/**
 * A failure of the rewritten statement, told in terms of the statement the user wrote: positions
 * point into the rewrite, so they are dropped, and a column that does not exist because a policy
 * hides it says so.
 */
function explainUnderPolicies(error: unknown, applied: PoliciesApplied): unknown {
  if (!(error instanceof SqlExecutionError)) return error;
  let message = error.message;
  const column = /column "?(?:[^".\s]+\.)?([^".\s]+)"? (?:specified in USING clause )?does not exist/.exec(
    message,
  )?.[1];
  const hidden = column === undefined ? undefined : applied.columns_hidden.find((c) => c.endsWith(`.${column}`));
  if (hidden)
    message = `Column ${hidden} is hidden from end users by this namespace's policy; it cannot be selected, filtered, grouped or ordered by. Rewrite the query without it.`;
  return new SqlExecutionError(error.kind, message, error.sqlstate, undefined, { cause: error });
}
