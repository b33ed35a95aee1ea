import { casual } from "chrono-node/en";
import { addDays, addUnits, isoDate, startOf, type CalendarUnit as Unit, utc } from "../../shared/calendar";

/**
 * Date ranges in questions ("in 2023", "last month", "Q3 2024", "since March 2024", "between 2023-01-01
 * and 2023-06-30"), resolved against a given current date so results are reproducible. Calendar
 * periods analysts name (quarters, "last month" as the previous calendar month, rolling "past N days")
 * are matched here; concrete dates written in prose ("June 5, 2023") are left to chrono-node, which
 * parses them well but treats periods as single instants.
 */

/** A half-open range [start, end) of ISO dates; a missing bound is unbounded. */
export interface DateRange {
  start?: string;
  end?: string;
  /** The question's text that expressed the range. */
  text: string;
  /** Character offset of `text` in the question. */
  index: number;
}

export type DateExtraction = { ok: true; range: DateRange | undefined; rest: string } | { ok: false; reason: string };

interface Period {
  start: Date;
  end: Date;
  index: number;
  length: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_RE =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const NUMBER_WORDS: Record<string, number> = {
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
const ORDINALS: Record<string, number> = {
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
/** A four-digit number after these words is an amount ("orders over 2000"), not a year. */
const NOT_YEAR_BEFORE =
  /(over|above|under|below|than|least|most|top|bottom|exceeding|exceed|exceeds|\$|=|>|<|first|limit)\s*$/;

const unitOf = (word: string): Unit => word.replace(/s$/, "") as Unit;
const numberOf = (word: string): number => NUMBER_WORDS[word] ?? Number(word);
const monthIndex = (word: string): number => MONTHS.indexOf(word.slice(0, 3));

function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/^'/, ""));
  return n < 100 ? 2000 + n : n;
}

/** Most recent start of `month` (0-11) not after today: "in March" asked in October means this March. */
function latestMonth(month: number, today: Date): number {
  return month <= today.getUTCMonth() ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

type Finder = (m: RegExpExecArray, today: Date, text: string) => [Date, Date] | undefined;

/** Period patterns, most specific first; each match is removed from the text before later ones run. */
const FINDERS: [RegExp, Finder][] = [
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (m) => day(utc(Number(m[1]), Number(m[2]) - 1, Number(m[3])))],
  [
    new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "g"),
    (m) => day(utc(Number(m[3]), monthIndex(m[1] ?? ""), Number(m[2]))),
  ],
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE},?\\s+(\\d{4})\\b`, "g"),
    (m) => day(utc(Number(m[3]), monthIndex(m[2] ?? ""), Number(m[1]))),
  ],
  [/\b(\d{4})-(\d{2})\b(?!-)/g, (m) => period(utc(Number(m[1]), Number(m[2]) - 1, 1), "month")],
  [/\b(today|yesterday)\b/g, (m, today) => day(m[1] === "today" ? today : addDays(today, -1))],
  [
    /\b(ytd|year[- ]to[- ]date|mtd|month[- ]to[- ]date|qtd|quarter[- ]to[- ]date)\b/g,
    (m, today) => {
      const unit: Unit = m[1]?.startsWith("y") ? "year" : m[1]?.startsWith("m") ? "month" : "quarter";
      return [startOf(today, unit), addDays(today, 1)];
    },
  ],
  [
    /\b(?:the\s+)?(?:last|past|previous|prior|trailing)\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days?|weeks?|months?|quarters?|years?)\b/g,
    // A rolling window of N units ending today, today included.
    (m, today) => [addDays(addUnits(today, unitOf(m[2] ?? "day"), -numberOf(m[1] ?? "1")), 1), addDays(today, 1)],
  ],
  [
    /\b(this|current|last|previous|prior|past)\s+(day|week|month|quarter|year)\b/g,
    (m, today) => {
      const unit = unitOf(m[2] ?? "day");
      const start = startOf(today, unit);
      // "last month" is the previous calendar month; "the past month" a rolling month ending today.
      if (m[1] === "past") return [addDays(addUnits(today, unit, -1), 1), addDays(today, 1)];
      return /this|current/.test(m[1] ?? "") ? period(start, unit) : period(addUnits(start, unit, -1), unit);
    },
  ],
  [
    /\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter)(?:\s+(?:of\s+)?('?\d{2}|\d{4}))?\b/g,
    (m, today) => quarter(Number(m[1] ?? ORDINALS[m[2] ?? ""] ?? 1), fullYear(m[3]), today),
  ],
  [/\b(\d{4})[- ]?q([1-4])\b/g, (m, today) => quarter(Number(m[2]), Number(m[1]), today)],
  [
    /\b(?:h([12])|(first|second)\s+half)(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    (m, today) => {
      const half = m[1] !== undefined ? Number(m[1]) : m[2] === "first" ? 1 : 2;
      const year = fullYear(m[3]) ?? today.getUTCFullYear();
      return [utc(year, (half - 1) * 6, 1), utc(year, half * 6, 1)];
    },
  ],
  [
    new RegExp(`\\b${MONTH_RE}(?:\\s+(?:of\\s+)?|,\\s*)(\\d{4})\\b`, "g"),
    (m) => period(utc(Number(m[2]), monthIndex(m[1] ?? ""), 1), "month"),
  ],
  [
    // A month without a year, not followed by a day number ("march 5" is a date, left to chrono).
    // "may" needs a preposition: it is usually the verb.
    new RegExp(
      `(?:\\b(in|during|for|since|from|of|until|through|to|and|before|after)\\s+|\\b)${MONTH_RE}\\b(?!\\s*\\d)`,
      "g",
    ),
    (m, today) => {
      if (m[2] === "may" && m[1] === undefined) return undefined;
      const month = monthIndex(m[2] ?? "");
      return period(utc(latestMonth(month, today), month, 1), "month");
    },
  ],
  [
    /\b((?:19[5-9]|20\d)\d)\b/g,
    (m, _today, text) =>
      NOT_YEAR_BEFORE.test(text.slice(0, m.index)) ? undefined : period(utc(Number(m[1]), 0, 1), "year"),
  ],
];

const day = (d: Date): [Date, Date] => [d, addDays(d, 1)];
const period = (start: Date, unit: Unit): [Date, Date] => [start, addUnits(start, unit, 1)];

function quarter(q: number, year: number | undefined, today: Date): [Date, Date] {
  // Without a year, the latest such quarter that has started.
  const y =
    year ??
    (utc(today.getUTCFullYear(), (q - 1) * 3, 1) <= today ? today.getUTCFullYear() : today.getUTCFullYear() - 1);
  return period(utc(y, (q - 1) * 3, 1), "quarter");
}

function findPeriods(text: string, today: Date): Period[] {
  let masked = text;
  const found: Period[] = [];
  for (const [re, finder] of FINDERS) {
    for (const m of masked.matchAll(re)) {
      const range = finder(m as RegExpExecArray, today, masked);
      if (range === undefined) continue;
      // A leading preposition captured by the month pattern is not part of the period.
      const lead =
        m[0].length -
        m[0].trimStart().length +
        (/^(in|during|for|since|from|of|until|through|to|and|before|after)\s+/.exec(m[0].trimStart())?.[0].length ?? 0);
      found.push({ start: range[0], end: range[1], index: m.index + lead, length: m[0].length - lead });
      masked = masked.slice(0, m.index + lead) + " ".repeat(m[0].length - lead) + masked.slice(m.index + m[0].length);
    }
  }
  // Concrete dates in prose ("June 5, 2023", "5 Jun 2023"): chrono, on what the patterns left.
  for (const r of casual.parse(masked, { instant: today, timezone: "UTC" })) {
    // Only concrete dates: relative words are the patterns' job, and chrono reads them as instants.
    if (!r.start.isCertain("day") || !r.start.isCertain("month") || !/\d/.test(r.text)) continue;
    let d = utc(
      r.start.get("year") ?? today.getUTCFullYear(),
      (r.start.get("month") ?? 1) - 1,
      r.start.get("day") ?? 1,
    );
    if (!r.start.isCertain("year") && d > today) d = utc(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
    found.push({ start: d, end: addDays(d, 1), index: r.index, length: r.text.length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** How a rolling window's bounds are qualified: "inclusive of 30 days ago", "excluding the current month". */
interface Qualifier {
  kind: "today" | "ago" | "notCurrent";
  unit?: Unit;
  n?: number;
}

const QUALIFIER_RE =
  /,?\s*\(?\b(?:(?:inclusive of|including)\s+(?:(today)(?:'s date)?|(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month|year)s?\s+ago)|(?:excluding|not including|exclusive of)\s+(?:the\s+)?current\s+(day|week|month|quarter|year))\b\)?/gi;

/**
 * "the past 30 days, inclusive of 30 days ago", "the last 6 months excluding the current month",
 * "the past 7 days, inclusive of today": phrases that qualify a window's bounds rather than name a
 * second range. Returned with the text blanked where they stood (offsets unchanged).
 */
export function dateQualifiers(text: string): { masked: string; qualifiers: Qualifier[] } {
  const qualifiers: Qualifier[] = [];
  const masked = text.replace(QUALIFIER_RE, (m, today?: string, n?: string, unit?: string, current?: string) => {
    if (today !== undefined) qualifiers.push({ kind: "today" });
    else if (n !== undefined)
      qualifiers.push({ kind: "ago", n: numberOf(n.toLowerCase()), unit: unit?.toLowerCase() as Unit });
    else qualifiers.push({ kind: "notCurrent", unit: current?.toLowerCase() as Unit });
    return " ".repeat(m.length);
  });
  return { masked, qualifiers };
}

/**
 * Applies qualifiers to a rolling window of `n` units ending today: "inclusive of 30 days ago"
 * starts it on that day; "excluding the current month" ends it where the current month starts and
 * makes it the `n` whole months before. Undefined when a qualifier does not fit the window.
 */
function qualified(
  start: Date,
  end: Date,
  window: { n: number; unit: Unit } | undefined,
  qualifiers: readonly Qualifier[],
  today: Date,
): [Date, Date] | undefined {
  let bounds: [Date, Date] = [start, end];
  for (const q of qualifiers) {
    if (q.kind === "today") continue;
    if (window === undefined) return undefined;
    if (q.kind === "ago") {
      const sameSpan =
        (q.unit === window.unit && q.n === window.n) ||
        (window.unit === "week" && q.unit === "day" && q.n === 7 * window.n);
      if (!sameSpan) return undefined;
      bounds = [addUnits(today, window.unit, -window.n), bounds[1]];
    } else {
      if (q.unit !== window.unit) return undefined;
      const current = startOf(today, window.unit);
      bounds = [addUnits(current, window.unit, -window.n), current];
    }
  }
  return bounds;
}

/** "the last 6 months", "past 30 days", "the past week": a rolling window's size. */
function rollingWindow(text: string): { n: number; unit: Unit } | undefined {
  const m =
    /\b(?:last|past|previous|prior|trailing)\s+(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(day|week|month|quarter|year)s?\b/.exec(
      text,
    );
  return m === null ? undefined : { n: m[1] === undefined ? 1 : numberOf(m[1]), unit: unitOf(m[2] ?? "day") };
}

/** Finds at most one date range in `question` and returns the question without it. */
export function extractDateRange(asked: string, currentDate: string): DateExtraction {
  const today = new Date(`${currentDate}T00:00:00Z`);
  if (Number.isNaN(today.getTime()))
    return { ok: false, reason: `currentDate "${currentDate}" is not a YYYY-MM-DD date` };
  const { masked, qualifiers } = dateQualifiers(asked);
  // The qualifiers' words go with them; offsets stay as they were.
  const question = asked
    .split("")
    .map((c, i) => (masked[i] === " " && c !== " " ? " " : c))
    .join("");
  const text = question.toLowerCase();
  const periods = findPeriods(text, today);
  const first = periods[0];
  if (first === undefined) return { ok: true, range: undefined, rest: question };
  const last = periods[periods.length - 1] as Period;

  let from = first.index;
  const to = last.index + last.length;
  const before = text.slice(0, first.index);
  const lead =
    /(?:\b(on or after|on or before|between|from|since|starting|after|before|until|till|through|thru|up to|prior to|in|during|for|of|on)\s+(?:the\s+)?(?:year\s+|month\s+)?)$/.exec(
      before,
    ) ?? undefined;
  const connector = lead?.[1];
  if (periods.length > 2) return { ok: false, reason: `several date ranges ("${text.slice(from, to)}")` };
  if (periods.length === 2) {
    const between = text.slice(first.index + first.length, last.index);
    if (!/^\s*(and|to|until|till|through|thru|-|–)\s*$/.test(between))
      return {
        ok: false,
        reason: `two separate date ranges ("${text.slice(first.index, first.index + first.length)}", "${text.slice(last.index, to)}")`,
      };
  }
  let start: Date | undefined = first.start;
  let end: Date | undefined = last.end;
  if (periods.length === 1) {
    // "on or after 2023-04-01" includes the day itself; "after" starts once the period is over.
    if (connector === "since" || connector === "from" || connector === "starting" || connector === "on or after")
      end = undefined;
    else if (connector === "on or before") start = undefined;
    else if (connector === "after") [start, end] = [first.end, undefined];
    else if (connector === "before" || connector === "prior to") [start, end] = [undefined, first.start];
    else if (
      connector === "until" ||
      connector === "till" ||
      connector === "through" ||
      connector === "thru" ||
      connector === "up to"
    )
      start = undefined;
  }
  if (qualifiers.length > 0) {
    if (periods.length !== 1 || start === undefined || end === undefined)
      return { ok: false, reason: `which range "${qualifiers.length} qualifier(s)" apply to` };
    const bounds = qualified(
      start,
      end,
      rollingWindow(text.slice(first.index, first.index + first.length)),
      qualifiers,
      today,
    );
    if (bounds === undefined)
      return { ok: false, reason: `how "${text.slice(first.index, first.index + first.length)}" is bounded` };
    [start, end] = bounds;
  }
  if (lead !== undefined) from -= lead[0].length;
  const range: DateRange = { text: question.slice(from, to).trim(), index: from };
  if (start !== undefined) range.start = isoDate(start);
  if (end !== undefined) range.end = isoDate(end);
  return { ok: true, range, rest: `${question.slice(0, from)} ${question.slice(to)}`.replace(/\s+/g, " ").trim() };
}

/** Two periods a comparison names, the earlier first, and the range spanning both. */
export interface PeriodPair {
  range: DateRange;
  periods: [DateRange, DateRange];
  rest: string;
}

/** Words that introduce a compared period ("from 2023 to 2024", "between Q1 and Q2"); comparison cues stay. */
const PERIOD_LEAD = /\b(?:between|from|in|during|for|of|on|and|to)\s+(?:the\s+)?$/;

/**
 * Exactly two periods in a question that compares ("revenue growth from 2023 to 2024", "orders in
 * Q2 compared to Q1"): each kept whole, where extractDateRange would join them into one range.
 */
export function extractPeriodPair(question: string, currentDate: string): PeriodPair | undefined {
  const today = new Date(`${currentDate}T00:00:00Z`);
  if (Number.isNaN(today.getTime())) return undefined;
  const text = question.toLowerCase();
  const found = findPeriods(text, today);
  if (found.length !== 2) return undefined;
  const ranges = found.map((p): DateRange => {
    const lead = PERIOD_LEAD.exec(text.slice(0, p.index))?.[0].length ?? 0;
    return {
      start: isoDate(p.start),
      end: isoDate(p.end),
      text: question.slice(p.index, p.index + p.length),
      index: p.index - lead,
    };
  });
  const [a, b] = ranges as [DateRange, DateRange];
  // A period inside the other ("in 2024, compared to March") is not a comparison between two periods.
  const within = (x: DateRange, y: DateRange) =>
    (x.start as string) >= (y.start as string) && (x.end as string) <= (y.end as string);
  if (within(a, b) || within(b, a)) return undefined;
  const periods: [DateRange, DateRange] = (a.start as string) < (b.start as string) ? [a, b] : [b, a];
  let rest = question;
  for (let k = found.length - 1; k >= 0; k--) {
    const p = found[k] as Period;
    rest = `${rest.slice(0, (ranges[k] as DateRange).index)} ${rest.slice(p.index + p.length)}`;
  }
  const last = found[1] as Period;
  const range: DateRange = {
    start: periods[0].start as string,
    end: [a.end as string, b.end as string].sort()[1] as string,
    text: question.slice(a.index, last.index + last.length).trim(),
    index: a.index,
  };
  return { range, periods, rest: rest.replace(/\s+/g, " ").trim() };
}
