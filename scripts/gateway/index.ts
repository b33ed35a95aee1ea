/** Public surface of the local Neon-protocol gateway (used by `npm start`, test setups and the CLI). */
export {
  DEFAULT_DATA_DIR,
  EMBEDDED_CONNECTION_STRING,
  EMBEDDED_HOST,
  type Gateway,
  type GatewayOptions,
  startGateway,
} from "./server.ts";
export {
  createTestDatabase,
  DEFAULT_TEST_PG_URL,
  type TestDatabase,
  type TestDatabaseOptions,
} from "./test-database.ts";
