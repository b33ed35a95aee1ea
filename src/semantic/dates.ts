import { casual } from "chrono-node/en";
import { addDays, addUnits, isoDate, parseIsoDate, startOf, utc } from "../shared/calendar";
import type { Grain } from "./definitions";

/**
 * Natural-language dates to an explicit half-open range [start, end) of ISO dates, relative to the
 * request's `current_date` so answers are reproducible. chrono-node reads calendar dates and month
 * names ("March 5, 2023", "January 2024", "since March", "yesterday", "last Friday", "Dec 2023 - Feb
 * 2024"); it reads relative periods as instants ("last month" = one month ago), so the periods
 * analysts name — calendar periods, rolling windows, quarters, halves, to-date — are recognised first
 * by the few patterns below, and bare years last. Connectors around the mention then shape it:
 * "since X" runs to today, "before X" ends at X's start, "between X and Y" spans both.
 */
export interface DateRange {
  /** Inclusive; absent when unbounded ("before 2023"). */
  start?: string;
  /** Exclusive; absent when unbounded ("after March 2024" ends today, so it is rarely absent). */
  end?: string;
  /** The words of the question that said it, connector included ("since March"). */
  text: string;
}

export type DateParse = { ok: true; range: DateRange | undefined; rest: string } | { ok: false; reason: string };

interface Mention {
  start: Date;
  end: Date;
  index: number;
  length: number;
  /** chrono's "X to Y" in one result: connectors before it do not reshape it. */
  isRange?: boolean;
  /** A month or day named without a year ("March"): moved into the year of a range's other end. */
  yearImplied?: boolean;
}

type Finder = (m: RegExpExecArray, today: Date) => [Date, Date] | undefined;

const NUMBER = "(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const ORDINAL: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  last: 4,
};
const UNIT = "(day|week|month|quarter|year)s?";

const num = (word: string | undefined): number => NUMBERS[word ?? ""] ?? Number(word);
const unit = (word: string | undefined): Grain => (word ?? "day").replace(/s$/, "") as Grain;
const period = (start: Date, u: Grain): [Date, Date] => [start, addUnits(start, u, 1)];
const fullYear = (text: string): number => (text.length <= 3 ? 2000 + Number(text.replace("'", "")) : Number(text));
/** A quarter named without a year is the latest one that has started. */
function quarter(q: number, year: number | undefined, today: Date): [Date, Date] {
  const y =
    year ??
    (utc(today.getUTCFullYear(), (q - 1) * 3, 1) <= today ? today.getUTCFullYear() : today.getUTCFullYear() - 1);
  return period(utc(y, (q - 1) * 3, 1), "quarter");
}

/** Periods chrono would misread; the earlier patterns win over later ones on the same words. */
const PERIODS: [RegExp, Finder][] = [
  // "same day last year" on Feb 29 is Feb 28: months and years clamp to the month's end.
  [
    /\b(?:the\s+)?same\s+day\s+(?:last|previous|a)\s+(week|month|year)(?:\s+ago)?\b/g,
    (m, t) => period(addUnits(t, unit(m[1]), -1), "day"),
  ],
  [
    /\b(?:(ytd|qtd|mtd|wtd)|(year|quarter|month|week)[- ]to[- ]date|so\s+far\s+this\s+(year|quarter|month|week))\b/g,
    (m, t) => {
      const u = m[1]
        ? ({ y: "year", q: "quarter", m: "month", w: "week" } as const)[m[1][0] as "y"]
        : unit(m[2] ?? m[3]);
      return [startOf(t, u), addDays(t, 1)];
    },
  ],
  // Rolling windows end today, today included: "the past 90 days" is 90 days.
  [
    new RegExp(
      `\\b(?:in\\s+|over\\s+|during\\s+)?(?:the\\s+)?(?:last|past|previous|prior|trailing)\\s+${NUMBER}\\s+${UNIT}\\b`,
      "g",
    ),
    (m, t) => [addDays(addUnits(t, unit(m[2]), -num(m[1])), 1), addDays(t, 1)],
  ],
  [
    new RegExp(`\\b${NUMBER}\\s+${UNIT}\\s+ago\\b`, "g"),
    (m, t) => period(startOf(addUnits(t, unit(m[2]), -num(m[1])), unit(m[2])), unit(m[2])),
  ],
  [
    /\b(?:the\s+)?(day|week|month|quarter|year)\s+before\s+last\b/g,
    (m, t) => period(addUnits(startOf(t, unit(m[1])), unit(m[1]), -2), unit(m[1])),
  ],
  [
    /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter\s+(?:of\s+)?(\d{4})\b/g,
    (m, t) => quarter(ORDINAL[m[1]!]!, Number(m[2]), t),
  ],
  [
    /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b/g,
    (m, t) => quarter(ORDINAL[m[1]!]!, undefined, t),
  ],
  [/\b(\d{4})[- ]?q([1-4])\b/g, (m, t) => quarter(Number(m[2]), Number(m[1]), t)],
  [
    /\bq([1-4])(?:\s*(?:of\s+)?(?:fy\s*)?('\d{2}|\d{4}))?\b/g,
    (m, t) => quarter(Number(m[1]), m[2] ? fullYear(m[2]) : undefined, t),
  ],
  [
    /\b(?:h([12])|(?:the\s+)?(first|second)\s+half)(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    (m, t) => {
      const half = m[1] ? Number(m[1]) : m[2] === "first" ? 1 : 2;
      const year = m[3]
        ? Number(m[3])
        : half === 1 || t.getUTCMonth() >= 6
          ? t.getUTCFullYear()
          : t.getUTCFullYear() - 1;
      return [utc(year, (half - 1) * 6, 1), utc(year, half * 6, 1)];
    },
  ],
  [
    /\b(this|current|last|previous|prior|past|next)\s+(day|week|month|quarter|year)\b/g,
    (m, t) => {
      const u = unit(m[2]);
      // "last month" is the previous calendar month; "the past month" a rolling month up to today.
      if (m[1] === "past") return [addDays(addUnits(t, u, -1), 1), addDays(t, 1)];
      const shift = m[1] === "next" ? 1 : m[1] === "this" || m[1] === "current" ? 0 : -1;
      return period(addUnits(startOf(t, u), u, shift), u);
    },
  ],
  [
    /\b(\d{4})-(\d{2})\b(?!-\d)/g,
    (m) =>
      Number(m[2]) >= 1 && Number(m[2]) <= 12 ? period(utc(Number(m[1]), Number(m[2]) - 1, 1), "month") : undefined,
  ],
];

/** A four-digit number after these words is an amount or a count ("orders over 2000"), not a year. */
const NOT_A_YEAR = /(over|above|under|below|than|least|most|top|bottom|exceed\w*|first|limit|\$|€|£|=|>|<)\s*$/;
const YEAR = /\b(?:fy\s*)?((?:19[5-9]|20\d)\d)\b/g;

function findMentions(text: string, today: Date): Mention[] {
  let masked = text;
  const found: Mention[] = [];
  const take = (index: number, length: number, range: [Date, Date], extra: Partial<Mention> = {}) => {
    found.push({ start: range[0], end: range[1], index, length, ...extra });
    masked = masked.slice(0, index) + " ".repeat(length) + masked.slice(index + length);
  };
  for (const [re, finder] of PERIODS) {
    for (const m of [...masked.matchAll(re)]) {
      const range = finder(m as RegExpExecArray, today);
      if (range) take(m.index, m[0].length, range);
    }
  }
  for (const r of casual.parse(masked, { instant: today, timezone: "UTC" })) {
    const start = chronoPeriod(r.start, today);
    if (!start || r.text.trim() === "now") continue;
    const end = r.end ? chronoPeriod(r.end, today) : undefined;
    let range: [Date, Date] = [start.range[0], (end ?? start).range[1]];
    // A named month or day without a year is the latest one that has begun ("in December" asked in March).
    if (start.yearImplied && range[0] > today)
      range = [addUnits(range[0], "year", -1), end?.yearImplied === false ? range[1] : addUnits(range[1], "year", -1)];
    if (range[1] <= range[0]) range = [range[0], addUnits(range[1], "year", 1)];
    take(r.index, r.text.length, range, { isRange: end !== undefined, yearImplied: start.yearImplied && !end });
  }
  for (const m of [...masked.matchAll(YEAR)]) {
    if (NOT_A_YEAR.test(masked.slice(0, m.index))) continue;
    take(m.index, m[0].length, period(utc(Number(m[1]), 0, 1), "year"));
  }
  return found.sort((a, b) => a.index - b.index);
}

interface ChronoComponents {
  isCertain(c: "day" | "month" | "year" | "weekday"): boolean;
  get(c: "day" | "month" | "year"): number | null;
  tags(): Set<string>;
}

/** A chrono date as the period it names: a day, or a whole month when no day was given. */
function chronoPeriod(c: ChronoComponents, today: Date): { range: [Date, Date]; yearImplied: boolean } | undefined {
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
  // "in the week", "within 3 days": chrono reads a time from now; no question asks about the future so.
  if (relative && d > today) return undefined;
  const range = c.isCertain("day") || weekdayOnly ? period(d, "day") : period(d, "month");
  return { range, yearImplied: !c.isCertain("year") && !relative && !weekdayOnly };
}

// Words before the first mention: a connector, then "the", then "year"/"week of"... (each optional).
const LEAD =
  /(?:\b(between|from|since|starting(?:\s+from)?|beginning|after|before|prior\s+to|until|till|through|thru|up\s+to|up\s+until|to|in|during|for|of|on|over|within)\s+)?(?:\bthe\s+)?(?:\b(?:end|start|beginning)\s+of\s+(?:the\s+)?)?(?:\b(year|month|quarter|week\s+of)\s+)?$/;
const JOINER = /^\s*(and|to|until|till|through|thru|-|–)\s*$/;

export interface DateParseOptions {
  /** Phrases that are names, not dates ("trailing 3 month revenue" is a metric): never read as dates. */
  keep?: readonly string[];
}

/** Finds at most one date range in a question and returns the question without it. */
export function parseDateRange(question: string, currentDate: string, options: DateParseOptions = {}): DateParse {
  const today = parseIsoDate(currentDate);
  if (!today) return { ok: false, reason: `current_date '${currentDate}' is not a YYYY-MM-DD date` };
  const text = question.toLowerCase();
  const mentions = findMentions(maskPhrases(text, options.keep ?? []), today);
  if (mentions.length === 0) return { ok: true, range: undefined, rest: question.trim() };
  const first = mentions[0]!;
  const last = mentions[mentions.length - 1]!;
  const span = (m: Mention) => text.slice(m.index, m.index + m.length).trim();
  if (mentions.length > 2)
    return {
      ok: false,
      reason: `the question names several date ranges (${mentions.map((m) => `"${span(m)}"`).join(", ")}); ask for one`,
    };
  if (mentions.length === 2 && !JOINER.test(text.slice(first.index + first.length, last.index))) {
    return {
      ok: false,
      reason: `the question names two separate date ranges ("${span(first)}", "${span(last)}"); ask for one, or say "between … and …"`,
    };
  }
  const lead = LEAD.exec(text.slice(0, first.index));
  const connector = lead?.[1]?.replace(/\s+/g, " ");
  const tomorrow = addDays(today, 1);
  let start: Date | undefined = first.start;
  let end: Date | undefined = last.end;
  if (mentions.length === 2 && first.yearImplied && !last.yearImplied) {
    // "between March and May 2023": the first end takes the year of the second.
    const year = last.start.getUTCFullYear();
    start = utc(year, first.start.getUTCMonth(), first.start.getUTCDate());
    if (start > last.start) start = utc(year - 1, start.getUTCMonth(), start.getUTCDate());
  }
  if (mentions.length === 1 && !first.isRange) {
    if (lead?.[2]?.startsWith("week"))
      [start, end] = [startOf(first.start, "week"), addDays(startOf(first.start, "week"), 7)];
    else if (
      connector === "since" ||
      connector === "from" ||
      connector?.startsWith("starting") ||
      connector === "beginning"
    )
      end = tomorrow;
    else if (connector === "after") [start, end] = [first.end, tomorrow];
    else if (connector === "before" || connector === "prior to") [start, end] = [undefined, first.start];
    else if (connector && /^(until|till|through|thru|up to|up until|to)$/.test(connector)) start = undefined;
  }
  if (start && end && end <= start)
    return {
      ok: false,
      reason: `the date range "${text.slice(first.index, last.index + last.length).trim()}" ends before it starts`,
    };
  const from = first.index - (lead?.[0].length ?? 0);
  const to = last.index + last.length;
  const range: DateRange = { text: question.slice(from, to).trim() };
  if (start) range.start = isoDate(start);
  if (end) range.end = isoDate(end);
  return { ok: true, range, rest: `${question.slice(0, from)} ${question.slice(to)}`.replace(/\s+/g, " ").trim() };
}

/** Blanks out the phrases (same length, so offsets stay valid); words may be joined by space, - or _. */
function maskPhrases(text: string, phrases: readonly string[]): string {
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
