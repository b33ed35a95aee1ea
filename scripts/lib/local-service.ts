/**
 * The real service for end-to-end tests and benchmarks, started as `npm start` does: the Neon-protocol gateway (PGlite
 * demo database) in this process, the Worker built once (`wrangler deploy --dry-run`) and served by
 * `wrangler dev --no-bundle` (no rebuild when a source file changes mid-test), with local D1 and
 * Durable Object state in a directory removed afterwards.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { startGateway } from "../gateway/index.ts";
import { toDotenv } from "./dev-config.ts";
import {
  freePort,
  isHealthy,
  OFFLINE_ENV,
  runWrangler,
  spawnGroup,
  stopGroup,
  waitFor,
  wranglerCommand,
} from "./processes.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Service {
  url: string;
  /** wrangler's and workerd's output, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /**
   * NAMESPACES yaml handed to the Worker (namespaces.yml's format), e.g. a `type: postgres` namespace
   * on a test database; `demo` (the embedded PGlite database) exists either way. Default: none.
   */
  namespaces?: string;
  /** The gateway's PGlite directory; default `.data/pglite-e2e`. A suite of its own can use its own. */
  pgliteDir?: string;
  /**
   * AUTH_CLIENTS yaml handed to the Worker instead of the committed auth_clients.example.yml, e.g.
   * with a client whose grants are restricted. Default: the example file.
   */
  authClients?: string;
  /** More Worker vars (e.g. `LLM_PROVIDER`, `LLM_MODEL`): a benchmark measures the configured model. */
  vars?: Record<string, string>;
}

export async function startService(options: ServiceOptions = {}): Promise<Service> {
  // Under the project (.wrangler/ is git-ignored): `wrangler dev --no-bundle` applies wrangler.toml's
  // module rules only to a build inside the project directory.
  await mkdir(resolve(ROOT, ".wrangler"), { recursive: true });
  const dir = await mkdtemp(resolve(ROOT, ".wrangler", "e2e-"));
  // Its own PGlite directory: `npm start` or the workers tests may hold theirs open.
  const gateway = await startGateway({ port: 0, dataDir: resolve(ROOT, options.pgliteDir ?? ".data/pglite-e2e") });
  let output = "";
  let pid: number | undefined;
  const stop = async () => {
    await stopGroup(pid);
    await gateway.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const outdir = join(dir, "build");
    const persistTo = join(dir, "state");
    const envFile = join(dir, "e2e.env");
    // The committed example clients (demo-client / demo-secret), whatever auth_clients.yml says.
    const authClients = options.authClients ?? (await readFile(resolve(ROOT, "auth_clients.example.yml"), "utf8"));
    await writeFile(
      envFile,
      toDotenv({
        AUTH_CLIENTS: authClients,
        NAMESPACES: options.namespaces ?? "",
        NEON_GATEWAY_URL: gateway.url,
        LOG_LEVEL: "warn",
        ...options.vars,
      }),
      { mode: 0o600 },
    );
    const env = { ...process.env, ...OFFLINE_ENV };
    const quiet = { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] as ("ignore" | "inherit")[] };
    await runWrangler(["deploy", "--dry-run", "--env=", "--outdir", outdir], quiet);
    await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], quiet);
    const port = await freePort();
    const [cmd, args] = wranglerCommand([
      "dev",
      join(outdir, "index.js"),
      "--no-bundle",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--env-file",
      envFile,
      "--persist-to",
      persistTo,
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
      "--inspector-port",
      String(await freePort()),
    ]);
    const child = spawnGroup(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    pid = child.pid;
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    if (!(await waitFor(() => isHealthy(url), 90_000, 250))) throw new Error(`wrangler dev did not start:\n${output}`);
    return { url, log: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
