import { CheckMetadata, CheckResult, Grade } from '../types';
import { CategoryScore, computeCategoryScores } from './categories';
import { buildChecklist, ChecklistItem } from './checklist';
import { computeHealth } from './health';
import {
  computeMlTestScore,
  MlTestAttestation,
  MlTestScoreResult,
} from './mlTestScore';
import { MllintReport, MllintRuleResult, scoreMllint } from './mllint';

/**
 * Input of {@link buildScorecard}.
 *
 * @public
 */
export interface ScorecardInput {
  /** Check results of one scan of one service. */
  results: readonly CheckResult[];
  /** Metadata of the checks that produced them. */
  checks: readonly CheckMetadata[];
  /** Accepted ML Test Score attestations. */
  attestations?: readonly MlTestAttestation[];
  /** mllint-compatible rule results, or an already scored report. */
  mllint?: readonly MllintRuleResult[] | MllintReport;
  /** The scan time; attestations age out relative to it. */
  now?: Date;
  /** Maximum attestation age in days. Default 180. */
  maxAttestationAgeDays?: number;
}

/**
 * The scorecard of one service: headline health and grade, category scores,
 * the ML Test Score proxy, the remediation checklist and, when given, the
 * mllint-compatible view. This shape is a public contract: the CLI's JSON
 * output embeds it.
 *
 * @public
 */
export interface Scorecard {
  /** Health 0–100 (one decimal), after the critical cap. */
  score: number;
  /** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F < 60. */
  grade: Grade;
  /** A critical check (weight 3, not advisory) scored 0: health capped at 60. */
  capped: boolean;
  /** The critical checks that scored 0. */
  cappedBy: string[];
  /** Health before the cap. */
  uncappedScore: number;
  /** ML Debt Index: 100 − score. */
  debtIndex: number;
  /** The eleven catalogue categories, in catalogue order. */
  categories: CategoryScore[];
  /** Breck et al. 2017 score from the static proxy plus attestations. */
  mlTestScore: MlTestScoreResult;
  /** Failing and warning checks by priority, then errors. */
  checklist: ChecklistItem[];
  /** The mllint-compatible view, when mllint rules were evaluated. */
  mllint?: MllintReport;
}

/**
 * Builds a service's scorecard from one scan: category scores (§8.2), health
 * and grade with the critical cap (§8.5), the ML Test Score proxy (§8.3) and
 * the remediation checklist ordered by §8.5 priority. Pure: the same input
 * always gives the same scorecard.
 *
 * @public
 */
export function buildScorecard(input: ScorecardInput): Scorecard {
  const categories = computeCategoryScores(input.results, input.checks);
  const health = computeHealth(input.results, input.checks);
  const mlTestScore = computeMlTestScore({
    results: input.results,
    checks: input.checks,
    attestations: input.attestations,
    now: input.now,
    maxAttestationAgeDays: input.maxAttestationAgeDays,
  });
  const checklist = buildChecklist({
    results: input.results,
    checks: input.checks,
    weakestSection: mlTestScore.weakestSection,
  });
  const scorecard: Scorecard = {
    score: health.score,
    grade: health.grade,
    capped: health.capped,
    cappedBy: health.cappedBy,
    uncappedScore: health.uncappedScore,
    debtIndex: health.debtIndex,
    categories,
    mlTestScore,
    checklist,
  };
  if (input.mllint) {
    scorecard.mllint = Array.isArray(input.mllint)
      ? scoreMllint(input.mllint as readonly MllintRuleResult[])
      : (input.mllint as MllintReport);
  }
  return scorecard;
}
