/**
 * The ml-debt backend plugin of ML Debt Scorecards: discovery of ML services,
 * scheduled and on-demand scans shared by replicas, storage and history,
 * waivers and attestations, permissions, and the REST API under
 * `/api/ml-debt`.
 *
 * @packageDocumentation
 */

export { mlDebtPlugin as default } from './plugin';
export * from './permissions';
export { createRouter } from './router';
export type { RouterOptions } from './router';
export * from './scan';
export * from './database';
export { MlServiceDiscovery } from './discovery/MlServiceDiscovery';
export type { MlServiceSummary } from './discovery/MlServiceDiscovery';
