/**
 * The deployed Worker's size: `wrangler deploy --dry-run --env production` builds exactly what
 * `npm run deploy` uploads (minified, with the SQL parser's WASM and the playground's assets); each
 * module is gzipped here (level 9; Cloudflare's script size limits apply to the compressed upload)
 * and the largest are listed, so a dependency that grows the bundle shows up.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { OFFLINE_ENV, wranglerCommand } from "../lib/processes.ts";
import { ROOT } from "./lib.ts";

// The project's budget: small uploads deploy fast and start cold isolates fast.
const BUDGET = 1024 * 1024;

export async function benchBundle(): Promise<string[]> {
  const outdir = mkdtempSync(join(tmpdir(), "datus-bundle-"));
  try {
    const [cmd, args] = wranglerCommand(["deploy", "--dry-run", "--outdir", outdir, "--env", "production"]);
    const built = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...OFFLINE_ENV }, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${built.stderr}`);
    const reported = /Total Upload: ([^\n]+)/.exec(built.stdout)?.[1]?.trim() ?? "(not reported)";
    const modules = readdirSync(outdir)
      .filter((name) => statSync(join(outdir, name)).isFile() && !name.endsWith(".map"))
      .map((name) => {
        const bytes = readFileSync(join(outdir, name));
        return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      })
      .sort((a, b) => b.gzip - a.gzip);
    const total = modules.reduce((sum, m) => ({ raw: sum.raw + m.raw, gzip: sum.gzip + m.gzip }), { raw: 0, gzip: 0 });
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    return [
      `wrangler deploy --dry-run --env production (minified; source maps not counted):`,
      `  total: ${kib(total.raw)} raw, ${kib(total.gzip)} gzipped (${((total.gzip / BUDGET) * 100).toFixed(0)}% of the project's 1 MiB budget)`,
      `  wrangler's own figure: ${reported}`,
      ...modules
        .slice(0, 6)
        .map((m) => `  ${m.name.padEnd(48)} ${kib(m.raw).padStart(11)} raw ${kib(m.gzip).padStart(10)} gzipped`),
    ];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
