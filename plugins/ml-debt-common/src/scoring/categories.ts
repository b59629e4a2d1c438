import {
  CATEGORIES,
  CategoryId,
  CheckMetadata,
  CheckResult,
  Confidence,
} from '../types';

/**
 * Statuses that take part in scores. `not-applicable`, `error` and `waived`
 * results are shown but never scored.
 *
 * @public
 */
export const SCORED_STATUSES: ReadonlySet<string> = new Set([
  'pass',
  'warn',
  'fail',
]);

/**
 * Whether a low-confidence check is advisory: shown in the checklist, counted
 * at half weight, never capping the health score (§8.1).
 *
 * @public
 */
export function isAdvisory(check: Pick<CheckMetadata, 'confidence'>): boolean {
  return check.confidence === 'low';
}

/**
 * The weight a check carries in its category score: its severity weight,
 * halved for advisory (low-confidence) checks.
 *
 * @public
 */
export function effectiveWeight(
  check: Pick<CheckMetadata, 'weight' | 'confidence'>,
): number {
  return isAdvisory(check) ? check.weight * 0.5 : check.weight;
}

/**
 * Whether a result takes part in scoring: applicable (pass, warn or fail), with
 * a score, from a check whose weight is above 0.
 *
 * @public
 */
export function isScored(
  result: CheckResult,
  check: Pick<CheckMetadata, 'weight'>,
): boolean {
  return (
    SCORED_STATUSES.has(result.status) &&
    result.score !== null &&
    Number.isFinite(result.score) &&
    check.weight > 0
  );
}

/**
 * The score of one category of the check catalogue.
 *
 * @public
 */
export interface CategoryScore {
  id: CategoryId;
  title: string;
  /**
   * Weighted mean of the scored checks' scores (0–100, one decimal), or `null`
   * when no check of the category could be scored.
   */
  score: number | null;
  /** Number of checks counted in the score. */
  checks: number;
  /** Number of counted checks with status `fail`. */
  failing: number;
  /** Number of counted checks with status `warn`. */
  warning: number;
  /** Ids of the checks counted in the score. */
  checkIds: string[];
}

/** Rounds to one decimal. @public */
export function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}

/**
 * Pairs results with their metadata, dropping results of unknown checks.
 *
 * @public
 */
export function joinResults(
  results: readonly CheckResult[],
  checks: readonly CheckMetadata[],
): Array<{ result: CheckResult; check: CheckMetadata }> {
  const byId = new Map(checks.map(c => [c.id, c]));
  const joined: Array<{ result: CheckResult; check: CheckMetadata }> = [];
  for (const result of results) {
    const check = byId.get(result.id);
    if (check) joined.push({ result, check });
  }
  return joined;
}

/**
 * The raw (unrounded) weighted mean used by {@link computeCategoryScores}:
 * Σ w·s / Σ w over scored results, with w halved for advisory checks; `null`
 * when Σ w = 0 (mllint's `OverallScore`, §8.2).
 *
 * @public
 */
export function weightedCategoryScore(
  entries: ReadonlyArray<{
    result: CheckResult;
    check: Pick<CheckMetadata, 'weight' | 'confidence'>;
  }>,
): number | null {
  let sumW = 0;
  let sumWS = 0;
  for (const { result, check } of entries) {
    if (!isScored(result, check)) continue;
    const w = effectiveWeight(check);
    sumW += w;
    sumWS += w * (result.score as number);
  }
  return sumW === 0 ? null : sumWS / sumW;
}

/**
 * Scores the eleven categories of the check catalogue (§8.2 Layer A). A
 * category's score is the weighted average of its applicable checks — results
 * that are `not-applicable`, `error` or `waived`, and checks of weight 0, are
 * left out; low-confidence (advisory) checks count at half weight. A category
 * without scored checks is `null`. Categories are returned in catalogue order.
 *
 * @public
 */
export function computeCategoryScores(
  results: readonly CheckResult[],
  checks: readonly CheckMetadata[],
): CategoryScore[] {
  const joined = joinResults(results, checks);
  return CATEGORIES.map(({ id, title }) => {
    const entries = joined.filter(e => e.check.category === id);
    const scored = entries.filter(e => isScored(e.result, e.check));
    const raw = weightedCategoryScore(scored);
    return {
      id,
      title,
      score: raw === null ? null : roundScore(raw),
      checks: scored.length,
      failing: scored.filter(e => e.result.status === 'fail').length,
      warning: scored.filter(e => e.result.status === 'warn').length,
      checkIds: scored.map(e => e.check.id),
    };
  });
}

/** Confidence factors of the checklist priority (§8.5). @public */
export const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = {
  high: 1,
  medium: 0.75,
  low: 0.5,
};
