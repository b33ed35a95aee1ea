/**
 * Copies the browser builds the static assets need from node_modules into public/vendor/ (git-ignored):
 * the lockfile pins them, so nothing is committed twice and nothing loads from a CDN. wrangler.toml's
 * `[build]` runs this before every `wrangler dev` and `wrangler deploy` (npm start, the e2e tests,
 * the deploy and its dry run); the Workers tests' global setup runs it too.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const VENDOR_DIR = join(ROOT, "public", "vendor");

/** public/vendor/<name> ← <package>/<file>. */
const FILES = [
  { name: "chart.umd.min.js", from: "chart.js", file: "dist/chart.umd.min.js" },
  // The UMD standalone build: one file, a global `Scalar` (public/docs/reference.js mounts it).
  { name: "scalar-api-reference.js", from: "@scalar/api-reference", file: "dist/browser/standalone.js" },
] as const;

export function vendorAssets(): void {
  mkdirSync(VENDOR_DIR, { recursive: true });
  for (const { name, from, file } of FILES) {
    const text = readFileSync(join(ROOT, "node_modules", from, file), "utf8");
    // The map files are not served: drop the comment so browsers do not ask for them.
    writeFileSync(join(VENDOR_DIR, name), text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) vendorAssets();
