import { createApp } from "./api/app";
import { registerAuth } from "./api/routes/auth";
import { registerDocs } from "./api/routes/docs";
import { registerHealth } from "./api/routes/health";
import { registerNamespaces } from "./api/routes/namespaces";
import { registerTasks } from "./api/routes/tasks";
import { registerWorkflows } from "./api/routes/workflows";
import { authServiceFor } from "./auth/auth-service";
import { bearerAuth } from "./auth/bearer";

const app = createApp();
registerHealth(app);
registerAuth(app);
const bearer = bearerAuth({ service: authServiceFor });
app.use("/workflows/*", bearer);
app.use("/namespaces", bearer);
app.use("/namespaces/*", bearer);
registerWorkflows(app);
registerTasks(app);
registerNamespaces(app);
registerDocs(app);

export { TaskRoom } from "./tasks/task-room";

export default app satisfies ExportedHandler<Env>;
