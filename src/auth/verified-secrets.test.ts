import { describe, expect, it } from "vitest";
import { loadAuthClients } from "../config/auth-clients";
import { authServiceFor } from "./auth-service";
import { VERIFIED_SECRETS_CAPACITY, VerifiedSecrets } from "./verified-secrets";

/** A slow check that counts its calls and knows one right secret per client. */
function counting(right: Record<string, string>) {
  const calls: string[] = [];
  return {
    calls,
    check: (memory: VerifiedSecrets, clientId: string, secret: string) =>
      memory.check(clientId, secret, async () => {
        calls.push(`${clientId}:${secret}`);
        return right[clientId] === secret;
      }),
  };
}

const clientsYaml = (secret: string) =>
  `clients:\n  app: ${JSON.stringify(secret)}\njwt:\n  secret_key: verified-secrets-test-key-0123456789-abcdef\n`;

describe("verified client secrets, remembered per isolate (issue 18)", () => {
  it("remembers a right secret: the repeat request skips the slow check", async () => {
    const memory = new VerifiedSecrets();
    const slow = counting({ app: "s3cret" });
    expect(await slow.check(memory, "app", "s3cret")).toBe(true);
    expect(await slow.check(memory, "app", "s3cret")).toBe(true);
    expect(slow.calls).toEqual(["app:s3cret"]);
    expect(memory.size).toBe(1);
  });

  it("knows only a secret its check found right, without checking anything itself", async () => {
    const memory = new VerifiedSecrets();
    const slow = counting({ app: "s3cret" });
    expect(await memory.knows("app", "s3cret")).toBe(false);
    await slow.check(memory, "app", "guess");
    expect(await memory.knows("app", "guess")).toBe(false);
    await slow.check(memory, "app", "s3cret");
    expect(await memory.knows("app", "s3cret")).toBe(true);
    expect(slow.calls).toEqual(["app:guess", "app:s3cret"]);
  });

  it("never remembers a wrong secret: every guess pays the full check", async () => {
    const memory = new VerifiedSecrets();
    const slow = counting({ app: "s3cret" });
    for (let i = 0; i < 3; i++) expect(await slow.check(memory, "app", "guess")).toBe(false);
    expect(slow.calls).toHaveLength(3);
    expect(memory.size).toBe(0);
  });

  it("keeps client id and secret apart: another id with the same characters is not remembered", async () => {
    const memory = new VerifiedSecrets();
    const slow = counting({ ab: "c" });
    expect(await slow.check(memory, "ab", "c")).toBe(true);
    expect(await slow.check(memory, "a", "bc")).toBe(false);
    expect(slow.calls).toEqual(["ab:c", "a:bc"]);
  });

  it("holds at most its bound, forgetting the least recently used first", async () => {
    const memory = new VerifiedSecrets();
    const right = Object.fromEntries(
      Array.from({ length: VERIFIED_SECRETS_CAPACITY + 10 }, (_, i) => [`c${i}`, `s${i}`]),
    );
    const slow = counting(right);
    for (const [id, secret] of Object.entries(right)) await slow.check(memory, id, secret);
    expect(memory.size).toBe(VERIFIED_SECRETS_CAPACITY);
    slow.calls.length = 0;
    // The first ten made room for the last ten; the eleventh is still there.
    expect(await slow.check(memory, "c10", "s10")).toBe(true);
    expect(await slow.check(memory, "c0", "s0")).toBe(true);
    expect(slow.calls).toEqual(["c0:s0"]);
    expect(memory.size).toBe(VERIFIED_SECRETS_CAPACITY);
  });

  it("forgets everything when the client configuration changes: an old secret is checked against the new one", async () => {
    const issuer = { issuer: "datus-edge", audience: "datus-workflow-api" };
    const before = { auth: { clients: loadAuthClients(clientsYaml("old-secret")), ...issuer } };
    const after = { auth: { clients: loadAuthClients(clientsYaml("new-secret")), ...issuer } };
    expect(await authServiceFor(before).authenticateClient("app", "old-secret")).toBe(true);
    // Remembered by the old configuration's service, which the new configuration does not use.
    expect(authServiceFor(after)).not.toBe(authServiceFor(before));
    expect(await authServiceFor(after).authenticateClient("app", "old-secret")).toBe(false);
    expect(await authServiceFor(after).authenticateClient("app", "new-secret")).toBe(true);
  });
});
