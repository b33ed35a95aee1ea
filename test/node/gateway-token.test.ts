import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../scripts/gateway/index.ts";

/**
 * Threat: another local process (or a web page) uses the local gateway to reach any database a
 * connection string names (issue 14, finding 7). Only requests with the start's token get through.
 */
let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway({ port: 0, embedded: false });
});
afterAll(() => gateway.close());

const sql = (url: string) =>
  fetch(url, {
    method: "POST",
    body: JSON.stringify({ query: "SELECT 1", params: [] }),
    headers: { "Neon-Connection-String": "postgres://nobody@127.0.0.1:1/x" },
  });

describe("the local gateway answers only its own URL", () => {
  it("refuses /sql without the token, or with another one (403), before connecting anywhere", async () => {
    const origin = new URL(gateway.url).origin;
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{48}$/);
    for (const url of [
      `${origin}/sql`,
      `${origin}/t/${"0".repeat(48)}/sql`,
      `${origin}/t//sql`,
      `${gateway.url.slice(0, -1)}/sql`,
    ]) {
      const res = await sql(url);
      expect(res.status, url).toBe(403);
      expect(((await res.json()) as { message: string }).message).toContain("token");
    }
  });

  it("passes requests with the token on to the protocol (here: an unreachable server, 502)", async () => {
    expect((await sql(`${gateway.url}/sql`)).status).toBe(502);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    // Liveness stays open: it carries no data, and launchers wait for it.
    expect((await fetch(`${new URL(gateway.url).origin}/health`)).status).toBe(200);
  });

  it("a new start has a new token", async () => {
    const other = await startGateway({ port: 0, embedded: false });
    try {
      expect(new URL(other.url).pathname).not.toBe(new URL(gateway.url).pathname);
    } finally {
      await other.close();
    }
  });
});
