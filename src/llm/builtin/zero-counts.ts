import { type IndexedTable, type JoinStep, stepSource, stepTarget } from "../../linking";
import type { Comparison } from "./intent";
import { type Expr, type LogicalQuery, type Predicate, predicateTables } from "./query";

/**
 * "agents with fewer than 3 customers", "customers with at most 1 claim": an entity with no related
 * rows has a count of 0, which passes. Inner joins would drop it (a wrong answer: the agents with
 * no customers are exactly the ones asked for). Such a count runs over LEFT JOINs toward the counted
 * rows, and the filters on those rows move into the count (`FILTER (WHERE …)`), since in WHERE they
 * would drop the entity again.
 */

/** A threshold that a count of 0 passes: "fewer than 3", "at most 2", "no more than 5", "0". */
export function admitsZero(c: Comparison): boolean {
  switch (c.op) {
    case "between":
      return c.value <= 0;
    case "<":
      return c.value > 0;
    case "<=":
      return c.value >= 0;
    case "=":
      return c.value === 0;
    case "<>":
      return c.value !== 0;
    default:
      return false;
  }
}

/**
 * Rewrites `q` (rooted at the entity) so entities without `counted` rows stay with a count of 0.
 * `count` must count a column of the counted rows (NULL on the entities without any); returns why
 * not when it cannot.
 */
export function keepZeroCounts(q: LogicalQuery, counted: IndexedTable, count: Expr): string | undefined {
  if (count.kind !== "agg" || count.fn !== "count" || count.arg === undefined)
    return `how to count ${counted.table.name} rows of which there may be none (no single-column key)`;
  const parent = new Map<IndexedTable, JoinStep<IndexedTable>>(q.joins.map((s) => [stepTarget(s), s]));
  const firstStepToward = (t: IndexedTable): JoinStep<IndexedTable> | undefined => {
    let step = parent.get(t);
    while (step !== undefined && stepSource(step) !== q.root) step = parent.get(stepSource(step));
    return step;
  };
  const branch = firstStepToward(counted);
  if (branch === undefined) return `how to reach ${counted.table.name} from ${q.root.table.name}`;
  // Every table joined through that first step (the counted rows and what hangs off them).
  const inner = new Set(q.joins.map(stepTarget).filter((t) => firstStepToward(t) === branch));
  const onInner = (p: Predicate): boolean =>
    p.kind === "related"
      ? p.steps[0] !== undefined && inner.has(stepSource(p.steps[0]))
      : predicateTables(p).some((t) => inner.has(t));
  const moved = q.where.filter(onInner);
  q.where = q.where.filter((p) => !onInner(p));
  if (moved.length > 0) count.filter = [...(count.filter ?? []), ...moved];
  q.outerJoins = new Set(q.joins.filter((s) => inner.has(stepTarget(s))));
  return undefined;
}

/**
 * "the agent with the fewest customers": ranked from the bottom, an entity with no related rows comes
 * first, and a query rooted at the counted rows never sees it. Re-roots `q` at `entity` (the join path
 * walked the other way) and keeps the zero counts. `count` must count a column of `counted`.
 */
export function rankZeroCounts(
  q: LogicalQuery,
  entity: IndexedTable,
  counted: IndexedTable,
  count: Expr,
): string | undefined {
  const parent = new Map<IndexedTable, JoinStep<IndexedTable>>(q.joins.map((s) => [stepTarget(s), s]));
  const path: JoinStep<IndexedTable>[] = [];
  for (let step = parent.get(entity); step !== undefined; step = parent.get(stepSource(step))) path.unshift(step);
  if (path.length === 0 || stepSource(path[0] as JoinStep<IndexedTable>) !== q.root || q.root !== counted)
    return `how to rank ${entity.table.name} with no ${counted.table.name}`;
  const flipped = path.reverse().map((s) => ({ edge: s.edge, forward: !s.forward }));
  q.joins = [...flipped, ...q.joins.filter((s) => !path.includes(s))];
  q.root = entity;
  return keepZeroCounts(q, counted, count);
}
