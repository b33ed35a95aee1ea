import { stem, words } from "../linking";
import { NUMBER_WORDS } from "../shared/number-words";
import type { Catalog } from "../sql/catalog.types";
import type { Filter, Grain } from "./definitions";
import type { MetricQuery } from "./metric-query";
import type { SemanticIndex } from "./model-index";

/**
 * Offline metric search: which defined metrics, dimensions, grain and filters a question asks for.
 * Lexical and predictable: a metric or dimension matches when one of its phrases (name, label,
 * synonyms) appears in the question word for word (after stemming), longest phrase first, so
 * "revenue per customer" beats "revenue" and "revenue by customer segment" is revenue by segment.
 * Filter values come from the dimensions' `values` and the catalog's sample values.
 */
export interface MetricSearchResult {
  query: Omit<MetricQuery, "dateRange">;
  /** What each matched phrase was taken for, for the node's details. */
  matches: { text: string; kind: "metric" | "dimension" | "value" | "grain" | "order"; name: string }[];
}

export type MetricSearch = { ok: true; result: MetricSearchResult } | { ok: false; reason: string };

interface Phrase {
  stems: string[];
  kind: "metric" | "dimension" | "value";
  name: string;
  value?: string;
}

const GRAIN_ADVERBS: Record<string, Grain> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
  annually: "year",
  annual: "year",
};
const GRAIN_NOUNS = new Set(["day", "week", "month", "quarter", "year"]);
const GRAIN_LEADS = new Set(["by", "per", "each", "every", "over", "a"]);
const LIST_WORDS = new Set(["and", "or", "vs", "versus", "plus", "as", "well", "also"]);

const phraseStems = (text: string): string[] => words(text.replace(/_/g, " ")).map(stem);

export interface MetricSearchOptions {
  catalog?: Catalog | undefined;
  /** Metrics the question may pick (the request's domain/layer1/layer2); all when absent. */
  allowMetric?: ((name: string) => boolean) | undefined;
}

export function searchMetrics(question: string, index: SemanticIndex, options: MetricSearchOptions = {}): MetricSearch {
  const tokens = words(question);
  const stems = tokens.map(stem);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const matches: MetricSearchResult["matches"] = [];
  const take = (start: number, end: number) => taken.fill(true, start, end);
  let grain: Grain | undefined;
  let orderBy: MetricQuery["orderBy"];
  let limit: number | undefined;
  let overTime = false;

  const setGrain = (g: Grain, from: number, to: number) => {
    grain ??= g;
    take(from, to);
    matches.push({ text: tokens.slice(from, to).join(" "), kind: "grain", name: g });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1] ?? "";
    if (GRAIN_ADVERBS[t]) setGrain(GRAIN_ADVERBS[t], i, i + 1);
    else if (GRAIN_LEADS.has(t) && GRAIN_NOUNS.has(stem(next))) setGrain(stem(next) as Grain, i, i + 2);
    else if (t === "trend" || (t === "over" && next === "time")) {
      overTime = true;
      take(i, t === "over" ? i + 2 : i + 1);
    } else if (/^(top|bottom|best|worst|highest|lowest|largest|smallest|biggest|most|least)$/.test(t)) {
      const n = Number(next) || NUMBER_WORDS[next];
      const counted = n !== undefined && Number.isInteger(n) && n > 0 && n <= 1000;
      orderBy = { metric: "", descending: !/^(bottom|worst|lowest|smallest|least)$/.test(t) };
      if (counted) limit = n;
      take(i, counted ? i + 2 : i + 1);
      matches.push({
        text: counted ? `${t} ${next}` : t,
        kind: "order",
        name: orderBy.descending ? "descending" : "ascending",
      });
    }
  }

  // Metrics first, so a metric's words are never read as a dimension ("cancelled orders").
  const metricHits = matchPhrases(
    metricPhrases(index).filter((p) => options.allowMetric?.(p.name) ?? true),
    stems,
    taken,
  );
  // Several metrics only when listed ("revenue and order count"): in "revenue from mobile orders",
  // "orders" qualifies the first metric and is not a second one; its words stay free for filters.
  const listed = metricHits.filter((f, i) => {
    const previous = metricHits[i - 1];
    return !previous || tokens.slice(previous.at + previous.stems.length, f.at).every((w) => LIST_WORDS.has(w));
  });
  for (const hit of listed) take(hit.at, hit.at + hit.stems.length);
  const found = [
    ...listed,
    ...matchPhrases([...dimensionPhrases(index), ...valuePhrases(index, options.catalog)], stems, taken),
  ].sort((a, b) => a.at - b.at);
  for (const f of found)
    matches.push({
      text: tokens.slice(f.at, f.at + f.stems.length).join(" "),
      kind: f.kind,
      name: f.value === undefined ? f.name : `${f.name} = ${f.value}`,
    });
  const metrics = unique(listed.map((f) => f.name));
  if (metrics.length === 0) {
    const defined = Object.entries(index.defs.metrics)
      .filter(([name]) => options.allowMetric?.(name) ?? true)
      .map(([name, m]) => (m.label ? `${name} (${m.label})` : name));
    return {
      ok: false,
      reason: `No defined metric matches the question. Defined metrics: ${defined.join(", ") || "(none)"}`,
    };
  }
  const filters: Filter[] = [];
  for (const [dimension, values] of groupValues(found)) {
    filters.push(
      values.length === 1 ? { dimension, operator: "=", value: values[0]! } : { dimension, operator: "in", values },
    );
  }
  const dims = unique(found.filter((f) => f.kind === "dimension").map((f) => f.name));
  const timeDim = dims.map((d) => index.dimensions.get(d)!).find((d) => d.kind === "time");
  // A dimension fixed to one value by a filter would group into a single row: the filter says it all.
  const dimensions = dims.filter(
    (d) =>
      index.dimensions.get(d)!.kind === "categorical" && !filters.some((f) => f.dimension === d && f.operator === "="),
  );
  if (!grain && (overTime || timeDim)) grain = (timeDim ?? defaultTimeOf(metrics[0]!, index))?.defaultGranularity;
  if (orderBy) orderBy.metric = metrics[0]!;
  const ranked = orderBy && (dimensions.length > 0 || grain) ? { orderBy, ...(limit ? { limit } : {}) } : {};
  return { ok: true, result: { query: { metrics, dimensions, grain, filters, ...ranked }, matches } };
}

/**
 * Non-overlapping occurrences of phrases in the question's stems, longest phrase first (ties:
 * dimensions before values, then by name), leaving `taken` words alone. Marks nothing taken.
 */
function matchPhrases(
  phrases: Phrase[],
  stems: readonly string[],
  taken: readonly boolean[],
): (Phrase & { at: number })[] {
  const rank = { metric: 0, dimension: 1, value: 2 };
  const sorted = [...phrases].sort(
    (a, b) => b.stems.length - a.stems.length || rank[a.kind] - rank[b.kind] || a.name.localeCompare(b.name),
  );
  const used = [...taken];
  const hits: (Phrase & { at: number })[] = [];
  for (const p of sorted) {
    for (let i = 0; i + p.stems.length <= stems.length; i++) {
      if (used.slice(i, i + p.stems.length).some(Boolean) || !p.stems.every((s, k) => stems[i + k] === s)) continue;
      hits.push({ ...p, at: i });
      used.fill(true, i, i + p.stems.length);
    }
  }
  return hits.sort((a, b) => a.at - b.at);
}

/** How a metric may be named: its name, label and synonyms (also what the date parser must not read). */
export function metricPhraseTexts(index: SemanticIndex): { name: string; text: string }[] {
  return Object.entries(index.defs.metrics).flatMap(([name, m]) =>
    [name.replace(/_/g, " "), m.label, ...(m.synonyms ?? [])]
      .filter((t): t is string => !!t)
      .map((text) => ({ name, text })),
  );
}

function metricPhrases(index: SemanticIndex): Phrase[] {
  return metricPhraseTexts(index).map(({ name, text }) => ({
    stems: phraseStems(text),
    kind: "metric" as const,
    name,
  }));
}

function dimensionPhrases(index: SemanticIndex): Phrase[] {
  return [...index.dimensions.values()].flatMap((d) =>
    [d.name, d.label, ...d.synonyms]
      .filter((t): t is string => !!t)
      .map((t) => ({ stems: phraseStems(t), kind: "dimension" as const, name: d.name })),
  );
}

/** Values of categorical dimensions: declared ones, and the catalog's samples of a plain column. */
function valuePhrases(index: SemanticIndex, catalog: Catalog | undefined): Phrase[] {
  const out: Phrase[] = [];
  for (const d of index.dimensions.values()) {
    if (d.kind !== "categorical") continue;
    const table = index.model(d.model)?.table.split(".").at(-1);
    const column = catalog?.tables.find((t) => t.name === table)?.columns.find((c) => c.name === d.expr.trim());
    for (const value of unique([...d.values, ...(column?.samples ?? [])])) {
      const s = phraseStems(value);
      if (s.length > 0) out.push({ stems: s, kind: "value", name: d.name, value });
    }
  }
  return out;
}

function groupValues(found: Phrase[]): Map<string, string[]> {
  const byDim = new Map<string, string[]>();
  for (const f of found) {
    if (f.kind !== "value" || f.value === undefined) continue;
    byDim.set(f.name, unique([...(byDim.get(f.name) ?? []), f.value]));
  }
  return byDim;
}

function defaultTimeOf(metric: string, index: SemanticIndex) {
  try {
    const time = index.measuresOf(metric)[0]?.timeDimension;
    return time ? index.dimensions.get(time) : undefined;
  } catch {
    return undefined;
  }
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
