import { addDays, addUnits, startOf, type CalendarUnit as Unit, utc } from "../shared/calendar";
import { fullYear, MONTH_RE, monthIndex, NUMBER_RE, numberOf, ORDINALS, UNIT_RE, unitOf } from "./words";

/**
 * The periods analysts name, as a table of small patterns read before chrono-node (which reads
 * calendar periods as instants: "last month" = one month ago). Earlier entries win over later ones
 * on the same words: each match is blanked before the next entry runs.
 */

/** A half-open period [start, end). */
export type Bounds = [Date, Date];

export interface PeriodPattern {
  name: string;
  re: RegExp;
  /** The period a match names, or undefined when the words are not a date after all. */
  read: (m: RegExpExecArray, today: Date, text: string) => Bounds | undefined;
  /** A month named without a year: a range's other end may lend it its year ("between March and May 2023"). */
  yearImplied?: boolean;
}

const day = (d: Date): Bounds => [d, addDays(d, 1)];
const period = (start: Date, unit: Unit): Bounds => [start, addUnits(start, unit, 1)];
const tomorrow = (today: Date): Date => addDays(today, 1);

/** A real calendar day, or undefined ("2023-02-30" is no date). */
function calendarDay(year: number, month: number, dayOfMonth: number): Bounds | undefined {
  const d = utc(year, month, dayOfMonth);
  return month >= 0 && d.getUTCMonth() === month && d.getUTCDate() === dayOfMonth ? day(d) : undefined;
}

/** A quarter named without a year is the latest one that has started ("Q4" asked in March: last year's). */
function quarter(q: number, year: number | undefined, today: Date): Bounds {
  const y =
    year ??
    (utc(today.getUTCFullYear(), (q - 1) * 3, 1) <= today ? today.getUTCFullYear() : today.getUTCFullYear() - 1);
  return period(utc(y, (q - 1) * 3, 1), "quarter");
}

/** A month named without a year is the latest one that has begun ("in March" asked in October: this March). */
export function latestMonth(month: number, today: Date): Bounds {
  const year = month <= today.getUTCMonth() ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return period(utc(year, month, 1), "month");
}

/** Words before a month without a year that make it a date; "may" needs one, it is usually the verb. */
const MONTH_LEAD = /\b(in|during|for|since|from|of|until|through|to|and|before|after|between)\s+$/;

export const PERIOD_PATTERNS: PeriodPattern[] = [
  {
    // "2023-06-30"
    name: "isoDay",
    re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    read: (m) => calendarDay(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  },
  {
    // "June 5, 2023", "Jan 5 2023", "March 6th 2024"
    name: "monthDayYear",
    re: new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "g"),
    read: (m) => calendarDay(Number(m[3]), monthIndex(m[1]), Number(m[2])),
  },
  {
    // "5 June 2023", "1st of March, 2023"
    name: "dayMonthYear",
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE},?\\s+(\\d{4})\\b`, "g"),
    read: (m) => calendarDay(Number(m[3]), monthIndex(m[2]), Number(m[1])),
  },
  {
    // "the same day last year" (on Feb 29: Feb 28, months and years clamp to the month's end)
    name: "sameDayLast",
    re: /\b(?:the\s+)?same\s+day\s+(?:last|previous|a)\s+(week|month|year)(?:\s+ago)?\b/g,
    read: (m, t) => day(addUnits(t, unitOf(m[1]), -1)),
  },
  {
    // "YTD", "quarter-to-date", "so far this year": from the period's start through today
    name: "toDate",
    re: /\b(?:(ytd|qtd|mtd|wtd)|(year|quarter|month|week)[- ]to[- ]date|so\s+far\s+this\s+(year|quarter|month|week))\b/g,
    read: (m, t) => {
      const u = m[1]
        ? ({ y: "year", q: "quarter", m: "month", w: "week" } as const)[m[1][0] as "y"]
        : unitOf(m[2] ?? m[3]);
      return [startOf(t, u), tomorrow(t)];
    },
  },
  {
    // "the past 90 days", "last three months": a rolling window of N units ending today, today included
    name: "rollingWindow",
    re: new RegExp(`\\b(?:the\\s+)?(?:last|past|previous|prior|trailing)\\s+${NUMBER_RE}\\s+${UNIT_RE}\\b`, "g"),
    read: (m, t) => [addDays(addUnits(t, unitOf(m[2]), -numberOf(m[1])), 1), tomorrow(t)],
  },
  {
    // "3 months ago", "a week ago": the whole calendar unit that far back
    name: "unitsAgo",
    re: new RegExp(`\\b${NUMBER_RE}\\s+${UNIT_RE}\\s+ago\\b`, "g"),
    read: (m, t) => period(startOf(addUnits(t, unitOf(m[2]), -numberOf(m[1])), unitOf(m[2])), unitOf(m[2])),
  },
  {
    // "the day before yesterday"
    name: "dayBeforeYesterday",
    re: /\b(?:the\s+)?day\s+before\s+yesterday\b/g,
    read: (_m, t) => day(addDays(t, -2)),
  },
  {
    // "the month before last"
    name: "unitBeforeLast",
    re: /\b(?:the\s+)?(day|week|month|quarter|year)\s+before\s+last\b/g,
    read: (m, t) => period(addUnits(startOf(t, unitOf(m[1])), unitOf(m[1]), -2), unitOf(m[1])),
  },
  {
    // "today", "yesterday"
    name: "todayYesterday",
    re: /\b(today|yesterday)\b/g,
    read: (m, t) => day(m[1] === "today" ? t : addDays(t, -1)),
  },
  {
    // "the third quarter of 2023", "the last quarter of 2023" (before "last quarter", the calendar one)
    name: "ordinalQuarterOfYear",
    re: /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter\s+(?:of\s+)?(\d{4})\b/g,
    read: (m, t) => quarter(ORDINALS[m[1] ?? ""] ?? 1, Number(m[2]), t),
  },
  {
    // "the first quarter"
    name: "ordinalQuarter",
    re: /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b/g,
    read: (m, t) => quarter(ORDINALS[m[1] ?? ""] ?? 1, undefined, t),
  },
  {
    // "2023-Q4", "2023 q4"
    name: "yearQuarter",
    re: /\b(\d{4})[- ]?q([1-4])\b/g,
    read: (m, t) => quarter(Number(m[2]), Number(m[1]), t),
  },
  {
    // "Q3 2024", "q4", "Q1 '24", "Q2 of FY2024"
    name: "quarter",
    re: /\bq([1-4])(?:\s*(?:of\s+)?(?:fy\s*)?('?\d{2}|\d{4}))?\b/g,
    read: (m, t) => quarter(Number(m[1]), fullYear(m[2]), t),
  },
  {
    // "H2 2023", "the first half of 2024", "the second half" (the latest that has started)
    name: "half",
    re: /\b(?:h([12])|(?:the\s+)?(first|second)\s+half)(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    read: (m, t) => {
      const half = m[1] ? Number(m[1]) : m[2] === "first" ? 1 : 2;
      const started = half === 1 || t.getUTCMonth() >= 6;
      const year = m[3] ? Number(m[3]) : started ? t.getUTCFullYear() : t.getUTCFullYear() - 1;
      return [utc(year, (half - 1) * 6, 1), utc(year, half * 6, 1)];
    },
  },
  {
    // "last month" (the previous calendar month), "this year", "next quarter"; "the past month" is rolling
    name: "calendarPeriod",
    re: /\b(this|current|last|previous|prior|past|next)\s+(day|week|month|quarter|year)\b/g,
    read: (m, t) => {
      const u = unitOf(m[2]);
      if (m[1] === "past") return [addDays(addUnits(t, u, -1), 1), tomorrow(t)];
      const shift = m[1] === "next" ? 1 : m[1] === "this" || m[1] === "current" ? 0 : -1;
      return period(addUnits(startOf(t, u), u, shift), u);
    },
  },
  {
    // "2024-02"
    name: "yearMonth",
    re: /\b(\d{4})-(\d{2})\b(?!-\d)/g,
    read: (m) =>
      Number(m[2]) >= 1 && Number(m[2]) <= 12 ? period(utc(Number(m[1]), Number(m[2]) - 1, 1), "month") : undefined,
  },
  {
    // "March 2024", "march of 2024", "Dec, 2023"
    name: "monthYear",
    re: new RegExp(`\\b${MONTH_RE}(?:\\s+(?:of\\s+)?|,\\s*)(\\d{4})\\b`, "g"),
    read: (m) => period(utc(Number(m[2]), monthIndex(m[1]), 1), "month"),
  },
  {
    // "in March", "since november", "between March and May 2023"; not "march 5" (a day, chrono's), not
    // "orders may be late" (the verb)
    name: "month",
    re: new RegExp(`\\b${MONTH_RE}\\b(?!\\s*\\d)`, "g"),
    read: (m, t, text) =>
      m[1] === "may" && !MONTH_LEAD.test(text.slice(0, m.index)) ? undefined : latestMonth(monthIndex(m[1]), t),
    yearImplied: true,
  },
];

/** A four-digit number after these words is an amount or a count ("orders over 2000"), not a year. */
const NOT_A_YEAR = /(over|above|under|below|than|least|most|top|bottom|exceed\w*|first|limit|\$|€|£|=|>|<)\s*$/;

/** "in 2023", "FY2024": read last, after chrono, so that a year inside a date stays with its date. */
export const YEAR_PATTERN: PeriodPattern = {
  name: "year",
  re: /\b(?:fy\s*)?((?:19[5-9]|20\d)\d)\b/g,
  read: (m, _t, text) =>
    NOT_A_YEAR.test(text.slice(0, m.index)) ? undefined : period(utc(Number(m[1]), 0, 1), "year"),
};
