/**
 * Calendar arithmetic on UTC dates, shared by the built-in generator's date phrases and the semantic
 * layer's time windows (a date in a question has no time zone). Months are added with
 * clamping, as analysts and Postgres (`date + interval '1 month'`) expect: Jan 31 + 1 month is Feb 28
 * or 29, never March 2 (what JavaScript's Date overflow would give).
 */
export const DAY_MS = 86_400_000;

/** Calendar units, coarsest last; the semantic layer's grains are these. */
export type CalendarUnit = "day" | "week" | "month" | "quarter" | "year";

export const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m, d));
export const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY_MS);
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export function parseIsoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDate(d) === text ? d : undefined;
}

const daysInMonth = (y: number, m: number): number => utc(y, m + 1, 0).getUTCDate();

export function addMonths(d: Date, n: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  return utc(y, m, Math.min(d.getUTCDate(), daysInMonth(y, m)));
}

export function addUnits(d: Date, unit: CalendarUnit, n: number): Date {
  switch (unit) {
    case "day":
      return addDays(d, n);
    case "week":
      return addDays(d, 7 * n);
    case "month":
      return addMonths(d, n);
    case "quarter":
      return addMonths(d, 3 * n);
    case "year":
      return addMonths(d, 12 * n);
  }
}

/** Start of the calendar period containing `d`, as Postgres `date_trunc` (ISO weeks start on Monday). */
export function startOf(d: Date, unit: CalendarUnit): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case "day":
      return utc(y, m, d.getUTCDate());
    case "week":
      return addDays(utc(y, m, d.getUTCDate()), -((d.getUTCDay() + 6) % 7));
    case "month":
      return utc(y, m, 1);
    case "quarter":
      return utc(y, m - (m % 3), 1);
    case "year":
      return utc(y, 0, 1);
  }
}

/** `3 months` -> { n: 3, unit: "month" } (definitions.ts has checked the form). */
export function parseWindow(window: string): { n: number; unit: CalendarUnit } {
  const [n, unit] = window.trim().split(/\s+/);
  return { n: Number(n), unit: (unit ?? "day").replace(/s$/, "") as CalendarUnit };
}
