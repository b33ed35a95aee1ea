import type { DateReadOptions } from "./range";

/** The options llm/builtin/generate.ts passes: "since X" leaves the end open, only numbered prose days. */
export const GENERATOR: DateReadOptions = { openEnd: "unbounded", proseDays: "numeric" };
/** The options workflow/metric-plan.ts passes: "since X" runs through today, "last Friday" is a day. */
export const METRICS: DateReadOptions = { openEnd: "today", proseDays: "any" };
