/**
 * Types, constants and rules shared by the ML Debt Scorecards frontend, backend,
 * CLI and catalog module.
 *
 * @packageDocumentation
 */

export * from './mlService';
export * from './catalogLabels';
export * from './types';
export * from './scoring';
export * from './permissions';
export * from './api';
