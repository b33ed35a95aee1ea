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
 * A parser of one YAML setting: unset or blank is the empty document, and every error names the
 * setting and the bad key. It parses on each call; `loadConfig` (config/index.ts) calls it once per
 * isolate.
 */
export function yamlConfigLoader<S extends z.ZodType>(setting: string, schema: S) {
  return (raw: string | undefined): z.infer<S> => {
    const text = raw ?? "";
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
    return result.data;
  };
}
