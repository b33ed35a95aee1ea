import { generateTaskId } from "../tasks/task-keys";

/**
 * Cancellation without server-side session state.
 *
 * The server is stateless (a fresh transport and McpServer per HTTP request, so any isolate can
 * answer any request), but MCP cancellation is a separate POST (`notifications/cancelled` naming the
 * request id) that will not reach the instance running the tool. So the initialize response carries
 * an `Mcp-Session-Id` the client echoes on every later request (Streamable HTTP, "Session
 * Management"), and an `ask` runs under a task id derived from (session, request id): the
 * cancellation POST derives the same id and cancels that task in the caller's own TaskRoom. The id is
 * only an input to a hash: a forged one can at most cancel the sender's own tasks (TaskRooms are
 * per client).
 */
export const SESSION_HEADER = "mcp-session-id";

export function newSessionId(): string {
  return crypto.randomUUID();
}

/** A session id as the client sent it, if it is one we could have issued. */
export function sessionOf(header: string | undefined): string | undefined {
  return header !== undefined && /^[0-9a-f-]{36}$/.test(header) ? header : undefined;
}

/** The task id of the ask answering `requestId` in `session`; without a session, a fresh one (then not cancellable by notification). */
export async function taskIdFor(
  clientId: string,
  session: string | undefined,
  requestId: string | number,
): Promise<string> {
  if (session === undefined) return generateTaskId(clientId);
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${session}\n${typeof requestId}:${requestId}`),
  );
  return `mcp_${Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
