/**
 * Words and stems shared by schema linking and the built-in generator. Catalog identifiers and
 * question words go through the same `stem`, so the stems only have to agree with each other, not be
 * real English: "priced", "price" and "pricing" all become "pric".
 */

/** Abbreviations common in column names, expanded so `cust_id` links to "customer". */
const ABBREVIATIONS: Record<string, string> = {
  acct: "account",
  addr: "address",
  amt: "amount",
  avg: "average",
  cat: "category",
  cnt: "count",
  ccy: "currency",
  cust: "customer",
  desc: "description",
  dept: "department",
  dt: "date",
  emp: "employee",
  inv: "invoice",
  nbr: "number",
  nm: "name",
  num: "number",
  qty: "quantity",
  org: "organization",
  pct: "percent",
  prod: "product",
  std: "standard",
  ts: "timestamp",
  txn: "transaction",
  trx: "transaction",
  usr: "user",
  val: "value",
};

/** Irregular forms the suffix rules below cannot reach. */
const IRREGULAR: Record<string, string> = {
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
  paid: "pay",
  sold: "sell",
  bought: "buy",
  spent: "spend",
  made: "make",
  ids: "id",
  // Past forms that no suffix rule reaches: "authors who have written papers" → writes.
  written: "write",
  wrote: "write",
  taught: "teach",
  given: "give",
  gave: "give",
  taken: "take",
  took: "take",
  held: "hold",
  won: "win",
  built: "build",
  sent: "send",
  seen: "see",
  saw: "see",
  chosen: "choose",
  driven: "drive",
  drove: "drive",
  flown: "fly",
  flew: "fly",
  brought: "bring",
  caught: "catch",
  kept: "keep",
  met: "meet",
  told: "tell",
  spoken: "speak",
  eaten: "eat",
  ate: "eat",
  ridden: "ride",
  rode: "ride",
  data: "data",
  media: "medium",
  criteria: "criterion",
  indices: "index",
  analyses: "analysis",
  statuses: "status",
  aliases: "alias",
  bonuses: "bonus",
  buses: "bus",
  address: "address",
  addresses: "address",
  business: "business",
  businesses: "business",
  series: "series",
  species: "species",
  news: "news",
};

/**
 * Words with no linking value: they never match a table or column. Question-structure words (how, many,
 * by, top ...) are here too; the intent parser recognises them before this list is consulted.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an the of in on at to for from by per with without and or but not no nor is are was were be been being am " +
    "do does did done doing have has had having i me my we our us you your they them their he she it its this that " +
    "these those there here what which who whom whose when where why how many much show list give tell find get " +
    "display return please can could would should will shall may might must all any each every some than then " +
    "as so if into onto about over under up down out off just only also very me let see want need know " +
    "id ids"
  ).split(" "),
);

/**
 * Catalogs repeat the same identifiers and words across hundreds of tables (`id`, `name`, `status`),
 * and indexing stems every one: caching halves the time to index a 500-table catalog. Bounded, since
 * an isolate may index many catalogs over its life.
 */
const CACHE_LIMIT = 50_000;
function cached<T>(cache: Map<string, T>, key: string, compute: (k: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = compute(key);
  cache.set(key, value);
  return value;
}
const splitCache = new Map<string, readonly string[]>();
const stemCache = new Map<string, string>();

/** Splits an identifier into lowercase words: `orderDate`, `order_date`, `ORDER-DATE2` -> order, date (, 2). */
export function splitIdentifier(name: string): string[] {
  return [...cached(splitCache, name, splitUncached)];
}

function splitUncached(name: string): readonly string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-zA-Z])([0-9])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => ABBREVIATIONS[w] ?? w);
}

/** Lowercase words of free text (comments, sample values); apostrophes are dropped ("customer's"). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['\u2019]s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const VOWEL = /[aeiouy]/;

/** A light English stemmer: plurals, -ed, -ing, a final -e and doubled consonants. */
export function stem(word: string): string {
  return cached(stemCache, word, stemUncached);
}

function stemUncached(word: string): string {
  const lower = word.toLowerCase();
  const w = stemmed(lower);
  // "theme(s)" -> "them": a stem that falls on a stopword would make the word vanish from names
  // (room_themes read as rooms); a noun keeps its singular instead.
  const singular = lower.replace(/s$/, "");
  if (STOPWORDS.has(w) && !STOPWORDS.has(singular) && /e$/.test(singular) && stemmed(singular) === w) return singular;
  return w;
}

function stemmed(lower: string): string {
  let w = lower;
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) w = irregular;
  else if (w.length > 3 && !/^\d+$/.test(w)) {
    if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (/(x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
    else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith("ed") && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = w.slice(0, -2);
    else if (w.endsWith("ing") && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = w.slice(0, -3);
  }
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  // "shipped" -> "shipp" -> "ship"; applied to every word so "bill" and "billed" still agree.
  if (w.length > 2 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Stems of the meaningful words of an identifier (`is_`/`has_` prefixes carry no meaning). */
export function identifierStems(name: string): string[] {
  return wordStems(splitIdentifier(name));
}

/** What an abbreviation stands for ("cust" → customer), or the word itself. */
export function expandAbbreviation(word: string): string {
  return ABBREVIATIONS[word] ?? word;
}

/** Stems of a name's words, without a leading "is"/"has" (`is_active` is about "active"). */
export function wordStems(parts: readonly string[]): string[] {
  const meaningful = parts.length > 1 ? parts.filter((w, i) => !(i === 0 && (w === "is" || w === "has"))) : parts;
  return meaningful.map(stem);
}

/** Stems of the content words of free text (comments), without stopwords or numbers. */
export function textStems(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w))
    .map(stem);
}

/** Normalised key of a sample value or a question n-gram: "Home & Garden" -> "home garden". */
export function valueKey(tokens: readonly string[]): string {
  const kept = tokens.length > 1 ? tokens.filter((t) => t !== "and") : tokens;
  return kept.join(" ");
}
