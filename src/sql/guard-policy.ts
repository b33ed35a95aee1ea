import { ALLOWED_FUNCTION_CATEGORIES, isAllowedFunction } from "./guard-functions";

/**
 * What the SQL guard forbids beyond the statement type, and why. Functions are allowed by an explicit
 * list (guard-functions.ts); the families below are kept so that their refusal says why. A read-only transaction, a
 * `statement_timeout` and a read-only database role are still needed: several of these functions are
 * harmful even inside a read-only transaction (sleeping, advisory locks, signalling backends, reading
 * server files), and none of them is stopped by checking that the statement is a SELECT.
 *
 * Names are matched lower-cased and without their schema (`pg_catalog.pg_sleep`, `PG_SLEEP`, `"pg_sleep"`
 * are all the same here): a function of the same name in another schema is refused too, which costs
 * nothing for analytic SQL. The lists were checked against `pg_proc` of PostgreSQL 18.
 */

interface FunctionRule {
  /** Completes "… is not allowed: <why>". */
  why: string;
  exact?: readonly string[];
  /** Families whose every member is unsafe (and none is needed for analytics). */
  prefixes?: readonly string[];
}

const FORBIDDEN_FUNCTIONS: readonly FunctionRule[] = [
  {
    why: "it stalls the connection instead of computing anything",
    prefixes: ["pg_sleep"], // pg_sleep, pg_sleep_for, pg_sleep_until
  },
  {
    why: "it changes server or session configuration",
    exact: ["set_config", "pg_reload_conf", "pg_rotate_logfile", "pg_import_system_collations"],
  },
  {
    // currval/lastval only read session state and stay allowed.
    why: "it advances or resets a sequence",
    exact: ["nextval", "setval"],
  },
  {
    // lo_import/lo_export touch the server's file system; the others read or write large objects,
    // which are outside every schema the policy controls.
    why: "large objects are outside the data you may query and can read or write server files",
    exact: ["loread", "lowrite"],
    prefixes: ["lo_"],
  },
  {
    why: "it opens connections to other servers",
    prefixes: ["dblink", "postgres_fdw_"],
  },
  {
    why: "it reads the server's file system or configuration files",
    exact: [
      "pg_stat_file",
      "pg_current_logfile",
      "pg_hba_file_rules",
      "pg_ident_file_mappings",
      "pg_show_all_file_settings",
    ],
    prefixes: ["pg_read_", "pg_ls_", "pg_file_"], // pg_file_* is the adminpack extension (writes files)
  },
  {
    why: "it signals or stops other server processes",
    exact: ["pg_terminate_backend", "pg_cancel_backend", "pg_promote"],
  },
  {
    // Session-level advisory locks outlive the query and can block other clients.
    why: "it takes or releases advisory locks",
    prefixes: ["pg_advisory_", "pg_try_advisory_"],
  },
  {
    why: "it sends notifications to other sessions",
    exact: ["pg_notify"],
  },
  {
    // These take SQL text or a relation name as a string, so they would run SQL the guard never saw
    // (query_to_xml('delete …')) or read tables outside the allowed schemas (table_to_xml('pg_authid')).
    why: "it runs SQL or reads tables given as strings, which cannot be checked",
    exact: ["ts_stat", "ts_rewrite"],
    prefixes: ["query_to_xml", "cursor_to_xml", "table_to_xml", "schema_to_xml", "database_to_xml"],
  },
  {
    why: "it manages replication, WAL or backups",
    exact: ["pg_switch_wal", "pg_sync_replication_slots", "pg_start_backup", "pg_stop_backup"],
    prefixes: ["pg_logical_", "pg_replication_", "pg_create_", "pg_drop_", "pg_copy_", "pg_backup_", "pg_wal_replay_"],
  },
  {
    why: "it changes statistics, indexes or system catalogs",
    exact: [
      "brin_summarize_range",
      "brin_summarize_new_values",
      "brin_desummarize_range",
      "gin_clean_pending_list",
      "pg_extension_config_dump",
      "pg_nextoid",
      "pg_stop_making_pinned_objects",
    ],
    prefixes: ["pg_stat_reset", "pg_restore_", "pg_clear_", "binary_upgrade_"],
  },
  {
    why: "it writes to the server log",
    prefixes: ["pg_log_"], // pg_log_backend_memory_contexts, pg_log_standby_snapshot
  },
];

/** Why a function may not be called, or undefined when it may; `name` is the unqualified name. */
export function forbiddenFunctionReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const rule of FORBIDDEN_FUNCTIONS) {
    if (rule.exact?.includes(lower) || rule.prefixes?.some((prefix) => lower.startsWith(prefix))) return rule.why;
  }
  if (isAllowedFunction(lower)) return undefined;
  return `only built-in ${ALLOWED_FUNCTION_CATEGORIES} may be used, and it is none of these`;
}

/**
 * pg_catalog is searched before the search_path (unless listed in it explicitly), so an unqualified
 * `pg_authid` or `pg_stat_activity` reaches a system catalog even when only `public` is allowed. Every
 * system relation is named `pg_*`; a user table of such a name can still be reached schema-qualified.
 */
export function isSystemCatalogName(relname: string): boolean {
  return relname.toLowerCase().startsWith("pg_");
}

/** Function schemas always allowed besides the policy's: built-ins are reachable qualified, too. */
export const BUILTIN_FUNCTION_SCHEMA = "pg_catalog";
