import {
  buildScorecard,
  CheckResult,
  Scorecard,
} from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import { readAttestations, ReadAttestationsResult } from '../attestations';
import { evaluateMllintRules, MllintOptions } from '../mllint';
import { evaluateChecks, EvaluationInput } from './evaluate';
import { MlDebtCheck } from './types';

/**
 * Input of {@link scanService}.
 *
 * @public
 */
export interface ScanServiceInput extends EvaluationInput {
  /** The checks to run; every other catalogue check is reported as skipped. */
  checks: readonly MlDebtCheck[];
  /** The full catalogue, so that skipped checks still appear. Defaults to `checks`. */
  catalogue?: readonly MlDebtCheck[];
  /** Options of the mllint-compatible view (e.g. the Git directory). */
  mllint?: MllintOptions;
  /** Age after which attestations stop counting. Default 180 days. */
  attestationMaxAgeDays?: number;
}

/**
 * What {@link scanService} found.
 *
 * @public
 */
export interface ServiceScan {
  /** One result per catalogue check, in catalogue order. */
  results: CheckResult[];
  scorecard: Scorecard;
  attestations: ReadAttestationsResult;
}

/**
 * Scans one service: runs the checks, reads its ML Test Score attestations,
 * evaluates the mllint-compatible rules, and scores it, analysing the
 * repository once for all of them. The CLI and the backend both call this.
 *
 * @public
 */
export async function scanService(
  input: ScanServiceInput,
): Promise<ServiceScan> {
  const now = input.now ?? new Date();
  const facts = input.facts ?? new RepositoryFacts(input.snapshot);
  const catalogue = input.catalogue ?? input.checks;
  const selected = new Set(input.checks.map(c => c.id));
  const evaluated = await evaluateChecks(input.checks, {
    ...input,
    facts,
    now,
  });
  const byId = new Map(evaluated.map(r => [r.id, r]));
  const results: CheckResult[] = catalogue.map(
    check =>
      byId.get(check.id) ?? {
        id: check.id,
        status: 'not-applicable',
        score: null,
        summary: selected.has(check.id)
          ? 'Not evaluated.'
          : 'Skipped: not selected for this scan.',
        evidence: [],
        automation: 'none',
      },
  );
  const attestations = readAttestations(input.snapshot, facts, {
    now,
    maxAgeDays: input.attestationMaxAgeDays,
  });
  const scorecard = buildScorecard({
    results,
    checks: catalogue,
    attestations: attestations.accepted,
    mllint: evaluateMllintRules(input.snapshot, facts, input.mllint),
    now,
    maxAttestationAgeDays: input.attestationMaxAgeDays,
  });
  return { results, scorecard, attestations };
}
