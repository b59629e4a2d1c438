/**
 * Catalog module of ML Debt Scorecards: ingestion rules for ML entities and the
 * grade label on every scanned ML service.
 *
 * @packageDocumentation
 */
export { catalogModuleMlDebt as default } from './module';
