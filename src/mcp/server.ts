import type { z } from "@hono/zod-openapi";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  type CallToolResult,
  CancelledNotificationSchema,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import type { FeedbackResponse, NamespaceList } from "../api/schemas";
import type { Catalog } from "../sql/catalog.types";
import type { ApiClient } from "./api-client";
import { type AskArgs, ask, cancelTask, getTask } from "./ask";
import { describeCatalog, renderAnswer, renderMetrics, renderNamespace } from "./render";
import { taskIdFor } from "./session";
import {
  AskInput,
  AskOutput,
  FeedbackInput,
  FeedbackOutput,
  GetTaskInput,
  MetricsOutput,
  NamespaceDescription,
  NamespaceInput,
  NamespaceListOutput,
  QueryMetricInput,
  TaskOutput,
} from "./tool-schemas";

export const SERVER_INFO = { name: "datus-edge", version: "0.1.0" } as const;

export interface McpCaller {
  clientId: string;
  /** The Mcp-Session-Id the request carried (session.ts), if any. */
  session: string | undefined;
}

const ns = (namespace: string) => `/namespaces/${encodeURIComponent(namespace)}`;
const CATALOG_URI = "datus://namespaces/{namespace}/catalog";

// The SDK validates elicitation answers with it, and this server never elicits; passing one keeps the
// default (ajv) from being constructed, so the bundle can leave ajv out (unbundled.ts).
const NO_ELICITATION: jsonSchemaValidator = {
  getValidator: () => () => ({ valid: false, data: undefined, errorMessage: "This server does not elicit input" }),
};

function result<T extends Record<string, unknown>>(structured: T, text: string, isError = false): CallToolResult {
  return { structuredContent: structured, content: [{ type: "text", text }], ...(isError ? { isError } : {}) };
}

/**
 * The MCP server of one HTTP request: tools and resources over the API routes (through `api`,
 * which carries the caller's token), no decisions of its own. Errors thrown by a tool (an
 * ApiProblem with the route's problem text) become MCP tool errors (`isError`) in the SDK.
 */
export function createMcpServer(api: ApiClient, caller: McpCaller): McpServer {
  const server = new McpServer(SERVER_INFO, {
    jsonSchemaValidator: NO_ELICITATION,
    instructions:
      "Ask questions of SQL databases in natural language. list_namespaces names the databases you may use; " +
      "describe_namespace shows their tables; ask answers a question with SQL and rows; list_metrics and query_metric use the defined business metrics.",
  });

  // A cancellation arrives as its own HTTP request, never at the instance running the tool: the
  // task it names is found by its derived id (session.ts) and cancelled through the route.
  server.server.setNotificationHandler(CancelledNotificationSchema, async (notification) => {
    const requestId = notification.params.requestId;
    if (caller.session === undefined || requestId === undefined) return;
    api.waitUntil(taskIdFor(caller.clientId, caller.session, requestId).then((taskId) => cancelTask(api, taskId)));
  });

  server.registerTool(
    "list_namespaces",
    {
      title: "List namespaces",
      description: "The namespaces (databases) you are granted, with their limits.",
      inputSchema: {},
      outputSchema: NamespaceListOutput,
      annotations: { readOnlyHint: true },
    },
    async () => {
      const list = await api.json<NamespaceList>("GET", "/namespaces");
      const text = list.namespaces.length
        ? list.namespaces
            .map((n) => `- ${n.name} (${n.kind}, schemas: ${n.schemas.join(", ")}, up to ${n.row_limit} rows)`)
            .join("\n")
        : "No namespace is granted to this client.";
      return result(list, text);
    },
  );

  server.registerTool(
    "describe_namespace",
    {
      title: "Describe a namespace",
      description: "Tables, columns, comments, keys and known values of a namespace granted to you.",
      inputSchema: NamespaceInput,
      outputSchema: NamespaceDescription,
      annotations: { readOnlyHint: true },
    },
    async ({ namespace }) => {
      const description = describeCatalog(await api.json<Catalog>("GET", `${ns(namespace)}/catalog`));
      return result(description, renderNamespace(description));
    },
  );

  const runQuestion = async (args: AskArgs, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
    const token = extra._meta?.progressToken;
    const answer = await ask(api, args, {
      taskId: await taskIdFor(caller.clientId, caller.session, extra.requestId),
      signal: extra.signal,
      progress:
        token === undefined
          ? undefined
          : (progress, message) =>
              extra.sendNotification({
                method: "notifications/progress",
                params: { progressToken: token, progress, message },
              }),
    });
    // A task that could not answer (or was cancelled) is a tool error carrying its reason.
    return result(answer, renderAnswer(answer), answer.status !== "completed");
  };

  server.registerTool(
    "ask",
    {
      title: "Ask a question",
      description:
        "Answer a question about a namespace's data: the SQL written for it, the rows (bounded by max_rows, with `truncated`) and metadata (tables used, timings, assumptions). " +
        "Sends progress notifications while the task runs; cancelling the request cancels the task. " +
        'conversation_id "new" starts a conversation; its returned conversation_id makes the next question a follow-up, or the answer to a returned clarification.',
      inputSchema: AskInput,
      outputSchema: AskOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args, extra) => runQuestion(args, extra),
  );

  server.registerTool(
    "query_metric",
    {
      title: "Query defined metrics",
      description:
        "Answer a question from the namespace's metric definitions only (workflow metric_to_sql): the same numbers as every other report using those metrics. " +
        "With a conversation_id, a follow-up keeps the metric and changes its dimensions or dates.",
      inputSchema: QueryMetricInput,
      outputSchema: AskOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args, extra) => runQuestion({ ...args, workflow: "metric_to_sql" }, extra),
  );

  server.registerTool(
    "get_task",
    {
      title: "Get a task",
      description: "A task you ran: status, SQL, rows (bounded) and metadata.",
      inputSchema: GetTaskInput,
      outputSchema: TaskOutput,
      annotations: { readOnlyHint: true },
    },
    async ({ task_id, max_rows }) => {
      const task = await getTask(api, task_id, max_rows);
      return result(task, renderAnswer(task));
    },
  );

  server.registerTool(
    "list_metrics",
    {
      title: "List metrics",
      description: "The business metrics defined for a namespace (what query_metric can answer).",
      inputSchema: NamespaceInput,
      outputSchema: MetricsOutput,
      annotations: { readOnlyHint: true },
    },
    async ({ namespace }) => {
      const defs = await api.json<{
        semantic_models?: Record<string, unknown>;
        metrics?: Record<string, Record<string, unknown>>;
        sources?: { metrics?: Record<string, string> };
      }>("GET", `${ns(namespace)}/metrics`);
      const metrics = Object.entries(defs.metrics ?? {}).map(([name, m]) => ({
        name,
        ...pickStrings(m, ["label", "type", "description"]),
        ...(Array.isArray(m.synonyms) ? { synonyms: m.synonyms.map(String) } : {}),
        ...(defs.sources?.metrics?.[name] ? { source: defs.sources.metrics[name] } : {}),
      }));
      const out = { namespace, metrics, semantic_models: Object.keys(defs.semantic_models ?? {}) };
      return result(out, renderMetrics(out));
    },
  );

  server.registerTool(
    "give_feedback",
    {
      title: "Give feedback on an answer",
      description:
        "Say whether a task's answer was right (status success | failed), optionally with a comment and the corrected SQL; verified answers teach later runs.",
      inputSchema: FeedbackInput,
      outputSchema: FeedbackOutput,
      annotations: { readOnlyHint: false, idempotentHint: true },
    },
    async (args) => {
      const recorded = await api.json<z.infer<typeof FeedbackResponse>>("POST", "/workflows/feedback", args);
      return result(recorded, `Feedback on ${recorded.task_id} recorded at ${recorded.recorded_at}.`);
    },
  );

  server.registerResource(
    "catalog",
    new ResourceTemplate(CATALOG_URI, {
      list: async () => {
        const list = await api.json<NamespaceList>("GET", "/namespaces");
        return {
          resources: list.namespaces.map((n) => ({
            uri: `datus://namespaces/${n.name}/catalog`,
            name: `${n.name} catalog`,
            mimeType: "application/json",
            description: `Tables and columns of namespace ${n.name}`,
          })),
        };
      },
    }),
    {
      title: "Namespace catalog",
      description: "The introspected schema of a namespace granted to you",
      mimeType: "application/json",
    },
    async (uri, { namespace }) => {
      const catalog = await api.json<Catalog>("GET", `${ns(String(namespace))}/catalog`);
      return {
        contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(describeCatalog(catalog)) }],
      };
    },
  );

  return server;
}

function pickStrings(o: Record<string, unknown>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => typeof o[k] === "string").map((k) => [k, o[k] as string]));
}
