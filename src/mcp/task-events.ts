import type { EventName } from "../workflow/events";

export interface TaskEvent {
  id: number;
  event: EventName;
  data: Record<string, unknown>;
}

/**
 * The frames of a task's event stream (`/workflows/run` in async mode), as the TaskRoom writes them
 * (workflow/events.ts `formatSseEvent`: `id`, `event`, one-line JSON `data`); comments and `retry`
 * lines are skipped. Ends when the stream ends (after `done`, or at its lifetime limit).
 */
export async function* taskEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<TaskEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame) yield frame;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function parseFrame(frame: string): TaskEvent | undefined {
  const fields = new Map<string, string>();
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  const event = fields.get("event");
  const data = fields.get("data");
  if (event === undefined || data === undefined) return undefined;
  return { id: Number(fields.get("id")), event: event as EventName, data: JSON.parse(data) as Record<string, unknown> };
}

/** A few words on an event for a progress notification, e.g. "generate_sql: completed (40%)". */
export function describeEvent(e: TaskEvent): string {
  const d = e.data;
  switch (e.event) {
    case "started":
      return `Task ${String(d.task_id)} started (${String(d.workflow)})`;
    case "progress":
      return `${String(d.message)} (${String(d.progress)}%)`;
    case "node_progress":
      return `${String(d.node)}: ${String(d.status)} (${String(d.progress)}%)`;
    case "node_detail":
      return `${String(d.node)}: ${String(d.description)}`;
    case "sql_generated":
      return "SQL generated";
    case "execution_complete":
      return d.status === "success"
        ? `SQL executed: ${String(d.row_count)} row(s)`
        : `SQL failed: ${String(d.error ?? "")}`;
    case "output_ready":
      return "Output ready";
    case "error":
      return `Error: ${String(d.error)}`;
    case "done":
      return `Task ${String(d.status)}`;
    default:
      return e.event;
  }
}
