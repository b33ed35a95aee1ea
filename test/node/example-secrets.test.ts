import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AuthClientsConfig } from "../../src/config/auth-clients.ts";
import { EXAMPLE_CLIENT_SECRETS, EXAMPLE_JWT_KEYS, exampleSecretsIn } from "../../src/config/example-secrets.ts";

/**
 * Threat: the secrets published in auth_clients.example.yml reach production (issue 14, finding 6).
 * `clients:push` and `deploy` refuse them before wrangler is ever run.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const work = mkdtempSync(join(tmpdir(), "datus-example-secrets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runScript(script: string, args: string[], authClients: string) {
  writeFileSync(join(work, "auth_clients.yml"), authClients);
  // PATH without wrangler's directory and no Cloudflare credentials: a script that got past its check would fail differently.
  return spawnSync(TSX, [join(ROOT, "scripts", script), ...args], {
    cwd: work,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", HOME: work },
  });
}

const own =
  "clients:\n  app: a-real-secret-of-our-own\njwt:\n  secret_key: a-signing-key-of-our-own-0123456789-abcdefgh\n";

describe("example secrets never reach production", () => {
  it("the list matches auth_clients.example.yml: every client secret and the key", () => {
    const example = AuthClientsConfig.parse(parse(readFileSync(join(ROOT, "auth_clients.example.yml"), "utf8")));
    for (const secret of Object.values(example.clients).map((c) => String(c.secret)))
      expect(EXAMPLE_CLIENT_SECRETS).toContain(secret);
    expect(EXAMPLE_JWT_KEYS).toContain(example.jwt.secret_key);
    expect(exampleSecretsIn(example)).toEqual([
      "clients.demo-client: uses a secret published in auth_clients.example.yml",
      "clients.your_client_id: uses a secret published in auth_clients.example.yml",
      "jwt.secret_key: is the signing key published in auth_clients.example.yml (generate one: openssl rand -base64 48)",
    ]);
    expect(exampleSecretsIn(AuthClientsConfig.parse(parse(own)))).toEqual([]);
  });

  it("finds them hashed (sha256) and among previous keys too", () => {
    const config = AuthClientsConfig.parse(
      parse(
        "clients:\n  x: sha256:CD577FE2561EBFF23505DB0BB006300C7CDECBD46BC0E03C449AFAFACA2C25BF\n  y: { secret: your_client_secret, roles: [admin] }\n" +
          "jwt:\n  secret_key: a-signing-key-of-our-own-0123456789-abcdefgh\n  previous_secret_keys: [local-development-secret-key-change-in-production]\n",
      ),
    );
    expect(exampleSecretsIn(config).map((l) => l.split(":")[0])).toEqual([
      "clients.x",
      "clients.y",
      "jwt.previous_secret_keys.0",
    ]);
  });

  it("npm run clients:push refuses them with a clear error, naming each", () => {
    const res = runScript(
      "push-secret.ts",
      ["AUTH_CLIENTS", "--env", "production"],
      readFileSync(join(ROOT, "auth_clients.example.yml"), "utf8"),
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      "auth_clients.yml: clients.demo-client: uses a secret published in auth_clients.example.yml",
    );
    expect(res.stderr).toContain("auth_clients.yml: jwt.secret_key: is the signing key published");
    expect(res.stderr).toContain("Refusing to upload example secrets");
  });

  it("npm run deploy refuses while the local auth_clients.yml holds them", () => {
    const res = runScript(
      "deploy.ts",
      ["--env", "production"],
      "clients:\n  app: demo-secret\njwt:\n  secret_key: a-signing-key-of-our-own-0123456789-abcdefgh\n",
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("auth_clients.yml: clients.app: uses a secret published in auth_clients.example.yml");
    expect(res.stderr).toContain("Refusing to deploy with example secrets");
  });

  it("npm run deploy refuses the top level of wrangler.toml (local development) as a target", () => {
    const res = runScript("deploy.ts", [], own);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("Name the environment: npm run deploy -- --env staging|production");
  });
});
