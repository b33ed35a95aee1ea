import type { NamespaceConfig } from "../config/namespaces";
import type { PolicySubject, TablePolicy } from "./policy-types";

/** A resolved database target: everything the executor and the catalog need, nothing else. */
export interface SqlTarget {
  namespace: string;
  kind: "postgres" | "embedded";
  /** Sent to the Neon HTTP endpoint, which connects with it (credentials included). */
  connectionString: string;
  /** Database name from the URL, for `database_name` narrowing and display. */
  database: string;
  defaultSchema: string;
  allowedSchemas: string[];
  rowLimit: number;
  /** A result's size as JSON, at most (rows beyond it are cut, like rows beyond rowLimit). */
  maxResultBytes: number;
  statementTimeoutMs: number;
  /** Row and column policies (sql/policies.ts); absent or empty: none. */
  policies?: TablePolicy[];
  /** The end user a request is answered for; required when `policies` is not empty (run.ts). */
  endUser?: PolicySubject;
}

// Bounded so one question cannot hold a connection or stream a table: both configurable per namespace.
export const DEFAULT_ROW_LIMIT = 1000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;

/** The local gateway routes this host to its embedded PGlite database (scripts/gateway). */
export const EMBEDDED_CONNECTION_STRING = "postgres://demo@embedded/demo";
export const DEMO_NAMESPACE = "demo";

export type NamespaceLookup =
  | { ok: true; target: SqlTarget }
  | { ok: false; reason: "unknown_namespace"; known: string[] }
  | { ok: false; reason: "unknown_schema" | "unknown_database"; known: string[] };

export interface NarrowingOptions {
  catalog_name?: string | undefined;
  database_name?: string | undefined;
  schema_name?: string | undefined;
}

export class NamespaceRegistry {
  private readonly targets = new Map<string, SqlTarget>();

  constructor(configs: Record<string, NamespaceConfig>, options: { embeddedAvailable: boolean }) {
    // `demo` needs no configuration, but only where an embedded database exists (the local gateway).
    const all: Record<string, NamespaceConfig> = options.embeddedAvailable
      ? { [DEMO_NAMESPACE]: { type: "embedded" }, ...configs }
      : configs;
    for (const [name, config] of Object.entries(all)) {
      if (config.type === "embedded" && !options.embeddedAvailable) continue;
      this.targets.set(name, toTarget(name, config));
    }
  }

  names(): string[] {
    return [...this.targets.keys()].sort();
  }

  /** Finds a namespace and narrows it by the request's catalog/database/schema names. */
  resolve(name: string, narrowing: NarrowingOptions = {}): NamespaceLookup {
    const base = this.targets.get(name);
    if (!base) return { ok: false, reason: "unknown_namespace", known: this.names() };
    const database = narrowing.database_name ?? narrowing.catalog_name;
    if (database !== undefined && database !== base.database) {
      // One namespace is one database: another database is another namespace (with its own URL/role).
      return { ok: false, reason: "unknown_database", known: [base.database] };
    }
    if (narrowing.schema_name !== undefined) {
      const schema = narrowing.schema_name;
      if (!base.allowedSchemas.includes(schema))
        return { ok: false, reason: "unknown_schema", known: base.allowedSchemas };
      return { ok: true, target: { ...base, defaultSchema: schema, allowedSchemas: [schema] } };
    }
    return { ok: true, target: base };
  }
}

/** A policy's `table` without a schema is in the namespace's default schema. */
function policiesOf(config: NamespaceConfig, defaultSchema: string): { policies?: TablePolicy[] } {
  if (!config.policies?.length) return {};
  return {
    policies: config.policies.map((p) => {
      const dot = p.table.indexOf(".");
      return {
        schema: dot === -1 ? defaultSchema : p.table.slice(0, dot),
        table: dot === -1 ? p.table : p.table.slice(dot + 1),
        ...(p.row_filter !== undefined ? { rowFilter: p.row_filter } : {}),
        hideColumns: p.hide_columns ?? [],
      };
    }),
  };
}

function toTarget(name: string, config: NamespaceConfig): SqlTarget {
  const limits = {
    rowLimit: config.row_limit ?? DEFAULT_ROW_LIMIT,
    maxResultBytes: config.max_result_bytes ?? DEFAULT_MAX_RESULT_BYTES,
    statementTimeoutMs: config.statement_timeout_ms ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    ...policiesOf(config, config.type === "postgres" ? (config.schema ?? config.schemas?.[0] ?? "public") : "public"),
  };
  if (config.type === "embedded") {
    return {
      namespace: name,
      kind: "embedded",
      connectionString: EMBEDDED_CONNECTION_STRING,
      database: "demo",
      defaultSchema: "public",
      allowedSchemas: ["public"],
      ...limits,
    };
  }
  const url = new URL(config.url);
  const defaultSchema = config.schema ?? config.schemas?.[0] ?? "public";
  const allowedSchemas = [...new Set([defaultSchema, ...(config.schemas ?? [])])];
  return {
    namespace: name,
    kind: "postgres",
    connectionString: config.url,
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres",
    defaultSchema,
    allowedSchemas,
    ...limits,
  };
}

// One registry per configuration (= per isolate).
const registries = new WeakMap<Record<string, NamespaceConfig>, NamespaceRegistry>();

/** The namespaces of this configuration; `demo` where the embedded database exists. */
export function namespacesFor(config: {
  namespaces: Record<string, NamespaceConfig>;
  embeddedDatabase: boolean;
}): NamespaceRegistry {
  let registry = registries.get(config.namespaces);
  if (!registry) {
    registry = new NamespaceRegistry(config.namespaces, { embeddedAvailable: config.embeddedDatabase });
    registries.set(config.namespaces, registry);
  }
  return registry;
}
