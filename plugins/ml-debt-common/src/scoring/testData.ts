import { CheckMetadata, CheckResult, MlTestId } from '../types';

/** Test helper: check metadata with defaults. @internal */
export function meta(
  id: string,
  overrides: Partial<CheckMetadata> = {},
): CheckMetadata {
  return {
    id,
    title: `Problem ${id}`,
    category: 'testing',
    weight: 1,
    confidence: 'high',
    mlTestScore: [] as MlTestId[],
    debtType: 'Data testing debt',
    rationale: 'Because.',
    references: [],
    remediation: [`Fix ${id}.`],
    appliesToExperimental: true,
    ...overrides,
  };
}

/** Test helper: a check result with defaults derived from the status. @internal */
export function result(
  id: string,
  status: CheckResult['status'],
  overrides: Partial<CheckResult> = {},
): CheckResult {
  const defaults: Partial<Record<CheckResult['status'], number>> = {
    pass: 100,
    warn: 50,
    fail: 0,
  };
  const score = defaults[status] ?? null;
  return {
    id,
    status,
    score,
    summary: `${id} is ${status}`,
    evidence: [],
    automation: 'none',
    ...overrides,
  };
}
