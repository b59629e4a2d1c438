/**
 * The ML Debt Scorecards frontend plugin.
 *
 * @packageDocumentation
 */
export { mlDebtPlugin as default } from './plugin';
export { mlDebtApiRef, MlDebtClient } from './api/MlDebtApi';
export type { MlDebtApi, MlService } from './api/MlDebtApi';
export type {
  CatalogueCheck,
  CreateWaiverRequest,
  HistoryEntry,
  ScanRun,
  ScanStatus,
  ScanTriggered,
  ScorecardCheck,
  ScorecardSummary,
  ServiceRef,
  ServiceScorecard,
  Waiver,
} from './api/MlDebtApi';
// The org page's list, rollups, overview and export.
export type {
  ListScorecardsRequest,
  RollupGroup,
  ScorecardExport,
  ScorecardFilters,
  ScorecardOverview,
  ScorecardPage,
  ScorecardSortField,
} from './api/MlDebtApi';
// The legacy frontend system (createPlugin / extensions) and the condition
// for an entity page's ML Debt tab and card.
export {
  mlDebtLegacyPlugin,
  EntityMlDebtContent,
  EntityMlDebtCard,
  MlDebtPage,
} from './legacy';
export { isMlService } from '@ml-debt/plugin-ml-debt-common';
// Catalog integration: the grade filter for a legacy CatalogIndexPage and the
// catalog-rule warnings for an entity page.
export {
  EntityMlDebtGradePicker,
  EntityMlDebtGradeFilter,
  type MlDebtGradeFilters,
} from './components/GradeFilter';
export { CatalogRuleWarnings } from './components/CatalogRuleWarnings';
