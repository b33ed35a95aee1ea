import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parse, stringify } from "yaml";

/**
 * Local configuration files read at start and handed to the Worker as secrets (Workers have no
 * file system). In production the same YAML documents are uploaded with `wrangler secret put`.
 */
export interface DevConfig {
  authClients: string;
  authClientsSource: string;
  namespaces: string;
  namespacesSource: string | undefined;
  /** metrics/<namespace>.yml files as one document: `namespaces: { <ns>: <file> }` (src/semantic). */
  metrics: string;
}

export function readDevConfig(root: string): DevConfig {
  const own = resolve(root, "auth_clients.yml");
  const example = resolve(root, "auth_clients.example.yml");
  const authClientsSource = existsSync(own) ? own : example;
  const namespacesPath = resolve(root, "namespaces.yml");
  const namespacesSource = existsSync(namespacesPath) ? namespacesPath : undefined;
  return {
    authClients: readFileSync(authClientsSource, "utf8"),
    authClientsSource,
    namespaces: namespacesSource ? readFileSync(namespacesSource, "utf8") : "",
    namespacesSource,
    metrics: readMetricFiles(resolve(root, "metrics")),
  };
}

function readMetricFiles(dir: string): string {
  if (!existsSync(dir)) return "";
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
  const namespaces = Object.fromEntries(
    files.map((f) => [basename(f).replace(/\.ya?ml$/, ""), parse(readFileSync(resolve(dir, f), "utf8"))]),
  );
  return files.length ? stringify({ namespaces }) : "";
}

/**
 * Writes values as a dotenv file for `wrangler dev --env-file`: secrets reach the Worker without
 * appearing on a command line (visible in `ps`) or in wrangler's binding table (it hides them).
 * dotenv takes a quoted value literally up to the same quote, so each value gets a quote kind it
 * does not contain. dotenv has no escape for a quote, so a value with all three kinds cannot pass.
 */
export function toDotenv(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const quote = ["'", '"', "`"].find((q) => !value.includes(q));
      if (!quote)
        throw new Error(
          `${key}: a value with ', " and \` together cannot be passed to wrangler dev; drop one kind of quote`,
        );
      return `${key}=${quote}${value}${quote}`;
    })
    .join("\n")
    .concat("\n");
}
