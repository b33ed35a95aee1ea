/**
 * Dates in questions, for the built-in generator (llm/builtin) and the semantic layer alike. Depends
 * only on shared/calendar and chrono-node; the callers state their differences as options.
 */
export type { ProseDays } from "./mentions";
export {
  type DateProblem,
  type DateRange,
  type DateRead,
  type DateReadOptions,
  type PeriodPair,
  readDateRange,
  readPeriodPair,
} from "./range";
export { type IsoWeekday, readWeekdays, type WeekdayFilter, weekdayNames } from "./weekdays";
