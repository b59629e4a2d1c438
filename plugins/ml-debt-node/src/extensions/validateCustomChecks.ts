import { BUILTIN_CHECKS } from '../checks';
import { MlDebtCheck } from '../engine/types';
import { checkMetadataProblems } from '../custom/metadata';

/**
 * Validates checks that backend modules add through
 * {@link mlDebtChecksExtensionPoint} before the plugin runs them: the id
 * follows the `ACME-01` pattern and is not used by a built-in check, by one of
 * `existing` or by another check in the list; the category is known; the
 * weight is 0–3; the confidence is high, medium or low; title, rationale and
 * remediation are given; `evaluate` is a function. A check that would
 * silently distort scores must stop start-up instead.
 *
 * Throws one error listing every problem, each naming its check; returns the
 * checks otherwise.
 *
 * @param checks - the checks modules added (nested arrays already flattened).
 * @param existing - checks already in the catalogue besides the built-in ones,
 *   e.g. the config-defined checks from {@link readCustomChecks}.
 * @public
 */
export function validateCustomChecks(
  checks: readonly MlDebtCheck[],
  existing: ReadonlyArray<Pick<MlDebtCheck, 'id'>> = [],
): MlDebtCheck[] {
  const builtin = new Set(BUILTIN_CHECKS.map(c => c.id));
  const taken = new Map<string, string>();
  for (const check of existing) {
    if (!builtin.has(check.id))
      taken.set(check.id, 'another custom check already in the catalogue');
  }

  const problems: string[] = [];
  checks.forEach((check, index) => {
    const name = describe(check, index);
    if (!check || typeof check !== 'object') {
      problems.push(`${name} is not a check object; got ${String(check)}`);
      return;
    }
    const candidate = check as unknown as Record<string, unknown>;
    for (const p of checkMetadataProblems(candidate, { builtin, taken })) {
      problems.push(`${name}: ${p.field} ${p.message}`);
    }
    if (typeof candidate.evaluate !== 'function') {
      problems.push(`${name}: evaluate must be a function`);
    }
    if (typeof check.id === 'string' && !taken.has(check.id)) {
      taken.set(check.id, 'another check added through the extension point');
    }
  });
  if (problems.length > 0) {
    throw new Error(
      `Invalid ML debt check${
        problems.length === 1 ? '' : 's'
      } added through mlDebtChecksExtensionPoint:\n- ${problems.join('\n- ')}`,
    );
  }
  return [...checks];
}

/** How a check is named in errors: its id, else its title, else its position. */
function describe(check: MlDebtCheck | undefined, index: number): string {
  if (typeof check?.id === 'string' && check.id !== '') {
    return `Custom check "${check.id}"`;
  }
  if (typeof check?.title === 'string' && check.title !== '') {
    return `Custom check #${index + 1} ("${check.title}")`;
  }
  return `Custom check #${index + 1}`;
}
