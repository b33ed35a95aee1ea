import { bodyLimit } from "hono/body-limit";
import { configuration, createApp } from "./api/app";
import { apiCors } from "./api/cors";
import { registerAuth } from "./api/routes/auth";
import { registerConversations } from "./api/routes/conversations";
import { registerDocs } from "./api/routes/docs";
import { registerExamples } from "./api/routes/examples";
import { registerFeedback } from "./api/routes/feedback";
import { registerHealth } from "./api/routes/health";
import { registerMetrics } from "./api/routes/metrics";
import { registerNamespaces } from "./api/routes/namespaces";
import { registerTasks } from "./api/routes/tasks";
import { registerWorkflows } from "./api/routes/workflows";
import { namespaceGrant } from "./auth/access";
import { authServiceFor } from "./auth/auth-service";
import { bearerAuth } from "./auth/bearer";
import { loadConfig } from "./config";
import { registerMcp } from "./mcp";
import { ApiError } from "./shared/errors";

// A run request is a question plus context (MAX_RUN_BODY_BYTES, 64 KiB by default); a token
// request a few form fields. Anything larger is refused before it is read (413), so a client cannot
// make the Worker buffer megabytes.
const MAX_TOKEN_BODY_BYTES = 8 * 1024;
// Metric definitions (PUT /namespaces/{ns}/metrics) are the largest body under /namespaces: a few kB
// of YAML; 256 KiB leaves room and is refused before a byte is buffered.
const MAX_NAMESPACE_BODY_BYTES = 256 * 1024;
const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${maxSize / 1024} KiB`, { kind: "body-too-large" });
    },
  });
const tokenBodyLimit = limitBody(MAX_TOKEN_BODY_BYTES);

const app = createApp();
// Liveness before configuration: /health answers even when a setting is bad (everything else is a 503).
registerHealth(app);
app.use(configuration);
app.use("/auth/token", tokenBodyLimit);
app.use("/workflows/*", (c, next) => limitBody(c.var.config.requestBounds.runBodyBytes)(c, next));
app.use("/namespaces/*", limitBody(MAX_NAMESPACE_BODY_BYTES));
registerAuth(app);
// CORS before the bearer check: a browser's preflight carries no token.
for (const path of ["/workflows/*", "/namespaces", "/namespaces/*", "/conversations", "/conversations/*"])
  app.use(path, apiCors);
const bearer = bearerAuth({ service: (env) => authServiceFor(loadConfig(env)) });
app.use("/workflows/*", bearer);
app.use("/namespaces", bearer);
app.use("/namespaces/*", bearer);
app.use("/conversations", bearer);
app.use("/conversations/*", bearer);
// Every route under a namespace needs it granted (auth/ decides); routes that change shared state ask for a role too.
app.use("/namespaces/:ns/*", namespaceGrant());
registerWorkflows(app);
registerTasks(app);
registerConversations(app);
registerFeedback(app);
registerExamples(app);
registerNamespaces(app);
registerMetrics(app);
registerDocs(app);
// MCP (Streamable HTTP at /mcp): a front door over the routes above, with the same bearer check.
registerMcp(app, { bearer });

export { RateLimiter } from "./limits";
export { TaskRoom } from "./tasks/task-room";

export default app satisfies ExportedHandler<Env>;
