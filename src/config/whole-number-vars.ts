import { z } from "zod";

/** One whole-number var (wrangler.toml [vars]): its value when unset, and the range a set value must be in. */
export interface WholeNumberVar {
  fallback: number;
  min: number;
  max: number;
  /** What the number counts, said in the message for a bad value: "must be a whole number of hours". */
  unit?: string;
  /** Added to the message for a bad value, e.g. "0 turns the limit off". */
  hint?: string;
}

/**
 * The zod schema of one whole-number var: unset or blank is the fallback (`wrangler secret put` and
 * .dev.vars cannot express "unset" otherwise); anything else must be a whole number in range. Vars
 * are not secrets, so the message quotes the bad value.
 */
export function wholeNumberVar({ fallback, min, max, unit, hint }: WholeNumberVar) {
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  return z
    .union([z.string(), z.number()])
    .optional()
    .transform((raw, ctx) => {
      const text = raw === undefined ? "" : String(raw).trim();
      const n = text === "" ? fallback : Number(text);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({
        code: "custom",
        message: `must be a whole number${unit ? ` of ${unit}` : ""} ${range}${hint ? ` (${hint})` : ""}, got '${text}'`,
      });
      return z.NEVER;
    });
}

/** The schema of a group of whole-number vars, keyed by var name. */
export function wholeNumberVars<K extends string>(spec: Record<K, WholeNumberVar>) {
  return z.object(
    Object.fromEntries(Object.entries<WholeNumberVar>(spec).map(([name, v]) => [name, wholeNumberVar(v)])) as Record<
      K,
      ReturnType<typeof wholeNumberVar>
    >,
  );
}
