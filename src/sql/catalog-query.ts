/**
 * The introspection statement: a namespace's catalog in one round trip, described the way a person
 * reading the database would describe it (issue 20):
 *
 * - Partitions and inheritance children are folded into their root table: one entry whose row
 *   estimate is the tree's and whose sample values are what a query on the root reads.
 * - Views and materialized views are entries with their `kind` and the relations they read.
 * - An enum column's labels are its samples; a domain column shows its base type.
 *
 * Sample values come from the planner's statistics (pg_stats: no table scan, however large).
 */

// A text column with at most this many distinct values is a dimension worth sampling ("in Germany"),
// and all of its values are kept: a value missing from the samples is a filter no generator can see.
const MAX_SAMPLED_DISTINCT = 60;

/** A pg_stats row's values: frequent ones first; all-distinct values sit in histogram_bounds instead. */
const VALUES_OF_STATS = `COALESCE(s.most_common_vals::text::text[], '{}') || COALESCE(s.histogram_bounds::text::text[], '{}')`;

/** A member's own statistics of the column (m: the member's rels row, c: the root's column). */
const MEMBER_STATS = "s.schemaname = m.schema AND s.tablename = m.name AND s.attname = c.attname AND NOT s.inherited";

/** Whether a pg_stats row's column has few enough distinct values to list them all (n_distinct < 0 is a fraction of the rows). */
const SMALL = (rows: string) =>
  `(CASE WHEN s.n_distinct < 0 THEN -s.n_distinct * GREATEST(${rows}, 0) ELSE s.n_distinct END) BETWEEN 1 AND ${MAX_SAMPLED_DISTINCT}`;

const INTROSPECTION_SQL = `
WITH RECURSIVE
rels AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind, c.relhassubclass,
         obj_description(c.oid, 'pg_class') AS comment, c.reltuples::bigint AS reltuples,
         -- Where rows are stored: a partitioned table holds none itself (its reltuples, once
         -- analysed, already counts the whole tree), a view none at all.
         c.relkind IN ('r', 'm', 'f') AS holds_rows,
         c.relispartition
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[])
),
-- The parent each folded child belongs to: every declarative partition, and an inheritance child
-- that only splits its parent's rows (one parent, no column of its own). A child that adds columns
-- ("capitals" under "cities") is a subtype, a table of its own. Both ends in the namespace's schemas.
folds AS (
  SELECT i.inhrelid AS child, i.inhparent AS parent
  FROM pg_catalog.pg_inherits i
  JOIN rels c ON c.oid = i.inhrelid
  JOIN rels p ON p.oid = i.inhparent
  WHERE c.relispartition
     OR (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits o WHERE o.inhrelid = i.inhrelid AND o.inhparent <> i.inhparent)
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                         WHERE a.attrelid = i.inhrelid AND a.attnum > 0 AND NOT a.attisdropped AND a.attinhcount = 0))
),
-- Every relation with the root it is shown as (itself, for all but folded children).
tree AS (
  SELECT r.oid, r.oid AS root FROM rels r WHERE r.oid NOT IN (SELECT child FROM folds)
  UNION ALL
  SELECT f.child, t.root FROM folds f JOIN tree t ON t.oid = f.parent
),
roots AS (
  SELECT t.root AS oid,
         CASE WHEN bool_or(m.reltuples >= 0) FILTER (WHERE m.holds_rows)
              THEN sum(GREATEST(m.reltuples, 0)) FILTER (WHERE m.holds_rows)
              -- Partitions all outside the namespace's schemas: the parent's own estimate, once
              -- analysed, counts them.
              ELSE COALESCE(max(m.reltuples) FILTER (WHERE m.oid = t.root AND m.relkind = 'p'), -1) END AS row_estimate,
         json_agg(m.schema || '.' || m.name ORDER BY m.schema, m.name) FILTER (WHERE m.oid <> t.root) AS partitions
  FROM tree t JOIN rels m ON m.oid = t.oid
  GROUP BY t.root
),
-- Each domain's final base type, through domains over domains.
domain_chain AS (
  SELECT t.oid, t.typbasetype AS base, t.typtypmod AS typmod FROM pg_catalog.pg_type t WHERE t.typtype = 'd'
  UNION ALL
  SELECT d.oid, b.typbasetype, b.typtypmod FROM domain_chain d JOIN pg_catalog.pg_type b ON b.oid = d.base AND b.typtype = 'd'
),
domains AS (
  SELECT d.oid, d.base, d.typmod FROM domain_chain d JOIN pg_catalog.pg_type b ON b.oid = d.base WHERE b.typtype <> 'd'
),
-- Columns of every entry, with what the samples need to know of their table.
cols AS (
  SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull,
         CASE WHEN d.base IS NOT NULL THEN pg_catalog.format_type(d.base, d.typmod) END AS base_type,
         COALESCE(d.base, a.atttypid) AS base_oid,
         COALESCE(d.base, a.atttypid) IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype) AS sampled,
         r.schema, r.name AS relname, r.relhassubclass, z.row_estimate, z.partitions IS NOT NULL AS has_members
  FROM pg_catalog.pg_attribute a
  JOIN roots z ON z.oid = a.attrelid
  JOIN rels r ON r.oid = a.attrelid
  LEFT JOIN domains d ON d.oid = a.atttypid
  WHERE a.attnum > 0 AND NOT a.attisdropped
),
enum_labels AS (
  SELECT e.enumtypid, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
  FROM pg_catalog.pg_enum e
  WHERE e.enumtypid IN (SELECT base_oid FROM cols)
  GROUP BY e.enumtypid
),
-- A text column's samples, looked up by name as the pg_stats view is keyed: scalar subqueries, so
-- each is a few index scans (a join to the view would read all statistics of the database). First
-- what a query on the table reads: its own statistics, of the whole tree when it has children
-- (an empty array when the column has too many values). Else — autovacuum never analyses a
-- partitioned table, nor a parent whose rows all live in its children — the union of its members'
-- own, when each is small and so is the union.
columns_json AS (
  SELECT c.attrelid, json_agg(json_build_object(
           'name', c.attname,
           'type', pg_catalog.format_type(c.atttypid, c.atttypmod),
           'baseType', c.base_type,
           'enum', CASE WHEN el.labels IS NOT NULL THEN true END,
           'nullable', NOT c.attnotnull,
           'comment', col_description(c.attrelid, c.attnum),
           'samples', COALESCE(el.labels, CASE WHEN c.sampled THEN COALESCE(
             (SELECT CASE WHEN ${SMALL("c.row_estimate")} THEN to_json((${VALUES_OF_STATS})[1:${MAX_SAMPLED_DISTINCT}]) ELSE '[]'::json END
              FROM pg_catalog.pg_stats s
              WHERE s.schemaname = c.schema AND s.tablename = c.relname AND s.attname = c.attname AND s.inherited = c.relhassubclass),
             CASE WHEN c.has_members THEN (
               WITH member_stats AS (
                 SELECT (SELECT ${SMALL("m.reltuples")} FROM pg_catalog.pg_stats s WHERE ${MEMBER_STATS}) AS small,
                        (SELECT ${VALUES_OF_STATS} FROM pg_catalog.pg_stats s WHERE ${MEMBER_STATS}) AS vals
                 FROM tree t JOIN rels m ON m.oid = t.oid
                 WHERE t.root = c.attrelid
               ),
               member_values AS (
                 SELECT u.value, min(u.ord) AS first_seen
                 FROM member_stats ms CROSS JOIN LATERAL unnest(ms.vals) WITH ORDINALITY AS u(value, ord)
                 GROUP BY u.value
               )
               SELECT CASE WHEN bool_and(ms.small) AND (SELECT count(*) FROM member_values) <= ${MAX_SAMPLED_DISTINCT}
                           THEN (SELECT json_agg(v.value ORDER BY v.first_seen, v.value) FROM member_values v) END
               FROM member_stats ms
             ) END
           ) END)
         ) ORDER BY c.attnum) AS columns
  FROM cols c
  LEFT JOIN enum_labels el ON el.enumtypid = c.base_oid
  GROUP BY c.attrelid
),
pks AS (
  SELECT con.conrelid, json_agg(a.attname ORDER BY k.ord) AS columns
  FROM pg_catalog.pg_constraint con
  CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  WHERE con.contype = 'p' AND con.conrelid IN (SELECT oid FROM roots)
  GROUP BY con.conrelid
),
-- A key to a partitioned table is one constraint; Postgres adds a clone per partition
-- (conparentid set), which is not a key of its own. A key to a folded child names its root.
fks AS (
  SELECT con.conrelid, json_agg(json_build_object(
           'columns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
           'refSchema', COALESCE(root.schema, rn.nspname),
           'refTable', COALESCE(root.name, rc.relname),
           'refColumns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
         )) AS fks
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN tree rt ON rt.oid = con.confrelid
  LEFT JOIN rels root ON root.oid = rt.root
  WHERE con.contype = 'f' AND con.conparentid = 0 AND con.conrelid IN (SELECT oid FROM roots)
  GROUP BY con.conrelid
),
-- The relations a view's query reads: the dependencies of its _RETURN rule (a materialized view
-- has one too), partitions named by their root.
view_reads AS (
  SELECT v.oid, json_agg(v.relation ORDER BY v.relation) AS relations
  FROM (
    SELECT DISTINCT rw.ev_class AS oid, COALESCE(root.schema || '.' || root.name, bn.nspname || '.' || bc.relname) AS relation
    FROM pg_catalog.pg_rewrite rw
    JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = rw.oid
     AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> rw.ev_class
    JOIN pg_catalog.pg_class bc ON bc.oid = d.refobjid AND bc.relkind IN ('r', 'p', 'v', 'm', 'f')
    JOIN pg_catalog.pg_namespace bn ON bn.oid = bc.relnamespace
    LEFT JOIN tree bt ON bt.oid = bc.oid
    LEFT JOIN rels root ON root.oid = bt.root
    WHERE rw.ev_class IN (SELECT oid FROM rels WHERE relkind IN ('v', 'm'))
  ) v
  GROUP BY v.oid
)
-- Keys that say nothing (null) are left out: a smaller answer over HTTP.
SELECT json_strip_nulls(json_build_object(
  'schema', r.schema, 'name', r.name,
  'kind', CASE r.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view' WHEN 'f' THEN 'foreign_table' END,
  'comment', r.comment, 'rowEstimate', z.row_estimate,
  'columns', COALESCE(c.columns, '[]'::json), 'primaryKey', COALESCE(pks.columns, '[]'::json),
  'foreignKeys', COALESCE(fks.fks, '[]'::json), 'partitions', z.partitions, 'viewOf', vr.relations
)) AS t
FROM roots z
JOIN rels r ON r.oid = z.oid
LEFT JOIN columns_json c ON c.attrelid = z.oid
LEFT JOIN pks ON pks.conrelid = z.oid
LEFT JOIN fks ON fks.conrelid = z.oid
LEFT JOIN view_reads vr ON vr.oid = z.oid
ORDER BY r.schema, r.name`;

/** The statement for a namespace's schemas, inlined as a text[] literal (one statement, no parameters). */
export function introspectionSql(schemas: readonly string[]): string {
  // Schema names are plain identifiers (validated in config), but quote them properly anyway.
  const array = `{${schemas.map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  const literal = `'${array.replace(/'/g, "''")}'::text[]`;
  return INTROSPECTION_SQL.replace("$1::text[]", () => literal);
}
