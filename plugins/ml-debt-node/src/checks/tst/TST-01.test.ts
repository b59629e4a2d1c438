import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_01 } from './TST-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-01', name);

describe('TST-01 no or too few automated tests', () => {
  it('passes with enough tests in tests/, run by CI', async () => {
    const result = await evaluateFixture(TST_01, fixture('well-tested'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.summary).toBe(
      '2 test files for 6 Python files (33%, target 20%: 100/100); 2 of 2 in tests/ (100/100).',
    );
    expect(result.evidence.map(e => e.path)).toEqual([
      'tests/test_features.py',
      'tests/test_train.py',
    ]);
  });

  it('fails without test files, pointing at the empty tests/ folder', async () => {
    const result = await evaluateFixture(TST_01, fixture('no-tests'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
    expect(result.evidence).toEqual([
      { message: 'A tests/ folder exists but holds no tests', path: 'tests' },
    ]);
  });

  it('scores partially with mllint formulas: too few tests, outside tests/, not in CI', async () => {
    const files: Record<string, string> = {
      'churn/train_test.py': 'def test_a():\n    assert True\n',
    };
    for (let i = 0; i < 9; i++) files[`churn/mod${i}.py`] = `x = ${i}\n`;
    const result = await evaluateFiles(TST_01, files);
    // has-tests: (1/10)/0.2 = 50; tests-folder: 0 → (50 + 0)/2 = 25
    expect(result.status).toBe('warn');
    expect(result.score).toBe(25);
    expect(result.automation).toBe('manual');
    expect(result.evidence[1]).toEqual({
      message: 'Test file outside the tests/ folder',
      path: 'churn/train_test.py',
    });
  });

  it('counts tests/ files that define tests under another name, and skips hidden folders', async () => {
    const result = await evaluateFiles(TST_01, {
      'tests/checks.py':
        'import unittest\n\nclass T(unittest.TestCase):\n    pass\n',
      'tests/helpers.py': 'def make():\n    return 1\n',
      '.github/scripts/test_release.py': 'def test_x():\n    pass\n',
      'app.py': 'x = 1\n',
    });
    // tests: tests/checks.py only; Python files: 3 (hidden folder skipped)
    expect(result.evidence[0].path).toBe('tests/checks.py');
    expect(result.summary).toMatch(/^1 test file for 3 Python files/);
    expect(result.status).toBe('pass');
  });

  it('is not applicable to a repository without Python code', async () => {
    const result = await evaluateFiles(TST_01, { 'index.ts': 'export {};\n' });
    expect(result.status).toBe('not-applicable');
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(TST_01, fixture('no-tests'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
