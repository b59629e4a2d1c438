import { BUILTIN_CHECKS } from '../checks';
import { MlDebtCheck } from '../engine/types';
import { validateCustomChecks } from './validateCustomChecks';

/** A well-formed check as a backend module would write it. */
const check = (overrides: Partial<MlDebtCheck> = {}): MlDebtCheck => ({
  id: 'ACME-01',
  title: 'Model not registered in the Acme registry',
  category: 'versioning',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['infra.4'],
  debtType: 'Configuration debt',
  appliesToExperimental: true,
  rationale: 'Unregistered models cannot be rolled back.',
  references: ['Acme ML platform handbook, §3'],
  remediation: ['Register the model with `acme-registry push`.'],
  evaluate: () => ({ status: 'pass', summary: 'Registered.' }),
  ...overrides,
});

/** The validation error, as its list of problems. */
const problemsOf = (
  checks: MlDebtCheck[],
  existing: Array<Pick<MlDebtCheck, 'id'>> = [],
) => {
  try {
    validateCustomChecks(checks, existing);
  } catch (error) {
    const [heading, ...problems] = (error as Error).message.split('\n- ');
    expect(heading).toMatch(
      /^Invalid ML debt checks? added through mlDebtChecksExtensionPoint:$/,
    );
    return problems;
  }
  throw new Error('expected validateCustomChecks to reject the checks');
};

describe('validateCustomChecks', () => {
  it('returns valid checks unchanged', () => {
    const checks = [check(), check({ id: 'ACME-102', weight: 0 })];
    expect(validateCustomChecks(checks)).toEqual(checks);
  });

  it('rejects an id that does not follow the PREFIX-NN pattern', () => {
    expect(problemsOf([check({ id: 'ACME_1' })])).toEqual([
      'Custom check "ACME_1": id must match ^[A-Z][A-Z0-9]{1,9}-\\d{2,3}$ (an upper-case prefix, a dash and two or three digits, e.g. ACME-01); got "ACME_1"',
    ]);
  });

  it('rejects an id that clashes with a built-in check', () => {
    expect(BUILTIN_CHECKS.map(c => c.id)).toContain('REP-01');
    expect(problemsOf([check({ id: 'REP-01' })])).toEqual([
      'Custom check "REP-01": id "REP-01" clashes with built-in check REP-01',
    ]);
  });

  it('rejects an id already used by a config-defined check', () => {
    expect(problemsOf([check()], [{ id: 'ACME-01' }])).toEqual([
      'Custom check "ACME-01": id "ACME-01" is already used by another custom check already in the catalogue',
    ]);
  });

  it('rejects two added checks with the same id', () => {
    expect(problemsOf([check(), check({ title: 'Another' })])).toEqual([
      'Custom check "ACME-01": id "ACME-01" is already used by another check added through the extension point',
    ]);
  });

  it('rejects an unknown category', () => {
    expect(problemsOf([check({ category: 'security' as any })])).toEqual([
      expect.stringMatching(
        /^Custom check "ACME-01": category must be one of catalog, .*, documentation; got "security"$/,
      ),
    ]);
  });

  it('rejects a weight outside 0–3', () => {
    expect(problemsOf([check({ weight: 4 })])).toEqual([
      expect.stringMatching(
        /^Custom check "ACME-01": weight must be a number from 0 to 3 .*; got 4$/,
      ),
    ]);
    expect(problemsOf([check({ weight: NaN })])).toHaveLength(1);
  });

  it('rejects an unknown confidence', () => {
    expect(problemsOf([check({ confidence: 'very' as any })])).toEqual([
      'Custom check "ACME-01": confidence must be one of high, medium, low; got "very"',
    ]);
  });

  it('rejects an empty title, rationale or remediation, naming an id-less check by its title', () => {
    expect(
      problemsOf([check({ id: '', rationale: ' ', remediation: [] })]),
    ).toEqual([
      expect.stringMatching(
        /^Custom check #1 \("Model not registered in the Acme registry"\): id must match /,
      ),
      'Custom check #1 ("Model not registered in the Acme registry"): rationale must be a non-empty string saying why the practice matters; got " "',
      'Custom check #1 ("Model not registered in the Acme registry"): remediation must be a non-empty list of non-empty steps; got []',
    ]);
    expect(problemsOf([check({ title: '' })])).toEqual([
      'Custom check "ACME-01": title must be a non-empty string; got ""',
    ]);
  });

  it('rejects unknown ML Test Score ids and a missing evaluate', () => {
    expect(
      problemsOf([
        check({ mlTestScore: ['infra.8' as any], evaluate: undefined as any }),
      ]),
    ).toEqual([
      'Custom check "ACME-01": mlTestScore must list ML Test Score test ids (data.1–7, model.1–7, infra.1–7, monitor.1–7); "infra.8" is not one',
      'Custom check "ACME-01": evaluate must be a function',
    ]);
  });

  it('reports every problem of every check at once', () => {
    expect(
      problemsOf([
        check({ id: 'REP-01' }),
        check({ id: 'ACME-02', weight: -1 }),
      ]),
    ).toHaveLength(2);
  });
});
