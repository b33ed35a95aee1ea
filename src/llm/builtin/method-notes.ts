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
/** "top 3 businesses in terms of review count": ranked by it. */
const IN_TERMS_OF = /\bin terms of\b/gi;

export function dropMethodNotes(question: string): string {
  return question
    .replace(JOIN_NOTE, "")
    .replace(IN_THE_DATABASE, "")
    .replace(IN_TERMS_OF, "by")
    .replace(/\s+([.?!;])/g, "$1")
    .trim();
}
