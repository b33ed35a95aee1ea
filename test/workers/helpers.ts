import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { loadConfig } from "../../src/config";
import { namespacesFor, SqlExecutionError, type SqlTarget, useGateway } from "../../src/sql";
import { taskObjectName } from "../../src/tasks/task-keys";
import type { TaskRoom } from "../../src/tasks/task-room";
import type { EventName, EventPayloads } from "../../src/workflow/events";
import type { SqlGenerator } from "../../src/workflow/types";

/** Sends a request through the Worker's own fetch handler, as a client on the network would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`http://datus.test${path}`, init));
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export async function tokenFor(clientId = "client-a", secret = "secret-a"): Promise<string> {
  const res = await call("/auth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function runWorkflow(token: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call("/workflows/run", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** The data of every `name` event, typed by the one event vocabulary. */
export function payloadsOf<K extends EventName>(events: SseEvent[], name: K): EventPayloads[K][] {
  return events.filter((e) => e.event === name).map((e) => e.data as unknown as EventPayloads[K]);
}

/** Reads SSE frames from a response body; stops after `limit` events (then cancels) or at the end. */
export async function readEvents(res: Response, limit = Infinity): Promise<SseEvent[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = "";
  while (events.length < limit) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0 && events.length < limit; end = buffer.indexOf("\n\n")) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        frame
          .split("\n")
          .filter((line) => line && !line.startsWith(":"))
          .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trimStart()]),
      );
      if (fields.event && fields.data !== undefined)
        events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
    }
  }
  await reader.cancel().catch(() => {});
  return events;
}

export function uniqueTaskId(prefix = "t"): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The TaskRoom of a client's task, addressed as the Worker addresses it. */
export function taskRoom(clientId: string, taskId: string): DurableObjectStub<TaskRoom> {
  return env.TASKS.get(env.TASKS.idFromName(taskObjectName(clientId, taskId)));
}

/** Swaps the generator a TaskRoom's task will use (before it runs); `wrap` is given the real one. */
export async function withGenerator(
  stub: DurableObjectStub<TaskRoom>,
  wrap: (real: SqlGenerator) => SqlGenerator,
): Promise<void> {
  await runInDurableObject(stub, (instance) => {
    const real = instance.dependencies.bind(instance);
    instance.dependencies = (target) => {
      const deps = real(target);
      return { ...deps, generator: wrap(deps.generator) };
    };
  });
}

/** A model call that ends only when the task is cancelled (its signal aborts): keeps a task running as long as a test needs. */
export const waitForCancel = (): SqlGenerator => ({
  model: "waiting",
  generate: (_input, signal) =>
    new Promise((_, reject) =>
      signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))),
    ),
});

/** Polls a TaskRoom until its task is `running` (the run reached its first await). */
export async function untilRunning(stub: DurableObjectStub<TaskRoom>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = await runInDurableObject(
      stub,
      (_i, state) => state.storage.sql.exec<{ status: string }>("SELECT status FROM task").toArray()[0]?.status,
    );
    if (status === "running") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the task never started running");
}

/** An SSE body read as text, as far as a test needs: `until` reads on until `marker` arrived or the stream ended. */
export function streamText(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  return {
    async until(marker: string): Promise<string> {
      while (!text.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      return text;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

/**
 * A configured namespace's SQL target (test/workers/global-setup.ts), with the gateway set, so a test
 * can run the engine or guarded SQL against it directly.
 */
export function namespaceTarget(name: string): SqlTarget {
  useGateway(env.NEON_GATEWAY_URL);
  const found = namespacesFor(loadConfig(env)).resolve(name);
  if (!found.ok) throw new Error(`namespace ${name} missing`);
  return found.target;
}

/** The SqlExecutionError a query fails with; the test fails if it succeeds or fails otherwise. */
export async function sqlFailure(promise: Promise<unknown>): Promise<SqlExecutionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SqlExecutionError);
    return error as SqlExecutionError;
  }
  throw new Error("expected the query to fail");
}
