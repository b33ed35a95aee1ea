/**
 * `npm run deploy [-- --env staging|production]`: applies D1 migrations to the remote database, then
 * deploys the Worker. Migrations go first so new code never runs against an old schema (every
 * migration is additive, so old code keeps working on the new schema during the rollout).
 */
import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { AuthClientsConfig } from "../src/config/auth-clients.ts";
import { exampleSecretsIn } from "../src/config/example-secrets.ts";
import { runWrangler } from "./lib/processes.ts";

/**
 * The local auth_clients.yml is what `npm run clients:push` uploads: a deploy refuses while it holds
 * the secrets or key published in auth_clients.example.yml (the deployed Worker refuses them too).
 */
function refuseExampleSecrets(): void {
  if (!existsSync("auth_clients.yml")) return;
  const checked = AuthClientsConfig.safeParse(parse(readFileSync("auth_clients.yml", "utf8")) ?? {});
  const published = checked.success ? exampleSecretsIn(checked.data) : [];
  if (published.length === 0) return;
  for (const line of published) console.error(`auth_clients.yml: ${line}`);
  console.error("Refusing to deploy with example secrets: replace them, then npm run clients:push and deploy again.");
  process.exit(1);
}

refuseExampleSecrets();

const args = process.argv.slice(2);
const envIndex = args.indexOf("--env");
const envArgs = envIndex >= 0 && args[envIndex + 1] ? ["--env", args[envIndex + 1]!] : [];
// wrangler.toml's top level is local development (DEPLOYMENT = "development" accepts the example
// secrets): a real deployment names its environment.
if (envArgs.length === 0) {
  console.error(
    "Name the environment: npm run deploy -- --env staging|production (the top level of wrangler.toml is local development).",
  );
  process.exit(1);
}

await runWrangler(["d1", "migrations", "apply", "DB", "--remote", ...envArgs]);
await runWrangler(["deploy", ...envArgs]);
