import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests in the real Workers runtime (workerd via miniflare), with the bindings of wrangler.toml.
// test/workers/global-setup.ts starts the Neon-protocol gateway in Node and provides its URL.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            AUTH_CLIENTS: inject<string>("authClients"),
            NEON_GATEWAY_URL: inject<string>("gatewayUrl"),
            NAMESPACES: inject<string>("namespaces"),
            LOG_LEVEL: "warn",
            TEST_MIGRATIONS: migrations,
          },
        },
      })),
    ],
    test: {
      include: ["test/workers/**/*.test.ts", "src/**/*.test.ts"],
      setupFiles: ["./test/workers/apply-migrations.ts"],
      globalSetup: ["./test/workers/global-setup.ts"],
      // Generous: a bound for hangs, not a speed check (2 shared cores; benchmarks measure speed).
      testTimeout: 60_000,
    },
  };
});
