import { type IndexedColumn, STOPWORDS } from "../../linking";
import { stem } from "../../linking/text";
import type { Comparison } from "./intent";
import { preferLinked, type ResolveContext } from "./phrase";
import type { Token } from "./tokens";

/**
 * Units of measure, read from a column's name (`milliseconds`, `weight_kg`) or comment ("Running
 * time in minutes") and from a question's words ("longer than three hours", "over 99 cents"): a
 * column named by the quantity it measures ("length" finds `milliseconds`), and a number written in
 * another unit than the column's converted to it. A unit that cannot be told is never guessed.
 */

export type Quantity = "duration" | "size" | "money" | "weight" | "distance";

export interface Unit {
  quantity: Quantity;
  /** How many of the quantity's base unit one of this unit is (seconds, bytes, dollars, grams, metres). */
  factor: number;
}

const UNIT_NAMES: [string[], Unit][] = [
  [["millisecond", "milliseconds", "ms", "msec"], { quantity: "duration", factor: 0.001 }],
  [["second", "seconds", "sec", "secs"], { quantity: "duration", factor: 1 }],
  // Not "min": in a name it is more often a minimum ("temp_min").
  [["minute", "minutes", "mins"], { quantity: "duration", factor: 60 }],
  [["hour", "hours", "hr", "hrs"], { quantity: "duration", factor: 3600 }],
  [["byte", "bytes"], { quantity: "size", factor: 1 }],
  [["cent", "cents"], { quantity: "money", factor: 0.01 }],
  [["dollar", "dollars", "usd"], { quantity: "money", factor: 1 }],
  [["gram", "grams"], { quantity: "weight", factor: 1 }],
  [["kilogram", "kilograms", "kg", "kgs"], { quantity: "weight", factor: 1000 }],
  [["metre", "metres", "meter", "meters"], { quantity: "distance", factor: 1 }],
  [["kilometre", "kilometres", "kilometer", "kilometers", "km"], { quantity: "distance", factor: 1000 }],
];
const UNITS = new Map(UNIT_NAMES.flatMap(([names, unit]) => names.map((n) => [n, unit] as const)));
const UNIT_STEMS = new Map(UNIT_NAMES.flatMap(([names, unit]) => names.map((n) => [stem(n), unit] as const)));

/** The unit a word names ("hours", "cents"), if any. */
export const unitOf = (word: string): Unit | undefined => UNITS.get(word.toLowerCase());

/** Words naming what a column measures, and the quantities they may mean ("length": a duration or a distance). */
const QUANTITY_WORDS = new Map<string, Quantity[]>(
  (
    [
      ["length", ["duration", "distance"]],
      ["long", ["duration", "distance"]],
      ["longer", ["duration", "distance"]],
      ["shorter", ["duration", "distance"]],
      ["duration", ["duration"]],
      ["runtime", ["duration"]],
      ["running", ["duration"]],
      ["size", ["size"]],
      ["weight", ["weight"]],
      ["heavier", ["weight"]],
      ["lighter", ["weight"]],
      ["distance", ["distance"]],
    ] as [string, Quantity[]][]
  ).map(([w, q]) => [stem(w), q]),
);

/** Words saying a row's price is compared: "tools that cost more than 15 dollars to rent". */
const PRICE_WORDS = new Set(["cost", "costs", "costing", "priced", "charge", "charges", "charged"]);
export const saysPrice = (t: Token): boolean => PRICE_WORDS.has(t.text);

/** The quantities a word names ("longer" → duration or distance). */
export const quantitiesOf = (t: Token): readonly Quantity[] => QUANTITY_WORDS.get(t.stem) ?? [];

const COMMENT_UNIT = new RegExp(`\\b(?:in|of)\\s+(${[...UNITS.keys()].join("|")})\\b`, "i");

/**
 * The unit a column holds: its name's last word ("duration_minutes", "milliseconds") or "in <unit>"
 * in its comment ("Running time in minutes"). Only numeric columns have one.
 */
export function columnUnit(c: IndexedColumn): Unit | undefined {
  if (c.kind !== "number" || c.isKey) return undefined;
  const last = c.nameStems[c.nameStems.length - 1];
  const named = last === undefined ? undefined : UNIT_STEMS.get(last);
  if (named !== undefined) return named;
  const m = COMMENT_UNIT.exec(c.column.comment ?? "");
  return m === null ? undefined : unitOf(m[1] as string);
}

/**
 * "films longer than three hours" against a length in minutes: the number in the column's unit
 * (180). A comparison without a unit is left as it is; one whose unit the column's cannot be
 * converted from (unknown, or another quantity) is refused with the reason.
 */
export function inColumnUnit(c: Comparison, column: IndexedColumn): Comparison | string {
  if (c.unit === undefined) return c;
  const asked = unitOf(c.unit);
  const held = columnUnit(column);
  const where = `${column.table.table.name}.${column.column.name}`;
  if (asked === undefined) return c;
  // "orders over 500 dollars": amounts are taken to be in the currency asked, as without the word.
  if (held === undefined && asked.quantity === "money" && asked.factor === 1) return c;
  if (held === undefined) return `which unit ${where} holds, to compare it with "${c.text}"`;
  if (held.quantity !== asked.quantity) return `how to compare ${where} with "${c.text}"`;
  const convert = (v: number) => Number(((v * asked.factor) / held.factor).toPrecision(12));
  return { ...c, value: convert(c.value), ...(c.high !== undefined ? { high: convert(c.high) } : {}) };
}

/** Words of a column's name that only say it holds a length of time: run_time_min, duration_sec. */
const LENGTH_WORDS = new Set(["length", "duration", "time", "runtime", "run", "total", "elapsed"].map(stem));

/**
 * "shifts longer than 10 hours" beside shift.break_min: a length named for a part of the row (its
 * break) is that part's, not the row's own. A column whose name carries a word other than its unit,
 * a word of length, or its table's own name is only what a phrase naming that word measures.
 */
function lengthOfAPart(c: IndexedColumn, words: readonly Token[]): boolean {
  // "containers by weight" beside gross_kg: only lengths of time have parts (a break, a trailer).
  if (columnUnit(c)?.quantity !== "duration") return false;
  const unit = c.nameStems.at(-1);
  const rest = c.nameStems.filter(
    (s) => s !== unit && !LENGTH_WORDS.has(s) && !c.table.nameStems.includes(s) && !STOPWORDS.has(s),
  );
  return rest.some((s) => !words.some((t) => t.stem === s));
}

/**
 * "the longest tracks" beside tracks.milliseconds, "films longer than three hours" beside a length
 * "in minutes": numeric columns whose unit measures the quantity a word names, in the tables the
 * question is about (linking's), else anywhere.
 */
export function columnsMeasuring(
  ctx: ResolveContext,
  words: readonly Token[],
): { column: IndexedColumn; used: Token[] }[] {
  const named = words.filter((t) => quantitiesOf(t).length > 0);
  if (named.length === 0) return [];
  const quantities = new Set(named.flatMap(quantitiesOf));
  const all = ctx.index.tables.flatMap((t) =>
    t.columns.filter((c) => {
      const unit = columnUnit(c);
      return unit !== undefined && quantities.has(unit.quantity) && !lengthOfAPart(c, words);
    }),
  );
  return preferLinked(ctx, all, (c) => c.table).map((column) => ({ column, used: named }));
}

/** Lengths of time a question may measure in: plural, as an amount is asked ("average days"). */
const TIME_AMOUNTS = new Map<string, number | undefined>([
  ["seconds", 1],
  ["minutes", 60],
  ["hours", 3600],
  ["days", 86_400],
  ["weeks", 604_800],
  // Months and years have no fixed length in seconds.
  ["months", undefined],
  ["years", undefined],
]);

/**
 * "average days between booking and game date" beside bookings.escape_time_sec: days are asked, and
 * the column holds seconds ("day" is a synonym of "time"). Its figure would be in another unit than
 * the one asked, under the asked unit's name: a column holding a length of time in another unit
 * than a time word of the phrase is not what the phrase measures.
 */
export function heldInOtherTimeUnit(phrase: readonly Token[], c: IndexedColumn): boolean {
  const held = columnUnit(c);
  if (held?.quantity !== "duration") return false;
  return phrase.some((t) => TIME_AMOUNTS.has(t.text) && TIME_AMOUNTS.get(t.text) !== held.factor);
}
