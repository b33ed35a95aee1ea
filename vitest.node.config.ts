// Node-side tests (gateway, demo data, scripts): plain Node, no Workers pool.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts"],
    environment: "node",
    // A cold PGlite start plus the demo-data load takes ~6 s on an idle 2-core machine and several
    // times that when CI runs other suites beside it: these bounds catch hangs, not slowness.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
