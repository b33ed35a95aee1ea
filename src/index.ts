import { createApp } from "./api/app";
import { registerAuth } from "./api/routes/auth";
import { registerDocs } from "./api/routes/docs";
import { registerHealth } from "./api/routes/health";
import { registerTasks } from "./api/routes/tasks";
import { registerWorkflows } from "./api/routes/workflows";
import { authServiceFor } from "./auth/auth-service";
import { bearerAuth } from "./auth/bearer";

const app = createApp();
registerHealth(app);
registerAuth(app);
app.use("/workflows/*", bearerAuth({ service: authServiceFor }));
registerWorkflows(app);
registerTasks(app);
registerDocs(app);

export { TaskRoom } from "./tasks/task-room";

export default app satisfies ExportedHandler<Env>;
