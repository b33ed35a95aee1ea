/**
 * `npm run deploy [-- --env staging|production]`: applies D1 migrations to the remote database, then
 * deploys the Worker. Migrations go first so new code never runs against an old schema (every
 * migration is additive, so old code keeps working on the new schema during the rollout).
 */
import { runWrangler } from "./lib/processes.ts";

const args = process.argv.slice(2);
const envIndex = args.indexOf("--env");
const envArgs = envIndex >= 0 && args[envIndex + 1] ? ["--env", args[envIndex + 1]!] : [];

await runWrangler(["d1", "migrations", "apply", "DB", "--remote", ...envArgs]);
await runWrangler(["deploy", ...envArgs]);
