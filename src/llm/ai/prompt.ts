import type { LinkedTable } from "../../linking";
import type { CatalogColumn, TableKind } from "../../sql/catalog.types";
import type { GenerationInput } from "../types";

/**
 * The prompt for an LLM SQL generator: plain data in, two strings out. Everything taken from the
 * catalog, the request or earlier attempts is capped, so one odd table or a long error cannot blow
 * the model's context or the bill. Catalog comments and samples are data the model may misread as
 * instructions; the SQL guard, not the prompt, is what keeps the result read-only.
 */
export interface SqlPrompt {
  system: string;
  prompt: string;
}

export interface PromptLimits {
  maxTables: number;
  maxColumnsPerTable: number;
  /** Budget for the whole schema section; tables past it are named only. */
  maxSchemaChars: number;
  maxSamplesPerColumn: number;
  maxSampleChars: number;
  maxCommentChars: number;
  maxExamples: number;
  maxAttempts: number;
  maxSqlChars: number;
  maxErrorChars: number;
  maxTextChars: number;
  /**
   * Budget for the earlier turns of a conversation (questions, SQL, result summaries), newest kept
   * first: a long conversation costs the prompt this much, not its whole history.
   */
  maxConversationChars: number;
}

export const DEFAULT_PROMPT_LIMITS: PromptLimits = {
  // As many as schema linking may choose (its cap on a budget); the characters bound them anyway.
  maxTables: 16,
  maxColumnsPerTable: 30,
  // ~4 characters a token: about 4k tokens of schema, enough for a dozen real tables.
  maxSchemaChars: 16_000,
  maxSamplesPerColumn: 6,
  maxSampleChars: 40,
  maxCommentChars: 160,
  maxExamples: 3,
  maxAttempts: 3,
  maxSqlChars: 1_500,
  maxErrorChars: 400,
  maxTextChars: 2_000,
  // ~1,000 tokens: the last three or four turns with their SQL.
  maxConversationChars: 4_000,
};

export function buildSqlPrompt(input: GenerationInput, limits: PromptLimits = DEFAULT_PROMPT_LIMITS): SqlPrompt {
  return { system: systemPrompt(input), prompt: userPrompt(input, limits) };
}

function systemPrompt(input: GenerationInput): string {
  return [
    "You translate business questions into SQL for a PostgreSQL database.",
    'Answer with a JSON object only: {"explanation": string, "sql": string, "tables": string[]}.',
    "- explanation: one or two sentences on how the query answers the question.",
    "- sql: exactly one read-only SELECT statement (WITH ... SELECT is fine). Never INSERT, UPDATE, DELETE, MERGE, " +
      "CREATE, ALTER, DROP, TRUNCATE, GRANT, COPY, SET, CALL or transaction commands; no trailing semicolon, no comments.",
    "- Use only the tables and columns listed in the schema, qualified as shown (schema.table). Do not invent columns.",
    "- Filter on text values exactly as the samples and matched values spell them (case and accents included).",
    `- Today is ${input.currentDate}. Resolve relative periods ("last month", "this year", "YTD") against it with ` +
      "explicit date literals, not CURRENT_DATE or now().",
    `- Return at most ${input.rowLimit} rows: end with LIMIT ${input.rowLimit} or lower unless the query yields one aggregated row.`,
    "- Give readable column aliases and a deterministic ORDER BY when the question implies ranking or listing.",
    "- tables: the schema-qualified tables the query reads.",
    '- If the schema cannot answer the question, return "sql": "" and say why in explanation.',
    ...(input.conversation?.length
      ? [
          '- The question continues the conversation shown: a short follow-up ("only 2023", "by country instead", ' +
            '"top 5", "what about Germany?", "and the average?") edits the latest answered query; a full question stands alone.',
          '- If two readings are equally plausible, return "sql": "" and "clarification": {"question", "options"} to ask.',
        ]
      : []),
  ].join("\n");
}

function userPrompt(input: GenerationInput, limits: PromptLimits): string {
  const sections = [
    section("Database schema (PostgreSQL)", schemaText(input, limits)),
    section(
      "Foreign-key joins between these tables",
      input.linked.joins
        .map((j) => `${j.from.table}(${j.from.columns.join(", ")}) = ${j.to.table}(${j.to.columns.join(", ")})`)
        .join("\n"),
    ),
    section(
      "Values from the question found in the data",
      input.linked.matchedValues
        .map((m) => `${m.table}.${m.column} = ${sqlString(clip(m.value, limits.maxSampleChars))}`)
        .join("\n"),
    ),
    section("Business context", contextText(input, limits)),
    section("Verified examples (question → SQL)", examplesText(input, limits)),
    section("Earlier attempts that failed: do not repeat them", attemptsText(input, limits)),
    section("Earlier in this conversation (oldest first)", conversationText(input, limits)),
    section("Question", clip(input.question, limits.maxTextChars)),
    strategyText(input),
  ];
  return sections.filter((s) => s !== "").join("\n\n");
}

function section(title: string, body: string): string {
  return body.trim() === "" ? "" : `## ${title}\n${body}`;
}

function schemaText(input: GenerationInput, limits: PromptLimits): string {
  const blocks: string[] = [];
  const omitted: string[] = [];
  let used = 0;
  for (const linked of input.linked.tables) {
    const block = blocks.length < limits.maxTables ? tableDdl(linked, limits) : "";
    // The best-ranked tables come first; past the budget the model at least learns the names.
    if (block === "" || used + block.length > limits.maxSchemaChars) {
      omitted.push(linked.qualifiedName);
      continue;
    }
    blocks.push(block);
    used += block.length;
  }
  if (omitted.length > 0)
    blocks.push(`-- more tables exist but are not shown: ${clip(omitted.join(", "), limits.maxTextChars)}`);
  return blocks.join("\n\n");
}

function tableDdl(linked: LinkedTable, limits: PromptLimits): string {
  const table = linked.table;
  const keyColumns = new Set([...table.primaryKey, ...table.foreignKeys.flatMap((fk) => fk.columns)]);
  // Keys first (joins need them), then the linker's ranking, then the rest while the cap allows:
  // a filter column the linker ranked low ("status" for "revenue") is often what the SQL needs.
  // Shown in table order for readability.
  const ordered = new Set([
    ...keyColumns,
    ...linked.columns.map((c) => c.column.name),
    ...table.columns.map((c) => c.name),
  ]);
  const chosen = new Set([...ordered].slice(0, limits.maxColumnsPerTable));
  const shown = table.columns.filter((c) => chosen.has(c.name));
  const hidden = table.columns.filter((c) => !chosen.has(c.name)).map((c) => c.name);

  const singlePk = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  const singleFks = new Map(
    table.foreignKeys
      .filter((fk) => fk.columns.length === 1)
      .map((fk) => [fk.columns[0]!, `${fk.refSchema}.${fk.refTable}(${fk.refColumns.join(", ")})`]),
  );
  // [definition, comment]: the comma goes before the comment, as in real DDL.
  const lines: [string, string][] = shown.map((c) => columnLine(c, c.name === singlePk, singleFks.get(c.name), limits));
  if (table.primaryKey.length > 1) lines.push([`PRIMARY KEY (${table.primaryKey.join(", ")})`, ""]);
  for (const fk of table.foreignKeys.filter((f) => f.columns.length > 1)) {
    lines.push([
      `FOREIGN KEY (${fk.columns.join(", ")}) REFERENCES ${fk.refSchema}.${fk.refTable}(${fk.refColumns.join(", ")})`,
      "",
    ]);
  }
  const body = lines.map(([def, note], i) => `  ${def}${i < lines.length - 1 ? "," : ""}${note ? ` -- ${note}` : ""}`);
  if (hidden.length > 0)
    body.push(`  -- ${hidden.length} more columns: ${clip(hidden.join(", "), limits.maxCommentChars)}`);
  const notes = [
    table.comment ? clip(oneLine(table.comment), limits.maxCommentChars) : "",
    // Bridges were added only to connect the asked-about tables: say so, or the model filters on them.
    linked.bridge ? "(links the other tables)" : "",
    table.viewOf?.length ? `(reads ${clip(table.viewOf.join(", "), limits.maxCommentChars)})` : "",
  ].filter((n) => n !== "");
  const comment = notes.length > 0 ? ` -- ${notes.join(" ")}` : "";
  const rows = table.rowEstimate >= 0 ? ` -- ~${table.rowEstimate} rows` : "";
  return `${CREATE[table.kind ?? "table"]} ${linked.qualifiedName} (${comment}\n${body.join("\n")}\n);${rows}`;
}

/** A view reads like a table but is not one: the model should know it repeats other tables. */
const CREATE: Record<TableKind, string> = {
  table: "CREATE TABLE",
  view: "CREATE VIEW",
  materialized_view: "CREATE MATERIALIZED VIEW",
  foreign_table: "CREATE FOREIGN TABLE",
};

function columnLine(c: CatalogColumn, pk: boolean, ref: string | undefined, limits: PromptLimits): [string, string] {
  // A domain is shown with the type under it, which is what functions and casts see.
  const type = c.baseType ? `${c.type} /* ${c.baseType} */` : c.type;
  const def = `${c.name} ${type}${c.nullable ? "" : " NOT NULL"}${pk ? " PRIMARY KEY" : ""}${ref ? ` REFERENCES ${ref}` : ""}`;
  const notes: string[] = [];
  if (c.comment) notes.push(clip(oneLine(c.comment), limits.maxCommentChars));
  if (c.samples?.length) {
    // An enum's labels are the complete list: say so, so the model filters on no other value.
    const shown = c.enum ? Math.max(limits.maxSamplesPerColumn, 20) : limits.maxSamplesPerColumn;
    const samples = c.samples.slice(0, shown).map((s) => sqlString(clip(oneLine(s), limits.maxSampleChars)));
    const more = c.samples.length > shown ? ", ..." : "";
    notes.push(`${c.enum ? "one of" : "values"}: ${samples.join(", ")}${more}`);
  }
  return [def, notes.join("; ")];
}

function contextText(input: GenerationInput, limits: PromptLimits): string {
  const lines: string[] = [];
  const layers = [input.domain, input.layer1, input.layer2].filter((s): s is string => !!s?.trim());
  if (layers.length > 0) lines.push(`Subject area: ${clip(oneLine(layers.join(" > ")), limits.maxCommentChars)}`);
  if (input.knowledge?.trim()) lines.push(`Business knowledge:\n${clip(input.knowledge.trim(), limits.maxTextChars)}`);
  return lines.join("\n");
}

function examplesText(input: GenerationInput, limits: PromptLimits): string {
  return (input.examples ?? [])
    .slice(0, limits.maxExamples)
    .map(
      (e) =>
        `Question: ${clip(oneLine(e.question), limits.maxCommentChars * 2)}\nSQL: ${clip(e.sql.trim(), limits.maxSqlChars)}`,
    )
    .join("\n\n");
}

function attemptsText(input: GenerationInput, limits: PromptLimits): string {
  // The latest attempts carry the freshest errors; older ones are usually variations of them.
  const attempts = input.previousAttempts.slice(-limits.maxAttempts);
  const first = input.previousAttempts.length - attempts.length + 1;
  return attempts
    .map(
      (a, i) =>
        `Attempt ${first + i}:\nSQL: ${clip(a.sql.trim(), limits.maxSqlChars)}\nError: ${clip(oneLine(a.error), limits.maxErrorChars)}`,
    )
    .join("\n\n");
}

/** The earlier turns, newest first until the budget is spent, then shown oldest first. */
function conversationText(input: GenerationInput, limits: PromptLimits): string {
  const blocks: string[] = [];
  let used = 0;
  for (const turn of [...(input.conversation ?? [])].reverse()) {
    const lines = [`Question: ${clip(oneLine(turn.question), limits.maxCommentChars * 2)}`];
    if (turn.standalone && turn.standalone !== turn.question)
      lines.push(`Read as: ${clip(oneLine(turn.standalone), limits.maxCommentChars * 2)}`);
    if (turn.sql) lines.push(`SQL: ${clip(turn.sql.trim(), limits.maxSqlChars)}`);
    lines.push(
      turn.status === "completed"
        ? `Result: ${clip(oneLine(turn.summary ?? "answered"), limits.maxCommentChars * 2)}`
        : `Not answered (${turn.status})`,
    );
    const block = lines.join("\n");
    if (used + block.length > limits.maxConversationChars) break;
    blocks.unshift(block);
    used += block.length;
  }
  return blocks.join("\n\n");
}

function strategyText(input: GenerationInput): string {
  switch (input.strategy) {
    case undefined:
      return "";
    case "regenerate_with_error":
      return "The last attempt failed with the error shown above. Find its cause and write corrected SQL.";
    case "widen_schema":
      return "Earlier attempts looked at too few tables; more are listed now. Reconsider which tables answer the question.";
    case "step_by_step":
      return (
        "Think step by step before writing SQL. In explanation, first list the tables needed, the join path, " +
        "the filters (exact values, date ranges) and the grouping or aggregation; then write SQL that follows that plan."
      );
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
