import type { GenerationInput } from "../llm/types";
import type { Clarification, ClarificationOption } from "../shared/answer";
import type { CatalogTable } from "../sql/catalog.types";

/**
 * Clarifying questions (issue 16): when a word could bind to several columns, the task asks which
 * one instead of guessing, and the next turn of the conversation answers with an option's label
 * (or `clarification: <option id>`), which completes the original question. Its public shape is
 * shared/answer.ts Clarification.
 */
export type { Clarification, ClarificationOption };

/** What a turn keeps of the question it asked back: the public part and, per option, the question it completes. */
export interface PendingClarification extends Clarification {
  answers: Record<string, string>;
}

// The built-in generator's refusal of a value no word places in a column (llm/builtin/bindings.ts).
const UNPLACED_VALUE = /did not find a column for the value "([^"]+)"/;
const CANDIDATES = /\(candidates: ([^)]*)\)/;
// A question should fit on a line of buttons.
const MAX_OPTIONS = 5;

// The built-in generator's refusal of a measure word no numeric column matches (llm/builtin/measures.ts).
const UNMATCHED_MEASURE = /did not find a numeric column for "([^"]+)"/;
const isNumeric = (type: string) =>
  /\b(integer|bigint|smallint|numeric|decimal|real|double precision|money|float\d?|int\d?)\b/i.test(type);
const isText = (type: string) => /\b(text|char|character|varchar|citext|character varying)\b/i.test(type);

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us)$/.test(word)) return word;
  return word.replace(/s$/, "");
}

/** "customer city" for customers.city, "country name" for countries.name: the words that name the column. */
function columnPhrase(table: string, column: string): string {
  const tableWords = table.toLowerCase().split(/[_\s]+/);
  const entity = [...tableWords.slice(0, -1), singular(tableWords[tableWords.length - 1] as string)].join(" ");
  const columnWords = column
    .toLowerCase()
    .split(/[_\s]+/)
    .join(" ");
  return columnWords.startsWith(entity) ? columnWords : `${entity} ${columnWords}`;
}

/**
 * The clarification for a generator's refusal, when the refusal is about which column a value
 * belongs to: the columns it named, then the other text columns of those tables and of the linked
 * ones (never keys, never a column whose complete list of values lacks it).
 */
export function clarificationFor(
  reason: string,
  input: Pick<GenerationInput, "catalog" | "linked">,
  asked: string,
): PendingClarification | undefined {
  const tie = tieClarification(reason, input, asked);
  if (tie !== undefined) return tie;
  const measure = UNMATCHED_MEASURE.exec(reason)?.[1];
  if (measure !== undefined) return measureClarification(measure, input, asked);
  const value = UNPLACED_VALUE.exec(reason)?.[1];
  if (value === undefined) return undefined;
  const named = (CANDIDATES.exec(reason)?.[1] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.includes("."));
  const tableNamed = (name: string) => input.catalog.tables.find((t) => t.name === name);
  const linkedTables = input.linked.tables.map((t) => t.table);
  const tables: CatalogTable[] = [
    ...new Set([
      ...named.map((n) => tableNamed(n.split(".")[0] as string)).filter((t): t is CatalogTable => !!t),
      ...linkedTables,
    ]),
  ];
  const columns: { table: CatalogTable; column: string; comment: string | undefined }[] = [];
  const add = (table: CatalogTable, column: string) => {
    if (columns.some((c) => c.table === table && c.column === column)) return;
    const found = table.columns.find((c) => c.name === column);
    if (!found || !isText(found.type)) return;
    const keys = new Set([...table.primaryKey, ...table.foreignKeys.flatMap((f) => f.columns)]);
    if (keys.has(column)) return;
    if (found.enum && found.samples && !found.samples.includes(value)) return;
    columns.push({ table, column, comment: found.comment ?? undefined });
  };
  for (const n of named) {
    const [tableName, column] = n.split(".") as [string, string];
    const table = tableNamed(tableName);
    if (table) add(table, column);
  }
  for (const table of tables) for (const c of table.columns) add(table, c.name);
  const chosen = columns.slice(0, MAX_OPTIONS);
  if (chosen.length < 2 && named.length === 0) return undefined;

  const options: ClarificationOption[] = [];
  const answers: Record<string, string> = {};
  for (const c of chosen) {
    const phrase = columnPhrase(c.table.name, c.column);
    const id = `${c.table.name}.${c.column}`;
    options.push({
      id,
      label: phrase.charAt(0).toUpperCase() + phrase.slice(1),
      detail: c.comment ? `${id}: ${c.comment.slice(0, 120)}` : id,
    });
    answers[id] = placeValue(asked, value, phrase);
  }
  return {
    question: `What is "${value}": ${options.map((o) => o.label.toLowerCase()).join(", ")}?`,
    options,
    answers,
  };
}

/** The question with the column's words before the value: "customers in 'X'" → "customers in customer city 'X'". */
function placeValue(asked: string, value: string, phrase: string): string {
  for (const literal of [`'${value}'`, `"${value}"`, value]) {
    const at = asked.indexOf(literal);
    if (at >= 0) return `${asked.slice(0, at)}${phrase} '${value}'${asked.slice(at + literal.length)}`;
  }
  return `${asked} with ${phrase} '${value}'`;
}

// The built-in generator's refusal of two columns that fit equally (llm/builtin/ties.ts tieReason).
const TIED =
  /could not tell (?:which date "([^"]+)" refers to|which date to group by "([^"]+)"|which number "([^"]+)" means): .*\(tied: ([^)]*)\)/;

/**
 * Two dates or two amounts of the same rows that fit the question equally ("rentals in 2024": picked
 * up or returned?). Each option completes the question with the column's own words, which the
 * generator then prefers: "rentals with return date in 2024", "total insurance cost by month".
 */
function tieClarification(
  reason: string,
  input: Pick<GenerationInput, "catalog">,
  asked: string,
): PendingClarification | undefined {
  const m = TIED.exec(reason);
  if (m === null) return undefined;
  const [range, grouping, amount] = [m[1], m[2], m[3]];
  const options: ClarificationOption[] = [];
  const answers: Record<string, string> = {};
  for (const id of (m[4] as string).split(",").map((s) => s.trim())) {
    const [tableName, columnName] = id.split(".") as [string, string];
    const column = input.catalog.tables.find((t) => t.name === tableName)?.columns.find((c) => c.name === columnName);
    if (column === undefined) continue;
    const phrase = columnPhrase(tableName, columnName);
    const words = columnName
      .toLowerCase()
      .split(/[_\s]+/)
      .join(" ");
    options.push({
      id,
      label: phrase.charAt(0).toUpperCase() + phrase.slice(1),
      detail: column.comment ? `${id}: ${column.comment.slice(0, 120)}` : id,
    });
    answers[id] =
      amount !== undefined
        ? replaceWord(asked, amount, words)
        : range !== undefined
          ? beforeRange(asked, range, `with ${words}`)
          : `${asked} with ${words}`;
  }
  if (options.length < 2) return undefined;
  const choices = options.map((o) => o.label.toLowerCase()).join(" or ");
  const question =
    range !== undefined
      ? `Which date does "${range}" refer to: ${choices}?`
      : grouping !== undefined
        ? `Which date should "${grouping}" follow: ${choices}?`
        : `Which number is "${amount}": ${choices}?`;
  return { question, options, answers };
}

/** The words just before the date range ("rentals with return date in 2024"), or after the question. */
function beforeRange(asked: string, range: string, words: string): string {
  const at = asked.toLowerCase().indexOf(range.toLowerCase());
  return at < 0 ? `${asked} ${words}` : `${asked.slice(0, at)}${words} ${asked.slice(at)}`;
}

/** The question with its first whole `word` replaced ("total cost" → "total insurance cost"), or the words appended. */
function replaceWord(asked: string, word: string, replacement: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`\\b${escaped}\\b`, "i");
  return re.test(asked) ? asked.replace(re, replacement) : `${asked} (${replacement})`;
}

/**
 * The question a reply completes when it answers the pending clarification: `clarification: <id>`,
 * an option's id or its label (any case); undefined when the reply is a new question.
 */
export function answerTo(reply: string, pending: PendingClarification): string | undefined {
  const text = reply
    .trim()
    .replace(/[.?!]+$/, "")
    .trim();
  const id = /^clarification\s*:\s*(.+)$/i.exec(text)?.[1]?.trim() ?? text;
  const option = pending.options.find(
    (o) => o.id.toLowerCase() === id.toLowerCase() || o.label.toLowerCase() === id.toLowerCase(),
  );
  return option ? pending.answers[option.id] : undefined;
}

/** The public part (what metadata and events carry). */
export function publicClarification(pending: PendingClarification): Clarification {
  return { question: pending.question, options: pending.options };
}

/** A language model's question back (llm/ai): its readings become options; choosing one completes the question with it. */
export function clarificationFromModel(
  asked: { question: string; options: string[] },
  reading: string,
): PendingClarification | undefined {
  const labels = [...new Set(asked.options.map((o) => o.trim()).filter((o) => o !== ""))].slice(0, MAX_OPTIONS);
  if (labels.length < 2 || asked.question.trim() === "") return undefined;
  const options = labels.map((label, i) => ({ id: `option_${i + 1}`, label, detail: label }));
  const answers = Object.fromEntries(options.map((o) => [o.id, `${reading} (meaning: ${o.label})`]));
  return { question: asked.question.trim(), options, answers };
}

/**
 * A measure word no column matches ("sum of worth by country"): which number is meant, among the
 * numeric columns of the linked tables first, then of the others (never keys).
 */
function measureClarification(
  word: string,
  input: Pick<GenerationInput, "catalog" | "linked">,
  asked: string,
): PendingClarification | undefined {
  const linked = input.linked.tables.map((t) => t.table);
  const tables = [...new Set([...linked, ...input.catalog.tables])];
  const options: ClarificationOption[] = [];
  const answers: Record<string, string> = {};
  for (const table of tables) {
    const keys = new Set([...table.primaryKey, ...table.foreignKeys.flatMap((f) => f.columns)]);
    for (const c of table.columns) {
      if (options.length >= MAX_OPTIONS || keys.has(c.name) || !isNumeric(c.type) || /(^|_)id$/i.test(c.name)) continue;
      const phrase = columnPhrase(table.name, c.name);
      const id = `${table.name}.${c.name}`;
      options.push({
        id,
        label: phrase.charAt(0).toUpperCase() + phrase.slice(1),
        detail: c.comment ? `${id}: ${c.comment.slice(0, 120)}` : id,
      });
      const at = asked.toLowerCase().indexOf(word.toLowerCase());
      answers[id] = at < 0 ? `${asked} (${phrase})` : `${asked.slice(0, at)}${phrase}${asked.slice(at + word.length)}`;
    }
  }
  if (options.length < 2) return undefined;
  return {
    question: `Which number is "${word}": ${options.map((o) => o.label.toLowerCase()).join(", ")}?`,
    options,
    answers,
  };
}
