/** sql/: the library the workflow nodes call. Only these names are used outside this folder. */
export { CatalogCache, introspectCatalog } from "./catalog";
export type { Catalog, CatalogColumn, CatalogForeignKey, CatalogTable } from "./catalog.types";
export { type QueryResult, type ResultColumn, useGateway } from "./executor";
export { checkSql, type GuardPolicy, type GuardVerdict } from "./guard";
export { runQuestionSql } from "./guarded-query";
export { DEMO_NAMESPACE, NamespaceRegistry, type NarrowingOptions, namespacesFor, type SqlTarget } from "./namespaces";
export {
  missingAttributes,
  namesHiddenColumn,
  type PoliciesApplied,
  type PolicySubject,
  type TablePolicy,
} from "./policies";
export { catalogUnderPolicies, checkPoliciesAgainstCatalog, policyRelations } from "./policy-catalog";
export { SqlExecutionError, type SqlFailureKind } from "./sql-errors";
export { describeSqlState } from "./sqlstate";
