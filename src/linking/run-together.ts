/**
 * Names written as one lower-case word behind a vendor prefix: `zqvndname`, `zqvndcity` in a table
 * `zqvendor`, beside `zqpoamount` in `zqpurchaseorder`. Splitting at case or underscores cannot reach
 * their words, so a reader's eye is copied instead:
 *
 *  - a prefix every column of a table shares (`zqvnd`), or every table of a schema shares (`zq`), is
 *    dropped when what is left of each name is a recognisable word or run of words;
 *  - what is left is cut into known words (`joindate` → join date, `custid` → cust id), the
 *    vocabulary being common column words plus the words the catalog spells out elsewhere (split
 *    names, comments); one unknown piece of three or more letters may lead (`cust` in `custid`),
 *    which the abbreviation table then reads (`cust` → customer).
 *
 * Names with case changes or separators are left to the ordinary split; so is any table whose columns do not
 * all share the prefix, so `status`, `state` and `start` never lose an `st`.
 */

/** Words column names are commonly built from; the catalog's own spelled-out words join them. */
const COMMON_NAME_WORDS = [
  "id",
  "key",
  "code",
  "name",
  "title",
  "desc",
  "description",
  "type",
  "kind",
  "class",
  "category",
  "status",
  "state",
  "flag",
  "active",
  "enabled",
  "deleted",
  "valid",
  "date",
  "time",
  "datetime",
  "timestamp",
  "year",
  "month",
  "day",
  "week",
  "hour",
  "start",
  "end",
  "begin",
  "created",
  "updated",
  "modified",
  "join",
  "signup",
  "birth",
  "open",
  "close",
  "high",
  "low",
  "volume",
  "amount",
  "amt",
  "price",
  "cost",
  "total",
  "sum",
  "tax",
  "fee",
  "rate",
  "commission",
  "discount",
  "balance",
  "value",
  "qty",
  "quantity",
  "count",
  "number",
  "num",
  "no",
  "shares",
  "units",
  "score",
  "rating",
  "rank",
  "level",
  "percent",
  "email",
  "phone",
  "fax",
  "address",
  "street",
  "city",
  "town",
  "county",
  "region",
  "country",
  "postal",
  "zip",
  "first",
  "last",
  "middle",
  "full",
  "short",
  "long",
  "user",
  "customer",
  "cust",
  "client",
  "vendor",
  "supplier",
  "product",
  "item",
  "order",
  "account",
  "employee",
  "manager",
  "symbol",
  "currency",
  "ccy",
  "exchange",
  "source",
  "note",
  "notes",
  "comment",
  "text",
  "url",
  "settlement",
  "epoch",
  "ms",
  "str",
  "is",
  "has",
  // Things tables are commonly named after.
  "invoice",
  "purchase",
  "payment",
  "transaction",
  "sale",
  "ticket",
  "event",
  "booking",
  "shipment",
  "delivery",
  "inventory",
  "stock",
  "store",
  "warehouse",
  "department",
  "project",
  "task",
  "contract",
  "policy",
  "claim",
  "loan",
  "member",
  "student",
  "course",
  "patient",
  "visit",
  "trip",
  "vehicle",
  "driver",
  "review",
  "post",
  "message",
  "session",
  "device",
  "merchant",
  "wallet",
  "coupon",
  "subscription",
  "plan",
  "ledger",
  "entry",
  "daily",
  "monthly",
  "history",
  "log",
];

/** Prefixes shorter than this are too likely to be a word's own start (`st` of status and state). */
const MIN_PREFIX = 2;
/** A leading piece not in the vocabulary must be at least this long to be trusted as a word. */
const MIN_UNKNOWN_HEAD = 3;

/** Lower-case letters (digits allowed): no case change or separator that splitting could use. */
const isRunTogether = (name: string): boolean => /^[a-z][a-z0-9]*$/.test(name);

function commonPrefix(names: readonly string[]): string {
  let prefix = names[0] ?? "";
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export class NameVocabulary {
  private readonly known: Set<string>;

  /** `spelledOut`: words the catalog writes separately (split identifiers, comments). */
  constructor(spelledOut: Iterable<string>) {
    this.known = new Set(COMMON_NAME_WORDS);
    for (const w of spelledOut) if (w.length >= 3 && /^[a-z]+$/.test(w)) this.known.add(w);
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /**
   * `rest` cut into known words, fewest pieces first; digits stay with the word before them
   * (`address1`). An unknown head of MIN_UNKNOWN_HEAD+ letters may lead. Undefined when no cut works.
   */
  segment(rest: string): string[] | undefined {
    const body = rest.replace(/\d+$/, "");
    if (body.length === 0) return undefined;
    const best: (string[] | undefined)[] = new Array(body.length + 1).fill(undefined);
    best[0] = [];
    for (let end = 1; end <= body.length; end++) {
      for (let start = 0; start < end; start++) {
        const before = best[start];
        const piece = body.slice(start, end);
        const ok = this.known.has(piece) || (start === 0 && piece.length >= MIN_UNKNOWN_HEAD && end < body.length);
        if (before === undefined || !ok) continue;
        const candidate = [...before, piece];
        const current = best[end];
        if (current === undefined || fewerOrKnown(candidate, current, this.known)) best[end] = candidate;
      }
    }
    return best[body.length];
  }

  /** A name's words once `prefix` is dropped; a rest that is no run of words stays one word (`db2x`). */
  wordsAfter(name: string, prefix: string): string[] {
    const rest = name.slice(prefix.length);
    return this.segment(rest) ?? [rest];
  }
}

/** Prefer the cut with fewer unknown pieces (`settlement date`, not `settlementdate`), then fewer pieces. */
function fewerOrKnown(a: readonly string[], b: readonly string[], known: ReadonlySet<string>): boolean {
  const unknown = (xs: readonly string[]) => xs.filter((x) => !known.has(x)).length;
  if (unknown(a) !== unknown(b)) return unknown(a) < unknown(b);
  return a.length < b.length;
}

/**
 * The prefix all `names` share that can be dropped: every name run together, at least two of them;
 * what is left of at least half of them a known word by itself, and of three in four a run of known
 * words. Empty when there is none.
 */
export function droppablePrefix(names: readonly string[], vocabulary: NameVocabulary): string {
  const lower = names.map((n) => n.toLowerCase());
  if (lower.length < 2 || !names.every(isRunTogether)) return "";
  let prefix = commonPrefix(lower);
  // The prefix must leave every name at least two letters; shorten it until it does.
  while (prefix.length >= MIN_PREFIX && lower.some((n) => n.length - prefix.length < 2)) prefix = prefix.slice(0, -1);
  if (prefix.length < MIN_PREFIX) return "";
  const rests = lower.map((n) => n.slice(prefix.length).replace(/\d+$/, ""));
  const wholeWords = rests.filter((r) => vocabulary.has(r)).length;
  const cut = rests.filter((r) => r.length > 0 && vocabulary.segment(r) !== undefined).length;
  return wholeWords * 2 >= rests.length && cut * 4 >= rests.length * 3 ? prefix : "";
}

/**
 * The words of each run-together name, by name, once the shared prefix is dropped: empty when the
 * names are not of that kind (then the ordinary split applies).
 */
export function runTogetherWords(names: readonly string[], vocabulary: NameVocabulary): Map<string, string[]> {
  const prefix = droppablePrefix(names, vocabulary);
  const out = new Map<string, string[]>();
  if (prefix === "") return out;
  for (const name of names) out.set(name, vocabulary.wordsAfter(name.toLowerCase(), prefix));
  return out;
}
