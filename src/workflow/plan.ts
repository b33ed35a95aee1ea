import type { EventSink } from "./events";
import type { NodeRunner } from "./node-runner";
import type { WorkflowOutcome, WorkflowRequest } from "./types";

/** A plan's own part of a run: its nodes up to the rows, and what it knows for `metadata`. */
export interface PlanSteps {
  /** Runs the plan's nodes (through the frame's NodeRunner); the SQL that answered and its rows. */
  run(): Promise<{ sql: string; rows: Record<string, unknown>[] }>;
  /** The answer's metadata as it stands, on success and on failure alike. */
  metadata(): Record<string, unknown>;
  /** The SQL a failed run had got to (null: none yet). */
  sqlSoFar(): string | null;
}

export interface PlanFrame {
  request: Pick<WorkflowRequest, "taskId" | "workflow">;
  sink: EventSink;
  runner: NodeRunner;
  now: () => number;
  started: number;
}

/**
 * The frame every plan runs in (the engine's fixed / nl2sql / reflection, and metric_to_sql):
 * `started`, the plan's nodes, then the `output` node (output_ready) or `error`, and always `done`,
 * with the outcome the TaskRoom keeps.
 */
export async function runPlan(frame: PlanFrame, steps: PlanSteps): Promise<WorkflowOutcome> {
  const { request, sink, runner, now, started } = frame;
  await sink.emit("started", { task_id: request.taskId, workflow: request.workflow });
  await sink.emit("progress", { message: "Initializing workflow", progress: 10 });
  let outcome: WorkflowOutcome;
  try {
    const { sql, rows } = await steps.run();
    await runner.run("output", 90, async () => {
      await sink.emit("output_ready", { result: rows, metadata: steps.metadata() });
    });
    outcome = {
      status: "completed",
      sql,
      result: rows,
      metadata: steps.metadata(),
      error: null,
      executionTime: (now() - started) / 1000,
    };
  } catch (error) {
    const failure = runner.failure(error, undefined);
    await sink.emit("error", { error: failure.message, ...(failure.node ? { node: failure.node } : {}) });
    outcome = {
      status: failure.cancelled ? "cancelled" : "failed",
      sql: steps.sqlSoFar(),
      result: null,
      metadata: steps.metadata(),
      error: failure.message,
      executionTime: (now() - started) / 1000,
    };
  }
  await sink.emit("done", { task_id: request.taskId, status: outcome.status, total_time: outcome.executionTime });
  return outcome;
}
