import { generateSql } from "../llm/builtin";
import type { Catalog } from "../sql/catalog.types";

/**
 * Whether the built-in generator answers a question on a catalog, remembered per catalog (issue
 * 18): a suggestion is only made when the service can answer it, and checking one runs the whole
 * generator — about as much CPU as the answer itself. The verdict depends on the catalog, the
 * question and the date alone, so it holds until the namespace's catalog is loaded again (its TTL
 * replaces the object, and the WeakMap lets the old verdicts go with it).
 */
const verdicts = new WeakMap<Catalog, { loadedAt: string; byQuestion: Map<string, boolean> }>();

// Follow-ups come from a few edits of the questions asked, so a namespace sees a bounded set; the
// cap keeps a catalog with an unusual stream of questions from growing without end.
const MAX_VERDICTS_PER_CATALOG = 2_000;

export function answerableOn(catalog: Catalog, currentDate: string): (question: string) => boolean {
  let entry = verdicts.get(catalog);
  if (!entry || entry.loadedAt !== catalog.loadedAt) {
    entry = { loadedAt: catalog.loadedAt, byQuestion: new Map() };
    verdicts.set(catalog, entry);
  }
  const { byQuestion } = entry;
  return (question) => {
    const key = `${currentDate}\n${question}`;
    const known = byQuestion.get(key);
    if (known !== undefined) return known;
    const ok = generateSql(catalog, question, { currentDate }).ok;
    if (byQuestion.size >= MAX_VERDICTS_PER_CATALOG) byQuestion.clear();
    byQuestion.set(key, ok);
    return ok;
  };
}
