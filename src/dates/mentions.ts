import { casual } from "chrono-node/en";
import { addDays, addUnits, utc } from "../shared/calendar";
import { type Bounds, PERIOD_PATTERNS, type PeriodPattern, YEAR_PATTERN } from "./periods";
import { NUMBER_RE, numberOf, UNIT_RE, unitOf } from "./words";

/** One period the question names: where, and which dates. */
export interface Mention {
  start: Date;
  end: Date;
  index: number;
  length: number;
  /** chrono's "March 5 - 10" in one result: connectors before it do not reshape it. */
  isRange?: boolean;
  /** A month or day named without a year ("March"): a range's other end may lend it its year. */
  yearImplied?: boolean;
}

/**
 * Which dates written in prose chrono-node may read, after the patterns:
 * - "numeric": only days written with a number ("June 5", "1/15/2023", "the 5th of June");
 * - "any": also days and months named in words ("last Friday", "on Monday", "tonight").
 */
export type ProseDays = "numeric" | "any";

/**
 * Every period the question names, in order: the pattern table first, then chrono-node on what the
 * patterns left, then bare years. `text` is lower case; phrases already blanked stay blank.
 */
export function findMentions(text: string, today: Date, prose: ProseDays): Mention[] {
  let masked = text;
  const found: Mention[] = [];
  const take = (index: number, length: number, range: Bounds, extra: Partial<Mention> = {}) => {
    const m = withOffset({ start: range[0], end: range[1], index, length, ...extra }, masked);
    found.push(m);
    masked = masked.slice(0, m.index) + " ".repeat(m.length) + masked.slice(m.index + m.length);
  };
  const runPattern = (p: PeriodPattern) => {
    for (const m of [...masked.matchAll(p.re)]) {
      const range = p.read(m as RegExpExecArray, today, masked);
      if (range) take(m.index, m[0].length, range, p.yearImplied ? { yearImplied: true } : {});
    }
  };
  for (const p of PERIOD_PATTERNS) runPattern(p);
  for (const r of casual.parse(masked, { instant: today, timezone: "UTC" })) {
    const mention = proseMention(r, today, prose);
    if (mention) take(r.index, r.text.length, mention.range, mention.extra);
  }
  runPattern(YEAR_PATTERN);
  return found.sort((a, b) => a.index - b.index);
}

/** "2 months after": an offset before a period; "the 2 weeks after March 5" is a window instead. */
const OFFSET = new RegExp(
  `(?<!\\b(?:the|first|next|last)\\s+)\\b${NUMBER_RE}\\s+${UNIT_RE}\\s+(after|before|from)\\s+$`,
);

/** "exactly 2 months after March 2021" is May 2021: the period moved by the offset, words included. */
function withOffset(m: Mention, text: string): Mention {
  const offset = OFFSET.exec(text.slice(0, m.index));
  if (!offset) return m;
  const n = numberOf(offset[1]) * (offset[3] === "before" ? -1 : 1);
  const u = unitOf(offset[2]);
  return {
    ...m,
    start: addUnits(m.start, u, n),
    end: addUnits(m.end, u, n),
    index: offset.index,
    length: m.index + m.length - offset.index,
  };
}

interface ChronoComponents {
  isCertain(c: "day" | "month" | "year" | "weekday"): boolean;
  get(c: "day" | "month" | "year"): number | null;
  tags(): Set<string>;
}

interface ChronoResult {
  text: string;
  start: ChronoComponents;
  end?: ChronoComponents | null;
}

/** A chrono result as a period, when `prose` admits it: "June 5" (a day), "5 - 10 March" (a range). */
function proseMention(
  r: ChronoResult,
  today: Date,
  prose: ProseDays,
): { range: Bounds; extra: Partial<Mention> } | undefined {
  if (r.text.trim() === "now") return undefined;
  if (prose === "numeric" && !(r.start.isCertain("day") && r.start.isCertain("month") && /\d/.test(r.text)))
    return undefined;
  const start = chronoPeriod(r.start, today);
  if (!start) return undefined;
  const end = r.end ? chronoPeriod(r.end, today) : undefined;
  let range: Bounds = [start.range[0], (end ?? start).range[1]];
  // A day or month named without a year is the latest one that has begun ("December 5" asked in March).
  if (start.yearImplied && range[0] > today)
    range = [addUnits(range[0], "year", -1), end?.yearImplied === false ? range[1] : addUnits(range[1], "year", -1)];
  if (range[1] <= range[0]) range = [range[0], addUnits(range[1], "year", 1)];
  return { range, extra: { isRange: end !== undefined, yearImplied: start.yearImplied && !end } };
}

/** A chrono date as the period it names: a day, or a whole month when no day was given. */
function chronoPeriod(c: ChronoComponents, today: Date): { range: Bounds; yearImplied: boolean } | undefined {
  const weekdayOnly = c.isCertain("weekday") && !c.isCertain("day");
  if (!c.isCertain("day") && !c.isCertain("month") && !weekdayOnly) return undefined; // a time of day, "this quarter"...
  const relative = [...c.tags()].some((t) => t.startsWith("result/relativeDate") || t.startsWith("casualReference"));
  let d = utc(
    c.get("year") ?? today.getUTCFullYear(),
    (c.get("month") ?? 1) - 1,
    c.isCertain("day") || weekdayOnly ? (c.get("day") ?? 1) : 1,
  );
  // "on Monday": the latest Monday, not the coming one.
  if (weekdayOnly && d > today) d = addDays(d, -7);
  // "within 3 days", "tomorrow": chrono reads a time from now; no question asks about the future so.
  if (relative && d > today) return undefined;
  const day = c.isCertain("day") || weekdayOnly;
  const range: Bounds = [d, day ? addDays(d, 1) : addUnits(d, "month", 1)];
  return { range, yearImplied: !c.isCertain("year") && !relative && !weekdayOnly };
}

/** Blanks out the phrases (same length, so offsets stay valid); words may be joined by space, - or _. */
export function maskPhrases(text: string, phrases: readonly string[]): string {
  let masked = text;
  for (const phrase of phrases) {
    const parts = phrase
      .toLowerCase()
      .split(/[\s_-]+/)
      .filter(Boolean)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // Only phrases that could be read as dates need masking; the rest would cost a regex for nothing.
    if (parts.length < 2 || !parts.some((w) => /\d|day|week|month|quarter|year|date|ytd|mtd|qtd/.test(w))) continue;
    masked = masked.replace(new RegExp(`\\b${parts.join("[\\s_-]+")}\\b`, "g"), (m) => " ".repeat(m.length));
  }
  return masked;
}
