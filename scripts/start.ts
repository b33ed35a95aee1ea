/**
 * `npm start`: the whole service on one machine with no keys and no servers to install.
 * Starts the Neon-protocol gateway (embedded PGlite demo database), applies D1 migrations to the
 * local database, then runs `wrangler dev` with the configuration as secrets. Flags are the seed
 * server's (see scripts/lib/flags.ts). Ctrl-C / SIGTERM stop everything it started.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readDevConfig, toDotenv } from "./lib/dev-config.ts";
import { parseServerFlags, type ServerFlags, USAGE } from "./lib/flags.ts";
import {
  isAlive,
  isHealthy,
  killGroup,
  OFFLINE_ENV,
  runWrangler,
  spawnGroup,
  stopGroup,
  waitFor,
  wranglerCommand,
} from "./lib/processes.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Where the pid file, the log and the embedded database live (another folder keeps a second
// instance, e.g. a test's, apart from yours).
const DATA_DIR = resolve(ROOT, process.env.DATUS_STATE_DIR ?? ".data");
const PID_FILE = resolve(DATA_DIR, "datus-edge.pid");
const LOG_FILE = resolve(DATA_DIR, "datus-edge.log");
// wrangler dev needs ~2 s; the first PGlite start also loads the demo data (a few seconds more).
const START_TIMEOUT_MS = 120_000;

interface PidFile {
  launcher: number;
  wrangler?: number;
  url: string;
}

async function main(): Promise<void> {
  let flags: ServerFlags;
  try {
    flags = parseServerFlags(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (flags.help) return console.log(USAGE);
  if (flags.stop) return stopDaemon();
  if (flags.daemon) return startDaemon(flags);
  await runForeground(flags);
}

function readPidFile(): PidFile | undefined {
  try {
    return JSON.parse(readFileSync(PID_FILE, "utf8")) as PidFile;
  } catch {
    return undefined;
  }
}

async function stopDaemon(): Promise<void> {
  const pids = readPidFile();
  if (!pids || !isAlive(pids.launcher)) {
    rmSync(PID_FILE, { force: true });
    return console.log("datus-edge is not running in the background");
  }
  // The launcher's SIGTERM handler stops wrangler's group and the gateway, then exits.
  killGroup(pids.launcher, "SIGTERM");
  const stopped = await waitFor(async () => !isAlive(pids.launcher), 15_000);
  if (!stopped) {
    killGroup(pids.launcher, "SIGKILL");
    killGroup(pids.wrangler, "SIGKILL");
  }
  rmSync(PID_FILE, { force: true });
  console.log(`stopped datus-edge (pid ${pids.launcher})`);
}

async function startDaemon(flags: ServerFlags): Promise<void> {
  const running = readPidFile();
  if (running && isAlive(running.launcher)) {
    console.error(
      `datus-edge already runs in the background at ${running.url} (pid ${running.launcher}); stop it with: npm stop`,
    );
    process.exit(1);
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const log = openSync(LOG_FILE, "a");
  const args = process.argv.slice(2).filter((a) => a !== "--daemon");
  // Re-run this script (with tsx's loader flags) detached, as the leader of its own process group.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    detached: true,
    stdio: ["ignore", log, log],
    env: process.env,
  });
  child.unref();
  const url = `http://${flags.host === "0.0.0.0" ? "127.0.0.1" : flags.host}:${flags.port}`;
  if (!child.pid) throw new Error("could not start the background process");
  writeFileSync(PID_FILE, JSON.stringify({ launcher: child.pid, url } satisfies PidFile));
  const up = await waitFor(() => isHealthy(url), START_TIMEOUT_MS, 500);
  if (!up) {
    console.error(`datus-edge did not come up within ${START_TIMEOUT_MS / 1000}s; see ${LOG_FILE}`);
    await stopDaemon();
    process.exit(1);
  }
  console.log(`datus-edge runs in the background at ${url} (pid ${child.pid})\n  log: ${LOG_FILE}\n  stop: npm stop`);
}

async function runForeground(flags: ServerFlags): Promise<void> {
  if (flags.workers !== undefined && flags.workers > 1) {
    console.log(
      `--workers ${flags.workers}: accepted, but not needed: Cloudflare Workers runs as many isolates as the load needs, ` +
        "and locally one workerd process serves requests concurrently.",
    );
  }
  const config = readDevConfig(ROOT);
  if (config.authClientsSource.endsWith("auth_clients.example.yml")) {
    console.log(
      "No auth_clients.yml found: using auth_clients.example.yml (demo credentials: client_id=demo-client client_secret=demo-secret).\n" +
        "  Copy it to auth_clients.yml to configure your own clients.",
    );
  }
  if (config.namespacesSource) console.log(`Namespaces from ${config.namespacesSource}`);
  console.log(
    process.env.LLM_PROVIDER && process.env.LLM_PROVIDER !== "builtin"
      ? `LLM: ${process.env.LLM_PROVIDER} ${process.env.LLM_MODEL ?? ""}`
      : "LLM: the built-in generator (set LLM_PROVIDER to use a model)",
  );

  const { startGateway } = await import("./gateway/index.ts");
  const gateway = await startGateway({ port: 0, dataDir: resolve(DATA_DIR, "pglite-demo"), log: flags.debug });
  let wranglerPid: number | undefined;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Waits for the group, so `npm stop` returns only when no workerd holds the port any more.
    await stopGroup(wranglerPid);
    await gateway.close().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));
  process.on("SIGHUP", () => void stop(129));

  const wranglerEnv = { ...process.env, ...OFFLINE_ENV };
  // Local D1 and Durable Object storage live beside the embedded database.
  const persistTo = resolve(DATA_DIR, "wrangler-state");
  await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    cwd: ROOT,
    env: wranglerEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });

  const envFile = resolve(DATA_DIR, "datus-dev.env");
  mkdirSync(dirname(envFile), { recursive: true });
  writeFileSync(
    envFile,
    toDotenv({
      AUTH_CLIENTS: config.authClients,
      NAMESPACES: config.namespaces,
      METRICS: config.metrics,
      NEON_GATEWAY_URL: gateway.url,
      LOG_LEVEL: flags.debug ? "debug" : "info",
      // LLM settings come from the shell: `LLM_PROVIDER=openai LLM_API_KEY=... npm start`.
      ...Object.fromEntries(
        Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("LLM_") && e[1] !== undefined),
      ),
    }),
    { mode: 0o600 },
  );
  chmodSync(envFile, 0o600);

  const devArgs = [
    "dev",
    "--ip",
    flags.host,
    "--port",
    String(flags.port),
    "--env-file",
    envFile,
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
  ];
  if (flags.debug) devArgs.push("--log-level", "debug");
  if (flags.reload) {
    devArgs.push("--live-reload");
  } else {
    // No watching: build once and serve that bundle as is.
    // Inside the project: `wrangler dev --no-bundle` applies the module rules (the SQL parser's
    // WASM) only to a build below the project directory. One per port, so a
    // second instance (a test's) does not overwrite this one's build.
    const outdir = resolve(ROOT, ".wrangler", `fixed-build-${flags.port}`);
    await runWrangler(["deploy", "--dry-run", "--outdir", outdir], {
      cwd: ROOT,
      env: wranglerEnv,
      stdio: ["ignore", "ignore", "inherit"],
    });
    devArgs.splice(1, 0, resolve(outdir, "index.js"));
    devArgs.push("--no-bundle");
  }
  const [cmd, argv] = wranglerCommand(devArgs);
  const wrangler = spawnGroup(cmd, argv, { cwd: ROOT, env: wranglerEnv, stdio: ["ignore", "inherit", "inherit"] });
  wranglerPid = wrangler.pid;
  wrangler.on("exit", (code) => void stop(code ?? 1));

  const url = `http://${flags.host === "0.0.0.0" ? "127.0.0.1" : flags.host}:${flags.port}`;
  const pids = readPidFile();
  if (pids && pids.launcher === process.pid)
    writeFileSync(PID_FILE, JSON.stringify({ ...pids, wrangler: wranglerPid }));
  if (await waitFor(() => isHealthy(url), START_TIMEOUT_MS, 300)) {
    console.log(`\ndatus-edge is ready at ${url}  (API reference: ${url}/docs; Ctrl-C stops)`);
  }
}

main().catch((error) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
