/**
 * The backend library of ML Debt Scorecards: the repository snapshot, the check
 * API and engine, the built-in check catalogue, and configuration readers
 * shared by the backend plugin, the catalog module and the CLI. It uses no
 * Backstage services, so the CLI and tests run it as a plain library.
 *
 * @packageDocumentation
 */

export * from './discoveryConfig';
export * from './snapshot/types';
export {
  createDirectorySnapshot,
  createMemorySnapshot,
  DEFAULT_SNAPSHOT_OPTIONS,
  isExcludedPath,
} from './snapshot/Snapshot';
export * from './engine/types';
export * from './engine/evaluate';
export { RepositoryFacts, ML_LIBRARIES } from './analysis/RepositoryFacts';
export type {
  AutomationFile,
  CiCommand,
  CiFile,
  DependencyManifest,
} from './analysis/RepositoryFacts';
export * from './analysis/python';
export * from './analysis/notebook';
export * from './analysis/dependencies';
export { BUILTIN_CHECKS } from './checks';
export * from './mllint';
export * from './attestations';
export * from './engine/scanService';
export * from './extensions';
export * from './custom';
