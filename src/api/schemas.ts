import { z } from "@hono/zod-openapi";

/**
 * Request and response shapes of the Workflow API: the single source of validation, TypeScript
 * types and the OpenAPI document. Field names follow the seed document exactly.
 */
export const WORKFLOWS = ["nl2sql", "reflection", "fixed", "metric_to_sql"] as const;
export const Workflow = z.enum(WORKFLOWS).openapi({ description: "Which workflow to run" });
export type Workflow = z.infer<typeof Workflow>;

// Long enough for a detailed question with context, short enough to bound prompt size and cost.
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
  })
  .openapi("RunWorkflowRequest");
export type RunWorkflowRequest = z.infer<typeof RunWorkflowRequest>;

export const RunWorkflowResponse = z
  .object({
    task_id: z.string(),
    status: z.enum(["completed", "failed", "cancelled"]),
    workflow: Workflow,
    sql: z.string().nullable(),
    result: z.array(z.record(z.string(), z.unknown())).nullable(),
    metadata: z.record(z.string(), z.unknown()),
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
    error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type"]),
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
