import {
  CategoryId,
  CheckMetadata,
  CheckResult,
  CheckStatus,
  Confidence,
  Evidence,
  MlTestId,
  MlTestSection,
} from '../types';
import { CONFIDENCE_FACTOR, isAdvisory, joinResults } from './categories';
import { getMlTest } from './mlTestScore';

/**
 * One item of the remediation checklist.
 *
 * @public
 */
export interface ChecklistItem {
  id: string;
  title: string;
  category: CategoryId;
  status: CheckStatus;
  score: number | null;
  /**
   * §8.5: w · (100 − s)/100 · conf_factor · (2 if the check feeds the weakest
   * ML Test Score section else 1), three decimals; 0 for errors.
   */
  priority: number;
  /** Whether the check feeds a test of the weakest ML Test Score section. */
  feedsWeakestSection: boolean;
  /** Low-confidence check: shown, never blocking. */
  advisory: boolean;
  weight: number;
  confidence: Confidence;
  /** The Sculley et al. debt type: the "why" of the item. */
  debtType: string;
  /** ML Test Score tests the check feeds. */
  mlTestScore: MlTestId[];
  /** ML Test Score sections of those tests, for grouping. */
  mlTestSections: MlTestSection[];
  summary: string;
  remediation: string[];
  evidence: Evidence[];
}

/**
 * Input of {@link buildChecklist}.
 *
 * @public
 */
export interface ChecklistInput {
  results: readonly CheckResult[];
  checks: readonly CheckMetadata[];
  /** The weakest ML Test Score section; its checks get double priority. */
  weakestSection?: MlTestSection;
}

/**
 * The checklist priority of a result (§8.5): w · (100 − s)/100 ·
 * conf_factor · (2 if it feeds the weakest section else 1), with conf_factor
 * 1 / 0.75 / 0.5 for high / medium / low confidence.
 *
 * @public
 */
export function checklistPriority(
  check: Pick<CheckMetadata, 'weight' | 'confidence'>,
  score: number,
  feedsWeakestSection: boolean,
): number {
  const raw =
    check.weight *
    ((100 - score) / 100) *
    CONFIDENCE_FACTOR[check.confidence] *
    (feedsWeakestSection ? 2 : 1);
  return Math.round(raw * 1000) / 1000;
}

/**
 * The remediation checklist: failing and warning checks ordered by
 * {@link checklistPriority} (highest first; ties by weight, then id), then the
 * checks that errored (priority 0), so someone can look at why they could not
 * run. Passing, not-applicable and waived checks are not listed.
 *
 * @public
 */
export function buildChecklist(input: ChecklistInput): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const { result, check } of joinResults(input.results, input.checks)) {
    if (
      result.status !== 'fail' &&
      result.status !== 'warn' &&
      result.status !== 'error'
    ) {
      continue;
    }
    const sections = [
      ...new Set(
        check.mlTestScore
          .map(id => getMlTest(id)?.section)
          .filter((s): s is MlTestSection => s !== undefined),
      ),
    ];
    const feedsWeakestSection =
      input.weakestSection !== undefined &&
      sections.includes(input.weakestSection);
    const priority =
      result.status === 'error' || result.score === null
        ? 0
        : checklistPriority(check, result.score, feedsWeakestSection);
    items.push({
      id: check.id,
      title: check.title,
      category: check.category,
      status: result.status,
      score: result.score,
      priority,
      feedsWeakestSection,
      advisory: isAdvisory(check),
      weight: check.weight,
      confidence: check.confidence,
      debtType: check.debtType,
      mlTestScore: [...check.mlTestScore],
      mlTestSections: sections,
      summary: result.summary,
      remediation: [...check.remediation],
      evidence: result.evidence,
    });
  }
  const rank = (i: ChecklistItem) => (i.status === 'error' ? 1 : 0);
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.priority - a.priority ||
      b.weight - a.weight ||
      a.id.localeCompare(b.id, 'en'),
  );
}
