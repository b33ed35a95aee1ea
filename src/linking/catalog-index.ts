import type { Catalog, CatalogColumn, CatalogTable, TableKind } from "../sql/catalog.types";
import { type InferredReference, inferReferences, ownKey } from "./inferred-keys";
import { type JoinEdge, JoinGraph } from "./join-graph";
import { keyRoleWords } from "./key-roles";
import { NameVocabulary, runTogetherWords } from "./run-together";
import {
  expandAbbreviation,
  identifierStems,
  STOPWORDS,
  splitIdentifier,
  stem,
  textStems,
  valueKey,
  wordStems,
  words,
} from "./text";

/**
 * Everything about a catalog that linking needs and that does not depend on the question, computed
 * once per catalog: stems of names and comments, an inverted index from stems to tables/columns,
 * an index of sample values, and the foreign-key graph. Linking a question is then a few map lookups.
 */

export type ColumnKind = "number" | "date" | "timestamp" | "boolean" | "text" | "other";

export interface IndexedColumn {
  readonly column: CatalogColumn;
  readonly table: IndexedTable;
  readonly ordinal: number;
  readonly kind: ColumnKind;
  readonly nameStems: readonly string[];
  readonly commentStems: readonly string[];
  readonly isPrimaryKey: boolean;
  readonly isForeignKey: boolean;
  /** Primary key, foreign key or id-named: an identifier, never a measure or a dimension label. */
  readonly isKey: boolean;
}

export interface IndexedTable {
  readonly table: CatalogTable;
  readonly ordinal: number;
  /** `schema.name`, the key used everywhere else. */
  readonly qualifiedName: string;
  /** A table (its partitions and inheritance children folded in), a view, a materialized view ... */
  readonly kind: TableKind;
  /** A view's or materialized view's `schema.name`s of the relations it reads; empty for the others. */
  readonly viewOf: readonly string[];
  /** `schema.name`s of the partitions and inheritance children folded into this table; usually empty. */
  readonly partitions: readonly string[];
  readonly nameStems: readonly string[];
  readonly commentStems: readonly string[];
  readonly columns: readonly IndexedColumn[];
  /** The column that names a row (name, title, email ...): what "by customer" shows. */
  readonly label: IndexedColumn | undefined;
  column(name: string): IndexedColumn | undefined;
}

export type PostingField = "tableName" | "tableComment" | "columnName" | "columnComment";

export interface Posting {
  readonly table: IndexedTable;
  readonly column: IndexedColumn | undefined;
  readonly field: PostingField;
}

export interface ValuePosting {
  readonly column: IndexedColumn;
  /** The value as stored, ready to become a SQL literal. */
  readonly value: string;
  /** True when the value was quoted in a column comment rather than sampled from the data. */
  readonly fromComment: boolean;
}

export interface CatalogIndex {
  readonly catalog: Catalog;
  readonly tables: readonly IndexedTable[];
  readonly graph: JoinGraph<IndexedTable>;
  /** Postings by stem. */
  readonly terms: ReadonlyMap<string, readonly Posting[]>;
  /** Sample values by normalised word key ("home garden"), and by stemmed key as a fallback. */
  readonly values: ReadonlyMap<string, readonly ValuePosting[]>;
  readonly valueStems: ReadonlyMap<string, readonly ValuePosting[]>;
  /** Longest value key in words: how far n-gram matching over a question must look. */
  readonly maxValueWords: number;
  /** Inverse document frequency of a stem over tables: "id" or "name" say little, "invoice" a lot. */
  idf(term: string): number;
  /**
   * Identifier stems that hold `term` as one of several run-together words (`zqvendor`,
   * `bookloan`): names lower-cased without separators, which splitting cannot reach.
   */
  compounds(term: string): readonly string[];
  table(qualifiedOrBareName: string): IndexedTable | undefined;
}

export function columnKind(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (
    /^(smallint|integer|bigint|int[248]?|numeric|decimal|real|double precision|float[48]?|money|(small|big)?serial)\b/.test(
      t,
    )
  )
    return "number";
  if (t === "date") return "date";
  if (t.startsWith("timestamp")) return "timestamp";
  if (t === "boolean" || t === "bool") return "boolean";
  if (/^(text|character|char|varchar|citext|bpchar|name)\b/.test(t)) return "text";
  return "other";
}

/**
 * A column's kind by what its values are: a domain by the type under it (a `money_amount` over
 * numeric is a number), an enum as text (its labels compare and group as strings).
 */
export function columnKindOf(column: CatalogColumn): ColumnKind {
  if (column.enum) return "text";
  const kind = columnKind(column.baseType ?? column.type);
  return kind === "number" && isIntegerFlag(column) ? "boolean" : kind;
}

/** "1 if the product is no longer sold, 0 otherwise", "flag (0/1)", "boolean: 1 = yes". */
const FLAG_COMMENT = /\b1\s*(?:if|when|means|=)|\b0\s*(?:or|\/)\s*1\b|\b1\s*(?:or|\/)\s*0\b|\bboolean\b|\bflag\b/i;

/**
 * A whole-number column that holds a yes/no, as schemas without a boolean type write one: named
 * is_…/has_… or described as 1 or 0 (`discontinued integer -- 1 if no longer sold`). It filters as
 * `= 1` / `= 0` (sql-builder) and reads like any boolean column ("discontinued products").
 */
export function isIntegerFlag(column: CatalogColumn): boolean {
  const type = (column.baseType ?? column.type).toLowerCase();
  if (!/^(smallint|integer|bigint|int[248]?|bit|tinyint)\b/.test(type)) return false;
  if (/^(is|has)_/i.test(column.name)) return true;
  return FLAG_COMMENT.test(column.comment ?? "");
}

const LABEL_NAMES = ["name", "title", "label", "full_name", "display_name", "username", "user_name", "email", "code"];

/** Words a column that names each row by itself ends in when the table has no name column. */
const IDENTIFIER_WORDS = new Set(
  ["symbol", "ticker", "sku", "number", "abbreviation", "acronym", "handle", "slug"].map(stem),
);
const OWN_IDENTIFIER_WORDS = new Set(["code", "number", "no", "symbol"].map(stem));

/**
 * rooms.number, vessels.vessel_number, ports.port_code: what people call a row when the table has no
 * name column; one row per value, unlike other text (the operator many vessels share).
 */
export function namesEachRow(c: IndexedColumn): boolean {
  if (c.kind !== "text" || c.isForeignKey) return false;
  const words = c.nameStems;
  const last = words[words.length - 1] ?? "";
  if (words.length === 1) return IDENTIFIER_WORDS.has(last);
  return OWN_IDENTIFIER_WORDS.has(last) && words.slice(0, -1).join(" ") === c.table.nameStems.join(" ");
}

function pickLabel(table: CatalogTable, columns: readonly IndexedColumn[]): IndexedColumn | undefined {
  const text = columns.filter((c) => c.kind === "text" && !c.isForeignKey);
  const singular = stem(table.name);
  return (
    LABEL_NAMES.map((n) => text.find((c) => c.column.name.toLowerCase() === n)).find((c) => c !== undefined) ??
    text.find((c) => c.nameStems.join("_") === `${singular}_nam`) ??
    // city_nm, dept_nm: a name however abbreviated.
    text.find((c) => /name$|title$/i.test(c.column.name) || /^(nam|titl)$/.test(c.nameStems.at(-1) ?? "")) ??
    // city.city, country.country: the column named like its table is what a row is called.
    text.find((c) => c.nameStems.join("_") === singular) ??
    // A column naming each row (namesEachRow) before other text, which many rows may share.
    text.find(namesEachRow) ??
    text.find((c) => !c.isKey && c.column.samples === undefined)
  );
}

/**
 * Quoted strings in a comment ("Fulfilment status: 'pending', 'shipped' ..."): documented values.
 * Quotes must stand apart from words, so the apostrophes of "customer's ... company's" are not one.
 */
function commentValues(comment: string | undefined): string[] {
  if (!comment) return [];
  return [...comment.matchAll(/(?:^|[\s(,:=])(?:'([^']{1,60})'|"([^"]{1,60})")(?=$|[\s),.;:])/g)]
    .map((m) => (m[1] ?? m[2] ?? "").trim())
    .filter(Boolean);
}

/**
 * `inferred`: columns that reference another table by name only (see inferred-keys.ts); they are keys
 * like declared ones, never measures ("SUM(book_id)") or labels.
 */
function buildTable(
  table: CatalogTable,
  ordinal: number,
  inferred: ReadonlySet<string> = new Set(),
  names: NameWords = { table: undefined, columns: new Map() },
): IndexedTable {
  const fkColumns = new Set([...table.foreignKeys.flatMap((fk) => fk.columns), ...inferred]);
  // A name or code that keys a lookup (`state_name`, `carrier_code`) joins like a key but is still
  // what people call its rows by: not a hidden identifier.
  const own = ownKey(table);
  const labelKey = own !== undefined && table.primaryKey.length === 0 && /(name|code)$/i.test(own);
  const pk = new Set(table.primaryKey.length > 0 ? table.primaryKey : own === undefined || labelKey ? [] : [own]);
  const byName = new Map<string, IndexedColumn>();
  const columns: IndexedColumn[] = [];
  // Mutable while its columns, which point back at it, are built.
  const indexed: { -readonly [K in keyof IndexedTable]: IndexedTable[K] } = {
    table,
    ordinal,
    qualifiedName: `${table.schema}.${table.name}`,
    kind: table.kind ?? "table",
    viewOf: table.viewOf ?? [],
    partitions: table.partitions ?? [],
    nameStems: names.table ? wordStems(names.table) : identifierStems(table.name),
    commentStems: textStems(table.comment ?? ""),
    columns,
    label: undefined,
    column: (name) => byName.get(name),
  };
  table.columns.forEach((column, i) => {
    const runTogether = names.columns.get(column.name);
    const parts = runTogether ?? splitIdentifier(column.name);
    const idNamed = parts[parts.length - 1] === "id" || /(^|[a-z])I[Dd]$/.test(column.name);
    const c: IndexedColumn = {
      column,
      table: indexed,
      ordinal: i,
      kind: columnKindOf(column),
      nameStems: runTogether ? wordStems(runTogether) : identifierStems(column.name),
      commentStems: textStems(column.comment ?? ""),
      isPrimaryKey: pk.has(column.name),
      isForeignKey: fkColumns.has(column.name),
      isKey: pk.has(column.name) || fkColumns.has(column.name) || idNamed,
    };
    columns.push(c);
    byName.set(column.name, c);
  });
  indexed.label = pickLabel(table, columns);
  return indexed;
}

function addPosting(terms: Map<string, Posting[]>, term: string, posting: Posting, always = false): void {
  if ((STOPWORDS.has(term) && !always) || term.length < 2) return;
  const list = terms.get(term);
  if (list === undefined) terms.set(term, [posting]);
  else list.push(posting);
}

function addValue(map: Map<string, ValuePosting[]>, key: string, posting: ValuePosting): void {
  const list = map.get(key) ?? [];
  if (!list.some((p) => p.column === posting.column && p.value === posting.value)) list.push(posting);
  map.set(key, list);
}

/** Words of run-together names (run-together.ts), for one table: its name's and its columns'. */
interface NameWords {
  table: string[] | undefined;
  columns: ReadonlyMap<string, string[]>;
}

/** The words of names written as one word behind a shared prefix, table by table (run-together.ts). */
function runTogetherNames(catalog: Catalog): NameWords[] {
  const spelledOut = new Set<string>();
  for (const t of catalog.tables) {
    for (const w of [...splitIdentifier(t.name), ...words(t.comment ?? "")]) spelledOut.add(w);
    for (const c of t.columns) {
      const parts = splitIdentifier(c.name);
      if (parts.length > 1) for (const w of parts) spelledOut.add(w);
      for (const w of words(c.comment ?? "")) spelledOut.add(w);
    }
  }
  const vocabulary = new NameVocabulary(spelledOut);
  const expand = (ws: string[]) => ws.map(expandAbbreviation);
  const tableWords = runTogetherWords(
    catalog.tables.map((t) => t.name),
    vocabulary,
  );
  return catalog.tables.map((t) => {
    const columns = runTogetherWords(
      t.columns.map((c) => c.name),
      vocabulary,
    );
    const ownWords = tableWords.get(t.name);
    return {
      table: ownWords ? expand(ownWords) : undefined,
      columns: new Map([...columns].map(([name, ws]) => [name, expand(ws)])),
    };
  });
}

export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const inferred = inferReferences(catalog.tables);
  const inferredColumns = new Map<string, Set<string>>();
  for (const r of inferred) inferredColumns.set(r.from, (inferredColumns.get(r.from) ?? new Set()).add(r.fromColumn));
  const nameWords = runTogetherNames(catalog);
  const tables = catalog.tables.map((t, i) =>
    buildTable(t, i, inferredColumns.get(`${t.schema}.${t.name}`), nameWords[i]),
  );
  const byName = new Map<string, IndexedTable>();
  const bareCount = new Map<string, number>();
  for (const t of tables) {
    byName.set(t.qualifiedName, t);
    bareCount.set(t.table.name, (bareCount.get(t.table.name) ?? 0) + 1);
  }
  // A bare name resolves only when it is unambiguous across schemas.
  for (const t of tables) if (bareCount.get(t.table.name) === 1) byName.set(t.table.name, t);

  const terms = new Map<string, Posting[]>();
  const values = new Map<string, ValuePosting[]>();
  const valueStems = new Map<string, ValuePosting[]>();
  let maxValueWords = 1;
  const tableDf = new Map<string, number>();
  for (const t of tables) {
    const seen = new Set<string>();
    const post = (term: string, column: IndexedColumn | undefined, field: PostingField, always = false) => {
      addPosting(terms, term, { table: t, column, field }, always);
      seen.add(term);
    };
    // A table named only by words that are stop words elsewhere ("shows", "returns", "lists") is
    // still named by them: "episodes for each show".
    const plainWords = t.nameStems.every((s) => STOPWORDS.has(s) && s !== "id");
    for (const s of new Set(t.nameStems)) post(s, undefined, "tableName", plainWords);
    for (const s of new Set(t.commentStems)) post(s, undefined, "tableComment");
    for (const c of t.columns) {
      for (const s of new Set(c.nameStems)) post(s, c, "columnName");
      for (const s of new Set(c.commentStems)) post(s, c, "columnComment");
      const sampled = (c.column.samples ?? []).map((v) => ({ v, fromComment: false }));
      const documented =
        c.kind === "text" ? commentValues(c.column.comment).map((v) => ({ v, fromComment: true })) : [];
      for (const { v, fromComment } of [...sampled, ...documented]) {
        const ws = words(v);
        // Single letters, stopwords and numbers make poor filters ("a", "no", "1").
        if (
          ws.length === 0 ||
          (ws.length === 1 &&
            (STOPWORDS.has(ws[0] as string) || (ws[0] as string).length < 2 || /^\d+$/.test(ws[0] as string)))
        )
          continue;
        const posting: ValuePosting = { column: c, value: v, fromComment };
        addValue(values, valueKey(ws), posting);
        addValue(valueStems, valueKey(ws.map(stem)), posting);
        maxValueWords = Math.max(maxValueWords, ws.length);
      }
    }
    for (const s of seen) tableDf.set(s, (tableDf.get(s) ?? 0) + 1);
  }

  const edges: JoinEdge<IndexedTable>[] = [];
  for (const t of tables) {
    for (const fk of t.table.foreignKeys) {
      const to = byName.get(`${fk.refSchema}.${fk.refTable}`);
      if (to !== undefined) edges.push({ from: t, fromColumns: fk.columns, to, toColumns: fk.refColumns });
    }
  }
  edges.push(...inferredEdges(inferred, byName));
  for (const e of edges) {
    const key = e.fromColumns.length === 1 ? e.from.column(e.fromColumns[0] as string) : undefined;
    if (key !== undefined && keyRoleWords(key, e.to).length > 0) e.role = true;
  }

  const n = tables.length;
  const maxIdf = Math.log(1 + n);
  return {
    catalog,
    tables,
    graph: new JoinGraph(n, edges),
    terms,
    values,
    valueStems,
    maxValueWords,
    // Normalised to (0, 1]: a stem found in one table of many weighs 1, one found in every table little.
    idf: (term) => (n === 0 ? 1 : Math.log(1 + n / (tableDf.get(term) ?? 1)) / maxIdf),
    table: (name) => byName.get(name),
    compounds: compoundLookup(terms),
  };
}

/** A word inside a compound must leave at least this much of it: "orders" is not a compound of "order". */
const MIN_COMPOUND_REST = 2;

/**
 * Run-together names are found by containment: a word of 4-5 letters must start or end the
 * identifier, a longer one may sit anywhere in it ("daily" is too short to trust mid-word, "customer"
 * is not). Answers are cached per index; a question has only a dozen words.
 */
function compoundLookup(terms: ReadonlyMap<string, readonly Posting[]>): (term: string) => readonly string[] {
  const names = [...terms]
    .filter(([, ps]) => ps.some((p) => p.field === "tableName" || p.field === "columnName"))
    .map(([t]) => t);
  const identifiers = names.filter((t) => t.length >= 6);
  const cache = new Map<string, readonly string[]>();
  return (term) => {
    if (term.length < 3 || /^\d+$/.test(term)) return [];
    const hit = cache.get(term);
    if (hit !== undefined) return hit;
    const inside = (id: string): boolean => {
      if (term.length < 4 || id.length - term.length < MIN_COMPOUND_REST) return false;
      const at = id.indexOf(term);
      return at === 0 || (at > 0 && (id.endsWith(term) || term.length >= 6));
    };
    const found = [
      ...new Set([...identifiers.filter(inside), ...names.filter((id) => id !== term && isEventNoun(term, id))]),
    ];
    if (cache.size > 1000) cache.clear();
    cache.set(term, found);
    return found;
  };
}

/**
 * Nouns English makes from verbs, for tables named by their events: rented → rental, paid → payment,
 * shipped → shipment, enrolled → enrollment, delivered → delivery. Compared on stems.
 */
const NOMINAL_SUFFIXES = ["ment", "al", "ion", "ation", "ance", "ence", "ure", "y"];

export function isEventNoun(verbStem: string, nounStem: string): boolean {
  const last = verbStem.at(-1) ?? "";
  // The verb as it is, with its last consonant doubled (ship → shipment needs none, enrol → enrollment
  // does), or an -er verb losing its e (register → registration, enter → entry).
  const bases = [verbStem, verbStem + last, ...(verbStem.endsWith("er") ? [`${verbStem.slice(0, -2)}r`] : [])];
  return bases.some((base) => nounStem.startsWith(base) && NOMINAL_SUFFIXES.includes(nounStem.slice(base.length)));
}

function inferredEdges(
  refs: readonly InferredReference[],
  byName: ReadonlyMap<string, IndexedTable>,
): JoinEdge<IndexedTable>[] {
  return refs.flatMap((r) => {
    const from = byName.get(r.from);
    const to = byName.get(r.to);
    return from && to ? [{ from, fromColumns: [r.fromColumn], to, toColumns: [r.toColumn] }] : [];
  });
}

const cache = new WeakMap<Catalog, { loadedAt: string; tables: readonly CatalogTable[]; index: CatalogIndex }>();

/**
 * The index of a catalog, built on first use and kept as long as the catalog object lives. A catalog
 * is replaced, not mutated, when it is reloaded; should the same object be refreshed in place (new
 * `loadedAt` or a new tables array), the index is rebuilt.
 */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const hit = cache.get(catalog);
  if (hit !== undefined && hit.loadedAt === catalog.loadedAt && hit.tables === catalog.tables) return hit.index;
  const index = buildCatalogIndex(catalog);
  cache.set(catalog, { loadedAt: catalog.loadedAt, tables: catalog.tables, index });
  return index;
}
