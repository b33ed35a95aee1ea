/**
 * The one event vocabulary of a task: the contract's SSE events (seed document, "Asynchronous
 * Mode"). The engine emits them, the TaskRoom's log stores them (sync and async tasks alike: a sync
 * answer is the finished task), and tests collect them in memory. `client`-era aliases (`row_count`, `exec_time_ms`) ride along so the original server's
 * clients keep working.
 */
import type { TaskStatus } from "../shared/contract";

export type NodeName =
  | "schema_linking"
  | "generate_sql"
  | "execute_sql"
  | "reflect"
  | "output"
  | "search_metrics"
  | "date_parser"
  | "compile_metrics";
export type NodeStatus = "processing" | "completed" | "failed" | "skipped";
export type { TaskStatus };

export interface EventPayloads {
  started: { task_id: string; workflow: string };
  progress: { message: string; progress: number };
  node_progress: { node: NodeName; status: NodeStatus; progress: number; elapsed_ms?: number };
  node_detail: { node: NodeName; description: string; details: Record<string, unknown> };
  sql_generated: { sql: string; round?: number };
  execution_complete: {
    status: "success" | "failed";
    rows_affected: number;
    execution_time: number;
    row_count: number;
    exec_time_ms: number;
    truncated?: boolean;
    truncated_by?: "row_limit" | "max_result_bytes";
    error?: string;
  };
  output_ready: { result: Record<string, unknown>[]; metadata: Record<string, unknown> };
  /** `clarification`: the question a conversation's turn asks back, with its options (issue 16). */
  error: { error: string; node?: NodeName; clarification?: { question: string; options: unknown[] } };
  done: { task_id: string; status: Exclude<TaskStatus, "pending" | "running">; total_time: number };
}

export type EventName = keyof EventPayloads;
export type WorkflowEvent = { [K in EventName]: { event: K; data: EventPayloads[K] } }[EventName];

export interface EventSink {
  emit<K extends EventName>(event: K, data: EventPayloads[K]): void | Promise<void>;
}

/** Collects events in memory (tests, and callers that run the engine outside a TaskRoom). */
export class CollectingSink implements EventSink {
  readonly events: WorkflowEvent[] = [];
  emit<K extends EventName>(event: K, data: EventPayloads[K]): void {
    this.events.push({ event, data } as WorkflowEvent);
  }
  of<K extends EventName>(name: K): EventPayloads[K][] {
    return this.events.filter((e) => e.event === name).map((e) => e.data as EventPayloads[K]);
  }
}

/** One SSE frame: `id`, `event` and one-line JSON `data` (JSON.stringify never emits raw newlines). */
export function formatSseEvent(id: number, event: EventName, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
