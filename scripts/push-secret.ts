/**
 * `npm run clients:push [-- --env production]` / `npm run namespaces:push`: uploads a local YAML
 * file as a Worker secret (validated first, so a broken file never reaches production).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { AuthClientsConfig } from "../src/config/auth-clients.ts";
import { exampleSecretsIn } from "../src/config/example-secrets.ts";
import { NamespacesConfig } from "../src/config/namespaces.ts";
import { runWrangler } from "./lib/processes.ts";

const TARGETS = {
  AUTH_CLIENTS: { file: "auth_clients.yml", schema: AuthClientsConfig },
  NAMESPACES: { file: "namespaces.yml", schema: NamespacesConfig },
} as const;

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const target = TARGETS[name as keyof typeof TARGETS];
  if (!target) throw new Error(`usage: push-secret.ts ${Object.keys(TARGETS).join("|")} [--env staging|production]`);
  const path = resolve(process.cwd(), target.file);
  const text = readFileSync(path, "utf8");
  const checked = target.schema.safeParse(parse(text) ?? {});
  if (!checked.success) {
    for (const issue of checked.error.issues)
      console.error(`${target.file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    process.exit(1);
  }
  // A deployed Worker must never accept the secrets everyone can read in auth_clients.example.yml.
  const published = name === "AUTH_CLIENTS" ? exampleSecretsIn(AuthClientsConfig.parse(parse(text))) : [];
  if (published.length > 0) {
    for (const line of published) console.error(`${target.file}: ${line}`);
    console.error(
      "Refusing to upload example secrets: replace them (npm run clients:hash -- <secret>; openssl rand -base64 48 for the key).",
    );
    process.exit(1);
  }
  await runWrangler(["secret", "put", name!, ...rest], { input: text, stdio: ["pipe", "inherit", "inherit"] } as never);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
