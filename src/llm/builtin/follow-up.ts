import { indexCatalog, valueKey, words } from "../../linking";
import type { ConversationTurn, GenerationInput } from "../types";

/**
 * Follow-up questions for the built-in generator (issue 16): "only 2023", "by country instead",
 * "top 5", "what about Germany?", "and the average?" are edits of the previous question, not
 * questions of their own. This module rewrites such a follow-up into one standalone question (the
 * previous one with the edit applied), which the generator then reads as any other question. Pure:
 * two strings in (and, optionally, which columns a phrase is a value of), one string out.
 *
 * The rules are about the shape of the words, never about one schema's names: a date phrase
 * replaces the date phrase, a grouping replaces (or joins) the grouping, a value replaces the value
 * of the same column, a rank bound ranks the grouping, an aggregate word replaces the aggregate.
 */

export interface FollowUpOptions {
  /** The columns (`table.column`) a phrase is a known value of; undefined when it is none. */
  columnsOf?: ((phrase: string) => readonly string[] | undefined) | undefined;
}

export type FollowUpRule = "date" | "grouping" | "add_grouping" | "rank" | "value" | "aggregate";

export interface FollowUp {
  /** The follow-up read as one standalone question. */
  question: string;
  /** Which edit was applied. */
  rule: FollowUpRule;
}

const MONTHS =
  "january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec";
const YEAR = "(?:19|20)\\d{2}";
// "may" alone is a verb more often than a month: only "May 2024" is a date.
const DATE_CORE =
  `(?:(?:the\\s+)?(?:last|past|previous|this|next|current)\\s+(?:\\d+\\s+)?(?:days?|weeks?|months?|quarters?|years?)` +
  `|year\\s+to\\s+date|ytd|today|yesterday|q[1-4](?:\\s+(?:of\\s+)?${YEAR})?` +
  `|(?:(?:${MONTHS})(?:\\s+${YEAR})?|may\\s+${YEAR})|${YEAR}(?:\\s*(?:-|to|through|and)\\s*${YEAR})?)`;
const DATE_PREPOSITION = "(?:in|during|for|since|from|of|before|after|between|over|until)";
const DATE_PHRASE = new RegExp(`(?:\\b${DATE_PREPOSITION}\\s+)?\\b${DATE_CORE}\\b`, "gi");
const WHOLE_DATE = new RegExp(`^(?:${DATE_PREPOSITION}\\s+)?${DATE_CORE}$`, "i");

// Words that end a grouping phrase: a filter, a date or another clause starts there.
const GROUPING_END =
  "(?=\\s+(?:in|during|for|since|from|where|with|of|over|before|after|between|and|that|whose|which|who|top|ordered|sorted|only)\\b|[,?.!;]|$)";
const GROUPING = new RegExp(`\\b(?:by|per|for each|for every|grouped by|broken down by)\\s+(.+?)${GROUPING_END}`, "i");
const RANKED = /^(top|bottom|first|last)\s+(\d+)\s+(.+?)\s+by\s+/i;

const AGGREGATES: Record<string, string> = {
  average: "average",
  avg: "average",
  mean: "average",
  total: "total",
  sum: "total",
  count: "number of",
  number: "number of",
  minimum: "minimum",
  min: "minimum",
  lowest: "minimum",
  maximum: "maximum",
  max: "maximum",
  highest: "maximum",
};
const AGGREGATE_IN_QUESTION = /\b(?:total|sum of|average|avg|mean|count of|number of|minimum|maximum|min|max)\b/i;
const LEADING_FILLER =
  /^(?:show(?:\s+me)?|give\s+me|list|get|what\s+(?:is|was|are|were)(?:\s+the)?|what's(?:\s+the)?)\s+/i;

/**
 * The follow-up read with the previous question, or undefined when it stands on its own (a question
 * with its own measure or subject is never merged into the previous one).
 */
export function readFollowUp(question: string, previous: string, options: FollowUpOptions = {}): FollowUp | undefined {
  const asked = tidy(question);
  const prev = tidy(previous);
  if (asked === "" || prev === "") return undefined;
  const lower = asked.toLowerCase();

  const aggregate = /^(?:and\s+|what\s+about\s+|how\s+about\s+)?(?:the\s+)?(\w+)$/i.exec(lower)?.[1];
  if (aggregate !== undefined && AGGREGATES[aggregate] !== undefined)
    return { question: withAggregate(prev, AGGREGATES[aggregate] as string), rule: "aggregate" };

  const rank = /^(?:(?:and\s+|now\s+|only\s+|just\s+)?(?:the\s+)?)(top|bottom|first|last)\s+(\d+)(?:\s+only)?$/i.exec(
    lower,
  );
  if (rank) return { question: ranked(prev, rank[1] as string, rank[2] as string), rule: "rank" };

  const body = lower
    .replace(/^(?:and|but|ok(?:ay)?|now|so|then)\s+/, "")
    .replace(/\s+(?:instead|only|please|too|then)$/, "");
  const instead = /\binstead\b/.test(lower);

  const grouping =
    /^(?:(?:break|split)\s+(?:it|that|this|them|those)?\s*(?:down\s+)?|group(?:ed)?\s+(?:it\s+|that\s+)?|and\s+)?(?:by|per|for each|for every)\s+(.+)$/.exec(
      body,
    ) ?? /^(?:what|how)\s+about\s+(?:by|per)\s+(.+)$/.exec(body);
  if (grouping) {
    const by = (grouping[1] as string).replace(/\s+instead$/, "");
    const adds = /^(?:break|split|and\s+by|also)/.test(body) && !instead;
    return adds
      ? { question: addGrouping(prev, by), rule: "add_grouping" }
      : { question: replaceGrouping(prev, by), rule: "grouping" };
  }

  const subject = (/^(?:(?:what|how)\s+about|only|just|(?:and\s+)?(?:for|in))\s+(.+)$/.exec(body)?.[1] ?? body).replace(
    /^(?:the\s+)?/,
    "",
  );
  const original = originalCase(asked, subject);
  if (WHOLE_DATE.test(subject)) return { question: withDate(prev, original), rule: "date" };

  // Anything else is a value only when it is short and introduced as one, or known to the data.
  const introduced = subject !== body || instead;
  const known = options.columnsOf?.(original);
  if (subject.split(/\s+/).length > 4 || (!introduced && known === undefined)) return undefined;
  // "in 2023 by country" is two edits at once, not a value: read as a question of its own.
  if (/\b(?:by|per)\b/.test(subject) || new RegExp(DATE_PHRASE.source, "i").test(subject)) return undefined;
  return { question: withValue(prev, original, known, options), rule: "value" };
}

function tidy(text: string): string {
  return text
    .trim()
    .replace(/[?.!]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The subject as the user typed it (values keep their case: 'Germany', not 'germany'). */
function originalCase(asked: string, lowerSubject: string): string {
  const at = asked.toLowerCase().lastIndexOf(lowerSubject);
  return at < 0 ? lowerSubject : asked.slice(at, at + lowerSubject.length);
}

function squeeze(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([,?.!])/g, "$1")
    .trim();
}

function withDate(prev: string, date: string): string {
  const phrase = new RegExp(`^${DATE_PREPOSITION}\\s`, "i").test(date) ? date : `in ${date}`;
  return squeeze(`${prev.replace(DATE_PHRASE, " ")} ${phrase}`);
}

function replaceGrouping(prev: string, by: string): string {
  const rankedMatch = RANKED.exec(prev);
  if (rankedMatch) return prev.replace(RANKED, `${rankedMatch[1]} ${rankedMatch[2]} ${by} by `);
  const found = GROUPING.exec(prev);
  if (!found) return squeeze(`${prev} by ${by}`);
  return squeeze(prev.replace(found[0], `by ${by}`));
}

function addGrouping(prev: string, by: string): string {
  const found = GROUPING.exec(prev);
  if (!found || RANKED.test(prev)) return replaceGrouping(prev, by);
  return squeeze(prev.replace(found[0], `${found[0]} and ${by}`));
}

/** "top 5": the grouping becomes what is ranked ("top 5 country by total revenue in 2023"). */
function ranked(prev: string, direction: string, n: string): string {
  const dir = direction.toLowerCase();
  if (RANKED.test(prev)) return prev.replace(/^(top|bottom|first|last)\s+\d+/i, `${dir} ${n}`);
  const found = GROUPING.exec(prev);
  if (!found) return squeeze(`${dir} ${n} ${prev.replace(LEADING_FILLER, "")}`);
  const rest = squeeze(prev.replace(found[0], " ").replace(LEADING_FILLER, ""));
  return `${dir} ${n} ${found[1]} by ${rest}`;
}

function withAggregate(prev: string, aggregate: string): string {
  if (AGGREGATE_IN_QUESTION.test(prev)) return prev.replace(AGGREGATE_IN_QUESTION, aggregate);
  const rankedMatch = RANKED.exec(prev);
  if (rankedMatch) return prev.replace(RANKED, (m) => `${m}${aggregate} `);
  return `${aggregate} ${prev.replace(LEADING_FILLER, "")}`;
}

/**
 * "what about Germany?": replaces the value of the same column in the previous question when the
 * data says which one it is ("France" → "Germany" on customers.country), else a quoted or
 * capitalised value after in/for/from, else adds the value as a filter.
 */
function withValue(
  prev: string,
  value: string,
  columns: readonly string[] | undefined,
  options: FollowUpOptions,
): string {
  const quoted = /^['"].*['"]$/.test(value) ? value : value;
  if (columns !== undefined && options.columnsOf) {
    const words = prev.split(" ");
    for (let size = Math.min(4, words.length); size >= 1; size--) {
      for (let i = 0; i + size <= words.length; i++) {
        const phrase = words
          .slice(i, i + size)
          .join(" ")
          .replace(/^['"]|['"]$/g, "");
        const of = options.columnsOf(phrase);
        if (of?.some((c) => columns.includes(c)) && phrase.toLowerCase() !== value.toLowerCase())
          return squeeze([...words.slice(0, i), quoted, ...words.slice(i + size)].join(" "));
      }
    }
    return squeeze(`${prev} in ${quoted}`);
  }
  const named = new RegExp(
    `\\b(in|for|from)\\s+('[^']+'|"[^"]+"|(?!${DATE_CORE}\\b)[A-Z][\\w'&-]*(?:\\s+[A-Z][\\w'&-]*)*)`,
  ).exec(prev);
  if (named) return squeeze(prev.replace(named[0], `${named[1]} ${quoted}`));
  return squeeze(`${prev} in ${quoted}`);
}

/** The question the previous turn was read as: the newest turn that was answered. */
export function previousQuestion(turns: readonly ConversationTurn[] | undefined): string | undefined {
  const answered = [...(turns ?? [])].reverse().find((t) => t.status === "completed");
  return answered ? (answered.standalone ?? answered.question) : undefined;
}

/** The generator's hook: the question of `input` read as a follow-up of its conversation, if it is one. */
export function followUpOf(
  input: Pick<GenerationInput, "question" | "conversation" | "catalog">,
): FollowUp | undefined {
  const previous = previousQuestion(input.conversation);
  if (previous === undefined) return undefined;
  const index = indexCatalog(input.catalog);
  const columnsOf = (phrase: string) => {
    const postings = index.values.get(valueKey(words(phrase)));
    return postings?.length
      ? postings.map((p) => `${p.column.table.qualifiedName}.${p.column.column.name}`)
      : undefined;
  };
  return readFollowUp(input.question, previous, { columnsOf });
}
