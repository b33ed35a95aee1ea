import type { TaskRequest } from "./task-room";

export { taskObjectName } from "../shared/task-names";

/**
 * A readable, collision-free id: `<client>_<UTC timestamp>_<random>` (the original
 * `client_YYYYMMDDHHMMSS` collides for two requests in the same second).
 */
export function generateTaskId(clientId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${idPrefix(clientId)}_${stamp}_${random}`;
}

function idPrefix(clientId: string): string {
  return (
    clientId
      .replace(/[^A-Za-z0-9_.-]/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 48) || "task"
  );
}

const GENERATED_SUFFIX = /^_\d{14}_[0-9a-f]{12}$/;

/**
 * Whether `taskId` has the shape of an id generateTaskId made for this client: only such a task can
 * be a sync run the Worker kept in D1 (tasks/worker-runs.ts), so only such an id is looked up there.
 */
export function couldBeGenerated(clientId: string, taskId: string): boolean {
  const prefix = idPrefix(clientId);
  return taskId.startsWith(prefix) && GENERATED_SUFFIX.test(taskId.slice(prefix.length));
}

/** Fingerprint of what was asked (not how it is delivered): same fingerprint, same task. */
export async function requestFingerprint(request: TaskRequest & { end_user?: string }): Promise<string> {
  const fields = request as Record<string, unknown>;
  const canonical = JSON.stringify(
    Object.keys(fields)
      .sort()
      .filter((k) => fields[k] !== undefined)
      .map((k) => [k, fields[k]]),
  );
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
