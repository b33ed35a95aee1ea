/**
 * The deployed Worker's size: `wrangler deploy --dry-run --env production` builds exactly what
 * `npm run deploy` uploads (minified, with the SQL parser's WASM); each module is gzipped here
 * (level 9; Cloudflare's script size limits apply to the compressed upload) and the largest are
 * listed, so a dependency that grows the bundle shows up. The static assets (public/: the
 * playground, /docs and the browser builds the build copies into public/vendor/) are uploaded beside
 * the script and do not count against its limit; they are listed apart.
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

interface Sized {
  name: string;
  raw: number;
  gzip: number;
}

function sized(path: string, name: string): Sized {
  const bytes = readFileSync(path);
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Files under public/ as Workers static assets uploads them (`_headers` and `_redirects` are rules, not assets). */
function staticAssets(dir: string, prefix = ""): Sized[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return staticAssets(join(dir, entry.name), name);
    return name === "/_headers" || name === "/_redirects" ? [] : [sized(join(dir, entry.name), name)];
  });
}

export async function benchBundle(): Promise<string[]> {
  const outdir = mkdtempSync(join(tmpdir(), "datus-bundle-"));
  try {
    const [cmd, args] = wranglerCommand(["deploy", "--dry-run", "--outdir", outdir, "--env", "production"]);
    const built = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...OFFLINE_ENV }, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${built.stderr}`);
    const reported = /Total Upload: ([^\n]+)/.exec(built.stdout)?.[1]?.trim() ?? "(not reported)";
    const modules = readdirSync(outdir)
      .filter((name) => statSync(join(outdir, name)).isFile() && !name.endsWith(".map"))
      .map((name) => sized(join(outdir, name), name))
      .sort((a, b) => b.gzip - a.gzip);
    const total = sum(modules);
    // The dry run's [build] step has just copied public/vendor/ from node_modules.
    const assets = staticAssets(join(ROOT, "public")).sort((a, b) => b.gzip - a.gzip);
    const assetsTotal = sum(assets);
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const row = (m: Sized) =>
      `  ${m.name.padEnd(48)} ${kib(m.raw).padStart(11)} raw ${kib(m.gzip).padStart(10)} gzipped`;
    return [
      `wrangler deploy --dry-run --env production (minified; source maps not counted):`,
      `  total: ${kib(total.raw)} raw, ${kib(total.gzip)} gzipped (${((total.gzip / BUDGET) * 100).toFixed(0)}% of the project's 1 MiB budget)`,
      `  wrangler's own figure: ${reported}`,
      ...modules.slice(0, 6).map(row),
      `static assets (public/, uploaded beside the script, outside its size limit): ${assets.length} files, ${kib(assetsTotal.raw)} raw, ${kib(assetsTotal.gzip)} gzipped`,
      ...assets.slice(0, 4).map(row),
    ];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function sum(files: Sized[]): { raw: number; gzip: number } {
  return files.reduce((total, f) => ({ raw: total.raw + f.raw, gzip: total.gzip + f.gzip }), { raw: 0, gzip: 0 });
}
