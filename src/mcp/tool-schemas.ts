import { z } from "@hono/zod-openapi";
import {
  FeedbackRequest,
  FeedbackResponse,
  IsoDate,
  NamespaceList,
  RunWorkflowRequest,
  RunWorkflowResponse,
  TaskId,
  TaskView,
  Workflow,
} from "../api/schemas";
import { Clarification } from "../shared/answer";

/**
 * The MCP tools' input and output schemas, cut from the API's own (api/schemas.ts): a field means
 * and validates the same in a tool call as in the HTTP request it becomes.
 */

// Rows go into an assistant's context window: a hundred rows is an answer, ten thousand a flood.
// The full result stays one get_task (or GET /workflows/tasks/{id}) away.
export const DEFAULT_TOOL_ROWS = 100;
export const MAX_TOOL_ROWS = 1000;

const MaxRows = z
  .number()
  .int()
  .min(1)
  .max(MAX_TOOL_ROWS)
  .optional()
  .describe(
    `How many result rows to return (default ${DEFAULT_TOOL_ROWS}); \`truncated\` says whether there were more`,
  );

const Rows = z.array(z.record(z.string(), z.unknown()));

export const AskInput = z.object({
  question: RunWorkflowRequest.shape.task.describe(
    "The question in natural language, e.g. 'monthly revenue by product category in 2023'",
  ),
  namespace: RunWorkflowRequest.shape.namespace.describe(
    "The namespace (database) to ask; list_namespaces names those granted to you",
  ),
  workflow: Workflow.default("nl2sql").describe(
    "fixed | nl2sql (one automatic repair) | reflection (up to 3 rounds) | metric_to_sql (defined metrics only)",
  ),
  current_date: IsoDate.optional().describe(
    "The date relative dates ('last month') are read against, YYYY-MM-DD; default today",
  ),
  max_rows: MaxRows,
  conversation_id: RunWorkflowRequest.shape.conversation_id.describe(
    '"new" starts a conversation; the conversation_id an answer returned makes this question a follow-up ("only 2023", "by country instead") or the answer to its clarification (an option\'s label)',
  ),
});

export const QueryMetricInput = AskInput.omit({ workflow: true }).extend({
  question: AskInput.shape.question.describe(
    "A question about defined metrics, e.g. 'revenue by country last quarter'",
  ),
});

export const AskOutput = RunWorkflowResponse.pick({
  task_id: true,
  status: true,
  workflow: true,
  sql: true,
  metadata: true,
  error: true,
}).extend({
  rows: Rows.describe("The result rows, at most max_rows"),
  row_count: z.number().int().describe("How many rows the query returned (up to the namespace's row limit)"),
  truncated: z
    .boolean()
    .describe("Whether rows were left out: by max_rows here, or by the namespace's row or size limit"),
  // Lifted out of metadata so a client holds a conversation without reading the metadata's keys.
  conversation_id: z
    .string()
    .nullable()
    .describe("The conversation this answer is a turn of: pass it back as conversation_id to follow up"),
  clarification: Clarification.nullable().describe(
    "The question asked back instead of guessing: answer with ask (same conversation_id) and an option's label as the question",
  ),
});
export type AskOutput = z.infer<typeof AskOutput>;

export const GetTaskInput = z.object({
  task_id: TaskId.describe("The task_id an ask or query_metric answered"),
  max_rows: MaxRows,
});

export const TaskOutput = TaskView.omit({ result: true }).extend({
  rows: Rows.nullable().describe("The result rows, at most max_rows; null until the task has a result"),
  row_count: z.number().int(),
  truncated: z.boolean(),
});
export type TaskOutput = z.infer<typeof TaskOutput>;

export const NamespaceInput = z.object({
  namespace: RunWorkflowRequest.shape.namespace.describe("A namespace granted to you (list_namespaces)"),
});

export const NamespaceListOutput = NamespaceList;

const ColumnDescription = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  comment: z.string().optional(),
  values: z
    .array(z.string())
    .optional()
    .describe("Known values (enum labels, or the frequent values of a low-cardinality text column)"),
});

export const NamespaceDescription = z.object({
  namespace: z.string(),
  dialect: z.string(),
  tables: z.array(
    z.object({
      name: z.string().describe("schema.table"),
      kind: z.string().describe("table | view | materialized_view"),
      comment: z.string().optional(),
      row_estimate: z.number(),
      primary_key: z.array(z.string()),
      foreign_keys: z.array(
        z.object({ columns: z.array(z.string()), references: z.string().describe("schema.table(columns)") }),
      ),
      columns: z.array(ColumnDescription),
    }),
  ),
  truncated: z.boolean().describe("Whether the database had more tables than the catalog keeps"),
});
export type NamespaceDescription = z.infer<typeof NamespaceDescription>;

export const MetricsOutput = z.object({
  namespace: z.string(),
  metrics: z.array(
    z.object({
      name: z.string(),
      label: z.string().optional(),
      type: z.string().optional(),
      description: z.string().optional(),
      synonyms: z.array(z.string()).optional(),
      source: z.string().optional().describe("file | api"),
    }),
  ),
  semantic_models: z.array(z.string()).describe("Names of the semantic models the metrics are defined over"),
});
export type MetricsOutput = z.infer<typeof MetricsOutput>;

export const FeedbackInput = FeedbackRequest;
export const FeedbackOutput = FeedbackResponse;
