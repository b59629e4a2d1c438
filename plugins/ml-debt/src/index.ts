/**
 * The ML Debt Scorecards frontend plugin.
 *
 * @packageDocumentation
 */
export { mlDebtPlugin as default } from './plugin';
export { mlDebtApiRef, MlDebtClient } from './api/MlDebtApi';
export type { MlDebtApi, MlService } from './api/MlDebtApi';
