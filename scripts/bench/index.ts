/**
 * `npm run bench [-- auth sql ...]`: runs the benchmarks, prints figures and appends them to
 * bench/results/latest.md with the machine they were measured on. Never part of `npm test`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { benchAuth } from "./auth.ts";
import { benchBundle } from "./bundle.ts";
import { ROOT } from "./lib.ts";
import { benchLinking } from "./linking.ts";
import { benchProfile } from "./profile.ts";
import { benchSql } from "./sql.ts";
import { benchTargets } from "./targets.ts";
import { benchTasks } from "./tasks.ts";

const SUITES: Record<string, () => Promise<string[]>> = {
  // Issue 18's ratios first: one Worker, one run, the figures the README's table quotes.
  targets: benchTargets,
  auth: benchAuth,
  sql: benchSql,
  linking: benchLinking,
  tasks: benchTasks,
  bundle: benchBundle,
};
// Not in the default run: a diagnosis (where the CPU goes), not a figure to keep.
const ON_REQUEST: Record<string, () => Promise<string[]>> = { profile: benchProfile };

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const names = wanted.length ? wanted : Object.keys(SUITES);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`;
  const out: string[] = [`# datus-edge benchmarks`, ``, `machine: ${machine}`, ``];
  console.log(`machine: ${machine}`);
  for (const name of names) {
    const suite = SUITES[name] ?? ON_REQUEST[name];
    if (!suite) throw new Error(`unknown benchmark '${name}' (known: ${Object.keys(SUITES).join(", ")})`);
    console.log(`\n## ${name}`);
    const lines = await suite();
    for (const line of lines) console.log(line);
    out.push(`## ${name}`, "```", ...lines, "```", "");
  }
  mkdirSync(resolve(ROOT, "bench/results"), { recursive: true });
  writeFileSync(resolve(ROOT, "bench/results/latest.md"), out.join("\n"));
  console.log(`\nwritten to bench/results/latest.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
