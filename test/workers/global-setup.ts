import { createHash, pbkdf2Sync } from "node:crypto";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { loadDemoData } from "../../scripts/demo-data/index.ts";
import { createTestDatabase, startGateway } from "../../scripts/gateway/index.ts";
import { FEATURES_SCHEMAS, loadFeatureDatabase } from "../fixtures/databases/features.ts";
import { startLlmStub } from "./llm-stub-server.ts";

/**
 * Runs in Node before the workerd test pool starts: the Neon-protocol gateway (PGlite demo database
 * and passthrough to the real PostgreSQL server), fresh databases on that server loaded with the
 * demo data and with the catalog-features fixture, and the test configuration, all handed to the Worker as bindings (vitest.config.ts).
 */
export const TEST_SIGNING_KEY = "test-signing-key-0123456789-abcdefghijklmnop";
export const TEST_END_USER_KEY = "test-end-user-key-0123456789-abcdefghijklmnop";

function testAuthClients(): string {
  const salt = Buffer.from("datus-edge-test-salt");
  const pbkdf2 = pbkdf2Sync("secret-c", salt, 1000, 32, "sha256").toString("base64");
  return [
    "clients:",
    "  client-a: secret-a",
    `  client-b: "sha256:${createHash("sha256").update("secret-b").digest("hex")}"`,
    `  client-c: "pbkdf2-sha256:1000:${salt.toString("base64")}:${pbkdf2}"`,
    '  "demo-client": "a+b%"',
    // Vouches for its end users with X-End-User tokens (src/auth/end-user.ts; issue 15).
    `  app-eu: { secret: secret-app, end_user_key: ${TEST_END_USER_KEY} }`,
    // The extended form's grants and roles (src/auth/grants.ts); test/workers/security uses these.
    "  admin-a: { secret: secret-admin, roles: [admin] }",
    "  curator-a: { secret: secret-curator, roles: [curator] }",
    "  scoped-a: { secret: secret-scoped, namespaces: [pg_tight, demo_small] }",
    "  scoped-b: { secret: secret-scoped-b, namespaces: [demo_small], roles: [analyst] }",
    "jwt:",
    `  secret_key: ${TEST_SIGNING_KEY}`,
    "  algorithm: HS256",
    "  expiration_hours: 2",
    "  previous_secret_keys: [test-previous-key-0123456789-abcdefghijklmnop]",
    "",
  ].join("\n");
}

function testNamespaces(pgUrl: string, featuresUrl: string): string {
  return [
    "namespaces:",
    "  pg:",
    "    type: postgres",
    `    url: ${pgUrl}`,
    "  pg_tight:",
    "    type: postgres",
    `    url: ${pgUrl}`,
    "    row_limit: 50",
    "    statement_timeout_ms: 500",
    "  demo_tight:",
    "    type: embedded",
    "    row_limit: 50",
    "  demo_small:",
    "    type: embedded",
    "    max_result_bytes: 4096",
    // The demo data under row and column policies (issue 15): an end user sees the customers and
    // orders of their region, and never a customer's email.
    "  pg_policy:",
    "    type: postgres",
    `    url: ${pgUrl}`,
    "    policies:",
    "      - table: customers",
    '        row_filter: "country IN (SELECT name FROM countries WHERE region = {{ user.region }})"',
    "        hide_columns: [email]",
    "      - table: orders",
    '        row_filter: "customer_id IN (SELECT customer_id FROM customers WHERE country IN (SELECT name FROM countries WHERE region = {{ user.region }}))"',
    // A policy naming a column the table does not have: a configuration error on first use.
    "  pg_policy_broken:",
    "    type: postgres",
    `    url: ${pgUrl}`,
    "    policies:",
    "      - { table: customers, hide_columns: [no_such_column] }",
    "  pg_features:",
    "    type: postgres",
    `    url: ${featuresUrl}`,
    "    schema: public",
    `    schemas: [${FEATURES_SCHEMAS.join(", ")}]`,
    "",
  ].join("\n");
}

export default async function setup(project: TestProject) {
  // Its own PGlite directory: `npm start` may hold .data/pglite-demo open at the same time.
  const gateway = await startGateway({ port: 0, dataDir: resolve(".data/pglite-test") });
  const database = await createTestDatabase({ prefix: "datus_test", load: loadDemoData });
  // Partitions, inheritance, views, enums, domains: the shapes of real-world catalogs (issue 20).
  const features = await createTestDatabase({ prefix: "datus_test_features", load: loadFeatureDatabase });

  // A loopback server speaking the OpenAI chat completions API: the real provider code runs against it.
  const llmStub = await startLlmStub();
  project.provide("llmStubUrl", llmStub.url);
  project.provide("authClients", testAuthClients());
  project.provide("gatewayUrl", gateway.url);
  project.provide("namespaces", testNamespaces(database.url, features.url));
  project.provide("pgUrl", database.url);
  return async () => {
    await llmStub.close();
    await gateway.close();
    await database.drop();
    await features.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    authClients: string;
    gatewayUrl: string;
    namespaces: string;
    pgUrl: string;
    llmStubUrl: string;
  }
}
