import type { PendingEvent } from "./task-store";

/**
 * A task's events on their way to storage (issue 18). They are numbered when appended and written
 * in batches — one transaction per burst, not a row per event, as cloudflare/agents flushes its
 * resumable stream's chunks — and handed to live streams only once written, so a stream never shows
 * an id that a restarted object could give to another event (the output gate holds the bytes until
 * the write is durable).
 *
 * When a stream is listening, a flush is due on the next macrotask: everything the engine emits
 * before it next waits on I/O (a query, a model call) shares one transaction, and the stream is one
 * tick behind. When nobody listens (a sync run), nothing is written until the task ends, and then in
 * the same transaction as its result; a reader that arrives meanwhile flushes first (`flush`).
 */
export class EventBuffer {
  private pending: PendingEvent[] = [];
  /** Read from storage on first use, not at construction: the object may write events before that. */
  private last: number | undefined;
  private due: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly lastStored: () => number,
    private readonly write: (events: readonly PendingEvent[], alongside: (() => void) | undefined) => void,
    private readonly written: (events: readonly PendingEvent[]) => void,
  ) {}

  /** Numbers the event and keeps it; `live`: someone is listening, so it is written (and sent) soon. */
  append(event: Omit<PendingEvent, "seq">, live: boolean): number {
    const seq = this.lastSeq() + 1;
    this.last = seq;
    this.pending.push({ seq, ...event });
    if (live) this.due ??= setTimeout(() => this.flush(), 0);
    return seq;
  }

  /** The last id given out, written or not. */
  lastSeq(): number {
    this.last ??= this.lastStored();
    return this.last;
  }

  /**
   * Writes what is pending in one transaction with `alongside` (the task's result, say), then hands
   * the events to live streams. Runs `alongside` even when no event is pending.
   */
  flush(alongside?: () => void): void {
    if (this.due) clearTimeout(this.due);
    this.due = undefined;
    const events = this.pending;
    if (events.length === 0 && !alongside) return;
    this.write(events, alongside);
    this.pending = [];
    if (events.length) this.written(events);
  }
}
