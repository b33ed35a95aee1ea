import { columnKind, type IndexedTable, type JoinStep, stepSource, stepTarget } from "../../linking";
import { splitIdentifier } from "../../linking/text";
import type { Expr, LogicalQuery, OrderTerm, Predicate } from "./query";

/**
 * Renders a LogicalQuery as conventional PostgreSQL: short table aliases, identifiers quoted only
 * when Postgres would otherwise fold or reject them, positional GROUP BY, readable output names.
 */

/** Keywords Postgres reserves (appendix C, "reserved" and "reserved, can be function or type"). */
const RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation " +
    "column concurrently constraint create cross current_catalog current_date current_role current_schema current_time " +
    "current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze " +
    "from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit " +
    "localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references " +
    "returning right select session_user similar some symmetric system_user table tablesample then to trailing true " +
    "union unique user using variadic verbose when where window with"
  ).split(" "),
);

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function tableName(t: IndexedTable): string {
  const name = quoteIdent(t.table.name);
  // Tables outside `public` are qualified: they are rarely on the search path.
  return t.table.schema === "public" ? name : `${quoteIdent(t.table.schema)}.${name}`;
}

/** Initials of the table's words ("order_items" -> "oi"), made unique and never a keyword. */
function assignAliases(tables: readonly IndexedTable[]): Map<IndexedTable, string> {
  const used = new Set<string>();
  const aliases = new Map<IndexedTable, string>();
  for (const t of tables) {
    if (aliases.has(t)) continue;
    const parts = splitIdentifier(t.table.name).filter((w) => /^[a-z]/.test(w));
    const initials = parts.map((w) => w[0]).join("") || "t";
    const first = parts[0] ?? "t";
    const candidates = [
      initials,
      first.slice(0, 2),
      first.slice(0, 3),
      ...Array.from({ length: 9 }, (_, i) => `${initials}${i + 2}`),
    ];
    const alias = candidates.find((a) => !used.has(a) && !RESERVED.has(a)) as string;
    used.add(alias);
    aliases.set(t, alias);
  }
  return aliases;
}

const FN: Record<string, string> = { count: "COUNT", sum: "SUM", avg: "AVG", min: "MIN", max: "MAX" };

function numberLiteral(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

/** Predicates inside an expression: the FILTER clauses of its aggregates. */
function exprFilters(e: Expr): Predicate[] {
  switch (e.kind) {
    case "agg":
      return [...(e.filter ?? []), ...(e.arg === undefined ? [] : exprFilters(e.arg))];
    case "percent":
      return [...exprFilters(e.part), ...exprFilters(e.whole)];
    case "difference":
      return [...exprFilters(e.left), ...exprFilters(e.right)];
    case "ratio":
      return [...exprFilters(e.num), ...exprFilters(e.den)];
    case "window":
    case "inUnit":
      return exprFilters(e.arg);
    default:
      return [];
  }
}

export function renderSql(q: LogicalQuery): string {
  // Tables of NOT EXISTS subqueries get aliases of their own, after the outer query's.
  const subqueryTables = (preds: readonly Predicate[]): IndexedTable[] =>
    preds.flatMap((p) => (p.kind === "related" ? [...p.steps.map(stepTarget), ...subqueryTables(p.where)] : []));
  const selectFilters = [
    ...q.select.flatMap((s) => exprFilters(s.expr)),
    ...q.having.flatMap((p) => (p.kind === "compare" || p.kind === "between" ? exprFilters(p.left) : [])),
  ];
  const aliases = assignAliases([
    q.root,
    ...q.joins.map(stepTarget),
    ...subqueryTables([...q.where, ...selectFilters]),
  ]);
  const ref = (t: IndexedTable): string => aliases.get(t) ?? tableName(t);

  // Figures are rounded for reading; a HAVING compares the exact figure ("an average above 30").
  let rounded = true;
  const expr = (e: Expr): string => {
    switch (e.kind) {
      case "column":
        return `${ref(e.column.table)}.${quoteIdent(e.column.column.name)}`;
      case "bucket":
        if (e.unit === "weekday")
          return `EXTRACT(DOW FROM ${ref(e.column.table)}.${quoteIdent(e.column.column.name)})::int`;
        // ::date keeps a clean period start for both date and timestamp columns.
        return `date_trunc('${e.unit}', ${ref(e.column.table)}.${quoteIdent(e.column.column.name)})::date`;
      case "weekdayName":
        return `to_char(${ref(e.column.table)}.${quoteIdent(e.column.column.name)}, 'FMDay')`;
      case "monthNumber":
        // The first three letters read as 'Mon': full names and abbreviations ('Sept') alike.
        return `EXTRACT(MONTH FROM to_date(left(${ref(e.column.table)}.${quoteIdent(e.column.column.name)}, 3), 'Mon'))`;
      case "star":
        return `${ref(e.table)}.*`;
      case "product":
        return e.factors.map(expr).join(" * ");
      case "oneMinus":
        return `(1 - ${expr(e.arg)}${e.percent ? " / 100.0" : ""})`;
      case "inUnit": {
        // Converted from the exact figure, then rounded once; numeric, so integers do not divide to integers.
        const was = rounded;
        rounded = false;
        const inner = `(${expr(e.arg)})::numeric`;
        rounded = was;
        const scaled =
          e.factor < 1
            ? `${inner} / ${Number((1 / e.factor).toPrecision(12))}`
            : `${inner} * ${Number(e.factor.toPrecision(12))}`;
        return rounded ? `ROUND(${scaled}, 2)` : scaled;
      }
      case "agg": {
        const arg = e.arg === undefined ? "*" : expr(e.arg);
        const filter =
          e.filter === undefined || e.filter.length === 0
            ? ""
            : ` FILTER (WHERE ${e.filter.map(predicate).join(" AND ")})`;
        if (e.fn === "median") return `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${arg})${filter}`;
        // AVG of money has many decimals, as has a SUM of products (quantity * price * (1 - discount)).
        if (e.fn === "avg") return rounded ? `ROUND(AVG(${arg})${filter}::numeric, 2)` : `AVG(${arg})${filter}`;
        // ::numeric: a product with a real (float) column sums to double precision, which ROUND(_, 2) refuses.
        if (e.fn === "sum" && e.arg?.kind === "product" && rounded) return `ROUND(SUM(${arg})${filter}::numeric, 2)`;
        return `${FN[e.fn]}(${e.distinct ? "DISTINCT " : ""}${arg})${filter}`;
      }
      case "percent":
        // 100.0 (1.0) makes the division numeric even between integer counts.
        return e.fraction
          ? `ROUND(1.0 * ${operand(e.part)} / NULLIF(${expr(e.whole)}, 0), 4)`
          : `ROUND(100.0 * ${operand(e.part)} / NULLIF(${expr(e.whole)}, 0), 2)`;
      case "difference":
        return `${expr(e.left)} - ${operand(e.right)}`;
      case "ratio":
        // A float division: integer columns would otherwise divide to an integer.
        return `CAST(${expr(e.num)} AS double precision) / NULLIF(${expr(e.den)}, 0)`;
      case "window": {
        const over = [
          e.partition.length > 0 ? `PARTITION BY ${e.partition.map(expr).join(", ")}` : "",
          e.order !== undefined ? `ORDER BY ${expr(e.order)}` : "",
        ]
          .filter(Boolean)
          .join(" ");
        return `${e.fn === "sum" ? "SUM" : "lag"}(${expr(e.arg)}) OVER (${over})`;
      }
    }
  };
  /** A difference inside a product or another difference needs its parentheses. */
  const operand = (e: Expr): string => (e.kind === "difference" ? `(${expr(e)})` : expr(e));

  /** `target.col = source.col` for one join step. */
  const joinOn = (step: JoinStep<IndexedTable>): string => {
    const target = stepTarget(step);
    const source = stepSource(step);
    return step.edge.fromColumns
      .map((fc, i) => {
        const tc = step.edge.toColumns[i] as string;
        const [targetCol, sourceCol] = step.forward ? [tc, fc] : [fc, tc];
        return `${ref(target)}.${quoteIdent(targetCol)} = ${ref(source)}.${quoteIdent(sourceCol)}`;
      })
      .join(" AND ");
  };

  function predicate(p: Predicate): string {
    if (p.kind === "either") return `(${p.of.map(predicate).join(" OR ")})`;
    if (p.kind === "related") {
      // The first step correlates with the outer row; the others join inside the subquery.
      const [first, ...rest] = p.steps as [JoinStep<IndexedTable>, ...JoinStep<IndexedTable>[]];
      const inner = stepTarget(first);
      const lines = [`SELECT 1 FROM ${tableName(inner)} ${ref(inner)}`];
      for (const step of rest)
        lines.push(`JOIN ${tableName(stepTarget(step))} ${ref(stepTarget(step))} ON ${joinOn(step)}`);
      const conditions = [joinOn(first), ...p.where.map(predicate).filter((w) => w.length > 0)];
      return `${p.negated ? "NOT " : ""}EXISTS (${lines.join(" ")} WHERE ${conditions.join(" AND ")})`;
    }
    const left = expr(p.left);
    switch (p.kind) {
      case "compare":
        return `${left} ${p.op} ${numberLiteral(p.value)}`;
      case "between":
        return `${left} BETWEEN ${numberLiteral(p.low)} AND ${numberLiteral(p.high)}`;
      case "equals":
        if (p.values.length === 1) return `${left} ${p.negated ? "<>" : "="} ${literal(p.left, p.values[0] as string)}`;
        return `${left} ${p.negated ? "NOT IN" : "IN"} (${p.values.map((v) => literal(p.left, v)).join(", ")})`;
      case "like":
        return `${left} ${p.negated ? "NOT ILIKE" : "ILIKE"} ${quoteString(p.pattern)}`;
      case "bool":
        // A yes/no kept as a whole number (linking's isIntegerFlag) compares with 1 and 0.
        return `${left} = ${storedAsNumber(p.left) ? Number(p.value) : p.value}`;
      case "null":
        return `${left} IS ${p.isNull ? "" : "NOT "}NULL`;
      case "weekday":
        return `EXTRACT(ISODOW FROM ${left}) ${p.days.length === 1 ? `= ${p.days[0]}` : `IN (${p.days.join(", ")})`}`;
      case "dateRange": {
        const parts: string[] = [];
        if (p.start !== undefined) parts.push(`${left} >= DATE ${quoteString(p.start)}`);
        if (p.end !== undefined) parts.push(`${left} < DATE ${quoteString(p.end)}`);
        return parts.join(" AND ");
      }
    }
  }

  // "p.unit_price AS unit_price" says nothing twice.
  const redundant = (s: LogicalQuery["select"][number]) =>
    s.alias === undefined || (s.expr.kind === "column" && s.expr.column.column.name === s.alias);
  const selectList = q.select.map((s) =>
    redundant(s) ? expr(s.expr) : `${expr(s.expr)} AS ${quoteIdent(s.alias as string)}`,
  );
  const lines = [
    `SELECT ${q.distinct ? "DISTINCT " : ""}${selectList.join(", ")}`,
    `FROM ${tableName(q.root)} ${ref(q.root)}`,
  ];
  for (const step of q.joins) {
    const kind = q.outerJoins?.has(step) ? "LEFT JOIN" : "JOIN";
    lines.push(`${kind} ${tableName(stepTarget(step))} ${ref(stepTarget(step))} ON ${joinOn(step)}`);
  }
  const where = q.where.map(predicate).filter((w) => w.length > 0);
  if (where.length > 0) lines.push(`WHERE ${where.join("\n  AND ")}`);
  if (q.groupBy > 0) lines.push(`GROUP BY ${Array.from({ length: q.groupBy }, (_, i) => i + 1).join(", ")}`);
  rounded = false;
  if (q.having.length > 0) lines.push(`HAVING ${q.having.map(predicate).join(" AND ")}`);
  rounded = true;

  if (q.countRowsAs !== undefined) {
    return `SELECT COUNT(*) AS ${quoteIdent(q.countRowsAs)}\nFROM (\n${lines.map((l) => `  ${l}`).join("\n")}\n) AS t`;
  }
  const order = (o: OrderTerm): string => {
    if ("expr" in o) return o.dir === "ASC" ? expr(o.expr) : `${expr(o.expr)} DESC`;
    const item = q.select[o.select];
    // An output name shared by two columns would be ambiguous in ORDER BY: use the position then.
    const unique = item?.alias !== undefined && q.select.filter((s) => s.alias === item.alias).length === 1;
    const name = unique && o.positional !== true ? quoteIdent(item.alias as string) : String(o.select + 1);
    return o.dir === "ASC" ? name : `${name} DESC`;
  };
  if (q.orderBy.length > 0) lines.push(`ORDER BY ${q.orderBy.map(order).join(", ")}`);
  if (q.limit !== undefined) lines.push(`LIMIT ${q.limit}`);
  return lines.join("\n");
}

/** A flag column whose SQL type is a number, not boolean. */
/** A value as SQL: a whole number compared with a number column is written as one ("store 2"). */
function literal(left: Expr, value: string): string {
  return storedAsNumber(left) && /^\d+$/.test(value) ? value : quoteString(value);
}

function storedAsNumber(e: Expr): boolean {
  return e.kind === "column" && columnKind(e.column.column.baseType ?? e.column.column.type) === "number";
}
