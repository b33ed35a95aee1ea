import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { fieldErrorsFromIssues } from "../shared/errors";

/**
 * A configuration document (a YAML secret or var) that cannot be used. The message names the
 * setting and every bad key, never the values: secrets must not reach a log line.
 */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly problems: string[],
  ) {
    super(`${setting} is invalid: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses and validates a YAML document once per isolate: Workers reuse isolates across requests,
 * so the cache keeps YAML parsing and zod validation off the hot path. Keyed by the raw text so a
 * changed secret (new deployment) is picked up.
 */
export function yamlConfigLoader<S extends z.ZodType>(setting: string, schema: S) {
  let cached: { raw: string; value: z.infer<S> } | undefined;
  return (raw: string | undefined): z.infer<S> => {
    const text = raw ?? "";
    if (cached && cached.raw === text) return cached.value;
    let doc: unknown;
    try {
      doc = text.trim() === "" ? {} : parseYaml(text);
    } catch (error) {
      // The YAML parser's message carries line/column only, not the document.
      throw new ConfigError(setting, [`not valid YAML (${(error as Error).message.split("\n")[0]})`]);
    }
    const result = schema.safeParse(doc ?? {});
    if (!result.success) {
      throw new ConfigError(
        setting,
        fieldErrorsFromIssues(result.error.issues).map((e) => `${e.path}: ${e.message}`),
      );
    }
    cached = { raw: text, value: result.data };
    return result.data;
  };
}
