/**
 * Words about how to write the query or where the data lives, not about the answer ("in the
 * database", "in terms of" for "by"), and notes on joins: "based on joining the customers and
 * sales tables", "by doing a left join from cars to sales". A reader takes them as a hint and still
 * answers the question; the parser drops them, so their table words are not read as filters or
 * groupings. What the answer is about must be said elsewhere in the question.
 */
const JOIN_NOTE =
  /\s*,?\s*\b(?:based on|by|using|via)\s+(?:doing\s+|using\s+|performing\s+)?(?:an?\s+|the\s+)?(?:(?:left|right|inner|outer|full|cross)\s+)*join(?:ing|s)?\b[^.?!;]*/gi;

/** "the journals in the database": every row is in the database; the words add nothing. */
const IN_THE_DATABASE = /\s+(?:in|from|within)\s+(?:the|this|our)\s+database\b/gi;
/**
 * "the total quantity of each product across all warehouses": the whole of what the rows cover, not a
 * grouping ("across regions" alone is one, and stays).
 */
const ACROSS_ALL =
  /\s*,?\s*\bacross\s+(?:all|every|the\s+(?:whole|entire))\s+(?:of\s+)?(?:the\s+|our\s+|its\s+|their\s+)?[a-z]+(?:\s+[a-z]+)?(?=\s*(?:[.?!;,]|$))/gi;
/** "top 3 businesses in terms of review count": ranked by it. */
const IN_TERMS_OF = /\bin terms of\b/gi;

/**
 * "Which author had the most papers in 2021, and how many papers did he/she have that year?": a
 * closing question about a count the ranking already shows, its subject a pronoun. Dropped only after
 * a ranking and when its noun was said before it ("papers"), so it restates rather than asks anew.
 */
const RESTATED_COUNT =
  /,?\s+and\s+how\s+many\s+([a-z]+)\s+(?:did|do|does|have|has|had)\s+(?:he\/she|he or she|he|she|they|it)\b[^.?!]*[.?!]?\s*$/i;

function dropRestatedCount(question: string): string {
  const m = RESTATED_COUNT.exec(question);
  if (m === null) return question;
  const before = question.slice(0, m.index).toLowerCase();
  const noun = (m[1] as string).toLowerCase();
  // Only a ranking shows its count: without one the answer would lose the column asked for.
  const ranks = /\b(most|fewest|least|top|highest|lowest|largest|smallest|best)\b/.test(before);
  return ranks && new RegExp(`\\b${noun}\\b`).test(before) ? `${question.slice(0, m.index)}?` : question;
}

/**
 * "the top 3 most common statuses and their respective counts": after a ranking by how many rows,
 * the counts are what the ranking already shows. Without one ("statuses and their counts") the words
 * ask for the counts and stay.
 */
const THEIR_COUNTS =
  /,?\s+(?:and|with|along with)\s+(?:their|the)\s+(?:respective\s+)?(?:counts?|frequenc(?:y|ies)|number of occurrences)\b/i;
const RANKS_BY_COUNT = /\b(?:most|least)\s+(?:common|frequent|frequently|often|used|popular)\b/i;

function dropTheirCounts(question: string): string {
  return RANKS_BY_COUNT.test(question) ? question.replace(THEIR_COUNTS, "") : question;
}

export function dropMethodNotes(question: string): string {
  return dropTheirCounts(dropRestatedCount(question))
    .replace(JOIN_NOTE, "")
    .replace(IN_THE_DATABASE, "")
    .replace(ACROSS_ALL, "")
    .replace(IN_TERMS_OF, "by")
    .replace(/\s+([.?!;])/g, "$1")
    .trim();
}
