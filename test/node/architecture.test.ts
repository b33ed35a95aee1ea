// The house's rules (docs/architecture.md), read from the imports themselves so they stay true:
// no folder of src/ imports a folder that imports it back, the libraries know nothing of the
// edge, and the Worker never ships local tooling. No exception list.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|d)\.ts$/.test(name) && !/\.fixture\.ts$/.test(name) ? [path] : [];
  });
}

/** The top folder of src/ a path belongs to ("(entry)" for files directly in src/). */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? (parts[0] as string) : "(entry)";
}

interface Import {
  from: string;
  file: string;
  target: string;
}

function imports(): Import[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s+"([^"]+)"/g)].map((m) => {
      const spec = m[1] as string;
      const target = spec.startsWith(".") ? normalize(join(dirname(file), spec)) : spec;
      return { from: folderOf(file), file: relative(SRC, file), target };
    }),
  );
}

function folderGraph(all: Import[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const i of all) {
    if (!i.target.startsWith(SRC)) continue;
    // `../sql` is a folder's index, `./x` a file without its extension.
    const to = folderOf(
      existsSync(i.target) && statSync(i.target).isDirectory() ? join(i.target, "index.ts") : i.target,
    );
    if (to === i.from) continue;
    graph.set(i.from, (graph.get(i.from) ?? new Set()).add(to));
  }
  return graph;
}

function reaches(graph: Map<string, Set<string>>, from: string, to: string, seen = new Set<string>()): boolean {
  for (const next of graph.get(from) ?? []) {
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    if (reaches(graph, next, to, seen)) return true;
  }
  return false;
}

const all = imports();
const graph = folderGraph(all);

describe("the house's rules, read from the imports", () => {
  it("has no folder cycle: no folder imports a folder that imports it", () => {
    const cycles = [...graph].flatMap(([from, tos]) =>
      [...tos].filter((to) => reaches(graph, to, from)).map((to) => `${from} ⇄ ${to}`),
    );
    expect(cycles).toEqual([]);
  });

  it("keeps the libraries (sql, llm, semantic, linking, dates) free of the edge (api, tasks, workflow, wiring)", () => {
    const edge = new Set(["api", "tasks", "workflow", "wiring", "mcp", "(entry)"]);
    const bad = [...graph]
      .filter(([from]) => ["sql", "llm", "semantic", "linking", "dates"].includes(from))
      .flatMap(([from, tos]) => [...tos].filter((t) => edge.has(t)).map((t) => `${from} → ${t}`));
    expect(bad).toEqual([]);
  });

  it("keeps the date reader below both its callers: dates/ imports only shared/", () => {
    expect([...(graph.get("dates") ?? [])].filter((to) => to !== "shared")).toEqual([]);
  });

  it("keeps the workflow engine free of HTTP, Hono and Durable Objects", () => {
    const bad = all.filter(
      (i) =>
        i.from === "workflow" &&
        (/^(hono|@hono\/|cloudflare:)/.test(i.target) || /\/src\/(api|tasks)(\/|$)/.test(i.target)),
    );
    expect(bad.map((i) => `${i.file} imports ${i.target}`)).toEqual([]);
  });

  it("never ships local tooling: src/ imports nothing from scripts/ or test/", () => {
    const root = normalize(join(SRC, ".."));
    const bad = all.filter(
      (i) => i.target.startsWith(join(root, "scripts")) || i.target.startsWith(join(root, "test")),
    );
    expect(bad.map((i) => `${i.file} imports ${relative(root, i.target)}`)).toEqual([]);
  });
});
