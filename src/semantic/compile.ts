import { addUnits, isoDate, parseIsoDate, parseWindow, startOf } from "../shared/calendar";
import type { Filter, Grain, MetricDefinitions } from "./definitions";
import { type CompiledMetricQuery, MetricCompileError, type MetricQuery } from "./metric-query";
import { type DimensionInfo, type MeasureInfo, SemanticIndex } from "./model-index";
import { literal, qualify, quoteIdent, quoteTable, rewriteIdentifiers } from "./sql-expr";

/**
 * Compiles a metric query to one Postgres statement, deterministically (same query, same SQL):
 *
 * - one CTE per (model, time dimension) aggregates its measures per key (time bucket + dimensions),
 *   joining dimension models many-to-one through entities, so no join multiplies a measure's rows;
 * - measure and metric filters become `FILTER (WHERE …)` on their aggregate, query filters `WHERE`;
 * - CTEs of different models meet on the union of their keys (`IS NOT DISTINCT FROM`: NULL keys too);
 * - ratios divide aggregated values (a ratio of sums), derived metrics compute over their inputs'
 *   aggregated values, cumulative metrics are window functions over the grain.
 */
const MAX_METRIC_DEPTH = 20;

interface AggColumn {
  alias: string;
  measure: MeasureInfo;
  filters: Filter[];
  /** Feeds a trailing-window cumulative: reads the data before the requested start too. */
  windowed: boolean;
}

interface Group {
  alias: string;
  model: string;
  time: DimensionInfo | undefined;
  columns: AggColumn[];
  /** Metric that first needed this group, for error messages. */
  metric: string;
}

export function compileMetricQuery(
  defs: MetricDefinitions,
  query: MetricQuery,
  index = new SemanticIndex(defs),
): CompiledMetricQuery {
  return new Compilation(index, query).compile();
}

class Compilation {
  private readonly groups = new Map<string, Group>();
  private readonly aggs = new Map<string, string>();
  private aggCount = 0;
  private readonly grain: Grain | undefined;
  private readonly start: Date | undefined;
  private readonly end: Date | undefined;
  /** Earliest date a trailing window reaches back to, when a windowed metric needs data before `start`. */
  private extendedStart: Date | undefined;
  private currentMetric = "";
  /** Names a CTE may not take: every model table's name, then every CTE name given. */
  private readonly names: Set<string>;

  constructor(
    private readonly index: SemanticIndex,
    private readonly query: MetricQuery,
  ) {
    if (query.metrics.length === 0) throw new MetricCompileError("No metric was asked for");
    this.names = new Set(
      Object.values(index.defs.semantic_models).map((m) => m.table.split(".").at(-1)!.toLowerCase()),
    );
    for (const name of query.metrics) {
      if (!index.metric(name))
        throw new MetricCompileError(
          `Unknown metric '${name}'; defined: ${Object.keys(index.defs.metrics).sort().join(", ")}`,
        );
    }
    for (const name of [...query.dimensions, ...query.filters.map((f) => f.dimension)]) {
      const dim = index.dimensions.get(name);
      if (!dim)
        throw new MetricCompileError(
          `Unknown dimension '${name}'; defined: ${[...index.dimensions.keys()].sort().join(", ")}`,
        );
    }
    if (query.orderBy && !query.metrics.includes(query.orderBy.metric))
      throw new MetricCompileError(`Cannot order by '${query.orderBy.metric}': it is not one of the metrics asked for`);
    for (const name of query.dimensions) {
      if (index.dimensions.get(name)!.kind === "time")
        throw new MetricCompileError(
          `'${name}' is a time dimension: ask for a grain (day, week, month, quarter, year) instead`,
        );
    }
    const cumulative = query.metrics.map((m) => index.metric(m)).find((m) => m?.type === "cumulative");
    const cumulativeTime =
      cumulative?.type === "cumulative" ? index.measures.get(cumulative.measure)?.timeDimension : undefined;
    // A running total needs periods to run over: the dimension's default grain when none was asked.
    this.grain = query.grain ?? (cumulativeTime ? index.dimensions.get(cumulativeTime)?.defaultGranularity : undefined);
    this.start = this.date(query.dateRange?.start);
    this.end = this.date(query.dateRange?.end);
  }

  private date(text: string | undefined): Date | undefined {
    if (text === undefined) return undefined;
    const d = parseIsoDate(text);
    if (!d) throw new MetricCompileError(`'${text}' is not a YYYY-MM-DD date`);
    return d;
  }

  compile(): CompiledMetricQuery {
    const metricSql = this.query.metrics.map((name) => {
      this.currentMetric = name;
      return `${this.metric(name, [], 0)} AS ${quoteIdent(name)}`;
    });
    const keys = [...(this.grain ? [this.grain] : []), ...this.query.dimensions];
    const clash = this.query.metrics.find((m) => keys.includes(m));
    if (clash) throw new MetricCompileError(`Metric '${clash}' has the name of a result column of the breakdown`);
    const groups = [...this.groups.values()];
    const tables = new Set<string>();
    const ctes = groups.map((g) => `${g.alias} AS (\n${indent(this.groupSql(g, keys, tables))}\n)`);
    let source = groups[0]!.alias;
    if (groups.length > 1) {
      source = this.cteName("joined");
      ctes.push(`${source} AS (\n${indent(joinGroups(groups, keys))}\n)`);
    }
    const columns = [...keys, ...this.query.metrics];
    let select = `SELECT ${[...keys.map(quoteIdent), ...metricSql].join(", ")}\nFROM ${source}`;
    let from = "";
    if (this.extendedStart && this.grain && this.start) {
      // Window functions run after WHERE: the earlier periods a trailing window read are dropped
      // only once the windows are computed.
      const result = this.cteName("result");
      ctes.push(`${result} AS (\n${indent(select)}\n)`);
      select = `SELECT ${columns.map(quoteIdent).join(", ")}\nFROM ${result}`;
      from = `\nWHERE ${quoteIdent(this.grain)} >= DATE '${isoDate(startOf(this.start, this.grain))}'`;
    }
    const order = this.query.orderBy
      ? [
          `${quoteIdent(this.query.orderBy.metric)} ${this.query.orderBy.descending ? "DESC NULLS LAST" : "ASC NULLS LAST"}`,
          ...keys.map(quoteIdent),
        ]
      : keys.map(quoteIdent);
    const tail = `${order.length ? `\nORDER BY ${order.join(", ")}` : ""}${this.query.limit ? `\nLIMIT ${Math.trunc(this.query.limit)}` : ""}`;
    return {
      sql: `WITH ${ctes.join(",\n")}\n${select}${from}${tail}`,
      columns,
      tables: [...tables],
      grain: this.grain,
    };
  }

  /**
   * A CTE name that no model's table has: an unqualified table name resolves to a CTE of the same
   * name first, so `FROM orders` must never meet a CTE called `orders`.
   */
  private cteName(base: string): string {
    let name = base;
    while (this.names.has(name)) name += "_";
    this.names.add(name);
    return name;
  }

  /** SQL of a metric (or measure) over the aggregated columns, with the filters it inherits. */
  private metric(name: string, inherited: Filter[], depth: number): string {
    if (depth > MAX_METRIC_DEPTH)
      throw new MetricCompileError(`Metric '${name}' nests more than ${MAX_METRIC_DEPTH} levels deep`);
    const metric = this.index.metric(name);
    if (!metric) return this.agg(name, inherited, false);
    const filters = [...inherited, ...(metric.filters ?? [])];
    switch (metric.type) {
      case "simple":
        return this.agg(metric.measure, filters, false);
      case "ratio":
        // numeric: a count over a count must not be integer division.
        return `(${this.metric(metric.numerator, filters, depth + 1)})::numeric / NULLIF((${this.metric(metric.denominator, filters, depth + 1)})::numeric, 0)`;
      case "derived":
        return `(${rewriteIdentifiers(metric.expr, (ref) => (ref.qualified ? undefined : `(${this.metric(ref.name, filters, depth + 1)})::numeric`))})`;
      case "cumulative": {
        if (!this.grain)
          throw new MetricCompileError(`Metric '${name}' accumulates over time but its measure has no time dimension`);
        const column = this.agg(metric.measure, filters, metric.window !== undefined);
        const agg = this.index.measures.get(metric.measure)!.def.agg;
        const fn = agg === "min" ? "MIN" : agg === "max" ? "MAX" : "SUM";
        let frame = "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
        if (metric.window) {
          const { n, unit } = parseWindow(metric.window);
          // Periods starting within the window up to this one: "3 months" at month grain is 3 rows.
          frame = `RANGE BETWEEN INTERVAL '${n} ${unit}s -1 day' PRECEDING AND CURRENT ROW`;
          if (this.start) {
            const reach = addUnits(startOf(this.start, this.grain), unit, -n);
            if (!this.extendedStart || reach < this.extendedStart) this.extendedStart = reach;
          }
        }
        const partition = this.query.dimensions.length
          ? `PARTITION BY ${this.query.dimensions.map(quoteIdent).join(", ")} `
          : "";
        return `${fn}(${column}) OVER (${partition}ORDER BY ${quoteIdent(this.grain)} ${frame})`;
      }
    }
  }

  /** The alias of an aggregated column for a measure under filters, created once per combination. */
  private agg(measureName: string, filters: Filter[], windowed: boolean): string {
    const measure = this.index.measures.get(measureName);
    if (!measure) throw new MetricCompileError(`Unknown measure '${measureName}'`);
    const key = JSON.stringify([measureName, filters, windowed]);
    const existing = this.aggs.get(key);
    if (existing) return existing;
    const time = measure.timeDimension ? this.index.dimensions.get(measure.timeDimension) : undefined;
    if (!time && (this.grain || this.start || this.end)) {
      throw new MetricCompileError(
        `Metric '${this.currentMetric}' has no time dimension, so it cannot be ${this.grain ? `broken down by ${this.grain}` : "limited to a date range"}`,
      );
    }
    const groupKey = `${measure.model}|${time?.name ?? ""}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      group = {
        alias: this.cteName(`m_${measure.model}`),
        model: measure.model,
        time,
        columns: [],
        metric: this.currentMetric,
      };
      this.groups.set(groupKey, group);
    }
    // Definition names start with a letter: `_a1` never clashes with a dimension or the grain.
    const alias = `_a${++this.aggCount}`;
    group.columns.push({ alias, measure, filters, windowed });
    this.aggs.set(key, alias);
    return alias;
  }

  private groupSql(group: Group, keys: string[], tables: Set<string>): string {
    const joins = new Map<string, string>();
    const model = this.index.model(group.model)!;
    tables.add(model.table);
    const ref = (dimName: string): string => {
      const dim = this.index.dimensions.get(dimName)!;
      const path = this.index.joinPath(group.model, dim.model);
      if (!path) {
        throw new MetricCompileError(
          `Metric '${group.metric}' cannot be broken down or filtered by '${dimName}': model '${group.model}' has no join path to '${dim.model}' through entities`,
        );
      }
      for (const step of path) {
        if (joins.has(step.to)) continue;
        const target = this.index.model(step.to)!;
        tables.add(target.table);
        joins.set(
          step.to,
          `LEFT JOIN ${quoteTable(target.table)} AS ${quoteIdent(step.to)} ON ${qualify(step.toExpr, step.to)} = ${qualify(step.fromExpr, step.from)}`,
        );
      }
      return qualify(dim.expr, dim.model);
    };
    const select: string[] = [];
    const where: string[] = [];
    if (group.time) {
      const t = ref(group.time.name);
      if (this.grain) {
        if (!group.time.granularities.includes(this.grain))
          throw new MetricCompileError(`'${group.time.name}' is not defined for the grain '${this.grain}'`);
        select.push(`date_trunc('${this.grain}', ${t})::date AS ${quoteIdent(this.grain)}`);
      }
      const from = this.extendedStart ?? this.start;
      if (from) where.push(`${t} >= DATE '${isoDate(from)}'`);
      if (this.end) where.push(`${t} < DATE '${isoDate(this.end)}'`);
    }
    for (const dim of this.query.dimensions) select.push(`${ref(dim)} AS ${quoteIdent(dim)}`);
    for (const f of this.query.filters) where.push(filterSql(f, ref(f.dimension)));
    for (const c of group.columns) {
      const conditions = c.filters.map((f) => filterSql(f, ref(f.dimension)));
      // Widened for a trailing window: every other column keeps to the requested period.
      if (this.extendedStart && this.start && !c.windowed && group.time)
        conditions.push(`${ref(group.time.name)} >= DATE '${isoDate(this.start)}'`);
      select.push(
        `${aggregate(c.measure)}${conditions.length ? ` FILTER (WHERE ${conditions.join(" AND ")})` : ""} AS ${c.alias}`,
      );
    }
    const base = `${quoteTable(model.table)} AS ${quoteIdent(group.model)}`;
    const groupBy = keys.length ? `\nGROUP BY ${keys.map((_, i) => i + 1).join(", ")}` : "";
    return `SELECT ${select.join(", ")}\nFROM ${[base, ...joins.values()].join("\n")}${where.length ? `\nWHERE ${where.join(" AND ")}` : ""}${groupBy}`;
  }
}

const indent = (sql: string): string => sql.replace(/^/gm, "  ");

function aggregate(measure: MeasureInfo): string {
  const expr = qualify(measure.def.expr, measure.model);
  switch (measure.def.agg) {
    case "count_distinct":
      return `COUNT(DISTINCT ${expr})`;
    default:
      return `${measure.def.agg.toUpperCase()}(${expr})`;
  }
}

/** NULL-safe: `!=` and `not_in` keep rows whose value is NULL, as a reader of the filter expects. */
export function filterSql(f: Filter, expr: string): string {
  switch (f.operator) {
    case "in":
      return `${expr} IN (${f.values!.map(literal).join(", ")})`;
    case "not_in":
      return `(${expr} IS NULL OR ${expr} NOT IN (${f.values!.map(literal).join(", ")}))`;
    case "!=":
      return `${expr} IS DISTINCT FROM ${literal(f.value!)}`;
    default:
      return `${expr} ${f.operator} ${literal(f.value!)}`;
  }
}

/** Groups of different models meet on the union of their keys; without keys each is one row. */
function joinGroups(groups: Group[], keys: string[]): string {
  const columns = groups.flatMap((g) => g.columns.map((c) => `${g.alias}.${c.alias}`));
  if (keys.length === 0) return `SELECT ${columns.join(", ")}\nFROM ${groups.map((g) => g.alias).join(" CROSS JOIN ")}`;
  const k = keys.map(quoteIdent);
  const union = groups.map((g) => `SELECT ${k.join(", ")} FROM ${g.alias}`).join(" UNION ");
  const joins = groups.map(
    (g) => `LEFT JOIN ${g.alias} ON ${k.map((c) => `${g.alias}.${c} IS NOT DISTINCT FROM keys.${c}`).join(" AND ")}`,
  );
  return `SELECT ${[...k.map((c) => `keys.${c}`), ...columns].join(", ")}\nFROM (${union}) AS keys\n${joins.join("\n")}`;
}
