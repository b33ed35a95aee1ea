/**
 * Words about how to write the query, not about the answer: "based on joining the customers and
 * sales tables", "by doing a left join from cars to sales". A reader takes them as a hint and still
 * answers the question; the parser drops them, so their table words are not read as filters or
 * groupings. What the answer is about must be said elsewhere in the question.
 */
const JOIN_NOTE =
  /\s*,?\s*\b(?:based on|by|using|via)\s+(?:doing\s+|using\s+|performing\s+)?(?:an?\s+|the\s+)?(?:(?:left|right|inner|outer|full|cross)\s+)*join(?:ing|s)?\b[^.?!;]*/gi;

export function dropMethodNotes(question: string): string {
  return question
    .replace(JOIN_NOTE, "")
    .replace(/\s+([.?!;])/g, "$1")
    .trim();
}
