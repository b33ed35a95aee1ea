import type { Catalog, CatalogTable } from "../sql/catalog.types";
import { type CatalogIndex, type IndexedColumn, indexCatalog } from "./catalog-index";
import { STOPWORDS, valueKey, words } from "./text";
import { matchValues } from "./values";

/**
 * Values a question names that the catalog's samples cannot show: a city among thousands, a person's
 * name, a product. The catalog keeps every value of small dimensions only (see sql/catalog.ts), so
 * for the rest the database itself is asked, once and cheaply: is this phrase a value of one of these
 * columns? A value found links its table like a sampled one ("shops in Springfield" → the
 * table holding the city) and becomes a filter the built-in generator can use.
 *
 * Pure: what to ask (candidates, SQL) and what the answer means (the catalog with the values added).
 * The asking itself — guarded, read-only, a short timeout, cached — is the caller's.
 */

export interface ProbeCandidates {
  phrases: string[];
  columns: IndexedColumn[];
}

export interface ProbedValue {
  table: string;
  column: string;
  value: string;
}

/** Bounds the probe: phrases × columns subqueries, each `LIMIT 1`. */
export const MAX_PROBE_PHRASES = 3;
export const MAX_PROBE_COLUMNS = 8;

/**
 * Phrases worth asking about: quoted text ('…', "…", `…`), and runs of capitalised words that are not
 * the question's first word ("in New York", "by Jane Doe"), unless they are already a known value or
 * only schema words and stopwords.
 */
export function probePhrases(index: CatalogIndex, question: string): string[] {
  const found: string[] = [];
  // Quotes stand apart from words, so the apostrophe of "O'Neil" or "customer's" opens nothing.
  const quoted = /(^|[\s(,:=])(["'`\u201c\u2018])(.{2,60}?)["'`\u201d\u2019](?=$|[\s),.;:?!])/g;
  for (const m of question.matchAll(quoted)) found.push((m[3] as string).trim());
  const unquoted = question.replace(quoted, "$1 , ");
  for (const m of unquoted.matchAll(
    /(?<=[^.?!\s]\s+)((?:[A-Z][\w&.'\u2019-]*)(?:\s+(?:of|de|la|le|van|von|and|&)?\s*[A-Z][\w&.'\u2019-]*)*)/g,
  )) {
    found.push((m[1] as string).trim());
  }
  return [...new Set(found)].filter((p) => worthProbing(index, p)).slice(0, MAX_PROBE_PHRASES);
}

function worthProbing(index: CatalogIndex, phrase: string): boolean {
  const ws = words(phrase);
  if (ws.length === 0 || ws.every((w) => STOPWORDS.has(w) || /^\d+$/.test(w))) return false;
  // Already a sampled value: linking has it.
  if (matchValues(index, ws).some((m) => m.end - m.start === ws.length)) return false;
  // Only words of the schema itself ("Customer", "Order Date"): a name, not a value.
  return !ws.every((w) => index.terms.has(w) || index.compounds(w).length > 0 || STOPWORDS.has(w));
}

/**
 * Text columns whose values the catalog does not list (no samples: too many distinct values, or
 * never analysed), that name things — labels and other descriptive text, not keys. Columns of the
 * linked tables first, then the label columns of the rest.
 */
export function probeColumns(index: CatalogIndex, linkedTables: readonly string[]): IndexedColumn[] {
  const open = (c: IndexedColumn) =>
    c.kind === "text" && !c.isKey && c.column.samples === undefined && c.table.kind !== "view";
  const linked = linkedTables.map((name) => index.table(name)).filter((t) => t !== undefined);
  const first = linked.flatMap((t) =>
    t.columns.filter(open).sort((a, b) => Number(b === t.label) - Number(a === t.label)),
  );
  const labels = index.tables.map((t) => t.label).filter((c): c is IndexedColumn => c !== undefined && open(c));
  return [...new Set([...first, ...labels])].slice(0, MAX_PROBE_COLUMNS);
}

export function probeCandidates(catalog: Catalog, question: string, linkedTables: readonly string[]): ProbeCandidates {
  const index = indexCatalog(catalog);
  const phrases = probePhrases(index, question);
  return { phrases, columns: phrases.length === 0 ? [] : probeColumns(index, linkedTables) };
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** `ILIKE` without wildcards: a case-insensitive equality; the phrase's own % and _ are literal. */
const likePattern = (text: string): string => text.replace(/[\\%_]/g, "\\$&");

/**
 * One statement for the whole probe: a `LIMIT 1` subquery per phrase and column, so a hit costs one
 * row and a miss at most one scan, bounded by the caller's statement timeout.
 */
export function probeSql(candidates: ProbeCandidates): string | undefined {
  const parts: string[] = [];
  candidates.columns.forEach((c, ci) => {
    candidates.phrases.forEach((p) => {
      const col = ident(c.column.name);
      parts.push(
        `(SELECT ${ci} AS c, ${col}::text AS v FROM ${ident(c.table.table.schema)}.${ident(c.table.table.name)} ` +
          `WHERE ${col} ILIKE ${literal(likePattern(p))} LIMIT 1)`,
      );
    });
  });
  return parts.length === 0 ? undefined : parts.join("\nUNION ALL\n");
}

/** The probe's rows (`c`: column index, `v`: the value as stored) as values of catalog columns. */
export function probedValues(candidates: ProbeCandidates, rows: readonly Record<string, unknown>[]): ProbedValue[] {
  const out: ProbedValue[] = [];
  for (const row of rows) {
    const column = candidates.columns[Number(row.c)];
    if (column === undefined || typeof row.v !== "string") continue;
    if (
      !out.some((o) => o.table === column.table.qualifiedName && o.column === column.column.name && o.value === row.v)
    ) {
      out.push({ table: column.table.qualifiedName, column: column.column.name, value: row.v });
    }
  }
  return out;
}

/**
 * The catalog as if its samples had held the probed values: a new catalog (the cached one is shared
 * and never mutated), with only the touched tables copied.
 */
export function withProbedValues(catalog: Catalog, values: readonly ProbedValue[]): Catalog {
  if (values.length === 0) return catalog;
  const byTable = new Map<string, ProbedValue[]>();
  for (const v of values) byTable.set(v.table, [...(byTable.get(v.table) ?? []), v]);
  const tables = catalog.tables.map((t): CatalogTable => {
    const own = byTable.get(`${t.schema}.${t.name}`);
    if (own === undefined) return t;
    return {
      ...t,
      columns: t.columns.map((c) => {
        const added = own.filter((v) => v.column === c.name).map((v) => v.value);
        return added.length === 0 ? c : { ...c, samples: [...new Set([...(c.samples ?? []), ...added])] };
      }),
    };
  });
  return { ...catalog, tables };
}

/** Cache key of a probe: the same phrases against the same columns give the same answer. */
export function probeKey(candidates: ProbeCandidates): string {
  return `${candidates.columns.map((c) => `${c.table.qualifiedName}.${c.column.name}`).join(",")}|${candidates.phrases.map((p) => valueKey(words(p))).join("|")}`;
}
