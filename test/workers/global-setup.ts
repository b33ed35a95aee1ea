import { createHash, pbkdf2Sync } from "node:crypto";
import type { TestProject } from "vitest/node";

/**
 * Runs in Node before the workerd test pool starts: builds the test configuration and hands it to
 * the Worker as bindings (vitest.config.ts injects these values).
 */
export const TEST_SIGNING_KEY = "test-signing-key-0123456789-abcdefghijklmnop";

function testAuthClients(): string {
  const salt = Buffer.from("datus-edge-test-salt");
  const pbkdf2 = pbkdf2Sync("secret-c", salt, 1000, 32, "sha256").toString("base64");
  return [
    "clients:",
    "  client-a: secret-a",
    `  client-b: "sha256:${createHash("sha256").update("secret-b").digest("hex")}"`,
    `  client-c: "pbkdf2-sha256:1000:${salt.toString("base64")}:${pbkdf2}"`,
    '  "demo-client": "a+b%"',
    "jwt:",
    `  secret_key: ${TEST_SIGNING_KEY}`,
    "  algorithm: HS256",
    "  expiration_hours: 2",
    "  previous_secret_keys: [test-previous-key-0123456789-abcdefghijklmnop]",
    "",
  ].join("\n");
}

export default async function setup(project: TestProject) {
  project.provide("authClients", testAuthClients());
  project.provide("gatewayUrl", "");
  project.provide("namespaces", "");
  return async () => {};
}

declare module "vitest" {
  export interface ProvidedContext {
    authClients: string;
    gatewayUrl: string;
    namespaces: string;
  }
}
