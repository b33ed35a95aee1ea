import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { yamlConfigLoader } from "../config/yaml-config";
import { fieldErrorsFromIssues } from "../shared/errors";
import { MetricDefinitions } from "./definitions";
import { DEMO_METRICS_YAML } from "./demo-metrics";
import { checkReferences, type DefinitionError } from "./references";

/** Shape and references together, so the METRICS setting's errors name every bad key. */
const CheckedDefinitions = MetricDefinitions.superRefine((defs, ctx) => {
  for (const error of checkReferences(defs))
    ctx.addIssue({ code: "custom", message: error.message, path: error.path.split(".") });
});

/**
 * The METRICS setting: the local metrics/<namespace>.yml files as one YAML document,
 *
 * ```yaml
 * namespaces:
 *   demo:            # the content of metrics/demo.yml
 *     semantic_models: { ... }
 *     metrics: { ... }
 *   shop: { ... }    # metrics/shop.yml
 * ```
 */
export const FileMetricsConfig = z.strictObject({
  namespaces: z
    .record(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "namespace names are letters, digits, '_', '.', '-'"),
      CheckedDefinitions,
    )
    .default({}),
});

const loadConfig = yamlConfigLoader("METRICS (metrics/*.yml)", FileMetricsConfig);
const loadDemo = yamlConfigLoader("built-in demo metrics", CheckedDefinitions);

/**
 * The file-defined metrics of every namespace, parsed once per isolate (cached by the raw text).
 * `demo` falls back to the built-in definitions when METRICS does not define it. Throws ConfigError
 * (naming each bad key) when METRICS is invalid.
 */
export function loadFileMetrics(raw: string | undefined): Record<string, MetricDefinitions> {
  if (cached !== undefined && cached.raw === raw) return cached.value;
  const configured = loadConfig(raw).namespaces;
  const value = configured.demo ? configured : { demo: loadDemo(DEMO_METRICS_YAML), ...configured };
  cached = { raw, value };
  return value;
}
let cached: { raw: string | undefined; value: Record<string, MetricDefinitions> } | undefined;

export type ParsedDefinitions<T> = { ok: true; value: T } | { ok: false; status: 400 | 422; errors: DefinitionError[] };

/**
 * A definitions document sent to the API: YAML or JSON text (JSON is YAML), or an already-parsed
 * object. Shape errors are 400s; references to nothing are 422s, like the routes answer them.
 */
export function parseDefinitions<S extends z.ZodType>(
  schema: S,
  input: string | unknown,
  path: string[] = [],
): ParsedDefinitions<z.infer<S>> {
  let doc = input;
  if (typeof input === "string") {
    try {
      doc = parseYaml(input);
    } catch (error) {
      return {
        ok: false,
        status: 400,
        errors: [{ path: "(body)", message: `not valid YAML or JSON (${(error as Error).message.split("\n")[0]})` }],
      };
    }
  }
  const result = schema.safeParse(doc ?? {});
  if (!result.success) {
    const errors = fieldErrorsFromIssues(result.error.issues).map((e) => ({
      ...e,
      path: [...path, e.path].filter((p) => p !== "(body)").join(".") || "(body)",
    }));
    return { ok: false, status: 400, errors };
  }
  return { ok: true, value: result.data };
}
