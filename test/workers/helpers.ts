import { exports } from "cloudflare:workers";

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
