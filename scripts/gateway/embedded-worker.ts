/**
 * Worker-thread entry of the embedded database (started by embedded.ts): opens the PGlite session
 * and answers one message at a time. A query that runs too long is stopped by the gateway's thread
 * ending this worker; PGlite itself cannot be interrupted.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openEmbeddedSession } from "./embedded-session.ts";
import type { BatchOptions, SqlQuery } from "./protocol.ts";

export type WorkerRequest =
  | { id: number; op: "query"; query: SqlQuery }
  | { id: number; op: "transaction"; queries: SqlQuery[]; options: BatchOptions }
  | { id: number; op: "close" };

export type WorkerMessage =
  | { type: "ready"; startup: "reused" | "loaded" }
  | { type: "failed"; error: SerializedError }
  | { type: "log"; line: string }
  | { type: "result"; id: number; ok: true; value: unknown }
  | { type: "result"; id: number; ok: false; error: SerializedError };

/** An Error's message and own fields (a Postgres error's code, severity, position...), which structured clone would drop. */
export type SerializedError = { name: string; message: string; fields: Record<string, unknown> };

function serialize(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err))
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) fields[k] = v;
  return { name: err.name, message: err.message, fields };
}

const port = parentPort!;
const post = (message: WorkerMessage): void => port.postMessage(message);
const { dataDir } = workerData as { dataDir: string };

try {
  const session = await openEmbeddedSession({ dataDir, log: (line) => post({ type: "log", line }) });
  port.on("message", async (request: WorkerRequest) => {
    try {
      const value =
        request.op === "query"
          ? await session.query(request.query)
          : request.op === "transaction"
            ? await session.transaction(request.queries, request.options)
            : await session.close();
      post({ type: "result", id: request.id, ok: true, value });
    } catch (err) {
      post({ type: "result", id: request.id, ok: false, error: serialize(err) });
    }
  });
  post({ type: "ready", startup: session.startup });
} catch (err) {
  post({ type: "failed", error: serialize(err) });
}
