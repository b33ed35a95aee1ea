import { ConfigError } from "../config/yaml-config";

/** One whole-number var: its value when unset, and the range a set value must be in. */
export interface WholeNumberVar {
  fallback: number;
  min: number;
  max: number;
  /** Added to the message for a bad value, e.g. "0 turns the limit off". */
  hint?: string;
}

/**
 * A reader for a group of whole-number vars (wrangler.toml [vars]). Parsed once per configuration:
 * Workers hand every request the same env, so the raw values are the cache key. A bad value names
 * its var and its range, and every bad var is named at once.
 */
export function wholeNumberVars<K extends string>(
  setting: string,
  spec: Record<K, WholeNumberVar>,
): (vars: Partial<Record<K, string | undefined>>) => Record<K, number> {
  const names = Object.keys(spec) as K[];
  let cached: { key: string; values: Record<K, number> } | undefined;
  return (vars) => {
    const key = names.map((n) => vars[n] ?? "").join("\u0000");
    if (cached?.key === key) return cached.values;
    const problems: string[] = [];
    const values = {} as Record<K, number>;
    for (const name of names) {
      const { fallback, min, max, hint } = spec[name];
      const raw = vars[name]?.trim();
      const n = raw === undefined || raw === "" ? fallback : Number(raw);
      if (Number.isInteger(n) && n >= min && n <= max) {
        values[name] = n;
      } else {
        const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
        problems.push(`${name}: must be a whole number ${range}${hint ? ` (${hint})` : ""}, got '${raw}'`);
      }
    }
    if (problems.length) throw new ConfigError(setting, problems);
    cached = { key, values };
    return values;
  };
}
