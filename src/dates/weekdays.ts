/**
 * Days of the week as a filter, not a date: "rentals made on a Saturday or Sunday", "orders placed
 * on weekends", "sales on weekdays". They restrict rows to some days of every week, so they are read
 * apart from date ranges (range.ts) and combine with one ("on weekends in 2023").
 */

/** ISO day numbers, Monday 1 … Sunday 7, as PostgreSQL's EXTRACT(ISODOW ...) gives them. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeekdayFilter {
  /** The days kept, ascending. */
  days: IsoWeekday[];
  /** The words that said so, preposition included ("on a Saturday or Sunday"). */
  text: string;
  /** Character offset of `text` in the question. */
  index: number;
}

const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const WEEKEND: IsoWeekday[] = [6, 7];
const WORKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];

const DAY = "(?:mon|tues|wednes|thurs|fri|satur|sun)days?";
const ARTICLE = "(?:an?\\s+|the\\s+)?";
/** "on a Saturday or Sunday", "on Mondays and Tuesdays", "on Fridays", "every Sunday". */
const NAMED_DAYS = new RegExp(
  `\\b(?:on|during|every)\\s+${ARTICLE}${DAY}(?:\\s*(?:,|or|and|,\\s*or|,\\s*and)\\s*(?:on\\s+)?${ARTICLE}${DAY})*\\b`,
  "gi",
);
/**
 * "on weekends", "at weekends", "on a weekday", "on working days"; and before a noun, "weekend
 * rentals". "the weekend", "last weekend" or "each weekend" name one weekend or a grouping, and
 * "which weekday" asks for a day: not read.
 */
const WEEK_PARTS =
  /\b(?:on|at|during|over)\s+(?:an?\s+)?(weekends?|weekdays?|workdays?|working\s+days?)\b|(?<!\b(?:the|this|last|next|past|previous|that|each|every|per|a|which|what)\s+)\b(weekend)(?=\s+[a-z])/gi;

/** "Saturday, Sunday": the days of a filter by name, for explanations. */
export function weekdayNames(days: readonly IsoWeekday[]): string {
  return days.map((d) => `${DAY_NAMES[d - 1]?.[0]?.toUpperCase()}${DAY_NAMES[d - 1]?.slice(1)}`).join(", ");
}

/** The ISO day a name stands for: "saturdays" → 6. */
function dayNumber(word: string): IsoWeekday {
  const stemmed = word.toLowerCase().replace(/s$/, "");
  return (DAY_NAMES.indexOf(stemmed as (typeof DAY_NAMES)[number]) + 1) as IsoWeekday;
}

/**
 * Finds at most one weekday phrase and returns the question with it blanked (offsets unchanged, so a
 * date range read afterwards keeps its index). `spelledBySchema` says a word is a name in the schema
 * (an `is_weekend` column, a `day_name` column holding 'Monday'): then the words are left to it.
 * Undefined `filter` when there is none, or when two phrases disagree.
 */
export function readWeekdays(
  text: string,
  spelledBySchema: (word: string) => boolean = () => false,
): { filter: WeekdayFilter | undefined; rest: string } {
  const found: WeekdayFilter[] = [];
  for (const m of text.matchAll(NAMED_DAYS)) {
    const days = [...m[0].matchAll(new RegExp(DAY, "gi"))].map((d) => dayNumber(d[0]));
    found.push({ days: [...new Set(days)].sort((a, b) => a - b), text: m[0], index: m.index ?? 0 });
  }
  for (const m of text.matchAll(WEEK_PARTS)) {
    const part = (m[1] ?? m[2] ?? "").toLowerCase();
    found.push({ days: part.startsWith("weekend") ? WEEKEND : WORKDAYS, text: m[0], index: m.index ?? 0 });
  }
  const words = (f: WeekdayFilter) => f.text.toLowerCase().match(/[a-z]+/g) ?? [];
  const namesSchema = (f: WeekdayFilter) => words(f).some((w) => /day|weekend/.test(w) && spelledBySchema(w));
  const usable = found.filter((f) => !namesSchema(f));
  const first = usable[0];
  if (first === undefined || usable.some((f) => f.days.join() !== first.days.join()))
    return { filter: undefined, rest: text };
  let rest = text;
  for (const f of usable)
    rest = rest.slice(0, f.index) + " ".repeat(f.text.length) + rest.slice(f.index + f.text.length);
  return { filter: { ...first, days: [...first.days] }, rest };
}
