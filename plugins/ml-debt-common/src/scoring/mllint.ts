/**
 * The mllint-compatible view (§4, §8.2 Layer A "mllint-parity"): rule results
 * with mllint's slugs, names and formulas, and mllint's category arithmetic.
 */

/**
 * The mllint categories this view reports (mllint's `file-structure`,
 * `data-quality` and `deployment` are not implemented by mllint either).
 *
 * @public
 */
export type MllintCategoryId =
  | 'version-control'
  | 'dependency-management'
  | 'code-quality'
  | 'testing'
  | 'ci';

/**
 * The mllint categories with mllint's display names, in mllint's order.
 *
 * @public
 */
export const MLLINT_CATEGORIES: ReadonlyArray<{
  id: MllintCategoryId;
  title: string;
}> = [
  { id: 'version-control', title: 'Version Control' },
  { id: 'dependency-management', title: 'Dependency Management' },
  { id: 'code-quality', title: 'Code Quality' },
  { id: 'testing', title: 'Testing' },
  { id: 'ci', title: 'Continuous Integration' },
];

/**
 * The outcome of one mllint rule.
 *
 * @public
 */
export interface MllintRuleResult {
  /** mllint's slug, e.g. `dependency-management/use`. */
  slug: string;
  /** mllint's rule name, verbatim. */
  name: string;
  category: MllintCategoryId;
  /** mllint's weight: 1, except `code-quality/isort/is-configured` (0). */
  weight: number;
  /**
   * 0–100, or `null` when the rule is not scored (it needs tool execution or
   * a report that was not given, or mllint itself leaves it out, e.g.
   * `commit-dvc-lock` without a `dvc.lock`).
   */
  score: number | null;
  /** What was found, in Markdown, like mllint's rule details. */
  details: string;
}

/**
 * One category of the mllint-compatible view.
 *
 * @public
 */
export interface MllintCategoryResult {
  id: MllintCategoryId;
  title: string;
  /** Σ w·s / Σ w over scored rules (0–100, two decimals), `null` when Σ w = 0. */
  score: number | null;
  /** mllint's ✅: the score is at least 100. */
  passed: boolean;
  /** Scored rules with weight above 0. */
  rulesScored: number;
  /** Scored rules with a score below 100 (mllint's "rules unsuccessful"). */
  rulesUnsuccessful: number;
}

/**
 * The mllint-compatible report: rule results, per-category scores and the
 * "rules unsuccessful" count. Like mllint, it has no overall score.
 *
 * @public
 */
export interface MllintReport {
  rules: MllintRuleResult[];
  /** Category scores by slug (`null` = nothing scored). */
  categories: Record<MllintCategoryId, number | null>;
  /** Category details in mllint's order. */
  categoryResults: MllintCategoryResult[];
  /** Scored rules with a score below 100, over all categories. */
  rulesUnsuccessful: number;
}

/**
 * mllint's category score (`api/report.go` `OverallScore`): Σ w·s / Σ w over
 * the rules that were scored (score not `null`) and have a weight above 0;
 * `null` when Σ w = 0 (mllint prints 0; we keep "nothing scored" apart from
 * "scored 0"). Not rounded.
 *
 * @public
 */
export function mllintCategoryScore(
  rules: ReadonlyArray<Pick<MllintRuleResult, 'weight' | 'score'>>,
): number | null {
  let sumW = 0;
  let sumWS = 0;
  for (const rule of rules) {
    if (rule.score === null || !(rule.weight > 0)) continue;
    sumW += rule.weight;
    sumWS += rule.weight * rule.score;
  }
  return sumW === 0 ? null : sumWS / sumW;
}

/**
 * Scores rule results per mllint category (§4.3): category score, pass (✅ iff
 * ≥ 100) and the count of unsuccessful rules (scored, score < 100).
 *
 * @public
 */
export function scoreMllint(rules: readonly MllintRuleResult[]): MllintReport {
  const categoryResults: MllintCategoryResult[] = MLLINT_CATEGORIES.map(
    ({ id, title }) => {
      const inCategory = rules.filter(r => r.category === id);
      const scored = inCategory.filter(r => r.score !== null && r.weight > 0);
      const raw = mllintCategoryScore(inCategory);
      return {
        id,
        title,
        score: raw === null ? null : Math.round(raw * 100) / 100,
        passed: raw !== null && raw >= 100,
        rulesScored: scored.length,
        rulesUnsuccessful: scored.filter(r => (r.score as number) < 100).length,
      };
    },
  );
  return {
    rules: [...rules],
    categories: Object.fromEntries(
      categoryResults.map(c => [c.id, c.score]),
    ) as Record<MllintCategoryId, number | null>,
    categoryResults,
    rulesUnsuccessful: categoryResults.reduce(
      (n, c) => n + c.rulesUnsuccessful,
      0,
    ),
  };
}
