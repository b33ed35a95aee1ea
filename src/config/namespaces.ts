import { z } from "zod";
import { yamlConfigLoader } from "./yaml-config";

/**
 * namespaces.yml: the database targets a question can be asked of.
 *
 * ```yaml
 * namespaces:
 *   shop:
 *     type: postgres
 *     url: postgres://reader:secret@127.0.0.1:5432/shop   # a Neon URL in production
 *     schema: public
 * ```
 * `demo` (the embedded demo database) exists without configuration wherever the local gateway runs.
 */
const Limits = {
  row_limit: z.number().int().min(1).max(100_000).optional(),
  // A task's result is kept in its Durable Object, whose SQLite rows hold at most 2 MB.
  max_result_bytes: z
    .number()
    .int()
    .min(1024)
    .max(1536 * 1024)
    .optional(),
  statement_timeout_ms: z.number().int().min(100).max(300_000).optional(),
};

const SchemaName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, "a plain Postgres identifier");

// `{{ user.<attribute> }}`: where an end user's attribute goes, as a literal (sql/policies.ts binds it).
export const POLICY_PLACEHOLDER = /\{\{\s*user\.([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/**
 * A row and column policy (issue 15): every query that reads `table` reads only the rows
 * `row_filter` keeps for the asking end user, and never the `hide_columns`. Names as Postgres
 * stores them (unquoted names are lower-case); `table` without a schema is in the namespace's
 * default schema. The filter is parsed and its table and columns checked against the database
 * when the namespace is first used (sql/policies.ts): Workers have no start-up to do it at.
 */
const TablePolicy = z
  .strictObject({
    table: z
      .string()
      .regex(
        /^([A-Za-z_][A-Za-z0-9_$]{0,62}\.)?[A-Za-z_][A-Za-z0-9_$]{0,62}$/,
        "a table name, optionally schema-qualified (schema.table)",
      ),
    row_filter: z
      .string()
      .trim()
      .min(1, "cannot be empty; leave row_filter out to hide columns only")
      .max(4000)
      .refine(
        (f) => !/\{\{|\}\}/.test(f.replace(POLICY_PLACEHOLDER, "")),
        "placeholders are written {{ user.<attribute> }} (letters, digits, '_')",
      )
      .optional(),
    hide_columns: z.array(SchemaName).min(1).optional(),
  })
  .refine(
    (p) => p.row_filter !== undefined || p.hide_columns !== undefined,
    "a policy needs row_filter, hide_columns or both",
  );
export type TablePolicyConfig = z.infer<typeof TablePolicy>;

const Policies = z
  .array(TablePolicy)
  .refine(
    (list) => new Set(list.map((p) => p.table)).size === list.length,
    "one policy per table: merge the filters with AND",
  )
  .optional();

const PostgresNamespace = z.strictObject({
  type: z.literal("postgres"),
  url: z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// connection URL"),
  /** Default schema (search_path), also allowed. */
  schema: SchemaName.optional(),
  /** Every schema a question may read; defaults to [schema]. */
  schemas: z.array(SchemaName).min(1).optional(),
  description: z.string().optional(),
  policies: Policies,
  ...Limits,
});

const EmbeddedNamespace = z.strictObject({
  type: z.literal("embedded"),
  description: z.string().optional(),
  policies: Policies,
  ...Limits,
});

export const NamespaceConfig = z.discriminatedUnion("type", [PostgresNamespace, EmbeddedNamespace]);
export type NamespaceConfig = z.infer<typeof NamespaceConfig>;

export const NamespacesConfig = z.strictObject({
  namespaces: z
    .record(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "namespace names are letters, digits, '_', '.', '-'"),
      NamespaceConfig,
    )
    .default({}),
});
export type NamespacesConfig = z.infer<typeof NamespacesConfig>;

export const loadNamespaces = yamlConfigLoader("NAMESPACES (namespaces.yml)", NamespacesConfig);
