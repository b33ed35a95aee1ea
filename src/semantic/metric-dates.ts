import type { DateReadOptions } from "../dates";

/**
 * How metric questions read dates (src/dates/ does the reading): "since March" runs through
 * current_date, so metric_to_sql reports an explicit range in `metadata.date_range`; and a day
 * named in words is a date ("revenue last Friday", "on Monday": the latest such day), as this layer
 * has always read them. The caller adds `keep` (the metric names).
 */
export const METRIC_DATES: DateReadOptions = { openEnd: "today", proseDays: "any" };
