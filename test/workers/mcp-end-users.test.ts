/**
 * Issue 15 through the MCP front door: X-End-User on the MCP request is the end user of every tool
 * call (src/mcp/api-client.ts forwards it), so the namespace's row policies apply as over HTTP.
 */
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { call, tokenFor } from "./helpers";

// TEST_END_USER_KEY of global-setup.ts (which runs in Node, so it cannot be imported here).
const key = new TextEncoder().encode("test-end-user-key-0123456789-abcdefghijklmnop");
const endUser = (sub: string, region: string) =>
  new SignJWT({ attributes: { region } })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setExpirationTime("10m")
    .sign(key);

async function ask(token: string, headers: Record<string, string>) {
  const res = await call("/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
      authorization: `Bearer ${token}`,
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: {
        name: "ask",
        arguments: { question: "Number of customers by country", namespace: "pg_policy", workflow: "fixed" },
      },
    }),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  const lines = (res.headers.get("content-type") ?? "").includes("text/event-stream")
    ? body
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5))
    : [body];
  const reply = lines
    .map(
      (l) =>
        JSON.parse(l) as {
          id?: number;
          result?: {
            isError?: boolean;
            structuredContent?: { rows?: Record<string, unknown>[] };
            content: { text: string }[];
          };
        },
    )
    .find((m) => m.id === 1)!;
  return reply.result!;
}

describe("MCP ask for an end user", () => {
  it("gives two end users disjoint rows, and none without X-End-User", async () => {
    const token = await tokenFor("app-eu", "secret-app");
    const eu = await ask(token, { "x-end-user": await endUser("alice", "Europe") });
    const us = await ask(token, { "x-end-user": await endUser("bob", "North America") });
    const countries = (r: typeof eu) => (r.structuredContent?.rows ?? []).map((row) => row.country as string);
    expect(countries(eu)).toContain("Germany");
    expect(countries(us)).toContain("United States");
    expect(countries(eu).filter((c) => countries(us).includes(c))).toEqual([]);
    const none = await ask(token, {});
    expect(none.isError).toBe(true);
    expect(none.content.map((c) => c.text).join("")).toMatch(/X-End-User.*HTTP 403/);
  });
});
