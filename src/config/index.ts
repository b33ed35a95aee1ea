import type { z } from "zod";
import { type AuthClientsConfig, loadAuthClients } from "./auth-clients";
import { corsOrigins } from "./cors-origins";
import { exampleSecretsIn } from "./example-secrets";
import { type LlmConfig, type LlmEnv, loadLlmConfig } from "./llm";
import { loadNamespaces, type NamespaceConfig } from "./namespaces";
import { type BoundVar, LIMIT_VARS, type LimitVar, REQUEST_BOUNDS, TASK_RETENTION } from "./vars";
import { wholeNumberVars } from "./whole-number-vars";
import { ConfigError } from "./yaml-config";

/**
 * config/: the Worker's configuration — wrangler.toml [vars], the YAML secrets (AUTH_CLIENTS,
 * NAMESPACES), the LLM settings — parsed and validated once per isolate into one typed object that
 * the edge (the entry's middleware, the routes, the Durable Objects) passes down.
 */
export { ConfigError } from "./yaml-config";

export interface RequestBounds {
  runBodyBytes: number;
  taskChars: number;
  streamLifetimeMs: number;
}

export interface Config {
  /** DEPLOYMENT is "development" (npm start, the tests, the benchmarks): the example secrets are accepted. */
  local: boolean;
  /** auth_clients.yml, plus the token claims' defaults from JWT_ISSUER / JWT_AUDIENCE. */
  auth: { clients: AuthClientsConfig; issuer: string; audience: string };
  /** namespaces.yml's targets; `demo` is added where the embedded database exists. */
  namespaces: Record<string, NamespaceConfig>;
  /** The local gateway (NEON_GATEWAY_URL) serves the embedded demo database. */
  embeddedDatabase: boolean;
  llm: LlmConfig;
  /** The service-wide limit vars (0: off); limits/ turns them into bucket policies. */
  limits: Record<LimitVar, number>;
  requestBounds: RequestBounds;
  taskRetentionMs: number;
  corsOrigins: string[] | "*";
  /** METRICS (metrics/*.yml as one document); semantic/ parses it against its own schema. */
  metricsYaml: string | undefined;
}

/** The env this module reads: the vars and secrets as strings, and the AI binding for Workers AI. */
export type ConfigEnv = Partial<Record<LimitVar | BoundVar | "TASK_RETENTION_HOURS", string | number | undefined>> &
  LlmEnv & {
    DEPLOYMENT?: string | undefined;
    AUTH_CLIENTS?: string | undefined;
    NAMESPACES?: string | undefined;
    NEON_GATEWAY_URL?: string | undefined;
    JWT_ISSUER?: string | undefined;
    JWT_AUDIENCE?: string | undefined;
    CORS_ALLOWED_ORIGINS?: string | undefined;
    METRICS?: string | undefined;
  };

const AUTH_SETTING = "AUTH_CLIENTS (auth_clients.yml)";
const VARS_SETTING = "wrangler.toml [vars]";
// The claims' defaults when neither the var nor auth_clients.yml's jwt section names them.
const DEFAULT_ISSUER = "datus-edge";
const DEFAULT_AUDIENCE = "datus-workflow-api";

const WholeNumberVars = wholeNumberVars({ ...LIMIT_VARS, ...REQUEST_BOUNDS, ...TASK_RETENTION });

function readVars(env: ConfigEnv): z.infer<typeof WholeNumberVars> {
  const parsed = WholeNumberVars.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    VARS_SETTING,
    parsed.error.issues.map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`),
  );
}

/**
 * Outside local development (DEPLOYMENT "development" at the top level of wrangler.toml; staging and
 * production set their own; missing counts as deployed) the secrets and key published in
 * auth_clients.example.yml are a configuration error: everyone could sign in, or sign their own tokens.
 */
function readAuth(env: ConfigEnv, local: boolean): Config["auth"] {
  if (!env.AUTH_CLIENTS) throw new ConfigError(AUTH_SETTING, ["not set: upload it with `npm run clients:push`"]);
  const clients = loadAuthClients(env.AUTH_CLIENTS);
  const published = local ? [] : exampleSecretsIn(clients);
  if (published.length > 0) throw new ConfigError(AUTH_SETTING, published);
  return { clients, issuer: env.JWT_ISSUER ?? DEFAULT_ISSUER, audience: env.JWT_AUDIENCE ?? DEFAULT_AUDIENCE };
}

/** Every section is read, so one error names every bad setting, not only the first. */
export function parseConfig(env: ConfigEnv): Config {
  const problems: ConfigError[] = [];
  const read = <T>(section: () => T): T => {
    try {
      return section();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
      return undefined as T;
    }
  };
  const local = env.DEPLOYMENT === "development";
  const vars = read(() => readVars(env));
  const config: Config = {
    local,
    auth: read(() => readAuth(env, local)),
    namespaces: read(() => loadNamespaces(env.NAMESPACES).namespaces),
    embeddedDatabase: Boolean(env.NEON_GATEWAY_URL),
    llm: read(() => loadLlmConfig(env)),
    limits: vars,
    requestBounds: vars && {
      runBodyBytes: vars.MAX_RUN_BODY_BYTES,
      taskChars: vars.MAX_TASK_CHARS,
      streamLifetimeMs: vars.MAX_STREAM_MINUTES * 60_000,
    },
    taskRetentionMs: vars && vars.TASK_RETENTION_HOURS * 3_600_000,
    corsOrigins: read(() => corsOrigins(env.CORS_ALLOWED_ORIGINS)),
    metricsYaml: env.METRICS,
  };
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new ConfigError(
      problems.map((p) => p.setting).join(", "),
      problems.flatMap((p) => p.problems.map((line) => `${p.setting}: ${line}`)),
    );
  return config;
}

// Workers hand every request of an isolate (and a Durable Object every call) the same env object,
// so the configuration is parsed once per isolate; a new deployment or secret is a new env.
const loaded = new WeakMap<object, Config>();

/** The configuration of this env, parsed on first use; throws ConfigError naming every bad key. */
export function loadConfig(env: ConfigEnv): Config {
  const known = loaded.get(env);
  if (known) return known;
  const config = parseConfig(env);
  loaded.set(env, config);
  return config;
}
