/**
 * Minimal readers for the test reports mllint ingests: JUnit XML (test
 * results) and Cobertura XML (coverage). They read attributes with regular
 * expressions over bounded attribute lists, without an XML dependency.
 */

/** Totals of a JUnit XML report. @public */
export interface JUnitTotals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** tests − failures − errors − skipped, never below 0. */
  passed: number;
}

const ATTRS = /([A-Za-z_:][-\w.:]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(attrText: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of attrText.matchAll(ATTRS)) {
    result[m[1]] = m[2] ?? m[3] ?? '';
  }
  return result;
}

function elements(xml: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<${name}(?=[\\s/>])([^>]{0,4000})>`, 'g');
  const found: Record<string, string>[] = [];
  for (const m of xml.matchAll(re)) found.push(attributes(m[1]));
  return found;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function totals(
  tests: number,
  failures: number,
  errors: number,
  skipped: number,
): JUnitTotals {
  return {
    tests,
    failures,
    errors,
    skipped,
    passed: Math.max(0, tests - failures - errors - skipped),
  };
}

/**
 * Reads the totals of a JUnit XML report: the `tests`, `failures`, `errors`
 * and `skipped` attributes of `<testsuites>` when it carries them, else summed
 * over the `<testsuite>` elements, else counted from `<testcase>` elements and
 * their `<failure>`, `<error>` and `<skipped>` children. Returns undefined
 * when the text is not a JUnit report.
 *
 * @public
 */
export function parseJUnitTotals(xml: string): JUnitTotals | undefined {
  const root = elements(xml, 'testsuites')[0];
  if (root && count(root.tests) !== undefined) {
    return totals(
      count(root.tests)!,
      count(root.failures) ?? 0,
      count(root.errors) ?? 0,
      count(root.skipped) ?? count(root.disabled) ?? 0,
    );
  }
  const suites = elements(xml, 'testsuite').filter(
    s => count(s.tests) !== undefined,
  );
  if (suites.length > 0) {
    const sum = (key: string) =>
      suites.reduce((n, s) => n + (count(s[key]) ?? 0), 0);
    return totals(sum('tests'), sum('failures'), sum('errors'), sum('skipped'));
  }
  if (!root && !/<testsuite[\s>]/.test(xml)) return undefined;
  const cases = (xml.match(/<testcase[\s>/]/g) ?? []).length;
  return totals(
    cases,
    (xml.match(/<failure[\s>/]/g) ?? []).length,
    (xml.match(/<error[\s>/]/g) ?? []).length,
    (xml.match(/<skipped[\s>/]/g) ?? []).length,
  );
}

/**
 * Reads the overall `line-rate` (0–1) of a Cobertura XML report's
 * `<coverage>` element, or undefined when absent or malformed.
 *
 * @public
 */
export function parseCoberturaLineRate(xml: string): number | undefined {
  const root = elements(xml, 'coverage')[0];
  if (!root || root['line-rate'] === undefined) return undefined;
  const rate = Number(root['line-rate']);
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : undefined;
}
