/**
 * Catalog module of ML Debt Scorecards: ingestion rules for ML entities and the
 * grade label on every scanned ML service.
 *
 * @packageDocumentation
 */
export { catalogModuleMlDebt as default } from './module';
export {
  MlDebtEntityProcessor,
  type ScorecardLabelSource,
} from './processor/MlDebtEntityProcessor';
export {
  ScorecardLabelReader,
  type ScorecardLabelReaderOptions,
  type ScorecardLabels,
  type ScorecardLabelLookup,
} from './labels/ScorecardLabelReader';
export {
  DEFAULT_CATALOG_RULES,
  DEFAULT_OPERATIONS_ANNOTATIONS,
  evaluateCatalogRules,
  readCatalogRules,
  type CatalogRuleId,
  type CatalogRules,
  type CatalogRuleSeverity,
  type CatalogRuleViolation,
} from './rules/catalogRules';
