/**
 * examples/: how verified question/SQL pairs are matched to new questions. Pure functions; the
 * pairs themselves live in D1 (store/examples.ts) and reach the generators as GenerationInput.examples.
 */
export {
  DEFAULT_EXAMPLE_LIMIT,
  type ExampleCandidate,
  MIN_EXAMPLE_SIMILARITY,
  type RankedExample,
  type RankOptions,
  rankExamples,
} from "./retrieve";
export {
  answersSameQuestion,
  DIRECT_ANSWER_THRESHOLD,
  type QuestionTerms,
  questionKey,
  questionTerms,
  similarity,
} from "./similarity";
