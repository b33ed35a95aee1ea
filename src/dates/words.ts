import type { CalendarUnit } from "../shared/calendar";
import { NUMBER_WORDS as SHARED_NUMBER_WORDS } from "../shared/number-words";

/** The words date phrases are built of, shared by the period patterns, qualifiers and connectors. */

export const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A month's name or abbreviation: "march", "mar", "sept", "september". */
export const MONTH_RE =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/** A count of units: "90", "three", "a" ("a week ago"). */
export const NUMBER_RE = "(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

/** A calendar unit, singular or plural: "day", "months". */
export const UNIT_RE = "(day|week|month|quarter|year)s?";

/** "a week", "an hour": the article counts one. */
const NUMBER_WORDS: Readonly<Record<string, number>> = { a: 1, an: 1, ...SHARED_NUMBER_WORDS };

/** "first quarter", "4th quarter", "the last quarter of 2023" (the fourth). */
export const ORDINALS: Record<string, number> = {
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

export const numberOf = (word: string | undefined): number => NUMBER_WORDS[word ?? ""] ?? Number(word);
export const unitOf = (word: string | undefined): CalendarUnit => (word ?? "day").replace(/s$/, "") as CalendarUnit;
export const monthIndex = (word: string | undefined): number => MONTHS.indexOf((word ?? "").slice(0, 3));

/** "2024", "'24", "24" (this century). */
export function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/^'/, ""));
  return n < 100 ? 2000 + n : n;
}
