/**
 * Schema linking: which tables and columns of a catalog a question is about, and how to join them.
 * Pure functions over plain catalog data; the per-catalog index is memoised by catalog identity.
 */
export {
  type CatalogIndex,
  type ColumnKind,
  columnKind,
  type IndexedColumn,
  type IndexedTable,
  indexCatalog,
  namesEachRow,
  type Posting,
  type PostingField,
  type ValuePosting,
} from "./catalog-index";
export {
  type JoinEdge,
  JoinGraph,
  type JoinStep,
  MAX_JOIN_HOPS,
  type Reached,
  stepSource,
  stepTarget,
} from "./join-graph";
export { abbreviates, keyRoleWords } from "./key-roles";
export {
  DEFAULT_MAX_TABLES,
  type LinkedColumn,
  type LinkedJoin,
  type LinkedSchema,
  type LinkedTable,
  type LinkOptions,
  linkSchema,
  type MatchedValue,
  questionStems,
  type ScoredSchema,
  scoreSchema,
  tableTokens,
} from "./link-schema";
export { placeCode } from "./place-codes";
export { DEFAULT_SYNONYMS, extendSynonyms, SYNONYM_FACTOR, type SynonymMap, synonymsOf } from "./synonyms";
export { identifierStems, STOPWORDS, splitIdentifier, stem, textStems, valueKey, words } from "./text";
export {
  MAX_PROBE_COLUMNS,
  MAX_PROBE_PHRASES,
  type ProbeCandidates,
  type ProbedValue,
  probeCandidates,
  probeColumns,
  probedValues,
  probeKey,
  probePhrases,
  probeSql,
  withProbedValues,
} from "./value-probe";
export { matchValues, type ValueMatch } from "./values";
