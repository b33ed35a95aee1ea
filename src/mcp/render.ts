import type { Clarification } from "../shared/answer";
import type { Catalog } from "../sql/catalog.types";
import type { AskOutput, MetricsOutput, NamespaceDescription, TaskOutput } from "./tool-schemas";

/**
 * The short text each tool result carries beside its structured content: what an assistant (or a
 * client that shows only text) reads. Pure functions of the structured result.
 */

// A text table longer than this is noise in a chat; the structured content has every returned row.
const TEXT_ROWS = 20;
const CELL_CHARS = 60;

export function rowsAsTable(rows: readonly Record<string, unknown>[], limit = TEXT_ROWS): string {
  if (rows.length === 0) return "(no rows)";
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    const short = text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text;
    return short.replace(/\|/g, "\\|").replace(/\n/g, " ");
  };
  const lines = [`| ${columns.join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`];
  for (const row of rows.slice(0, limit)) lines.push(`| ${columns.map((c) => cell(row[c])).join(" | ")} |`);
  if (rows.length > limit) lines.push(`… ${rows.length - limit} more row(s) in the structured content`);
  return lines.join("\n");
}

export function renderAnswer(a: AskOutput | TaskOutput): string {
  const parts = [`Task ${a.task_id}: ${a.status}`];
  // get_task's answer keeps them in metadata only; ask and query_metric lift them out too.
  const clarification = ("clarification" in a ? a.clarification : null) ?? a.metadata?.clarification ?? null;
  const conversationId = ("conversation_id" in a ? a.conversation_id : null) ?? a.metadata?.conversation_id ?? null;
  if (a.error && !clarification) parts.push(`Error: ${a.error}`);
  if (clarification) parts.push(renderClarification(clarification));
  if (a.sql) parts.push(`\`\`\`sql\n${a.sql}\n\`\`\``);
  if (a.rows) {
    parts.push(`${a.row_count} row(s)${a.truncated ? ", truncated" : ""}:`);
    parts.push(rowsAsTable(a.rows));
  }
  if (conversationId) parts.push(`Conversation ${conversationId}: pass it as conversation_id to ask a follow-up.`);
  return parts.join("\n\n");
}

/** The question asked back, with what answers it: an option's label, asked in the same conversation. */
export function renderClarification(c: Clarification): string {
  const options = c.options.map((o) => `- ${o.label} (${o.detail})`);
  return [`Clarification needed: ${c.question}`, ...options, "Answer with an option's label as the question."].join(
    "\n",
  );
}

/** The catalog as the tools show it: names qualified, keys spelt out, sample values as `values`. */
export function describeCatalog(catalog: Catalog): NamespaceDescription {
  return {
    namespace: catalog.namespace,
    dialect: catalog.dialect,
    truncated: catalog.truncated === true,
    tables: catalog.tables.map((t) => ({
      name: `${t.schema}.${t.name}`,
      kind: t.kind ?? "table",
      ...(t.comment ? { comment: t.comment } : {}),
      row_estimate: t.rowEstimate,
      primary_key: t.primaryKey,
      foreign_keys: t.foreignKeys.map((fk) => ({
        columns: fk.columns,
        references: `${fk.refSchema}.${fk.refTable}(${fk.refColumns.join(", ")})`,
      })),
      columns: t.columns.map((c) => ({
        name: c.name,
        type: c.baseType ? `${c.type} (${c.baseType})` : c.type,
        nullable: c.nullable,
        ...(c.comment ? { comment: c.comment } : {}),
        ...(c.samples?.length ? { values: c.samples } : {}),
      })),
    })),
  };
}

export function renderNamespace(d: NamespaceDescription): string {
  const lines = [
    `Namespace ${d.namespace} (${d.dialect}), ${d.tables.length} table(s)${d.truncated ? " (more exist; the catalog keeps the first)" : ""}:`,
  ];
  for (const t of d.tables) {
    const pk = new Set(t.primary_key);
    const columns = t.columns.map((c) => `${c.name} ${c.type}${pk.has(c.name) ? " PK" : ""}`).join(", ");
    lines.push(
      `- ${t.name}${t.kind === "table" ? "" : ` [${t.kind}]`}${t.comment ? ` — ${t.comment}` : ""}: ${columns}`,
    );
    for (const fk of t.foreign_keys) lines.push(`    (${fk.columns.join(", ")}) → ${fk.references}`);
  }
  return lines.join("\n");
}

export function renderMetrics(m: MetricsOutput): string {
  if (m.metrics.length === 0) return `Namespace ${m.namespace} defines no metrics.`;
  return [
    `Metrics of ${m.namespace}:`,
    ...m.metrics.map((x) => `- ${x.name}${x.type ? ` (${x.type})` : ""}${x.description ? `: ${x.description}` : ""}`),
  ].join("\n");
}
