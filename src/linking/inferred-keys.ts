import type { CatalogTable } from "../sql/catalog.types";
import { splitIdentifier, stem } from "./text";

/**
 * Joins a database never declared. Many real schemas (and most exported or legacy ones) have no
 * foreign-key constraints, or none at all; a person reading them still sees that `loan.book_id`
 * points at `book.book_id`. These rules read the same from names alone:
 *
 *  - a table's own key is its declared single-column primary key, or else the column named most like
 *    a key of the table (the first at a tie): `id`, `<table>_id`, `<table>id`, or an initialism such
 *    as `bid` in `book` (the letters before `id` start the table's name);
 *  - another table's column references that key when it has the same name (`loan.bid` →
 *    `book.bid`), is named `<table>_id`/`<table>id` for a key named `id` (`visit.patient_id` →
 *    `patient.id`), or ends with the key once a prefix every table shares is dropped
 *    (`zqInvVendorId` → `zqVendor.zqVendorId`), or with the table's own name and `id`
 *    (`bxtkcustomerid` → `bxcustomer.bxcsid`);
 *  - the two columns must both be numbers or both text, and a name claimed by two tables as their
 *    key goes to the one whose name fits it best (`gid` → `genre`, not `genre_label`).
 *
 * Declared foreign keys always win: a column already in one is never given an inferred reference.
 */

export interface InferredReference {
  /** Qualified `schema.table` of the referencing table. */
  from: string;
  fromColumn: string;
  to: string;
  toColumn: string;
}

type TypeFamily = "number" | "text" | "other";

function typeFamily(type: string): TypeFamily {
  const t = type.toLowerCase();
  if (/^(smallint|integer|bigint|int[248]?|numeric|decimal|(small|big)?serial)\b/.test(t)) return "number";
  if (/^(text|character|char|varchar|citext|bpchar|uuid)\b/.test(t)) return "text";
  return "other";
}

const qualified = (t: CatalogTable): string => `${t.schema}.${t.name}`;
const lower = (s: string): string => s.toLowerCase();

/** The table's name as one lowercase word and as its singular stem: `order_items` → orderitems, orderitem. */
function nameForms(table: CatalogTable): string[] {
  const joined = splitIdentifier(table.name).join("");
  const parts = splitIdentifier(table.name);
  const singular = [...parts.slice(0, -1), stem(parts.at(-1) ?? "")].join("");
  // The stemmer's singular is not always a word ("bikes" → bik); keys are named with the word (bike_id).
  const plain = [joined.replace(/ies$/, "y"), joined.replace(/(?<!s)s$/, ""), joined.replace(/(x|ch|sh|ss)es$/, "$1")];
  return [...new Set([joined, singular, lower(table.name), ...plain])];
}

/** How well a key column name fits its table (0: not a key name for it). */
export function keyNameFit(table: CatalogTable, column: string): number {
  const c = lower(column).replace(/_/g, "");
  if (c === "id") return 3;
  if (!c.endsWith("id") || c.length < 3) return 0;
  const head = c.slice(0, -2);
  const forms = nameForms(table);
  if (forms.includes(head)) return 3;
  // An initialism or abbreviation: the key's letters start the table's name ("bid" in book, "custid" in customer is not).
  if (forms.some((f) => f.startsWith(head))) return 2 - Math.min(1, forms[0]!.length / 100);
  return 0;
}

/** The column that identifies a table's rows, declared or read from its first column's name. */
export function ownKey(table: CatalogTable): string | undefined {
  if (table.primaryKey.length === 1) return table.primaryKey[0];
  if (table.primaryKey.length > 1) return undefined;
  // The column whose name fits the table best, the earlier one at a tie: usually the first, but a
  // schema dumped with its columns sorted may list `abstract` before `pid` in `publication`.
  // Keys are numbers or text: a column `paid boolean` in `payment` only looks like one.
  let best: { name: string; fit: number } | undefined;
  for (const c of table.columns) {
    if (typeFamily(c.type) === "other") continue;
    const fit = keyNameFit(table, c.name);
    if (fit > 0 && (best === undefined || fit > best.fit)) best = { name: c.name, fit };
  }
  return best?.name ?? lookupKey(table);
}

/**
 * A table keyed by a name rather than an id, as lookups often are: its first column is text named
 * `<thing>_name` (`geo(city_name, county, region)`, `state(state_name, population)`) or
 * `<table>_code`. Only when no column of it is named like an id key.
 */
function lookupKey(table: CatalogTable): string | undefined {
  const first = table.columns[0];
  if (first === undefined || typeFamily(first.type) !== "text") return undefined;
  const parts = splitIdentifier(first.name);
  if (parts.length >= 2 && parts[parts.length - 1] === "name") return first.name;
  // A code named for its own table (`carrier(carrier_code, …)`, `currency(currency_code, …)`): the
  // natural key reference tables are built on.
  const head = parts.slice(0, -1).join("");
  return parts.length >= 2 && parts[parts.length - 1] === "code" && nameForms(table).includes(head)
    ? first.name
    : undefined;
}

/** How well a name key fits its table: `state_name` in state beats `state_name` in border_info. */
function lookupFit(table: CatalogTable, column: string): number {
  const head = splitIdentifier(column).slice(0, -1).join("");
  return nameForms(table).includes(head) ? 2 : 1;
}

/** The longest prefix (2+ letters) every table name starts with: a naming convention, not meaning. */
function sharedPrefix(tables: readonly CatalogTable[]): string {
  if (tables.length < 2) return "";
  let prefix = lower(tables[0]!.name);
  for (const t of tables) while (!lower(t.name).startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length >= 2 ? prefix : "";
}

interface KeyOwner {
  table: CatalogTable;
  key: string;
  fit: number;
}

/** One owner per key name: the table whose name fits it best, then the shorter name. */
function keyOwners(tables: readonly CatalogTable[]): Map<string, KeyOwner> {
  const owners = new Map<string, KeyOwner>();
  for (const table of tables) {
    const key = ownKey(table);
    if (key === undefined) continue;
    const byName = keyNameFit(table, key);
    const fit = table.primaryKey.length === 1 ? Math.max(byName, 2.5) : byName > 0 ? byName : lookupFit(table, key);
    const name = lower(key);
    const current = owners.get(name);
    if (
      current === undefined ||
      fit > current.fit ||
      (fit === current.fit && table.name.length < current.table.name.length)
    ) {
      owners.set(name, { table, key, fit });
    }
  }
  return owners;
}

/** The owner a column points at, by one of the naming rules (undefined when none applies). */
function referencedOwner(
  table: CatalogTable,
  column: string,
  owners: Map<string, KeyOwner>,
  byTableName: Map<string, KeyOwner>,
  prefix: string,
): KeyOwner | undefined {
  const name = lower(column);
  // Every table may call its key `id`: the same name says nothing there.
  const same = name === "id" ? undefined : owners.get(name);
  if (same !== undefined && same.table !== table) return same;
  // `<table>_id` / `<table>id` for a table keyed by plain `id`.
  const compact = name.replace(/_/g, "");
  if (compact.endsWith("id") && compact.length > 2) {
    const named = byTableName.get(compact.slice(0, -2));
    if (named !== undefined && named.table !== table) return named;
  }
  // A shared naming prefix hides the key inside a longer name: `zqinvvendorid` ends with `vendorid`.
  if (prefix !== "") {
    for (const owner of owners.values()) {
      const bare = lower(owner.key).startsWith(prefix) ? lower(owner.key).slice(prefix.length) : "";
      if (bare.length >= 4 && owner.table !== table && name !== lower(owner.key) && name.endsWith(bare)) return owner;
    }
    // ... or names the table itself: `bxtkcustomerid` → `bxcustomer`, whose key is `bxcsid`.
    for (const owner of owners.values()) {
      if (owner.table === table) continue;
      const forms = nameForms(owner.table).map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : ""));
      if (forms.some((f) => f.length >= 3 && name.endsWith(`${f}id`) && name !== lower(owner.key))) return owner;
    }
  }
  return undefined;
}

export function inferReferences(tables: readonly CatalogTable[]): InferredReference[] {
  const owners = keyOwners(tables);
  const byTableName = new Map<string, KeyOwner>();
  for (const table of tables) {
    const key = ownKey(table);
    if (key === undefined || lower(key) !== "id") continue;
    for (const form of nameForms(table)) if (!byTableName.has(form)) byTableName.set(form, { table, key, fit: 3 });
  }
  const prefix = sharedPrefix(tables);
  const refs: InferredReference[] = [];
  for (const table of tables) {
    const declared = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
    const own = ownKey(table);
    for (const column of table.columns) {
      // A table's own key by initialism ("page_id" in pageview) still refers to a table named exactly so.
      const namesOther = byTableName.get(lower(column.name).replace(/_/g, "").replace(/id$/, ""));
      const ownsIt = column.name === own && owners.get(lower(own))?.table === table;
      if (declared.has(column.name) || (ownsIt && (namesOther === undefined || namesOther.table === table))) continue;
      const owner = referencedOwner(table, column.name, owners, byTableName, prefix);
      if (owner === undefined) continue;
      const target = owner.table.columns.find((c) => c.name === owner.key);
      if (
        target === undefined ||
        typeFamily(target.type) !== typeFamily(column.type) ||
        typeFamily(column.type) === "other"
      )
        continue;
      refs.push({ from: qualified(table), fromColumn: column.name, to: qualified(owner.table), toColumn: owner.key });
    }
  }
  return refs;
}
