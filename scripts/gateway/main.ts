/**
 * CLI: `npx tsx scripts/gateway/main.ts [--port 4444] [--host 127.0.0.1] [--data-dir .data/pglite-demo]
 * [--no-embedded] [--quiet]`. Prints `gateway listening on <url>` once ready (launchers wait for it).
 */
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR, startGateway } from "./index.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4444" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string", default: DEFAULT_DATA_DIR },
    "no-embedded": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer between 0 and 65535, got ${values.port}`);
  process.exit(2);
}

const log = values.quiet ? () => undefined : (line: string) => console.error(`[gateway] ${line}`);
const started = performance.now();
const gateway = await startGateway({
  port,
  host: values.host,
  dataDir: values["data-dir"],
  embedded: !values["no-embedded"],
  log,
});
log(`ready in ${Math.round(performance.now() - started)} ms (embedded database: ${gateway.embedded})`);
console.log(`gateway listening on ${gateway.url}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing`);
  gateway.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
