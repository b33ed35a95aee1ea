import { describe, expect, it } from "vitest";
import { runWorkflow as run, tokenFor } from "./helpers";

describe("POST /workflows/run (sync)", () => {
  it("answers the seed's question on the demo namespace with no LLM configured", async () => {
    const res = await run(await tokenFor(), { workflow: "nl2sql", namespace: "demo", task: "Show me monthly revenue by product category", current_date: "2024-06-30" });
    const body = (await res.json()) as Record<string, any>;
    console.log(JSON.stringify(body).slice(0, 1500));
    expect(res.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["error", "execution_time", "metadata", "result", "sql", "status", "task_id", "workflow"]);
    expect(body.status).toBe("completed");
  });
});
