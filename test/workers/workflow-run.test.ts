import { describe, expect, it } from "vitest";
import { readEvents, runWorkflow as run, tokenFor } from "./helpers";

type RunBody = {
  task_id: string;
  status: string;
  workflow: string;
  sql: string | null;
  result: Record<string, unknown>[] | null;
  metadata: Record<string, unknown>;
  error: string | null;
  execution_time: number;
};

describe("POST /workflows/run (sync) with the built-in generator", () => {
  it("answers the seed's question on the demo namespace with no LLM configured", async () => {
    const res = await run(await tokenFor(), {
      workflow: "nl2sql",
      namespace: "demo",
      task: "Show me monthly revenue by product category",
      current_date: "2024-06-30",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RunBody;
    // Exactly the contract's keys.
    expect(Object.keys(body).sort()).toEqual([
      "error",
      "execution_time",
      "metadata",
      "result",
      "sql",
      "status",
      "task_id",
      "workflow",
    ]);
    expect(body).toMatchObject({ status: "completed", workflow: "nl2sql", error: null });
    expect(body.sql).toMatch(/date_trunc\('month'/i);
    expect(body.sql).toMatch(/product_categories/);
    const row = body.result![0]!;
    expect(Object.keys(row)).toEqual(["month", "product_category", "revenue"]);
    expect(row.month).toMatch(/^\d{4}-\d{2}-01/);
    expect(typeof row.revenue).toBe("number");
    expect(body.metadata).toMatchObject({ nodes_executed: 4, reflection_rounds: 0, model: "builtin" });
    expect(body.metadata.tables_found).toEqual(
      expect.arrayContaining(["orders", "order_items", "products", "product_categories"]),
    );
    expect(body.execution_time).toBeGreaterThan(0);
  });

  it("runs the reflection workflow and reports its rounds", async () => {
    const res = await run(await tokenFor(), {
      workflow: "reflection",
      namespace: "demo",
      task: "Top 5 products by revenue in 2023",
      current_date: "2024-06-30",
    });
    const body = (await res.json()) as RunBody;
    expect(body.status).toBe("completed");
    expect(body.result).toHaveLength(5);
    expect(body.metadata.reflection_rounds).toBe(0);
    expect(body.metadata.node_timings).toHaveProperty("reflect");
  });

  it("says what it did not understand instead of returning unrelated SQL", async () => {
    const res = await run(await tokenFor(), {
      workflow: "fixed",
      namespace: "demo",
      task: "What is the meaning of life?",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RunBody;
    expect(body.status).toBe("failed");
    expect(body.sql).toBeNull();
    expect(body.result).toBeNull();
    expect(body.error).toMatch(/could not answer/i);
  });

  it("filters on values found in the data and on relative dates", async () => {
    const res = await run(await tokenFor(), {
      workflow: "fixed",
      namespace: "pg",
      task: "How many shipped orders from customers in Germany last month?",
      current_date: "2024-07-15",
    });
    const body = (await res.json()) as RunBody;
    expect(body.status).toBe("completed");
    expect(body.sql).toContain("'shipped'");
    expect(body.sql).toContain("'Germany'");
    expect(body.sql).toMatch(/2024-06-01/);
  });

  it("says which limit cut a result: rows, or bytes (max_result_bytes), in metadata and in execution_complete", async () => {
    const token = await tokenFor();
    const rows = (await (
      await run(token, { workflow: "fixed", namespace: "demo_tight", task: "List orders" })
    ).json()) as RunBody;
    expect(rows).toMatchObject({ status: "completed", metadata: { truncated: false } });

    const res = await run(token, { workflow: "fixed", namespace: "demo_small", task: "List customers", mode: "async" });
    const events = await readEvents(res);
    const executed = events.find((e) => e.event === "execution_complete")!.data as Record<string, unknown>;
    expect(executed).toMatchObject({ status: "success", truncated: true, truncated_by: "max_result_bytes" });
    const output = events.find((e) => e.event === "output_ready")!.data as {
      result: unknown[];
      metadata: Record<string, unknown>;
    };
    expect(output.metadata).toMatchObject({
      truncated: true,
      truncated_by: "max_result_bytes",
      row_count: output.result.length,
    });
    expect(JSON.stringify(output.result).length).toBeLessThan(4096 * 1.1);
  });
});
