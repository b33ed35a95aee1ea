/**
 * The embedded demo database as the gateway uses it: a PGlite session in a worker thread
 * (embedded-worker.ts, embedded-session.ts), one request at a time, with a real statement timeout.
 *
 * PGlite ignores `statement_timeout` and blocks its thread while a query runs, so a query past its
 * time is stopped the only way there is: this thread ends the worker and answers SQLSTATE 57014, as
 * Postgres does; the next request waits for a fresh worker (the data directory persists). The
 * timeout is the `statement_timeout` the executor sets in the transaction (set_config), else a
 * ceiling for anything else.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DATA_DIR_OWNER_MARKER, type EmbeddedDatabaseOptions, type EmbeddedSession } from "./embedded-session.ts";
import type { WorkerMessage, WorkerRequest } from "./embedded-worker.ts";
import type { BatchOptions, RawResult, SqlQuery } from "./protocol.ts";

export { DATA_DIR_OWNER_MARKER };
export type EmbeddedDatabase = EmbeddedSession;

// The longest statement_timeout a namespace may set (src/config/namespaces.ts): the bound for
// requests that carry none (the catalog's introspection, a raw query).
export const DEFAULT_EMBEDDED_TIMEOUT_MS = 300_000;

/** Promise chain: runs one task at a time, in arrival order; a failed task does not stop the queue. */
class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** What Postgres answers when statement_timeout fires; protocol.ts turns it into the driver's error body. */
class StatementTimeoutError extends Error {
  readonly code = "57014";
  readonly severity = "ERROR";
  constructor() {
    super("canceling statement due to statement timeout");
  }
}

function revive(error: { name: string; message: string; fields: Record<string, unknown> }): Error {
  return Object.assign(new Error(error.message), error.fields, { name: error.name });
}

/** The `statement_timeout` a batch sets with set_config (src/sql/executor.ts), in ms. */
export function statementTimeoutOf(queries: SqlQuery[]): number | undefined {
  for (const q of queries) {
    const i = q.params.indexOf("statement_timeout");
    if (i >= 0 && /set_config/i.test(q.query)) {
      const ms = Number(q.params[i + 1]);
      if (Number.isFinite(ms) && ms > 0) return ms;
    }
  }
  return undefined;
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

interface Running {
  worker: Worker;
  startup: "reused" | "loaded";
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

// The parent may run TypeScript through tsx (npm start) or Vite (the tests): the worker registers tsx
// itself, by path, so it loads whatever the working directory is.
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/loader.mjs"),
).href;

function startWorker({ dataDir, log }: EmbeddedDatabaseOptions): Promise<Running> {
  const worker = new Worker(new URL("./embedded-worker.ts", import.meta.url), {
    workerData: { dataDir },
    execArgv: ["--import", TSX_LOADER],
  });
  const pending: Running["pending"] = new Map();
  return new Promise((resolve, reject) => {
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "log") log(message.line);
      else if (message.type === "ready") resolve({ worker, startup: message.startup, pending });
      else if (message.type === "failed") reject(revive(message.error));
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(revive(message.error));
      }
    });
    worker.on("error", (err) => {
      reject(err);
      for (const waiter of pending.values()) waiter.reject(err);
      pending.clear();
    });
    worker.on("exit", (code) => {
      const err = new Error(`the embedded database's worker exited (code ${code})`);
      reject(err);
      for (const waiter of pending.values()) waiter.reject(err);
      pending.clear();
    });
  });
}

export async function openEmbeddedDatabase(
  options: EmbeddedDatabaseOptions & { timeoutCeilingMs?: number },
): Promise<EmbeddedDatabase> {
  const ceiling = options.timeoutCeilingMs ?? DEFAULT_EMBEDDED_TIMEOUT_MS;
  let running: Promise<Running> = startWorker(options);
  const { startup } = await running;
  const queue = new SerialQueue();
  let nextId = 1;

  async function send<T>(request: WithoutId<WorkerRequest>, timeoutMs: number): Promise<T> {
    const current = await running;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        current.pending.delete(id);
        options.log(`a query ran past ${timeoutMs} ms: stopping the embedded database and starting it again`);
        reject(new StatementTimeoutError());
        running = current.worker.terminate().then(() => startWorker(options));
        // A failed restart is reported to the next request, which awaits `running`.
        running.catch(() => undefined);
      }, timeoutMs);
      current.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      current.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  return {
    startup,
    query: (query: SqlQuery) => queue.run(() => send<RawResult>({ op: "query", query }, ceiling)),
    transaction: (queries: SqlQuery[], batch: BatchOptions) =>
      queue.run(() =>
        send<RawResult[]>(
          { op: "transaction", queries, options: batch },
          Math.min(ceiling, statementTimeoutOf(queries) ?? ceiling),
        ),
      ),
    close: () =>
      queue.run(async () => {
        const current = await running.catch(() => undefined);
        if (!current) return;
        await send({ op: "close" }, ceiling).catch(() => undefined);
        await current.worker.terminate();
      }),
  };
}
