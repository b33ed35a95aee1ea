import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../src/index";
import { form } from "../helpers";

/**
 * A Worker environment with clients and limits of a test's own (auth_clients.yml's extended form),
 * for threats that need low limits or special clients; ids are unique per test, so every limiter
 * object is fresh.
 */
export const OWN_SIGNING_KEY = "security-test-signing-key-0123456789-abcdef";

export function ownEnv(
  clients: Record<string, string | Record<string, unknown>>,
  vars: Record<string, string> = {},
  jwt: Record<string, unknown> = {},
): Env {
  const lines = Object.entries(clients).map(([id, value]) => `  ${JSON.stringify(id)}: ${JSON.stringify(value)}`);
  const jwtLines = Object.entries({ secret_key: OWN_SIGNING_KEY, ...jwt }).map(
    ([k, v]) => `  ${k}: ${JSON.stringify(v)}`,
  );
  return { ...env, AUTH_CLIENTS: ["clients:", ...lines, "jwt:", ...jwtLines, ""].join("\n"), ...vars } as Env;
}

export function callWith(e: Env, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(worker.fetch(new Request(`http://datus.test${path}`, init), e, createExecutionContext()));
}

export function tokenRequest(
  e: Env,
  clientId: string,
  secret: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return callWith(e, "/auth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
}

export async function tokenWith(e: Env, clientId: string, secret: string): Promise<string> {
  const res = await tokenRequest(e, clientId, secret);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function postJson(e: Env, token: string, path: string, body: unknown): Promise<Response> {
  return callWith(e, path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;
