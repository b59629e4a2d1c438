import {
  CATEGORIES,
  CategoryId,
  isMlTestId,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * The shape of a custom check id: an upper-case prefix of 2–10 characters, a
 * dash and a two- or three-digit number (`ACME-01`, `SEC-104`), so custom
 * checks read like the built-in ones (`REP-02`) in the checklist and exports.
 *
 * @public
 */
export const CUSTOM_CHECK_ID_PATTERN = /^[A-Z][A-Z0-9]{1,9}-\d{2,3}$/;

const CATEGORY_IDS: readonly string[] = CATEGORIES.map(c => c.id);
const CONFIDENCES = ['high', 'medium', 'low'];

/**
 * Categories whose checks apply to `experimental` services by default, as for
 * the built-in catalogue (§8.1): early-stage work is judged on reproducibility
 * and code hygiene, not on operations, monitoring or governance.
 */
const EARLY_STAGE_CATEGORIES: ReadonlySet<string> = new Set<CategoryId>([
  'reproducibility',
  'versioning',
  'configuration',
  'code-smells',
  'satd',
  'notebooks',
]);

/** Whether a custom check of `category` applies to experimental services unless it says otherwise. */
export function appliesToExperimentalByDefault(category: CategoryId): boolean {
  return EARLY_STAGE_CATEGORIES.has(category);
}

/**
 * One thing wrong with a custom check: the offending field (relative to the
 * check, e.g. `rule.pattern`) and what is wrong, phrased to follow the field's
 * name ("must be …").
 */
export interface CheckProblem {
  field: string;
  message: string;
}

/** Which identities a new custom check must not reuse. */
export interface ReservedCheckIds {
  /** Ids of the built-in catalogue. */
  builtin: ReadonlySet<string>;
  /** Ids already taken by other custom checks, with who took them. */
  taken: ReadonlyMap<string, string>;
}

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** A configured value as error messages quote it. */
export const show = (value: unknown) =>
  value === undefined ? 'nothing' : JSON.stringify(value);

/**
 * Validates a custom check's metadata — everything but its rule or
 * `evaluate` — against what the engine and scoring rely on. Returns every
 * problem rather than the first, so one start-up shows them all.
 */
export function checkMetadataProblems(
  check: Record<string, unknown>,
  reserved: ReservedCheckIds,
): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field, message });

  const id = check.id;
  if (typeof id !== 'string' || !CUSTOM_CHECK_ID_PATTERN.test(id)) {
    problem(
      'id',
      `must match ${
        CUSTOM_CHECK_ID_PATTERN.source
      } (an upper-case prefix, a dash and two or three digits, e.g. ACME-01); got ${show(
        id,
      )}`,
    );
  } else if (reserved.builtin.has(id)) {
    problem('id', `"${id}" clashes with built-in check ${id}`);
  } else if (reserved.taken.has(id)) {
    problem('id', `"${id}" is already used by ${reserved.taken.get(id)}`);
  }
  if (!isNonEmptyString(check.title)) {
    problem('title', `must be a non-empty string; got ${show(check.title)}`);
  }
  if (
    typeof check.category !== 'string' ||
    !CATEGORY_IDS.includes(check.category)
  ) {
    problem(
      'category',
      `must be one of ${CATEGORY_IDS.join(', ')}; got ${show(check.category)}`,
    );
  }
  const weight = check.weight;
  if (
    typeof weight !== 'number' ||
    !Number.isFinite(weight) ||
    weight < 0 ||
    weight > 3
  ) {
    problem(
      'weight',
      `must be a number from 0 to 3 (3 critical, 2 major, 1 minor, 0 shown but not scored); got ${show(
        weight,
      )}`,
    );
  }
  if (
    typeof check.confidence !== 'string' ||
    !CONFIDENCES.includes(check.confidence)
  ) {
    problem(
      'confidence',
      `must be one of ${CONFIDENCES.join(', ')}; got ${show(check.confidence)}`,
    );
  }
  if (!isNonEmptyString(check.rationale)) {
    problem(
      'rationale',
      `must be a non-empty string saying why the practice matters; got ${show(
        check.rationale,
      )}`,
    );
  }
  const remediation = check.remediation;
  if (
    !Array.isArray(remediation) ||
    remediation.length === 0 ||
    !remediation.every(isNonEmptyString)
  ) {
    problem(
      'remediation',
      `must be a non-empty list of non-empty steps; got ${show(remediation)}`,
    );
  }
  const mlTestScore = check.mlTestScore;
  if (!Array.isArray(mlTestScore)) {
    problem(
      'mlTestScore',
      `must be a list of ML Test Score test ids; got ${show(mlTestScore)}`,
    );
  } else {
    const unknown = mlTestScore.filter(
      t => typeof t !== 'string' || !isMlTestId(t),
    );
    if (unknown.length > 0) {
      problem(
        'mlTestScore',
        `must list ML Test Score test ids (data.1–7, model.1–7, infra.1–7, monitor.1–7); ${unknown
          .map(show)
          .join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one`,
      );
    }
  }
  if (typeof check.appliesToExperimental !== 'boolean') {
    problem(
      'appliesToExperimental',
      `must be true or false; got ${show(check.appliesToExperimental)}`,
    );
  }
  if (typeof check.debtType !== 'string') {
    problem('debtType', `must be a string; got ${show(check.debtType)}`);
  }
  if (
    !Array.isArray(check.references) ||
    !check.references.every(r => typeof r === 'string')
  ) {
    problem(
      'references',
      `must be a list of strings; got ${show(check.references)}`,
    );
  }
  return problems;
}
