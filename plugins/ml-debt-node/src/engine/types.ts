import { Entity } from '@backstage/catalog-model';
import {
  Automation,
  CheckMetadata,
  CheckStatus,
  Evidence,
} from '@ml-debt/plugin-ml-debt-common';
import { RepositorySnapshot } from '../snapshot/types';
import type { RepositoryFacts } from '../analysis/RepositoryFacts';

/**
 * Everything a check may look at: the repository snapshot, the service's catalog
 * entity and the entities its relations point at, and shared, lazily computed
 * analysis of the repository.
 *
 * @public
 */
export interface CheckContext {
  snapshot: RepositorySnapshot;
  /** The service's catalog entity; absent when the CLI runs without `--entity`. */
  entity?: Entity;
  /**
   * Entities the service's relations point at, as far as the caller could
   * resolve them: owner, system, provided and consumed APIs (with their own
   * relations, so `apiConsumedBy` is visible), `dependsOn` targets.
   */
  relatedEntities: Entity[];
  /** Shared analysis: Python sources, notebooks, CI files, manifests, … */
  facts: RepositoryFacts;
  /** The time of the scan (attestations age out relative to it). */
  now: Date;
}

/**
 * What a check's `evaluate` returns. `score` defaults to 100 for `pass`, 0 for
 * `fail`, 50 for `warn`; `automation` defaults to `none`.
 *
 * @public
 */
export interface CheckEvaluation {
  status: Exclude<CheckStatus, 'error' | 'waived'>;
  score?: number;
  summary: string;
  evidence?: Evidence[];
  automation?: Automation;
}

/**
 * A check: its metadata and how to evaluate it. A new check is one file that
 * exports one of these, plus its fixture test.
 *
 * @public
 */
export interface MlDebtCheck extends CheckMetadata {
  evaluate(context: CheckContext): CheckEvaluation | Promise<CheckEvaluation>;
}
