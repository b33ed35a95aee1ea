import { z } from "@hono/zod-openapi";

/**
 * Request and response shapes of the Workflow API: the single source of validation, TypeScript
 * types and the OpenAPI document. Field names follow the seed document exactly.
 */
export {
  IsoDate,
  MAX_KNOWLEDGE_LENGTH,
  MAX_TASK_LENGTH,
  RunWorkflowRequest,
  TaskId,
  TaskStatus,
  TaskView,
  WORKFLOWS,
  Workflow,
} from "../shared/contract";

import { AnswerMetadata } from "../shared/answer";
import { TaskId, Workflow } from "../shared/contract";

export const RunWorkflowResponse = z
  .object({
    task_id: z.string(),
    status: z.enum(["completed", "failed", "cancelled"]),
    workflow: Workflow,
    sql: z.string().nullable(),
    result: z.array(z.record(z.string(), z.unknown())).nullable(),
    metadata: AnswerMetadata,
    error: z.string().nullable(),
    execution_time: z.number().openapi({ description: "Seconds" }),
  })
  .openapi("RunWorkflowResponse");

export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
  })
  .openapi("TokenResponse");

export const OAuthErrorBody = z
  .object({
    error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type", "invalid_scope"]),
    error_description: z.string(),
  })
  .openapi("OAuthError");

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: "Problem details (RFC 9457)", content: { "application/problem+json": { schema: Problem } } },
    ]),
  );

// Feedback (POST /workflows/feedback): a paragraph of comment, and a hand-written query with room to
// spare (the guard's own bound is 100 kB). Bounded so feedback cannot become bulk storage.
export const MAX_COMMENT_LENGTH = 2000;
export const MAX_CORRECTED_SQL_LENGTH = 20_000;
export const FeedbackStatus = z
  .enum(["success", "failed"])
  .openapi({ description: "Whether the task's answer was right" });

export const FeedbackRequest = z
  .strictObject({
    task_id: TaskId,
    status: FeedbackStatus,
    comment: z.string().max(MAX_COMMENT_LENGTH).nullish(),
    corrected_sql: z
      .string()
      .trim()
      .min(1, "corrected_sql cannot be empty")
      .max(MAX_CORRECTED_SQL_LENGTH)
      .nullish()
      .openapi({
        description:
          "The right SQL for the task's question. Checked by the SQL guard and executed before it is stored as a verified example.",
        example: "SELECT count(*) AS shipped_orders FROM orders WHERE status = 'shipped'",
      }),
  })
  .openapi("FeedbackRequest");
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

export const FeedbackResponse = z
  .object({
    task_id: z.string(),
    acknowledged: z.literal(true),
    recorded_at: z
      .string()
      .openapi({ description: "ISO-8601 UTC, seconds precision", example: "2024-01-15T14:30:15Z" }),
  })
  .openapi("FeedbackResponse");

const FeedbackEntry = z
  .object({
    status: FeedbackStatus,
    comment: z.string().nullable(),
    corrected_sql: z.string().nullable(),
    recorded_at: z.string(),
  })
  .openapi("FeedbackEntry");

export const FeedbackHistory = z
  .object({
    task_id: z.string(),
    current: FeedbackEntry.nullable().openapi({ description: "The newest verdict; null when none was given" }),
    history: z.array(FeedbackEntry).openapi({ description: "Every verdict, newest first" }),
  })
  .openapi("FeedbackHistory");

export const VerifiedExample = z
  .object({
    id: z.number().int(),
    question: z.string(),
    sql: z.string(),
    source_task_id: z.string().nullable().openapi({
      description: "The task it was learned from, when that task is the caller's (null for other clients' tasks)",
    }),
    verified_by: z.string().nullable().openapi({
      description:
        "The caller's own client id when the caller verified it; null otherwise (no other client's id is shown)",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("VerifiedExample");

export const ExampleProposal = z
  .object({
    id: z.number().int(),
    question: z.string(),
    sql: z.string(),
    status: z.enum(["pending", "verified", "withdrawn"]),
    mine: z.boolean().openapi({ description: "Whether the caller's feedback proposed it" }),
    source_task_id: z
      .string()
      .nullable()
      .openapi({ description: "The caller's task it came from (null for other clients' proposals)" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ExampleProposal");

export const ExampleProposalsPage = z
  .object({ namespace: z.string(), proposals: z.array(ExampleProposal), next_cursor: z.string().nullable() })
  .openapi("ExampleProposalsPage");

export const VerifiedExamplesPage = z
  .object({ namespace: z.string(), examples: z.array(VerifiedExample), next_cursor: z.string().nullable() })
  .openapi("VerifiedExamplesPage");

/** GET /namespaces (and the MCP tool list_namespaces): the caller's granted namespaces, never a connection string. */
export const NamespaceList = z
  .object({
    namespaces: z.array(
      z.object({
        name: z.string(),
        kind: z.string(),
        database: z.string(),
        schemas: z.array(z.string()),
        row_limit: z.number(),
        max_result_bytes: z.number(),
        statement_timeout_ms: z.number(),
      }),
    ),
  })
  .openapi("NamespaceList");
export type NamespaceList = z.infer<typeof NamespaceList>;
