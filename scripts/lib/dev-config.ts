import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Local configuration files read at start and handed to the Worker as secrets (Workers have no
 * file system). In production the same YAML documents are uploaded with `wrangler secret put`.
 */
export interface DevConfig {
  authClients: string;
  authClientsSource: string;
  namespaces: string;
  namespacesSource: string | undefined;
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
  };
}

/**
 * Writes values as a dotenv file for `wrangler dev --env-file`: secrets reach the Worker without
 * appearing on a command line (visible in `ps`) or in wrangler's binding table (it hides them).
 * dotenv takes a quoted value literally up to the same quote, so each value gets a quote it does not
 * contain; YAML with all three quote kinds falls back to JSON escapes in double quotes.
 */
export function toDotenv(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const quote = ["'", '"', "`"].find((q) => !value.includes(q));
      if (quote) return `${key}=${quote}${value}${quote}`;
      return `${key}=${JSON.stringify(value)}`;
    })
    .join("\n")
    .concat("\n");
}
