// Browser end-to-end tests: headless Chromium (playwright-core, /usr/bin/chromium) against the real
// service (gateway + wrangler dev) started by the test itself. Plain Node, no Workers pool.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    // Building the Worker, a cold PGlite start and a browser on a busy 2-core CI machine: these bound
    // hangs, they do not measure speed.
    hookTimeout: 240_000,
    testTimeout: 180_000,
    // One service and one browser at a time.
    fileParallelism: false,
  },
});
