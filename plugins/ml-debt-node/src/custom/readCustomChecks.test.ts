import { ConfigReader } from '@backstage/config';
import { createMemorySnapshot } from '../snapshot/Snapshot';
import { evaluateChecks } from '../engine/evaluate';
import { readCustomChecks } from './readCustomChecks';

const VALID = {
  id: 'ACME-01',
  title: 'No model card',
  category: 'documentation',
  weight: 2,
  rationale:
    'Acme’s model-risk policy requires a model card for every model in production.',
  remediation: ['Add MODEL_CARD.md using the Acme template.'],
  rule: { type: 'file-exists', paths: ['MODEL_CARD.md'] },
};

const read = (...customChecks: unknown[]) =>
  readCustomChecks(new ConfigReader({ mlDebt: { customChecks } } as any));

/** The start-up error for a configuration, as one string. */
const errorOf = (...customChecks: unknown[]) => {
  try {
    read(...customChecks);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected readCustomChecks to reject the configuration');
};

const withRule = (rule: Record<string, unknown>) => ({ ...VALID, rule });
const patternRule = (pattern: string, extra: Record<string, unknown> = {}) =>
  withRule({
    type: 'content-pattern',
    files: ['**/*.py'],
    pattern,
    expect: 'absent',
    ...extra,
  });

describe('readCustomChecks', () => {
  it('returns no checks when mlDebt.customChecks is not configured', () => {
    expect(readCustomChecks(new ConfigReader({}))).toEqual([]);
  });

  it('reads every configured check in order', () => {
    const checks = read(VALID, {
      ...VALID,
      id: 'ACME-02',
      confidence: 'low',
      mlTestScore: ['infra.1'],
      rule: {
        type: 'content-pattern',
        files: ['*.py'],
        pattern: 'TODO',
        flags: 'i',
        expect: 'absent',
        maxMatches: 3,
      },
    });
    expect(checks.map(c => [c.id, c.confidence, c.mlTestScore])).toEqual([
      ['ACME-01', 'high', []],
      ['ACME-02', 'low', ['infra.1']],
    ]);
  });

  it('accepts numbers and booleans given as strings by environment substitution', () => {
    const [check] = read({
      ...VALID,
      weight: '3',
      appliesToExperimental: 'true',
    });
    expect(check.weight).toBe(3);
    expect(check.appliesToExperimental).toBe(true);
  });

  describe('rejects at start-up', () => {
    it('an id that does not follow the PREFIX-NN pattern', () => {
      expect(errorOf({ ...VALID, id: 'acme-1' })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].id must match ^[A-Z][A-Z0-9]{1,9}-\\d{2,3}$ (an upper-case prefix, a dash and two or three digits, e.g. ACME-01); got "acme-1"',
      );
    });

    it('an id that clashes with a built-in check', () => {
      expect(errorOf({ ...VALID, id: 'REP-01' })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].id "REP-01" clashes with built-in check REP-01',
      );
    });

    it('a duplicate id, naming the first use', () => {
      expect(errorOf(VALID, { ...VALID, title: 'Another' })).toBe(
        'Invalid configuration: mlDebt.customChecks[1].id "ACME-01" is already used by mlDebt.customChecks[0]',
      );
    });

    it('an unknown category', () => {
      expect(errorOf({ ...VALID, category: 'security' })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].category must be one of catalog, reproducibility, versioning, configuration, code-smells, satd, notebooks, testing, operations, monitoring, documentation; got "security"',
      );
    });

    it('a weight outside 0–3', () => {
      expect(errorOf({ ...VALID, weight: 5 })).toMatch(
        /^Invalid configuration: mlDebt\.customChecks\[0\]\.weight must be a number from 0 to 3 .*; got 5$/,
      );
    });

    it('an unknown confidence', () => {
      expect(errorOf({ ...VALID, confidence: 'certain' })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].confidence must be one of high, medium, low; got "certain"',
      );
    });

    it('a missing or blank title, rationale or remediation', () => {
      const { title, rationale, ...untitled } = VALID;
      expect(errorOf({ ...untitled, remediation: ['  '] }).split('\n')).toEqual(
        [
          'Invalid configuration: mlDebt.customChecks[0].title must be a non-empty string; got nothing',
          'Invalid configuration: mlDebt.customChecks[0].rationale must be a non-empty string saying why the practice matters; got nothing',
          'Invalid configuration: mlDebt.customChecks[0].remediation must be a non-empty list of non-empty steps; got ["  "]',
        ],
      );
      expect(errorOf({ ...VALID, remediation: [] })).toMatch(
        /remediation must be a non-empty list/,
      );
    });

    it('an unknown ML Test Score test', () => {
      expect(errorOf({ ...VALID, mlTestScore: ['infra.1', 'infra.9'] })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].mlTestScore must list ML Test Score test ids (data.1–7, model.1–7, infra.1–7, monitor.1–7); "infra.9" is not one',
      );
    });

    it('an appliesToExperimental that is not a boolean', () => {
      expect(errorOf({ ...VALID, appliesToExperimental: 'yes' })).toBe(
        'Invalid configuration: mlDebt.customChecks[0].appliesToExperimental must be true or false; got "yes"',
      );
    });

    it('an option that does not exist, such as a misspelling', () => {
      expect(errorOf({ ...VALID, remedation: ['typo'] })).toMatch(
        /^Invalid configuration: mlDebt\.customChecks\[0\]\.remedation is not a custom check option \(expected one of id, title, /,
      );
    });

    it('a missing rule or an unknown rule type', () => {
      const { rule, ...ruleless } = VALID;
      expect(errorOf(ruleless)).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule must be a mapping with a type (file-exists, file-absent, content-pattern); got nothing',
      );
      expect(errorOf(withRule({ type: 'file-size', paths: ['x'] }))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.type must be one of file-exists, file-absent, content-pattern; got "file-size"',
      );
    });

    it('an option that does not belong to the rule type', () => {
      expect(
        errorOf(
          withRule({ type: 'file-exists', paths: ['x'], pattern: 'TODO' }),
        ),
      ).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.pattern is not an option of file-exists rules (expected type, paths)',
      );
    });

    it('missing, empty or non-relative globs', () => {
      expect(errorOf(withRule({ type: 'file-absent', paths: [] }))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.paths must be a non-empty list of globs; got []',
      );
      expect(
        errorOf(
          withRule({ type: 'content-pattern', pattern: 'x', expect: 'absent' }),
        ),
      ).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.files must be a non-empty list of globs; got nothing',
      );
      expect(
        errorOf(
          withRule({ type: 'file-absent', paths: ['/etc/passwd', '../x'] }),
        ),
      ).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.paths must be relative to the repository root, without "/" at the start or ".." segments; got ["/etc/passwd","../x"]',
      );
    });

    it('a pattern that is not valid RE2 syntax', () => {
      expect(errorOf(patternRule('pickle\\.load('))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.pattern is not a valid RE2 pattern: missing closing ): `pickle\\.load(`',
      );
    });

    it('a pattern with a backreference, saying RE2 does not support it', () => {
      expect(errorOf(patternRule('(["\'])secret\\1'))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.pattern is not a valid RE2 pattern: backreference `\\1` is not supported: RE2 does not support backreferences, which is what keeps matching linear-time. Match the repeated text explicitly instead.',
      );
    });

    it('a pattern with lookahead or lookbehind, saying RE2 does not support it', () => {
      expect(errorOf(patternRule('fit\\((?!.*random_state)'))).toMatch(
        /^Invalid configuration: mlDebt\.customChecks\[0\]\.rule\.pattern is not a valid RE2 pattern: lookaround `\(\?!` is not supported: RE2 does not support lookahead or lookbehind/,
      );
      expect(errorOf(patternRule('(?<!#.*)TODO'))).toMatch(
        /rule\.pattern is not a valid RE2 pattern: lookaround `\(\?<!` is not supported/,
      );
    });

    it('an empty pattern, which would match every line', () => {
      expect(errorOf(patternRule(''))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.pattern is not a valid RE2 pattern: the pattern is empty, so it would match every line',
      );
    });

    it('flags other than i', () => {
      expect(errorOf(patternRule('TODO', { flags: 'g' }))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.flags may only be "i" (case-insensitive); got "g"',
      );
    });

    it('an expect other than present or absent', () => {
      expect(errorOf(patternRule('TODO', { expect: 'none' }))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.expect must be "present" or "absent"; got "none"',
      );
    });

    it('a maxMatches that is negative, fractional, or used with expect: present', () => {
      expect(errorOf(patternRule('TODO', { maxMatches: -1 }))).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.maxMatches must be a whole number of at least 0; got -1',
      );
      expect(errorOf(patternRule('TODO', { maxMatches: 1.5 }))).toMatch(
        /rule\.maxMatches must be a whole number/,
      );
      expect(
        errorOf(patternRule('TODO', { expect: 'present', maxMatches: 2 })),
      ).toBe(
        'Invalid configuration: mlDebt.customChecks[0].rule.maxMatches only applies to `expect: absent` (the number of matching lines tolerated)',
      );
    });

    it('a value of the wrong type where a list of checks is expected', () => {
      expect(() =>
        readCustomChecks(
          new ConfigReader({ mlDebt: { customChecks: { id: 'ACME-01' } } }),
        ),
      ).toThrow(/mlDebt\.customChecks/);
    });

    it('with every problem of every check in one message', () => {
      const lines = errorOf(
        { ...VALID, weight: -1 },
        { ...patternRule('a(?=b)'), id: 'REP-02' },
      ).split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          /^Invalid configuration: mlDebt\.customChecks\[0\]\.weight /,
        ),
        expect.stringMatching(
          /^Invalid configuration: mlDebt\.customChecks\[1\]\.id "REP-02" clashes/,
        ),
        expect.stringMatching(
          /^Invalid configuration: mlDebt\.customChecks\[1\]\.rule\.pattern is not a valid RE2 pattern: lookaround/,
        ),
      ]);
    });
  });
});

describe('content patterns', () => {
  it('cannot hang a scan: a catastrophic pattern on a 100,000-character line completes', async () => {
    // `(a+)+$` against "aaa…ab" takes exponential time with a backtracking
    // engine (JavaScript's RegExp would not finish); RE2 is linear.
    const [check] = read(patternRule('(a+)+$', { files: ['data/*.txt'] }));
    const snapshot = createMemorySnapshot([
      { path: 'data/evil.txt', content: `${'a'.repeat(100_000)}b\n` },
    ]);
    const started = Date.now();
    const [result] = await evaluateChecks([check], { snapshot });
    const elapsed = Date.now() - started;
    // eslint-disable-next-line no-console
    console.log(
      `(a+)+$ against a 100,000-character line completed in ${elapsed} ms`,
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      '`(a+)+$` was not found in the 1 file matching `data/*.txt`.',
    );
  });
});
