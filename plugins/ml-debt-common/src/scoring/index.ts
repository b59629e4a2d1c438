/**
 * Scoring of ML Debt Scorecards: category scores, health and grade, the ML
 * Test Score proxy, the remediation checklist and the mllint-compatible view.
 * Pure and isomorphic: the backend, the CLI and the frontend share it.
 */

export * from './mlTestScore';
export * from './categories';
export * from './health';
export * from './checklist';
export * from './mllint';
export * from './scorecard';
