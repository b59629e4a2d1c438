/**
 * The backend library of ML Debt Scorecards: configuration readers shared by the
 * backend plugin, the catalog module and the CLI.
 *
 * @packageDocumentation
 */

export * from './discoveryConfig';
