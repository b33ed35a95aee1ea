/**
 * The foreign-key graph of a catalog and shortest join paths over it. Direction matters for SQL
 * correctness: walking from the table that holds a foreign key to the table it references is
 * many-to-one and keeps the row count; walking the other way multiplies rows (fan-out), which inflates
 * SUM and COUNT(*). Paths therefore carry the direction of every step.
 */

/** A foreign key: `from` holds `fromColumns`, which reference `toColumns` of `to`. */
export interface JoinEdge<T> {
  from: T;
  fromColumns: readonly string[];
  to: T;
  toColumns: readonly string[];
  /** The key names a role of the referenced rows (preferred_clinic_id), not the rows' own relation. */
  role?: boolean;
}

/** One step of a path; `forward` = from the FK holder to the referenced table (no fan-out). */
export interface JoinStep<T> {
  edge: JoinEdge<T>;
  forward: boolean;
}

export const stepSource = <T>(s: JoinStep<T>): T => (s.forward ? s.edge.from : s.edge.to);
export const stepTarget = <T>(s: JoinStep<T>): T => (s.forward ? s.edge.to : s.edge.from);

/** Paths longer than this are not worth proposing: the join would rarely be what the user means. */
export const MAX_JOIN_HOPS = 4;

/** How a table is reached from another: see `JoinGraph.reach`. */
export interface Reached {
  hops: number;
  backward: boolean;
  forward: boolean;
  sideways: boolean;
}

export class JoinGraph<T extends { ordinal: number }> {
  /** Steps leaving each table (by ordinal), forward steps first so ties prefer many-to-one joins. */
  private readonly adjacency: JoinStep<T>[][];

  constructor(size: number, edges: readonly JoinEdge<T>[]) {
    this.adjacency = Array.from({ length: size }, () => []);
    for (const edge of edges) {
      if (edge.from.ordinal === edge.to.ordinal) continue; // self-references never connect two tables
      this.adjacency[edge.from.ordinal]?.push({ edge, forward: true });
      this.adjacency[edge.to.ordinal]?.push({ edge, forward: false });
    }
    for (const list of this.adjacency) list.sort((a, b) => Number(b.forward) - Number(a.forward));
  }

  steps(table: T): readonly JoinStep<T>[] {
    return this.adjacency[table.ordinal] ?? [];
  }

  /**
   * Shortest path from any table of `sources` to `target`, as steps walked away from the sources.
   * Breadth-first, so the path has the fewest joins. Among equally short ones it takes the one that
   * meets fewest shared parents: a step up a foreign key followed by a step down another (customer →
   * store ← inventory) relates two rows only by what they have in common, a chasm, while a path through
   * a table that references both (customer ← rental → inventory) relates them by what happened. Then
   * the forward-first adjacency order prefers paths without fan-out.
   */
  pathFrom(sources: readonly T[], target: T, maxHops = MAX_JOIN_HOPS): JoinStep<T>[] | undefined {
    if (sources.some((s) => s.ordinal === target.ordinal)) return [];
    const settled = new Set(sources.map((s) => s.ordinal));
    let frontier: PathSoFar<T>[] = sources.map((s) => ({ table: s, steps: [], chasms: 0 }));
    for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
      // The best path to each table of this layer, kept apart by its last step's direction: a path
      // that arrived walking down can take a further step down without meeting a shared parent.
      const layer = new Map<string, PathSoFar<T>>();
      for (const path of frontier) {
        for (const step of this.steps(path.table)) {
          const to = stepTarget(step);
          if (settled.has(to.ordinal)) continue;
          const chasms = path.chasms + (path.steps.at(-1)?.forward === true && !step.forward ? 1 : 0);
          const key = `${to.ordinal}:${step.forward}`;
          const known = layer.get(key);
          if (known === undefined || chasms < known.chasms)
            layer.set(key, { table: to, steps: [...path.steps, step], chasms });
        }
      }
      frontier = [...layer.values()];
      for (const path of frontier) settled.add(path.table.ordinal);
      const arrivals = frontier.filter((p) => p.table.ordinal === target.ordinal);
      if (arrivals.length > 0) return arrivals.reduce((a, b) => (b.chasms < a.chasms ? b : a)).steps;
    }
    return undefined;
  }

  /**
   * Shortest path from any of `sources` to `target` walking only up foreign keys (many-to-one), so
   * every source row meets at most one target row: "each track with its genre" adds a column, never
   * rows. Undefined when no such path is at most `maxHops` long.
   */
  manyToOnePath(sources: readonly T[], target: T, maxHops = MAX_JOIN_HOPS): JoinStep<T>[] | undefined {
    return this.manyToOneReach(sources, maxHops).get(target.ordinal);
  }

  /**
   * Every table reached from `sources` by many-to-one steps within `maxHops`, by ordinal, with its
   * shortest such path (sources themselves with none): one breadth-first pass for all targets.
   */
  manyToOneReach(sources: readonly T[], maxHops = MAX_JOIN_HOPS): Map<number, JoinStep<T>[]> {
    const out = new Map<number, JoinStep<T>[]>(sources.map((s) => [s.ordinal, []]));
    let frontier = sources.map((table) => ({ table, steps: [] as JoinStep<T>[] }));
    for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
      const next: typeof frontier = [];
      for (const path of frontier) {
        for (const step of this.steps(path.table)) {
          const to = stepTarget(step);
          if (!step.forward || out.has(to.ordinal)) continue;
          const steps = [...path.steps, step];
          out.set(to.ordinal, steps);
          next.push({ table: to, steps });
        }
      }
      frontier = next;
    }
    return out;
  }

  /**
   * Every table within `maxHops` of `from`, with its distance, whether the shortest path walks
   * against a foreign key somewhere (fan-out), and whether it does so after walking along one
   * (sideways: rows sharing a parent with `from`, as a showing's snack sales beside its tickets).
   * One breadth-first pass instead of a path per table.
   */
  reach(from: T, maxHops = MAX_JOIN_HOPS): Map<number, Reached> {
    const start: Reached = { hops: 0, backward: false, forward: false, sideways: false };
    const out = new Map<number, Reached>([[from.ordinal, start]]);
    let frontier: T[] = [from];
    for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
      const next: T[] = [];
      for (const table of frontier) {
        const at = out.get(table.ordinal) ?? start;
        for (const step of this.steps(table)) {
          const to = stepTarget(step);
          if (out.has(to.ordinal)) continue;
          out.set(to.ordinal, {
            hops: hop,
            backward: at.backward || !step.forward,
            forward: at.forward || step.forward,
            sideways: at.sideways || (at.forward && !step.forward),
          });
          next.push(to);
        }
      }
      frontier = next;
    }
    return out;
  }

  /**
   * Steps joining `required` tables to `root`, in an order where each step's source is already joined.
   * Tables that cannot be reached within MAX_JOIN_HOPS are returned in `unreachable`.
   */
  tree(root: T, required: readonly T[]): { steps: JoinStep<T>[]; unreachable: T[] } {
    const joined: T[] = [root];
    const steps: JoinStep<T>[] = [];
    const unreachable: T[] = [];
    for (const target of required) {
      const path = this.pathFrom(joined, target);
      if (path === undefined) {
        unreachable.push(target);
        continue;
      }
      for (const step of path) {
        steps.push(step);
        joined.push(stepTarget(step));
      }
    }
    return { steps, unreachable };
  }
}

interface PathSoFar<T> {
  table: T;
  steps: JoinStep<T>[];
  /** Steps up to a parent directly followed by a step down from it. */
  chasms: number;
}
