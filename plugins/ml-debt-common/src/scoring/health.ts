import { CATEGORIES, CheckMetadata, CheckResult, Grade } from '../types';
import {
  isAdvisory,
  isScored,
  joinResults,
  roundScore,
  weightedCategoryScore,
} from './categories';

/**
 * The health score a critical finding caps the headline at (§8.5).
 *
 * @public
 */
export const CRITICAL_CAP = 60;

/**
 * The weight from which a check is critical (§7.1: 3 = critical).
 *
 * @public
 */
export const CRITICAL_WEIGHT = 3;

/**
 * The letter grade of a health score (0–100):
 *
 * - `A`: score ≥ 90
 * - `B`: 80 ≤ score < 90
 * - `C`: 70 ≤ score < 80
 * - `D`: 60 ≤ score < 70
 * - `F`: score < 60
 *
 * A service capped by a critical finding (score ≤ 60) is therefore at best a
 * `D`.
 *
 * @public
 */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/**
 * The headline health of a service.
 *
 * @public
 */
export interface HealthScore {
  /** 0–100, one decimal, after the critical cap. */
  score: number;
  /** 0–100, one decimal, before the critical cap. */
  uncappedScore: number;
  /** {@link gradeOf} `score`. */
  grade: Grade;
  /**
   * True when an applicable, non-advisory critical check (weight 3) scored 0,
   * which caps the score at {@link CRITICAL_CAP}. Reported even when the
   * uncapped score was already at or below the cap.
   */
  capped: boolean;
  /** Ids of the critical checks that scored 0. */
  cappedBy: string[];
  /** ML Debt Index (§8.5): 100 − score; higher means more debt. */
  debtIndex: number;
}

/**
 * The checks that cap the health score: applicable (pass/warn/fail), not
 * advisory (confidence other than `low`), weight ≥ 3, score 0.
 *
 * @public
 */
export function criticalFailures(
  results: readonly CheckResult[],
  checks: readonly CheckMetadata[],
): string[] {
  return joinResults(results, checks)
    .filter(
      ({ result, check }) =>
        isScored(result, check) &&
        !isAdvisory(check) &&
        check.weight >= CRITICAL_WEIGHT &&
        result.score === 0,
    )
    .map(({ check }) => check.id);
}

/**
 * The headline health score (§8.5 Layer C): the unweighted mean (every
 * category weight W_c = 1) of the category scores that are not `null`, capped
 * at {@link CRITICAL_CAP} when a critical check scored 0. Category scores are
 * averaged unrounded and the result is rounded to one decimal; a scan in which
 * no category could be scored has health 0.
 *
 * @public
 */
export function computeHealth(
  results: readonly CheckResult[],
  checks: readonly CheckMetadata[],
): HealthScore {
  const joined = joinResults(results, checks);
  const categoryScores = CATEGORIES.map(({ id }) =>
    weightedCategoryScore(joined.filter(e => e.check.category === id)),
  ).filter((s): s is number => s !== null);
  const mean =
    categoryScores.length === 0
      ? 0
      : categoryScores.reduce((a, b) => a + b, 0) / categoryScores.length;
  const uncappedScore = roundScore(mean);
  const cappedBy = criticalFailures(results, checks);
  const score =
    cappedBy.length > 0 ? Math.min(uncappedScore, CRITICAL_CAP) : uncappedScore;
  return {
    score,
    uncappedScore,
    grade: gradeOf(score),
    capped: cappedBy.length > 0,
    cappedBy,
    debtIndex: roundScore(100 - score),
  };
}
