import { SqlExecutionError } from "../sql/sql-errors";
import type { EventSink, NodeName } from "./events";

/** A failure that ends the task; `node` says where, `message` is shown to the user. */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly node: NodeName | undefined,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

/** A plan's own errors that carry safe messages (e.g. a metric compile error); undefined if not one. */
export type FailureClassifier = (error: unknown, node: NodeName | undefined) => TaskFailure | undefined;

/**
 * What a user may read of a failure: our own failures and SQL errors say what happened, provider
 * errors marked `expose` carry safe messages; anything else (a bug) is reported and stays generic.
 */
export function toTaskFailure(
  error: unknown,
  node: NodeName | undefined,
  report?: (error: unknown, node?: NodeName) => void,
  classify?: FailureClassifier,
): TaskFailure {
  if (error instanceof TaskFailure) return error;
  if (error instanceof SqlExecutionError)
    return new TaskFailure(error.message, node ?? "execute_sql", error.kind === "cancelled");
  const planned = classify?.(error, node);
  if (planned) return planned;
  if (error instanceof Error && (error as { expose?: boolean }).expose) return new TaskFailure(error.message, node);
  report?.(error, node);
  return new TaskFailure("The workflow failed unexpectedly", node);
}

/**
 * Runs a plan's nodes: checks for cancellation at each boundary, emits node_progress
 * (processing → completed | failed, with elapsed ms), and keeps the per-node timings and the count
 * that go into `metadata`. Shared by every plan so they report alike.
 */
export class NodeRunner {
  readonly timings: Record<string, number> = {};
  nodesExecuted = 0;

  constructor(
    private readonly sink: EventSink,
    private readonly signal: AbortSignal | undefined,
    private readonly now: () => number,
    private readonly report?: (error: unknown, node?: NodeName) => void,
    private readonly classify?: FailureClassifier,
  ) {}

  async run<T>(name: NodeName, progress: number, fn: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw new TaskFailure("The task was cancelled", name, true);
    await this.sink.emit("node_progress", { node: name, status: "processing", progress });
    const t0 = this.now();
    const finish = () => {
      const elapsed = this.now() - t0;
      this.timings[name] = (this.timings[name] ?? 0) + elapsed;
      this.nodesExecuted++;
      return elapsed;
    };
    try {
      const value = await fn();
      await this.sink.emit("node_progress", {
        node: name,
        status: "completed",
        progress: Math.min(100, progress + 10),
        elapsed_ms: finish(),
      });
      return value;
    } catch (error) {
      await this.sink.emit("node_progress", { node: name, status: "failed", progress, elapsed_ms: finish() });
      if (this.signal?.aborted) throw new TaskFailure("The task was cancelled", name, true);
      throw this.failure(error, name);
    }
  }

  failure(error: unknown, node: NodeName | undefined): TaskFailure {
    return toTaskFailure(error, node, this.report, this.classify);
  }
}
