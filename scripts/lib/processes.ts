import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** wrangler's CLI run on *this* Node (22, from the `node` devDependency), never the system one. */
export function wranglerCommand(args: string[]): [string, string[]] {
  // wrangler's package exports hide bin/, so resolve it from its package.json.
  const bin = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
  return [process.execPath, [bin, ...args]];
}

export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
};

export function runWrangler(args: string[], options: SpawnOptions = {}): Promise<void> {
  const [cmd, argv] = wranglerCommand(args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: "inherit",
      ...options,
      env: { ...process.env, ...OFFLINE_ENV, ...options.env },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} failed (${signal ?? code})`)),
    );
  });
}

/**
 * Starts a long-running child in its own process group: wrangler starts workerd and esbuild
 * children, and only signalling the whole group stops them all (killing wrangler's pid alone leaves
 * workerd running).
 */
export function spawnGroup(cmd: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(cmd, args, { ...options, detached: true });
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals | 0 = "SIGTERM"): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of the group led by `pid` still runs (signal 0 probes without signalling). */
export function groupAlive(pid: number | undefined): boolean {
  return killGroup(pid, 0);
}

/**
 * SIGTERM to the whole group, then wait until every member is gone (wrangler passes the signal on
 * to workerd, which takes a moment to exit); SIGKILL what is left after `graceMs`.
 */
export async function stopGroup(pid: number | undefined, graceMs = 5000): Promise<void> {
  if (!killGroup(pid, "SIGTERM")) return;
  if (!(await waitFor(async () => !groupAlive(pid), graceMs, 50))) killGroup(pid, "SIGKILL");
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}
