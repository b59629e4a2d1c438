/**
 * Label with an ML service's current grade (`A` … `F`), set by the catalog
 * module on every scanned ML service; filter on it with
 * `metadata.labels.ml-debt.io/grade=B`.
 *
 * @public
 */
export const ML_DEBT_GRADE_LABEL = 'ml-debt.io/grade';

/**
 * Label with an ML service's current score (0–100, rounded), set next to
 * {@link ML_DEBT_GRADE_LABEL}.
 *
 * @public
 */
export const ML_DEBT_SCORE_LABEL = 'ml-debt.io/score';

/**
 * Annotation with the `warning` catalog rules an ML service breaks: a JSON
 * array of {@link CatalogRuleWarning}. Absent when it breaks none.
 *
 * @public
 */
export const ML_DEBT_CATALOG_WARNINGS_ANNOTATION =
  'ml-debt.io/catalog-warnings';

/**
 * One broken `warning` rule, as recorded in
 * {@link ML_DEBT_CATALOG_WARNINGS_ANNOTATION}.
 *
 * @public
 */
export interface CatalogRuleWarning {
  /** The rule's id under `mlDebt.catalogRules`, such as `ownerIsGroup`. */
  rule: string;
  /** The scorecard check the rule anticipates, such as `CAT-01`. */
  check?: string;
  /** What is missing and where to add it. */
  message: string;
}

/**
 * Reads the catalog-rule warnings of an entity's annotations; malformed
 * content yields no warnings rather than an error.
 *
 * @public
 */
export function parseCatalogRuleWarnings(
  annotations: Record<string, string> | undefined,
): CatalogRuleWarning[] {
  const raw = annotations?.[ML_DEBT_CATALOG_WARNINGS_ANNOTATION];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (w): w is CatalogRuleWarning =>
        typeof w === 'object' &&
        w !== null &&
        typeof w.rule === 'string' &&
        typeof w.message === 'string' &&
        (w.check === undefined || typeof w.check === 'string'),
    );
  } catch {
    return [];
  }
}

/**
 * Topic of the events service (`@backstage/plugin-events-node`) on which the
 * ml-debt backend announces, after committing it, a scorecard that changes a
 * service's labels: its first scorecard, or a new grade or rounded score. The
 * catalog module drops its cached labels for that service on this event,
 * before the backend asks the catalog to refresh the entity.
 *
 * @public
 */
export const ML_DEBT_SCORECARD_CHANGED_TOPIC = 'ml-debt.scorecard-changed';

/**
 * Payload of an {@link ML_DEBT_SCORECARD_CHANGED_TOPIC} event.
 *
 * @public
 */
export interface MlDebtScorecardChangedEvent {
  /** The service's entity ref, such as `component:default/churn-model`. */
  entityRef: string;
  /** The new grade, `A` … `F`. */
  grade: string;
  /** The new score, 0–100 (not rounded). */
  score: number;
}
