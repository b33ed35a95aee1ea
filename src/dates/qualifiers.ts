import { addUnits, startOf, type CalendarUnit as Unit } from "../shared/calendar";
import type { Bounds } from "./periods";
import { numberOf, unitOf } from "./words";

/** How a rolling window's bounds are qualified: "inclusive of 30 days ago", "excluding the current month". */
export interface Qualifier {
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

/** "the last 6 months", "past 30 days", "the past week": a rolling window's size. */
export function rollingWindow(text: string): { n: number; unit: Unit } | undefined {
  const m =
    /\b(?:last|past|previous|prior|trailing)\s+(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(day|week|month|quarter|year)s?\b/.exec(
      text,
    );
  return m === null ? undefined : { n: m[1] === undefined ? 1 : numberOf(m[1]), unit: unitOf(m[2]) };
}

/**
 * Applies qualifiers to a rolling window of `n` units ending today: "inclusive of 30 days ago"
 * starts it on that day; "excluding the current month" ends it where the current month starts and
 * makes it the `n` whole months before. Undefined when a qualifier does not fit the window.
 */
export function qualified(
  bounds: Bounds,
  window: { n: number; unit: Unit } | undefined,
  qualifiers: readonly Qualifier[],
  today: Date,
): Bounds | undefined {
  let result = bounds;
  for (const q of qualifiers) {
    if (q.kind === "today") continue;
    if (window === undefined) return undefined;
    if (q.kind === "ago") {
      const sameSpan =
        (q.unit === window.unit && q.n === window.n) ||
        (window.unit === "week" && q.unit === "day" && q.n === 7 * window.n);
      if (!sameSpan) return undefined;
      result = [addUnits(today, window.unit, -window.n), result[1]];
    } else {
      if (q.unit !== window.unit) return undefined;
      const current = startOf(today, window.unit);
      result = [addUnits(current, window.unit, -window.n), current];
    }
  }
  return result;
}
