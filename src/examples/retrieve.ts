import { questionTerms, similarity } from "./similarity";

/** A verified question/SQL pair as stored (newest first when handed to `rankExamples`). */
export interface ExampleCandidate {
  id: number;
  question: string;
  sql: string;
}

export interface RankedExample extends ExampleCandidate {
  similarity: number;
}

export interface RankOptions {
  /** How many to keep; the LLM prompt shows 3 (DEFAULT_PROMPT_LIMITS.maxExamples). */
  limit?: number;
  /** Below this an example shares a word or two at most: it would cost prompt tokens and teach little. */
  minSimilarity?: number;
}

export const DEFAULT_EXAMPLE_LIMIT = 3;
export const MIN_EXAMPLE_SIMILARITY = 0.25;

/**
 * The verified examples most similar to `question`, best first. Scored in memory over a bounded
 * window of the namespace's examples (see VerifiedExampleStore.recent): a few hundred short
 * questions take well under a millisecond, so no index is needed. Ties keep the input order, so
 * among equally similar examples the newest wins.
 */
export function rankExamples(
  question: string,
  candidates: readonly ExampleCandidate[],
  options: RankOptions = {},
): RankedExample[] {
  const limit = options.limit ?? DEFAULT_EXAMPLE_LIMIT;
  const min = options.minSimilarity ?? MIN_EXAMPLE_SIMILARITY;
  const asked = questionTerms(question);
  const scored: RankedExample[] = [];
  for (const candidate of candidates) {
    const score = similarity(asked, questionTerms(candidate.question));
    if (score >= min) scored.push({ ...candidate, similarity: Math.round(score * 1000) / 1000 });
  }
  return scored.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}
