/**
 * The SQL guard: the only door to the executor. It admits exactly one read-only query (SELECT,
 * WITH … SELECT, VALUES, set operations) over the policy's schemas, parsed by the real Postgres parser,
 * and explains every refusal in words an LLM can act on when repairing its SQL.
 *
 * It is one layer of several: the executor must still run the query in a READ ONLY transaction with a
 * statement_timeout, as a role that can only read (see guard-policy.ts for why each is needed).
 */
import { type GuardTableRef, inspectQueryTree, type WalkRefusal } from "./guard-walk";
import { parsePostgres, scanPostgres } from "./pg-parser";

export type { GuardTableRef } from "./guard-walk";

export interface GuardPolicy {
  /**
   * Schemas the query may name, as Postgres stores them (unquoted names are lower-case), e.g.
   * `["public"]`. Unqualified tables are allowed (the executor sets search_path); qualified ones and
   * schema-qualified functions must use one of these (functions may also use pg_catalog).
   */
  allowedSchemas: readonly string[];
}

export type GuardRefusal =
  | "too_long"
  | "empty"
  | "parse_error"
  | "too_complex"
  | "multiple_statements"
  | "not_a_query"
  | "data_modifying_cte"
  | "select_into"
  | "locking_clause"
  | "forbidden_function"
  | "forbidden_operator"
  | "forbidden_schema"
  | "system_catalog";

export type GuardVerdict =
  | {
      ok: true;
      /** The one statement, from its first to its last token: no surrounding comments, no `;`. */
      sql: string;
      /** Base tables named by the query (not CTEs), in order of first appearance, as written. */
      tables: GuardTableRef[];
    }
  | {
      ok: false;
      reason: GuardRefusal;
      /** Says what is wrong and what to do instead; written for the LLM repairing its SQL and the user. */
      message: string;
      /** parse_error only: 1-based character position of the error, as Postgres reports it. */
      position?: number;
    };

/**
 * LLM-written analytic SQL is a few KB; the bound keeps the parse (and its WASM memory) small and
 * leaves room for hand-written queries.
 */
export const MAX_SQL_LENGTH = 100_000;

const STATEMENT_NAMES: Record<string, string> = {
  InsertStmt: "INSERT",
  UpdateStmt: "UPDATE",
  DeleteStmt: "DELETE",
  MergeStmt: "MERGE",
  TruncateStmt: "TRUNCATE",
  CopyStmt: "COPY",
  ExplainStmt: "EXPLAIN",
  VariableSetStmt: "SET/RESET",
  VariableShowStmt: "SHOW",
  TransactionStmt: "transaction control (BEGIN/COMMIT/ROLLBACK)",
  CallStmt: "CALL",
  DoStmt: "DO",
  PrepareStmt: "PREPARE",
  ExecuteStmt: "EXECUTE",
  VacuumStmt: "VACUUM/ANALYZE",
  ListenStmt: "LISTEN",
  NotifyStmt: "NOTIFY",
  GrantStmt: "GRANT/REVOKE",
  CreateStmt: "CREATE TABLE",
  CreateTableAsStmt: "CREATE TABLE AS",
  DropStmt: "DROP",
  AlterTableStmt: "ALTER TABLE",
  LockStmt: "LOCK",
  RefreshMatViewStmt: "REFRESH MATERIALIZED VIEW",
};

/** "InsertStmt" → "INSERT"; unmapped kinds keep the parser's name ("CreateFunction"), still recognisable. */
function statementName(kind: string): string {
  return STATEMENT_NAMES[kind] ?? kind.replace(/Stmt$/, "");
}

const QUERY_SHAPES = "a single SELECT (optionally WITH … SELECT), VALUES, or UNION/INTERSECT/EXCEPT of them";

function refuse(reason: GuardRefusal, message: string): GuardVerdict {
  return { ok: false, reason, message };
}

// Verdicts remembered per isolate (issue 18): the same question gives the same SQL, and parsing it
// (the WASM parser, then its scanner) is a sizeable share of a sync answer's CPU. A verdict depends
// on the text and the allowed schemas alone. Bounded in count and in the length of what is kept, so
// the memory stays small: longer statements are checked every time.
const REMEMBERED_VERDICTS = 256;
const REMEMBERED_SQL_CHARS = 4_000;
const verdicts = new Map<string, Readonly<GuardVerdict>>();

/**
 * Checks `sql` against the rules and `policy`. Resolves to a verdict for every input; rejects only if
 * the parser itself cannot be started (an infrastructure failure, not the SQL's fault). Resolved
 * verdicts of short statements are remembered, the oldest forgotten first.
 */
export async function checkSql(sql: string, policy: GuardPolicy): Promise<GuardVerdict> {
  if (sql.length > REMEMBERED_SQL_CHARS) return judgeSql(sql, policy);
  const key = `${policy.allowedSchemas.join("\n")}\u0000${sql}`;
  const known = verdicts.get(key);
  if (known) return known;
  const verdict = Object.freeze(await judgeSql(sql, policy));
  if (verdicts.size >= REMEMBERED_VERDICTS) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(key, verdict);
  return verdict;
}

async function judgeSql(sql: string, policy: GuardPolicy): Promise<GuardVerdict> {
  if (sql.length > MAX_SQL_LENGTH) {
    return refuse(
      "too_long",
      `The SQL is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}. Write a shorter query.`,
    );
  }
  if (sql.trim() === "") return refuse("empty", emptyMessage());

  let parsed: Awaited<ReturnType<typeof parsePostgres>>;
  try {
    parsed = await parsePostgres(sql);
  } catch (err) {
    // The C parser recurses per nesting level; V8 reports exhaustion as RangeError.
    if (err instanceof RangeError) return tooComplex();
    throw err;
  }
  if (!parsed.ok) {
    const message = parseErrorMessage(sql, parsed.message, parsed.cursorPosition);
    if (parsed.cursorPosition === undefined) return refuse("parse_error", message);
    return { ok: false, reason: "parse_error", message, position: parsed.cursorPosition + 1 };
  }

  const statements = parsed.tree.stmts ?? [];
  if (statements.length === 0) return refuse("empty", emptyMessage());
  if (statements.length > 1) {
    return refuse(
      "multiple_statements",
      `The SQL contains ${statements.length} statements; send exactly one query (${QUERY_SHAPES}) and nothing after it.`,
    );
  }

  const statement = statements[0]?.stmt as Record<string, unknown> | undefined;
  const kind = statement ? (Object.keys(statement)[0] ?? "unknown") : "unknown";
  if (!statement || kind !== "SelectStmt") {
    return refuse("not_a_query", `Only read-only queries are allowed: ${QUERY_SHAPES}; found: ${statementName(kind)}.`);
  }

  const walked = inspectQueryTree(statement.SelectStmt, policy.allowedSchemas);
  if (!walked.ok) return describeRefusal(walked.refusal, policy);
  return { ok: true, sql: await statementText(sql), tables: walked.tables };
}

function emptyMessage(): string {
  return `The SQL is empty (only whitespace or comments); send ${QUERY_SHAPES}.`;
}

function tooComplex(): GuardVerdict {
  return refuse("too_complex", "The SQL is nested too deeply to check; simplify the expressions or split the query.");
}

function describeRefusal(refusal: WalkRefusal, policy: GuardPolicy): GuardVerdict {
  const allowed = policy.allowedSchemas.length > 0 ? policy.allowedSchemas.join(", ") : "none";
  switch (refusal.reason) {
    case "data_modifying_cte":
      return refuse(
        "data_modifying_cte",
        `The WITH query "${refusal.cte}" contains ${statementName(refusal.statement)}; every WITH query must be a SELECT that only reads data.`,
      );
    case "nested_statement":
      return refuse(
        "not_a_query",
        `${statementName(refusal.statement)} cannot appear inside a query; send a SELECT that only reads data.`,
      );
    case "select_into":
      return refuse(
        "select_into",
        "SELECT … INTO creates a table; remove the INTO clause and return the rows instead.",
      );
    case "locking_clause":
      return refuse(
        "locking_clause",
        `${refusal.strength} locks rows and is not allowed in a read-only query; remove the locking clause.`,
      );
    case "forbidden_function":
      return refuse(
        "forbidden_function",
        `The function ${refusal.name}${refusal.bare ? "" : "()"} is not allowed: ${refusal.why}. Rewrite the query without it.`,
      );
    case "forbidden_operator":
      return refuse(
        "forbidden_operator",
        `The operator ${refusal.operator} is not allowed: only the operators of PostgreSQL's built-in types may be used. Rewrite the query without it.`,
      );
    case "catalog_cast":
      return refuse(
        "system_catalog",
        `A cast to ${refusal.type} looks names up in the PostgreSQL system catalogs, which may not be queried; compare the values as text instead.`,
      );
    case "forbidden_schema":
      return refuse(
        "forbidden_schema",
        `The ${refusal.what} ${refusal.schema}.${refusal.name} is in schema "${refusal.schema}", which may not be used; ` +
          `allowed schemas: ${allowed}. Use the tables of an allowed schema.`,
      );
    case "system_catalog":
      return refuse(
        "system_catalog",
        `"${refusal.name}" refers to a PostgreSQL system catalog, which may not be queried; use the application's ` +
          `tables (if ${refusal.name} is one of them, qualify it with its schema, e.g. ${policy.allowedSchemas[0] ?? "public"}.${refusal.name}).`,
      );
  }
}

/** Postgres' message plus where it happened, shown as psql does: the line and a caret under the column. */
function parseErrorMessage(sql: string, message: string, cursorPosition: number | undefined): string {
  const head = `The SQL does not parse: ${message}`;
  if (cursorPosition === undefined) return `${head}. Fix the syntax and send the query again.`;
  const position = Math.min(cursorPosition, sql.length);
  const lineStart = sql.lastIndexOf("\n", position - 1) + 1;
  const lineEnd = sql.indexOf("\n", position);
  const lineText = sql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const line = sql.slice(0, lineStart).split("\n").length;
  const column = position - lineStart + 1;
  // Long lines are cut to a window around the error so the caret stays readable.
  const windowStart = Math.max(0, column - 60);
  const shown = lineText.slice(windowStart, windowStart + 120).replace(/\t/g, " ");
  const caret = " ".repeat(column - 1 - windowStart);
  return `${head} (line ${line}, column ${column}).\n  ${shown}\n  ${caret}^\nFix the syntax and send the query again.`;
}

/**
 * The statement without surrounding comments or semicolons, cut at token boundaries so that a caller
 * may wrap it (`SELECT * FROM (<sql>) t LIMIT 100`) without a trailing `-- comment` swallowing the
 * wrapper. Token offsets are UTF-8 bytes.
 */
async function statementText(sql: string): Promise<string> {
  const tokens = (await scanPostgres(sql)).filter(
    (t) => t.tokenName !== "SQL_COMMENT" && t.tokenName !== "C_COMMENT" && t.tokenName !== "ASCII_59",
  );
  const first = tokens[0];
  const last = tokens.at(-1);
  if (!first || !last) return sql.trim();
  const bytes = new TextEncoder().encode(sql);
  return new TextDecoder().decode(bytes.subarray(first.start, last.end));
}
