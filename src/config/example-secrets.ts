import type { AuthClientsConfig } from "./auth-clients";

/**
 * The secrets and signing key published in auth_clients.example.yml. Anyone can read them, so they
 * may only ever work on a developer's machine: `npm run clients:push`, `npm run deploy` and the
 * Worker outside local development refuse a configuration that uses any of them
 * (test/node/example-secrets.test.ts keeps this list in step with the example file).
 */
export const EXAMPLE_CLIENT_SECRETS: readonly string[] = ["demo-secret", "your_client_secret"];
export const EXAMPLE_JWT_KEYS: readonly string[] = ["local-development-secret-key-change-in-production"];

// The same secrets in the `sha256:<hex>` form (`npm run clients:hash -- demo-secret --sha256`).
const EXAMPLE_SHA256 = new Set([
  "cd577fe2561ebff23505db0bb006300c7cdecbd46bc0e03c449afafaca2c25bf",
  "7a412f5e0b1cb5ad969e38675b2f33507bc3c79016a954fa32f9ebf606d0de0f",
]);

/** One line per use of a published secret, naming its key (`clients.demo-client`, `jwt.secret_key`); empty when none. */
export function exampleSecretsIn(config: AuthClientsConfig): string[] {
  const found: string[] = [];
  for (const [clientId, { secret }] of Object.entries(config.clients)) {
    const value = String(secret);
    const digest = value.startsWith("sha256:") ? value.slice("sha256:".length).toLowerCase() : undefined;
    if (EXAMPLE_CLIENT_SECRETS.includes(value) || (digest !== undefined && EXAMPLE_SHA256.has(digest))) {
      found.push(`clients.${clientId}: uses a secret published in auth_clients.example.yml`);
    }
  }
  const keys: [string, string][] = [
    ["jwt.secret_key", config.jwt.secret_key],
    ...config.jwt.previous_secret_keys.map((k, i): [string, string] => [`jwt.previous_secret_keys.${i}`, k]),
  ];
  for (const [path, key] of keys) {
    if (EXAMPLE_JWT_KEYS.includes(key))
      found.push(
        `${path}: is the signing key published in auth_clients.example.yml (generate one: openssl rand -base64 48)`,
      );
  }
  return found;
}
