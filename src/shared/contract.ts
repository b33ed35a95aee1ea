import { z } from "@hono/zod-openapi";
import { AnswerMetadata } from "./answer";

/**
 * The run request of the seed contract: what a client sends to `POST /workflows/run` and what a task
 * keeps of it. Here, below every folder that uses it, so api/ (validation, OpenAPI) and tasks/ (what
 * a task stores and fingerprints) share one declaration without importing each other.
 */
export const WORKFLOWS = ["nl2sql", "reflection", "fixed", "metric_to_sql"] as const;
export const Workflow = z.enum(WORKFLOWS).openapi({ description: "Which workflow to run" });
export type Workflow = z.infer<typeof Workflow>;

// The ceiling; MAX_TASK_CHARS may set a lower bound per deployment (config/vars.ts).
export const MAX_TASK_LENGTH = 4000;
export const MAX_KNOWLEDGE_LENGTH = 20_000;

const Identifier = z.string().min(1).max(128);

export const TaskId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "task_id may contain letters, digits, '_', '.', ':' and '-'")
  .openapi({ example: "client_20240115143000" });

export const IsoDate = z.iso.date("current_date must be a date in YYYY-MM-DD form").openapi({ example: "2024-01-15" });

/** "new" starts a conversation; any other value names one of the caller's (issue 16). */
export const ConversationId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^(new|conv_[0-9a-f]{24})$/, 'conversation_id must be "new" or an id from metadata.conversation_id')
  .openapi({
    description:
      'Extension: "new" starts a conversation (its id comes back in metadata.conversation_id); that id makes the ' +
      "task a follow-up read with the conversation's earlier turns, or the answer to its clarifying question.",
    example: "new",
  });

export const RunWorkflowRequest = z
  .strictObject({
    workflow: Workflow,
    namespace: Identifier.openapi({ example: "demo" }),
    task: z.string().trim().min(1, "task cannot be empty").max(MAX_TASK_LENGTH).openapi({
      example: "Show me monthly revenue by product category",
    }),
    mode: z.enum(["sync", "async"]).default("sync"),
    task_id: TaskId.optional(),
    catalog_name: Identifier.optional(),
    database_name: Identifier.optional(),
    schema_name: Identifier.optional(),
    current_date: IsoDate.optional(),
    domain: Identifier.optional(),
    layer1: Identifier.optional(),
    layer2: Identifier.optional(),
    ext_knowledge: z.string().max(MAX_KNOWLEDGE_LENGTH).optional(),
    conversation_id: ConversationId.optional(),
  })
  .openapi("RunWorkflowRequest");
export type RunWorkflowRequest = z.infer<typeof RunWorkflowRequest>;

/** A task's statuses, in the order a task moves through them; the last three are final. */
export const TASK_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * A task as GET /workflows/tasks/{task_id} shows it (and the MCP tool get_task): what the TaskRoom
 * returns and the API documents, declared once here below both.
 */
export const TaskView = z
  .object({
    task_id: z.string(),
    status: TaskStatus,
    workflow: z.string(),
    namespace: z.string(),
    task: z.string(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    sql: z.string().nullable(),
    result: z.array(z.record(z.string(), z.unknown())).nullable(),
    metadata: AnswerMetadata.nullable(),
    error: z.string().nullable(),
    execution_time: z.number().nullable(),
    end_user: z.string().nullable().openapi({
      description:
        "The `sub` of the end user (X-End-User) the task answered for; null when none. Only that end user reads the task back.",
    }),
  })
  .openapi("Task");
export type TaskView = z.infer<typeof TaskView>;
