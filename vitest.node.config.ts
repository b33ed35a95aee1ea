// Node-side tests (gateway, demo data, scripts): plain Node, no Workers pool.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts"],
    environment: "node",
    // A cold PGlite start plus the demo-data load takes ~6 s on the project's 2-core machines.
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
