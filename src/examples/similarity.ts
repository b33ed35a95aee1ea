import { STOPWORDS, SYNONYM_FACTOR, stem, synonymsOf, words } from "../linking";

/**
 * How alike two questions are, for reusing verified question/SQL pairs. Pure: words in, a score out.
 *
 * A question becomes a set of terms: the stems of its content words (the same `words`/`stem` as
 * schema linking, so "shipped orders" and "orders we ship" agree), its numbers (`#2023`), and a few
 * markers for the question's shape that the stopword list would otherwise drop: "how many" /
 * "number of" / "count" are one `=count`, "by" / "per" / "each" / "monthly" are `=by`, and so on.
 * The score is a soft Jaccard index over the two sets: an exact term counts 1, a synonym (the
 * linker's synonym groups) SYNONYM_FACTOR, so a synonym never scores like the word itself.
 */
export interface QuestionTerms {
  readonly terms: ReadonlySet<string>;
}

const COUNT = "=count";
const AVERAGE = "=avg";
const TOP = "=top";
const BOTTOM = "=bottom";
const GROUP_BY = "=by";

/** Single words that say what shape the answer has; checked before the stopword list. */
const SHAPE_WORDS: Record<string, string> = {
  count: COUNT,
  counts: COUNT,
  average: AVERAGE,
  avg: AVERAGE,
  mean: AVERAGE,
  top: TOP,
  highest: TOP,
  most: TOP,
  largest: TOP,
  biggest: TOP,
  best: TOP,
  max: TOP,
  maximum: TOP,
  bottom: BOTTOM,
  lowest: BOTTOM,
  least: BOTTOM,
  fewest: BOTTOM,
  smallest: BOTTOM,
  worst: BOTTOM,
  min: BOTTOM,
  minimum: BOTTOM,
  by: GROUP_BY,
  per: GROUP_BY,
  each: GROUP_BY,
  every: GROUP_BY,
  breakdown: GROUP_BY,
};

/** "monthly revenue" is "revenue by month": a grouping plus the grain. */
const GRAIN_WORDS: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
  annual: "year",
  annually: "year",
};

export function questionTerms(question: string): QuestionTerms {
  const ws = words(question);
  const terms = new Set<string>();
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    if ((w === "how" && next === "many") || (w === "number" && next === "of")) {
      terms.add(COUNT);
      i++;
      continue;
    }
    const shape = SHAPE_WORDS[w];
    if (shape) {
      terms.add(shape);
      continue;
    }
    const grain = GRAIN_WORDS[w];
    if (grain) {
      terms.add(GROUP_BY);
      terms.add(stem(grain));
      continue;
    }
    // Numbers are kept: a verified SQL has its year or top-N written into it.
    if (/^\d+$/.test(w)) terms.add(`#${w}`);
    else if (!STOPWORDS.has(w)) terms.add(stem(w));
  }
  return { terms };
}

/** 1 for the same term, SYNONYM_FACTOR for a synonym (stems only, never markers or numbers), else 0. */
function matchWeight(term: string, other: ReadonlySet<string>): number {
  if (other.has(term)) return 1;
  if (term.startsWith("=") || term.startsWith("#")) return 0;
  return synonymsOf(term).some((s) => other.has(s)) ? SYNONYM_FACTOR : 0;
}

/** Soft Jaccard in [0, 1]: matched weight over the size of the union; 1 only for the same terms. */
export function similarity(a: QuestionTerms, b: QuestionTerms): number {
  if (a.terms.size === 0 || b.terms.size === 0) return 0;
  let fromA = 0;
  for (const t of a.terms) fromA += matchWeight(t, b.terms);
  let fromB = 0;
  for (const t of b.terms) fromB += matchWeight(t, a.terms);
  const matched = (fromA + fromB) / 2;
  return matched / (a.terms.size + b.terms.size - matched);
}

/**
 * How similar a question must be to a verified one for the built-in generator to answer with the
 * verified SQL instead of generating. 0.8 admits a rewording ("How many orders did we ship?" ≈
 * "Number of shipped orders", 1.0) and one synonym in three terms (0.82), but not two (0.67).
 */
export const DIRECT_ANSWER_THRESHOLD = 0.8;

/**
 * Whether a verified SQL answers `question` as it stands. Besides the threshold every term of each
 * question must be matched (exactly or by synonym) in the other: in a long question one different
 * word ("Germany" for "France", 2023 for 2024) still scores above 0.8, yet it is another question,
 * and the verified SQL has the old value written into it.
 */
export function answersSameQuestion(
  question: QuestionTerms,
  verified: QuestionTerms,
  score = similarity(question, verified),
): boolean {
  if (score < DIRECT_ANSWER_THRESHOLD) return false;
  for (const t of question.terms) if (matchWeight(t, verified.terms) === 0) return false;
  for (const t of verified.terms) if (matchWeight(t, question.terms) === 0) return false;
  return true;
}

/**
 * The stored key of a question: its lowercase words. Verified examples are unique per (namespace,
 * key), so re-verifying the same question (in any case or punctuation) replaces its SQL rather than
 * adding a near-duplicate to every prompt.
 */
export function questionKey(question: string): string {
  return words(question).join(" ");
}
