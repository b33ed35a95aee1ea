/**
 * Task identity: a task_id belongs to its client, so the Durable Object is named by both and one
 * client can never reach another's task, whatever ids they choose. Here, not in tasks/, because the
 * rate limiter names the same objects (to ask whether a leased task still runs) and tasks/ calls
 * the limiter: neither folder may import the other.
 */
export function taskObjectName(clientId: string, taskId: string): string {
  return JSON.stringify([clientId, taskId]);
}
