import { Entity } from '@backstage/catalog-model';
import { CheckResult } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import { RepositorySnapshot } from '../snapshot/types';
import { CheckContext, CheckEvaluation, MlDebtCheck } from './types';

/**
 * Input of one evaluation: one service's repository and catalog data.
 *
 * @public
 */
export interface EvaluationInput {
  snapshot: RepositorySnapshot;
  entity?: Entity;
  relatedEntities?: Entity[];
  /** Defaults to the current time. */
  now?: Date;
  /** Shared analysis of `snapshot`, when the caller already made one. */
  facts?: RepositoryFacts;
}

/** Lifecycles in which only the early-stage checks apply (§8.1). */
const EXPERIMENTAL_LIFECYCLES = new Set(['experimental']);

const DEFAULT_SCORE = { pass: 100, warn: 50, fail: 0 } as const;

function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}

/**
 * Runs checks over one service and returns one result per check, in the order
 * given. A check that throws becomes `error` for that check only; checks gated
 * out by the service's lifecycle, and catalog checks without an entity, are
 * `not-applicable`.
 *
 * @public
 */
export async function evaluateChecks(
  checks: readonly MlDebtCheck[],
  input: EvaluationInput,
): Promise<CheckResult[]> {
  const context: CheckContext = {
    snapshot: input.snapshot,
    entity: input.entity,
    relatedEntities: input.relatedEntities ?? [],
    facts: input.facts ?? new RepositoryFacts(input.snapshot),
    now: input.now ?? new Date(),
  };
  const lifecycle = input.entity?.spec?.lifecycle;
  const experimental =
    typeof lifecycle === 'string' && EXPERIMENTAL_LIFECYCLES.has(lifecycle);

  const results: CheckResult[] = [];
  for (const check of checks) {
    if (experimental && !check.appliesToExperimental) {
      results.push({
        id: check.id,
        status: 'not-applicable',
        score: null,
        summary: `Not applicable to lifecycle "${lifecycle}": only reproducibility, versioning, configuration, code, notebook and unit-test checks apply to experimental services.`,
        evidence: [],
        automation: 'none',
      });
      continue;
    }
    if (check.category === 'catalog' && !input.entity) {
      results.push({
        id: check.id,
        status: 'not-applicable',
        score: null,
        summary: 'No catalog entity was supplied (use --entity with the CLI).',
        evidence: [],
        automation: 'none',
      });
      continue;
    }
    results.push(await runOne(check, context));
  }
  return results;
}

async function runOne(
  check: MlDebtCheck,
  context: CheckContext,
): Promise<CheckResult> {
  let evaluation: CheckEvaluation;
  try {
    evaluation = await check.evaluate(context);
  } catch (error) {
    return {
      id: check.id,
      status: 'error',
      score: null,
      summary: `The check failed to run: ${
        error instanceof Error ? error.message : String(error)
      }`,
      evidence: [],
      automation: 'none',
    };
  }
  const evidence = evaluation.evidence ?? [];
  if (context.snapshot.limits.truncated) {
    evidence.push(
      ...context.snapshot.limits.reasons.map(reason => ({
        message: `Part of the repository was not scanned (${reason}); this result may be incomplete.`,
        unknown: true,
      })),
    );
  }
  const score =
    evaluation.status === 'not-applicable'
      ? null
      : clampScore(evaluation.score ?? DEFAULT_SCORE[evaluation.status]);
  return {
    id: check.id,
    status: evaluation.status,
    score,
    summary: evaluation.summary,
    evidence,
    automation: evaluation.automation ?? 'none',
  };
}
