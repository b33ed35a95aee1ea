import { addDays, isoDate, parseIsoDate, startOf, utc } from "../shared/calendar";
import { findMentions, type Mention, maskPhrases, type ProseDays } from "./mentions";
import { dateQualifiers, qualified, rollingWindow } from "./qualifiers";

/**
 * Natural-language dates to explicit half-open ranges [start, end) of ISO dates, relative to the
 * request's `current_date` so answers are reproducible. One reader for the built-in generator and
 * the semantic layer: the periods are found once (mentions.ts), then the words around them shape
 * the range: "since X" runs on from X, "before X" ends at X's start, "between X and Y" spans both,
 * "the week of X" is X's week, "until the end of X" ends with X.
 */

/** A half-open range [start, end) of ISO dates; a missing bound is unbounded. */
export interface DateRange {
  /** Inclusive; absent when unbounded ("before 2023"). */
  start?: string;
  /** Exclusive; absent when unbounded (see `DateReadOptions.openEnd`). */
  end?: string;
  /** The words of the question that said it, connector included ("since March"). */
  text: string;
  /** Character offset of `text` in the question. */
  index: number;
}

/** Why the dates of a question could not be read as one range; `DATE_PROBLEM_TEXT` words each. */
export type DateProblem =
  | { kind: "badCurrentDate"; currentDate: string }
  | { kind: "several"; spans: string[] }
  | { kind: "twoSeparate"; spans: [string, string] }
  | { kind: "eachOfTwo"; spans: [string, string] }
  | { kind: "comparedAgo"; span: string }
  | { kind: "qualifierWithoutWindow"; qualifiers: number }
  | { kind: "qualifierMisfit"; span: string }
  | { kind: "endsBeforeStart"; span: string }
  | { kind: "timeOfDay"; span: string };

export type DateRead =
  | { ok: true; range: DateRange | undefined; rest: string }
  | { ok: false; problem: DateProblem; reason: string };

export interface DateReadOptions {
  /**
   * How a range open towards the future ends ("since March", "after June 2023", "on or after
   * 2023-04-01"): "unbounded" leaves `end` absent (the built-in generator filters `>= start` only);
   * "today" ends it with current_date (the semantic layer reports an explicit range).
   */
  openEnd: "unbounded" | "today";
  /** Which prose dates chrono-node may read (see `ProseDays`). */
  proseDays: ProseDays;
  /** Phrases that are names, not dates ("trailing 3 month revenue" is a metric): never read as dates. */
  keep?: readonly string[];
}

/** One wording per problem, for API users and the generator's refusals alike: each says what to change. */
const DATE_PROBLEM_TEXT: { [K in DateProblem["kind"]]: (p: Extract<DateProblem, { kind: K }>) => string } = {
  badCurrentDate: (p) => `current_date '${p.currentDate}' is not a YYYY-MM-DD date`,
  several: (p) => `the question names several date ranges (${p.spans.map((s) => `"${s}"`).join(", ")}); ask for one`,
  twoSeparate: (p) =>
    `the question names two separate date ranges ("${p.spans[0]}", "${p.spans[1]}"); ask for one, or say "between … and …"`,
  eachOfTwo: (p) =>
    `"both ${p.spans[0]} and ${p.spans[1]}" asks for rows in each of two periods, which one date range cannot say; ask about one period, or say "between ${p.spans[0]} and ${p.spans[1]}"`,
  comparedAgo: (p) =>
    `"${p.span}" compares with a moment, which a period cannot say; say "before <date>" or "in the last …"`,
  qualifierWithoutWindow: (p) =>
    `${p.qualifiers} qualifier(s) such as "inclusive of today" apply to no single rolling window; name one, such as "the past 30 days"`,
  qualifierMisfit: (p) =>
    `it is unclear how "${p.span}" is bounded: "inclusive of N days ago" and "excluding the current month" fit a rolling window of the same size`,
  endsBeforeStart: (p) => `the date range "${p.span}" ends before it starts`,
  timeOfDay: (p) =>
    `"${p.span}" counts hours back from now, and only today's date is known; say "today", "since yesterday" or "in the last 2 days"`,
};

const fail = (problem: DateProblem): DateRead => ({
  ok: false,
  problem,
  reason: (DATE_PROBLEM_TEXT[problem.kind] as (p: DateProblem) => string)(problem),
});

/**
 * Words before the first mention: a connector, then "the", then "end of"/"start of", then
 * "year"/"week of" (each optional). "on or after" is tried before "after": the leftmost match wins.
 * "to" is "until" except after a comparison ("compared to last year" names last year whole).
 */
const LEAD =
  /(?:\b(on\s+or\s+after|on\s+or\s+before|between|from|since|starting(?:\s+from)?|beginning|after|before|prior\s+to|until|till|through|thru|up\s+to|up\s+until|(?<!\b(?:compared|relative|similar|equal|identical)\s+)to|in|during|for|of|on|over|within)\s+)?(?:\bthe\s+)?(?:\b(?:end|start|beginning)\s+of\s+(?:the\s+)?)?(?:\b(year|month|quarter|week\s+of)\s+)?$/;
/** "or later", "and earlier" right after a period: open towards that side. */
const OPEN_SIDE = /^\s*(?:or|and)\s+(later|after|newer|onwards?|earlier|before|older)\b/;
/**
 * "from 2023 onwards" runs on; "orders from last month", "claims from 2025" are the period's own rows
 * (read as "since", December's bookings were counted as last month's).
 */
const ONWARD = /^\s*(?:onwards?\b|forwards?\b|on(?=\s*(?:$|[,.;?!])))/;
/** A period named relative to today: "this year", "last month". */
const RELATIVE_PERIOD = /^(?:this|current|last|previous|prior|past|next)\b/;
/** Words between two mentions that make them one range: "from Jan to Jun", "between 2022 and 2023". */
const JOINER = /^\s*(and|to|until|till|through|thru|-|–)\s*$/;
/** A comparison right before a period ("more than 30 days ago", "less than a week ago"). */
const COMPARED =
  /\b(more\s+than|less\s+than|fewer\s+than|longer\s+than|older\s+than|over|under|at\s+least|at\s+most|within)\s+$/;
/** "both" right before the first of two periods ("in both 2024 and 2025", "both in May and June"). */
const BOTH = /\bboth\s+(?:(?:in|during)\s+)?(?:the\s+)?$/;

type Bounds = [Date | undefined, Date | undefined];

/**
 * "sections starting next month", "leave beginning this week": after the rows' noun, "starting" with
 * a period of its own (next month, this week) says when the rows start, the period itself, not
 * "from then on" as "starting March 2024, how many …" does. Returns the connector to shape by.
 */
function eventStart(connector: string | undefined, before: string, mention: string): string | undefined {
  if (connector !== "starting" && connector !== "beginning") return connector;
  const words = before.trim().split(/\s+/);
  const noun = words[words.length - 2];
  return RELATIVE_PERIOD.test(mention) && noun !== undefined && /^[a-z]+$/i.test(noun) ? undefined : connector;
}

/**
 * How the connector before a single mention shapes it: `first` is the period named, `openEnd` where a
 * range open towards the future ends (undefined: unbounded).
 */
function shapeByConnector(connector: string | undefined, first: Mention, openEnd: Date | undefined): Bounds {
  switch (connector) {
    case "since": // "since March 2024"
    case "from onward": // "from 2023 onwards"
    case "starting":
    case "starting from":
    case "beginning":
    case "on or after": // "on or after Apr 1, 2023" includes the day itself
      return [first.start, openEnd];
    case "after": // "after June 2023" starts once June is over
      return [first.end, openEnd];
    case "before": // "before 2023"
    case "prior to":
      return [undefined, first.start];
    case "on or before": // "on or before 2024-02-10" includes the day
    case "until": // "until 2023-03-31", "until the end of 2022"
    case "till":
    case "through":
    case "thru":
    case "up to":
    case "up until":
    case "to":
      return [undefined, first.end];
    default:
      return [first.start, first.end];
  }
}

const parseToday = (currentDate: string) => parseIsoDate(currentDate);

/** Finds at most one date range in a question and returns the question without it. */
export function readDateRange(question: string, currentDate: string, options: DateReadOptions): DateRead {
  const today = parseToday(currentDate);
  if (!today) return fail({ kind: "badCurrentDate", currentDate });
  // Qualifiers ("inclusive of today") go with their words; offsets stay as they were.
  const { masked, qualifiers } = dateQualifiers(question);
  const asked = [...question].map((c, i) => (masked[i] === " " ? " " : c)).join("");
  const text = asked.toLowerCase();
  const mentions = findMentions(maskPhrases(text, options.keep ?? []), today, options.proseDays);
  const first = mentions[0];
  if (first === undefined) return { ok: true, range: undefined, rest: asked.replace(/\s+/g, " ").trim() };
  const last = mentions[mentions.length - 1] as Mention;
  const span = (m: Mention) => text.slice(m.index, m.index + m.length).trim();
  if (mentions.length > 2) return fail({ kind: "several", spans: mentions.map(span) });
  if (mentions.length === 2 && !JOINER.test(text.slice(first.index + first.length, last.index)))
    return fail({ kind: "twoSeparate", spans: [span(first), span(last)] });
  // "placed more than 30 days ago" is before that day, "less than a week ago" since then: read as the
  // day or week itself, the comparison was lost.
  // "in the last 24 hours": a window of hours ends at a time of day, which the date alone does not give.
  const hours = mentions.find((m) => /\b(hours?|hrs?|minutes?|mins?)\b/i.test(span(m)));
  if (hours !== undefined) return fail({ kind: "timeOfDay", span: span(hours) });
  const compared = COMPARED.exec(text.slice(0, first.index));
  if (compared !== null && /\bago$/.test(span(last)))
    return fail({ kind: "comparedAgo", span: `${compared[1]} ${span(last)}` });
  // "customers who ordered in both 2024 and 2025": each period, not the span from one to the other.
  if (mentions.length === 2 && BOTH.test(text.slice(0, first.index)))
    return fail({ kind: "eachOfTwo", spans: [span(first), span(last)] });

  let lead = LEAD.exec(text.slice(0, first.index));
  // "the year 2024" is the year, but in "each month this year" the unit before a relative period is
  // a grouping of its own, not a word of the range.
  if (lead?.[2] !== undefined && !lead[2].startsWith("week") && RELATIVE_PERIOD.test(span(first))) lead = null;
  const onward =
    lead?.[1] === "from" && mentions.length === 1 ? ONWARD.exec(text.slice(last.index + last.length)) : null;
  const asConnector = onward !== null ? "from onward" : lead?.[1]?.replace(/\s+/g, " ");
  const connector = eventStart(asConnector, text.slice(0, first.index), span(first));
  // The verb stays a word of the question, which says whose start is dated.
  if (connector === undefined && asConnector !== undefined) lead = null;
  let [start, end]: Bounds = [first.start, last.end];
  if (mentions.length === 2 && first.yearImplied && !last.yearImplied) start = inYearOf(first.start, last.start);
  if (mentions.length === 1 && !first.isRange) {
    const openEnd = options.openEnd === "today" ? addDays(today, 1) : undefined;
    // "the week of March 6 2024": the (ISO, Monday-first) week containing the day.
    if (lead?.[2]?.startsWith("week"))
      [start, end] = [startOf(first.start, "week"), addDays(startOf(first.start, "week"), 7)];
    else [start, end] = shapeByConnector(connector, first, openEnd);
  }
  if (qualifiers.length > 0) {
    if (mentions.length !== 1 || start === undefined || end === undefined)
      return fail({ kind: "qualifierWithoutWindow", qualifiers: qualifiers.length });
    const bounds = qualified([start, end], rollingWindow(span(first)), qualifiers, today);
    if (bounds === undefined) return fail({ kind: "qualifierMisfit", span: span(first) });
    [start, end] = bounds;
  }
  if (start && end && end <= start)
    return fail({ kind: "endsBeforeStart", span: text.slice(first.index, last.index + last.length).trim() });

  // "in 2015 or later", "2020 and earlier": the period opens towards one side.
  const side = mentions.length === 1 ? OPEN_SIDE.exec(text.slice(last.index + last.length)) : null;
  if (side !== null) {
    if (/^(?:later|after|newer|onwards?)$/.test(side[1] as string)) end = undefined;
    else start = undefined;
  }
  const from = first.index - (lead?.[0].length ?? 0);
  const to = last.index + last.length + (side?.[0].length ?? onward?.[0].length ?? 0);
  const range: DateRange = { text: asked.slice(from, to).trim(), index: from };
  if (start) range.start = isoDate(start);
  if (end) range.end = isoDate(end);
  return { ok: true, range, rest: `${asked.slice(0, from)} ${asked.slice(to)}`.replace(/\s+/g, " ").trim() };
}

/** "between March and May 2023": the first end takes the year of the second, and is not after it. */
function inYearOf(start: Date, other: Date): Date {
  const year = other.getUTCFullYear();
  const moved = utc(year, start.getUTCMonth(), start.getUTCDate());
  return moved > other ? utc(year - 1, moved.getUTCMonth(), moved.getUTCDate()) : moved;
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
 * Q2 compared to Q1"): each kept whole, where readDateRange would join them into one range.
 */
export function readPeriodPair(
  question: string,
  currentDate: string,
  options: DateReadOptions,
): PeriodPair | undefined {
  const today = parseToday(currentDate);
  if (!today) return undefined;
  const text = question.toLowerCase();
  const found = findMentions(maskPhrases(text, options.keep ?? []), today, options.proseDays);
  if (found.length !== 2) return undefined;
  const ranges = found.map((p): DateRange & { start: string; end: string } => {
    const lead = PERIOD_LEAD.exec(text.slice(0, p.index))?.[0].length ?? 0;
    return {
      start: isoDate(p.start),
      end: isoDate(p.end),
      text: question.slice(p.index, p.index + p.length),
      index: p.index - lead,
    };
  });
  const [a, b] = ranges as [(typeof ranges)[0], (typeof ranges)[0]];
  // A period inside the other ("in 2024, compared to March") is not a comparison between two periods.
  const within = (x: typeof a, y: typeof a) => x.start >= y.start && x.end <= y.end;
  if (within(a, b) || within(b, a)) return undefined;
  const periods: [DateRange, DateRange] = a.start < b.start ? [a, b] : [b, a];
  let rest = question;
  for (let k = found.length - 1; k >= 0; k--) {
    const p = found[k] as Mention;
    rest = `${rest.slice(0, (ranges[k] as DateRange).index)} ${rest.slice(p.index + p.length)}`;
  }
  const last = found[1] as Mention;
  const range: DateRange = {
    start: periods[0].start as string,
    end: [a.end, b.end].sort()[1] as string,
    text: question.slice(a.index, last.index + last.length).trim(),
    index: a.index,
  };
  return { range, periods, rest: rest.replace(/\s+/g, " ").trim() };
}
