/**
 * The Worker for the `tasks` benchmark: like lib.ts's `startWorker` (`wrangler dev`, bundled by
 * wrangler, --log-level warn), but on a snapshot of the sources taken at start, with its own local
 * D1 and Durable Object state. `wrangler dev` rebuilds and restarts the Worker whenever a watched
 * source file or wrangler.toml changes ("Your worker restarted mid-request" on every open stream),
 * which must not happen in the middle of a measurement while someone edits the tree; and a thousand
 * task objects are a few thousand SQLite files that belong in a directory removed afterwards, not in
 * .wrangler/state.
 *
 * The snapshot is a temp directory outside the project, with node_modules hard-linked (same file
 * system, no copy) and wrangler run from there: esbuild's watcher also re-reads the package.json of
 * every ancestor directory of every input, so any file resolved inside the project (a symlinked
 * node_modules, wrangler's own middleware templates) would make an edit of the project's
 * package.json rebuild and restart the Worker mid-run.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { readDevConfig, toDotenv } from "../lib/dev-config.ts";
import { isHealthy, killGroup, OFFLINE_ENV, runWrangler, spawnGroup, waitFor } from "../lib/processes.ts";
import { freePort, ROOT, type RunningWorker } from "./lib.ts";

export interface SnapshotWorker extends RunningWorker {
  /** The wrangler process; workerd runs in its process group. */
  pid: number;
  /** Local D1 and Durable Object storage of this run (removed by stop). */
  stateDir: string;
  /** wrangler's inspector (Chrome DevTools protocol), for a CPU profile (profile.ts). */
  inspectorPort: number;
}

/** What the Worker's build reads: its sources, configuration and migrations. */
// public/ and scripts/assets/: the static assets and wrangler.toml's [build] command that fills public/vendor/.
const SNAPSHOT = [
  "src",
  "wrangler.toml",
  "package.json",
  "tsconfig.json",
  "migrations",
  "test/fixtures",
  "public",
  "scripts/assets",
];

/**
 * Where the snapshot is taken from: the working tree, or `BENCH_WORKER_SOURCE` (a directory holding
 * the same paths, e.g. `git archive <commit> | tar -x`), so a before/after pair can be measured
 * alternately on the same machine within minutes of each other.
 */
const SOURCE = process.env.BENCH_WORKER_SOURCE ? resolve(process.env.BENCH_WORKER_SOURCE) : ROOT;

export async function startSnapshotWorker(
  vars: Record<string, string> = {},
  options: { minify?: boolean } = {},
): Promise<SnapshotWorker> {
  const dir = await mkdtemp(join(tmpdir(), "datus-bench-worker-"));
  const persistTo = join(dir, "state");
  const envFile = join(dir, "bench.env");
  const config = join(dir, "wrangler.toml");
  let child: ReturnType<typeof spawnGroup> | undefined;
  const stop = async () => {
    if (child) {
      killGroup(child.pid, "SIGTERM");
      const c = child;
      await waitFor(async () => c.exitCode !== null || c.signalCode !== null, 5000, 100);
      killGroup(child.pid, "SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const path of SNAPSHOT)
      await cp(resolve(SOURCE, path), join(dir, path), { recursive: true, force: true }).catch(() => {});
    // Hard links: the same files, but their paths (and so their ancestors) are inside the snapshot.
    // Another file system (no hard links): a symlink still works, only without that protection.
    await promisify(execFile)("cp", ["-al", resolve(ROOT, "node_modules"), join(dir, "node_modules")]).catch(
      async () => {
        await rm(join(dir, "node_modules"), { recursive: true, force: true });
        await symlink(resolve(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
      },
    );
    const wranglerBin = join(dir, "node_modules", "wrangler", "bin", "wrangler.js");
    const devConfig = readDevConfig(ROOT);
    await writeFile(
      envFile,
      toDotenv({ AUTH_CLIENTS: devConfig.authClients, NAMESPACES: devConfig.namespaces, LOG_LEVEL: "warn", ...vars }),
      { mode: 0o600 },
    );
    const env = { ...process.env, ...OFFLINE_ENV };
    const quiet = { cwd: dir, env, stdio: ["ignore", "ignore", "inherit"] as ("ignore" | "inherit")[] };
    await runWrangler(
      ["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", persistTo],
      quiet,
    );
    const port = await freePort();
    const inspectorPort = await freePort();
    const [cmd, args]: [string, string[]] = [
      process.execPath,
      [
        wranglerBin,
        "dev",
        "--config",
        config,
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
        String(inspectorPort),
        // A profile wants the functions' own names; the bundle is minified like production's otherwise.
        ...(options.minify === false ? ["--minify=false"] : []),
      ],
    ];
    child = spawnGroup(cmd, args, { ...quiet });
    const url = `http://127.0.0.1:${port}`;
    if (!(await waitFor(() => isHealthy(url), 60_000, 200))) throw new Error("wrangler dev did not start");
    return { url, pid: child.pid as number, stateDir: persistTo, inspectorPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
