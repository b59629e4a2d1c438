import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_08 } from './TST-08';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-08', name);

const TEST = 'def test_it():\n    assert 1 + 1 == 2\n';

describe('TST-08 tests or data validation are not run in CI', () => {
  it('passes when CI runs the tests and the Great Expectations checkpoint', async () => {
    const result = await evaluateFixture(
      TST_08,
      fixture('tests-and-validation-in-ci'),
    );
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 9,
      snippet: 'python -m pytest -q',
    });
    expect(result.evidence[1]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 10,
    });
  });

  it('fails when CI never runs the tests (a comment, an echo and `pip install pytest` do not count)', async () => {
    const result = await evaluateFixture(TST_08, fixture('tests-not-in-ci'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'tests/test_features.py',
      message: 'Test file that CI never runs',
    });
  });

  it('fails when there is no CI at all, and says so', async () => {
    const result = await evaluateFixture(TST_08, fixture('no-ci'));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('no CI at all');
    expect(result.evidence[0].path).toBe('tests/test_features.py');
  });

  it('warns when CI runs the tests but ignores their failures (`|| true`)', async () => {
    const result = await evaluateFiles(TST_08, {
      'tests/test_a.py': TEST,
      '.gitlab-ci.yml': 'test:\n  script:\n    - pytest || true\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[0]).toMatchObject({
      path: '.gitlab-ci.yml',
      line: 3,
    });
  });

  it('warns when CI runs the tests but not the data validation', async () => {
    const result = await evaluateFiles(TST_08, {
      'tests/test_a.py': TEST,
      'gx/great_expectations.yml': 'config_version: 4.0\n',
      '.github/workflows/ci.yml':
        'on: [push]\njobs:\n  t:\n    steps:\n      - run: uv run pytest\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('data validation');
  });

  it('reads Jenkinsfile steps but skips commented-out lines', async () => {
    const result = await evaluateFiles(TST_08, {
      'tests/test_a.py': TEST,
      Jenkinsfile:
        "pipeline {\n  stages {\n    // sh 'pytest'\n    stage('build') { steps { sh 'make build' } }\n  }\n}\n",
    });
    expect(result.status).toBe('fail');
  });

  it('is not applicable without tests or data validation', async () => {
    const result = await evaluateFiles(TST_08, {
      'train.py': 'print(1)\n',
      'tests/conftest.py': 'import pytest\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(TST_08, fixture('no-ci'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
