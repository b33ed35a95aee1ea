/**
 * The plain shapes of row and column policies (issue 15), apart from the rewrite (policies.ts) so
 * that the target and result types can name them without pulling in the parser.
 */

/** Who is asking, as auth/ verified it (structurally auth's EndUser; sql/ does not import auth/). */
export interface PolicySubject {
  sub: string;
  attributes: Readonly<Record<string, string | readonly string[]>>;
}

/** A namespace's policy for one table, as namespaces.yml states it (schema resolved). */
export interface TablePolicy {
  schema: string;
  table: string;
  /** With `{{ user.<attr> }}` placeholders; absent: every row. */
  rowFilter?: string;
  hideColumns: string[];
}

/** What `metadata.policies_applied` shows: never the end user's attribute values. */
export interface PoliciesApplied {
  tables_filtered: string[];
  columns_hidden: string[];
}
