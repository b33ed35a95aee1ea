/** Command-line flags of `npm run eval`. */
import { parseArgs } from "node:util";
import type { Tolerance } from "./compare.ts";
import { DEFAULT_TOLERANCE } from "./compare.ts";

export const USAGE = `Usage: npm run eval -- --namespace NS --questions FILE.jsonl [options]

  --namespace NS          namespace the questions are asked in (e.g. demo)
  --questions FILE        JSONL question set: {"id","question","gold_sql","ordered","current_date"} a line
  --workflow W            fixed (default), nl2sql or reflection
  --url URL               the running service (default http://127.0.0.1:8000)
  --client-id ID          OAuth client (default demo-client)
  --client-secret SECRET  (default demo-secret)
  --concurrency N         questions in flight at once (default 4)
  --out FILE              JSON report (default eval/results/latest.json; 'none' for no file)
  --ids a,b,c             only these question ids
  --gold-url URL          run gold SQL on this PostgreSQL database holding the demo data
                          (default: an embedded PGlite copy in --gold-data-dir)
  --gold-data-dir DIR     PGlite directory for the embedded gold database (default .data/pglite-eval)
  --gold-only             only run and check the gold SQL (no service needed)
  --abs-tol X --rel-tol Y numeric tolerance after rounding to 2 decimals (default ${DEFAULT_TOLERANCE.abs} / ${DEFAULT_TOLERANCE.rel})
  --verbose               SQL and result previews for every failure
  --help                  this text`;

export class UsageError extends Error {}

/** The parse, with a parser's complaint turned into a UsageError (printed with the usage, exit 2). */
export function orUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface EvalArgs {
  namespace: string;
  questions: string;
  workflow: string;
  url: string;
  clientId: string;
  clientSecret: string;
  concurrency: number;
  out: string | undefined;
  ids: string[] | undefined;
  goldUrl: string | undefined;
  goldDataDir: string | undefined;
  goldOnly: boolean;
  tolerance: Tolerance;
  verbose: boolean;
  help: boolean;
}

function positiveNumber(value: string | undefined, flag: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new UsageError(`${flag} must be a ${integer ? "positive integer" : "non-negative number"}, got '${value}'`);
  }
  return n;
}

export function parseEvalArgs(argv: string[]): EvalArgs {
  const { values } = orUsage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        namespace: { type: "string" },
        questions: { type: "string" },
        workflow: { type: "string", default: "fixed" },
        url: { type: "string", default: "http://127.0.0.1:8000" },
        "client-id": { type: "string", default: "demo-client" },
        "client-secret": { type: "string", default: "demo-secret" },
        concurrency: { type: "string" },
        out: { type: "string", default: "eval/results/latest.json" },
        ids: { type: "string" },
        "gold-url": { type: "string" },
        "gold-data-dir": { type: "string" },
        "gold-only": { type: "boolean", default: false },
        "abs-tol": { type: "string" },
        "rel-tol": { type: "string" },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  const help = values.help ?? false;
  const goldOnly = values["gold-only"] ?? false;
  if (!help && !values.questions) throw new UsageError("--questions is required");
  if (!help && !goldOnly && !values.namespace) throw new UsageError("--namespace is required");
  // parseArgs has no negation for string options, so `--out none` is how to skip the file.
  const out = values.out === "" || values.out === "none" ? undefined : values.out;
  return {
    namespace: values.namespace ?? "",
    questions: values.questions ?? "",
    workflow: values.workflow ?? "fixed",
    url: values.url ?? "http://127.0.0.1:8000",
    clientId: values["client-id"] ?? "demo-client",
    clientSecret: values["client-secret"] ?? "demo-secret",
    concurrency: positiveNumber(values.concurrency, "--concurrency", 4, true),
    out,
    ids: values.ids
      ? values.ids
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    goldUrl: values["gold-url"],
    goldDataDir: values["gold-data-dir"],
    goldOnly,
    tolerance: {
      abs: positiveNumber(values["abs-tol"], "--abs-tol", DEFAULT_TOLERANCE.abs),
      rel: positiveNumber(values["rel-tol"], "--rel-tol", DEFAULT_TOLERANCE.rel),
    },
    verbose: values.verbose ?? false,
    help,
  };
}
