import { describe, expect, it } from "vitest";
import { CLINIC } from "../../../test/fixtures/catalogs/clinic";
import { DEPOT } from "../../../test/fixtures/catalogs/depot";
import { NURSERY } from "../../../test/fixtures/catalogs/nursery";
import type { DateRange } from "../../dates";
import { matchValues, stepTarget } from "../../linking";
import type { QuestionParts } from "./assemble";
import { directedValue } from "./bindings";
import { existenceVerbs, tableNouns } from "./existence";
import { parseIntent } from "./intent";
import type { ResolveContext } from "./phrase";
import { planQuery } from "./plan";
import type { Expr, LogicalQuery, OrderTerm, Predicate } from "./query";
import { columnName, resolveContext } from "./stage-helpers";
import { tokenize } from "./tokens";

/**
 * Stage 4 of the built-in generator: QuestionParts → LogicalQuery, asserted on the tree (root, joins,
 * select, where, group by, order by, limit), never on SQL text. Two invented catalogs (a plant
 * nursery, a freight depot) and the clinic fixture.
 *
 * The parts are assembled here from the earlier stages' exported functions, as generate.ts's
 * readQuestion does for the parts these questions need: sampled values (matchValues, directedValue),
 * table nouns and existence verbs as scan hints, and a date range given by hand. readQuestion itself
 * is not exported.
 */

function questionParts(ctx: ResolveContext, q: string, range?: DateRange): QuestionParts {
  const tokens = tokenize(q);
  const matches = matchValues(
    ctx.index,
    tokens.map((t) => t.text),
    (i) => tokens[i]?.kind !== "word",
  );
  const valueAt = new Set(matches.flatMap((m) => tokens.slice(m.start, m.end).map((t) => t.i)));
  const isValue = (i: number) => valueAt.has(i);
  const namesTable = tableNouns(ctx, tokens);
  const verbs = existenceVerbs(ctx, tokens, namesTable, isValue);
  const intent = parseIntent(tokens, { isValue, namesTable, isRelationVerb: (i) => verbs.has(i) });
  const values = matches.map((m) => {
    const hit = tokens.slice(m.start, m.end);
    return directedValue(tokens, {
      tokens: hit,
      postings: m.postings,
      negated: hit.some((t) => intent.negated.has(t.i)),
    });
  });
  const relationObjects = [...verbs.values()].flatMap((i) => tokens.slice(i, i + 1));
  return { intent, tokens, values, range, anchor: [], relationObjects };
}

/** A LogicalQuery as plain text pieces: tables by name, columns as table.column. */
function shape(q: LogicalQuery) {
  const expr = (e: Expr): string => {
    switch (e.kind) {
      case "column":
        return columnName(e.column);
      case "bucket":
        return `${e.unit}(${columnName(e.column)})`;
      case "agg":
        return `${e.fn}(${e.distinct ? "distinct " : ""}${e.arg === undefined ? "*" : expr(e.arg)})`;
      case "star":
        return `${e.table.table.name}.*`;
      default:
        return e.kind;
    }
  };
  const predicate = (p: Predicate): unknown => {
    switch (p.kind) {
      case "either":
        return { either: p.of.map(predicate) };
      case "related":
        return {
          [p.negated ? "notExists" : "exists"]: p.steps.map((s) => stepTarget(s).table.name),
          where: p.where.map(predicate),
        };
      case "equals":
        return `${expr(p.left)} ${p.negated ? "not in" : "in"} ${p.values.join("|")}`;
      case "compare":
        return `${expr(p.left)} ${p.op} ${p.value}`;
      case "bool":
        return `${expr(p.left)} = ${p.value}`;
      case "dateRange":
        return `${expr(p.left)} in [${p.start}, ${p.end})`;
      default:
        return p.kind;
    }
  };
  const order = (o: OrderTerm) => ("select" in o ? `#${o.select} ${o.dir}` : `${expr(o.expr)} ${o.dir}`);
  return {
    root: q.root.table.name,
    joins: q.joins.map((s) => stepTarget(s).table.name),
    select: q.select.map((s) => expr(s.expr)),
    distinct: q.distinct,
    where: q.where.map(predicate),
    groupBy: q.groupBy,
    having: q.having.map(predicate),
    orderBy: q.orderBy.map(order),
    limit: q.limit,
  };
}

const nursery = resolveContext(NURSERY);
const depot = resolveContext(DEPOT);
const clinic = resolveContext(CLINIC);

function plan(ctx: ResolveContext, q: string, options: { rowLimit?: number; range?: DateRange } = {}) {
  const result = planQuery(ctx, questionParts(ctx, q, options.range), { rowLimit: options.rowLimit ?? 1000 });
  if (!result.ok) throw new Error(`"${q}" was not planned: ${result.reason}`);
  return shape(result.query);
}

function refusal(ctx: ResolveContext, q: string): string {
  const result = planQuery(ctx, questionParts(ctx, q), { rowLimit: 1000 });
  if (result.ok) throw new Error(`"${q}" was planned`);
  return result.reason;
}

describe("aggregates, grouped and bucketed", () => {
  it("an average grouped by a table's label, joined from the measured rows", () => {
    // Growers are dated (joined_on), so two of one name stay apart: grouped by id and name.
    expect(plan(nursery, "average harvest weight by grower")).toMatchObject({
      root: "harvests",
      joins: ["seedlings", "growers"],
      select: ["growers.grower_id", "growers.grower_name", "avg(harvests.harvest_weight)"],
      groupBy: 2,
      orderBy: ["#2 DESC"],
    });
    expect(plan(depot, "total declared value by depot")).toMatchObject({
      root: "parcels",
      joins: ["crates", "depots"],
      select: ["depots.depot_name", "sum(parcels.declared_value)"],
      groupBy: 1,
    });
  });

  it("a time bucket is the first key, ordered by position", () => {
    expect(plan(nursery, "total harvest weight by month")).toMatchObject({
      root: "harvests",
      select: ["month(harvests.picked_on)", "sum(harvests.harvest_weight)"],
      groupBy: 1,
      orderBy: ["#0 ASC"],
    });
  });

  it("a date range filters the date column of the counted rows", () => {
    const range = { start: "2025-01-01", end: "2026-01-01", text: "in 2025", index: 18 };
    expect(plan(nursery, "how many harvests", { range })).toMatchObject({
      root: "harvests",
      select: ["count(*)"],
      where: ["harvests.picked_on in [2025-01-01, 2026-01-01)"],
      groupBy: 0,
    });
  });
});

describe("counts", () => {
  it("a count per a column of the counted table", () => {
    expect(plan(nursery, "How many seedlings per cultivar")).toMatchObject({
      root: "seedlings",
      joins: [],
      select: ["seedlings.cultivar", "count(*)"],
      groupBy: 1,
    });
  });

  it("a count with a negated value", () => {
    expect(plan(depot, "how many crates not sealed")).toMatchObject({
      root: "crates",
      select: ["count(*)"],
      where: ["crates.crate_state not in sealed"],
    });
  });

  it("'X with more than N Y': grouped, filtered by HAVING on a distinct count", () => {
    expect(plan(depot, "depots with more than 5 crates")).toMatchObject({
      root: "depots",
      joins: ["crates"],
      select: ["depots.depot_name", "count(distinct crates.crate_id)"],
      groupBy: 1,
      having: ["count(distinct crates.crate_id) > 5"],
    });
  });

  it("'Which X …, and how many Y …': the count grouped by the listed rows", () => {
    expect(plan(depot, "Which depots send crates, and how many parcels have they sent?")).toMatchObject({
      root: "parcels",
      joins: ["crates", "depots"],
      select: ["depots.depot_name", "count(*)"],
      groupBy: 1,
    });
  });
});

describe("rankings", () => {
  it("top N by a count of related rows", () => {
    expect(plan(nursery, "top 5 growers by number of harvests")).toMatchObject({
      root: "harvests",
      joins: ["seedlings", "growers"],
      select: ["growers.grower_id", "growers.grower_name", "count(*)"],
      orderBy: ["#2 DESC"],
      limit: 5,
    });
  });

  it("a superlative adjective ranks rows by the column it implies", () => {
    expect(plan(depot, "the 3 heaviest crates")).toMatchObject({
      root: "crates",
      select: ["crates.crate_id", "crates.crate_weight"],
      groupBy: 0,
      orderBy: ["#1 DESC"],
      limit: 3,
    });
  });

  it("the row count is capped by rowLimit", () => {
    expect(plan(nursery, "top 50 growers by number of harvests", { rowLimit: 20 }).limit).toBe(20);
  });
});

describe("lists and their filters", () => {
  it("values and comparisons become predicates on the listed rows", () => {
    expect(plan(nursery, "Basil seedlings with a tray height over 10")).toEqual({
      root: "seedlings",
      joins: [],
      select: ["seedlings.*"],
      distinct: false,
      where: ["seedlings.cultivar in Basil", "seedlings.tray_height > 10"],
      groupBy: 0,
      having: [],
      orderBy: ["seedlings.seedling_id ASC"],
      limit: 1000,
    });
  });

  it("'from X to Y' filters the origin and the destination columns apart", () => {
    expect(plan(depot, "crates from Rotterdam to Hamburg").where).toEqual([
      "crates.from_harbour in Rotterdam",
      "crates.to_harbour in Hamburg",
    ]);
  });

  it("two boolean flags joined by 'or' make one predicate of kind 'either'", () => {
    expect(plan(depot, "crates that are fragile or chilled").where).toEqual([
      { either: ["crates.is_fragile = true", "crates.is_chilled = true"] },
    ]);
    expect(plan(nursery, "seedlings with a heat mat or heat lamp").where).toEqual([
      { either: ["seedlings.has_heat_mat = true", "seedlings.has_heat_lamp = true"] },
    ]);
  });
});

describe("related rows (predicate kind 'related')", () => {
  it("an existence verb: EXISTS along the join path, the outer rows listed once", () => {
    expect(plan(depot, "depots that have sent crates")).toMatchObject({
      root: "depots",
      joins: [],
      select: ["depots.depot_name"],
      distinct: true,
      where: [{ exists: ["crates"], where: [] }],
    });
    expect(plan(clinic, "List the vets that have performed visits.")).toMatchObject({
      root: "vets",
      select: ["vets.*"],
      where: [{ exists: ["visits"], where: [] }],
    });
  });

  it("an absence: NOT EXISTS, with the values that qualify the missing rows inside it", () => {
    expect(plan(nursery, "growers with no Basil seedlings").where).toEqual([
      { notExists: ["seedlings"], where: ["seedlings.cultivar in Basil"] },
    ]);
    expect(plan(clinic, "vets who never got a billing alert").where).toEqual([
      { notExists: ["alerts"], where: ["alerts.kind in billing"] },
    ]);
  });
});

describe("refusals name what was not understood", () => {
  it("an unsupported shape from the intent", () => {
    expect(refusal(depot, "total crate weight and average declared value")).toBe(
      "several aggregates in one question are not supported by the built-in generator",
    );
  });

  it("a grouping no column or table answers", () => {
    expect(refusal(depot, "crates by colour")).toBe('did not understand the grouping "colour"');
    expect(refusal(nursery, "seedlings by colour")).toBe('did not understand the grouping "colour"');
  });

  it("a number no cue claims", () => {
    expect(refusal(nursery, "seedlings 7 Basil")).toBe('did not understand the number "7"');
  });
});
