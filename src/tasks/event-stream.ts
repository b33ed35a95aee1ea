import { type EventName, formatSseEvent } from "../workflow/events";

/**
 * Server-Sent Events for one task: replays stored events after a client's Last-Event-ID, then
 * follows live ones until `done`. Gets only what it needs from the TaskRoom: a way to read stored
 * events and a way to subscribe; it holds no task state of its own.
 */
export interface TaskEventLog {
  eventsAfter(seq: number): { seq: number; name: string; data: string }[];
  subscribe(listener: (seq: number, name: EventName, data: string) => void): () => void;
}

export interface EventStreamOptions {
  /** Idle comment interval: keeps proxies and load balancers from closing a quiet stream. */
  heartbeatMs?: number;
  /** Longest a single stream stays open (MAX_STREAM_MINUTES); the client resumes with Last-Event-ID after it. */
  maxLifetimeMs: number;
}

// ~15 s is below the idle timeouts of common proxies (30-60 s) without being chatty.
export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

export function taskEventStream(
  source: TaskEventLog,
  afterSeq: number,
  options: EventStreamOptions,
): ReadableStream<Uint8Array> {
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let lastSent = afterSeq;

  const cleanup = () => {
    closed = true;
    unsubscribe?.();
    if (heartbeat) clearInterval(heartbeat);
    if (lifetime) clearTimeout(lifetime);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A write after the client went away throws; it must end this stream, not the task.
      const write = (text: string): boolean => {
        if (closed) return false;
        try {
          controller.enqueue(encoder.encode(text));
          return true;
        } catch {
          cleanup();
          return false;
        }
      };
      const close = () => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const send = (seq: number, name: string, data: string) => {
        if (seq <= lastSent) return;
        lastSent = seq;
        if (write(formatSseEvent(seq, name as EventName, JSON.parse(data))) && name === "done") close();
      };

      // Replay and subscribe in one synchronous step: no event can slip in between the two.
      write("retry: 3000\n\n");
      for (const event of source.eventsAfter(afterSeq)) {
        send(event.seq, event.name, event.data);
        if (closed) return;
      }
      unsubscribe = source.subscribe(send);
      heartbeat = setInterval(() => write(": heartbeat\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
      lifetime = setTimeout(() => {
        // Not an event: EventSource reconnects on its own, a fetch reader resumes with the last id.
        write(
          `: stream open for its ${Math.round(options.maxLifetimeMs / 60_000)} min limit; reconnect with Last-Event-ID: ${lastSent}\n\n`,
        );
        close();
      }, options.maxLifetimeMs);
    },
    cancel() {
      cleanup();
    },
  });
}
