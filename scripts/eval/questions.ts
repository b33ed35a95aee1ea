/**
 * Question sets: JSONL, one `{"id","question","gold_sql","ordered","current_date"}` object a line.
 * Parsing is strict (unknown keys, duplicate ids and bad dates are errors with a line number): a typo
 * in a question set would otherwise silently change what the eval measures.
 */

export interface EvalQuestion {
  id: string;
  question: string;
  gold_sql: string;
  /** Compare rows in order: only for questions that ask for an order (top N, "sorted by"). */
  ordered: boolean;
  /** ISO date sent as the request's current_date, so "last month" has one right answer. */
  current_date?: string | undefined;
}

const KEYS = new Set(["id", "question", "gold_sql", "ordered", "current_date"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class QuestionSetError extends Error {}

function parseLine(text: string, lineNo: number): EvalQuestion {
  const fail = (msg: string): never => {
    throw new QuestionSetError(`line ${lineNo}: ${msg}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("expected a JSON object");
  const obj = value as Record<string, unknown>;
  const unknown = Object.keys(obj).filter((k) => !KEYS.has(k));
  if (unknown.length) fail(`unknown key(s) ${unknown.join(", ")} (known: ${[...KEYS].join(", ")})`);
  const text_ = (key: string): string => {
    const v = obj[key];
    if (typeof v !== "string" || !v.trim()) fail(`"${key}" must be a non-empty string`);
    return (v as string).trim();
  };
  const ordered = obj.ordered ?? false;
  if (typeof ordered !== "boolean") fail(`"ordered" must be true or false`);
  const currentDate = obj.current_date;
  if (currentDate !== undefined && (typeof currentDate !== "string" || !ISO_DATE.test(currentDate))) {
    fail(`"current_date" must be a YYYY-MM-DD date`);
  }
  return {
    id: text_("id"),
    question: text_("question"),
    gold_sql: text_("gold_sql"),
    ordered: ordered as boolean,
    current_date: currentDate as string | undefined,
  };
}

/** Parses a JSONL question set; blank lines and lines starting with `//` or `#` are skipped. */
export function parseQuestions(text: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("//") || trimmed.startsWith("#")) return;
    const q = parseLine(trimmed, i + 1);
    if (seen.has(q.id)) throw new QuestionSetError(`line ${i + 1}: duplicate id "${q.id}"`);
    seen.add(q.id);
    out.push(q);
  });
  if (out.length === 0) throw new QuestionSetError("the question set is empty");
  return out;
}
