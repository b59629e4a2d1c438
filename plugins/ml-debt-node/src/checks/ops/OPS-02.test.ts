import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { OPS_02 } from './OPS-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/OPS-02', name);

describe('OPS-02 no code-quality linters or pre-commit', () => {
  it('passes when ruff (with I and S rules, ruff format) and mypy cover every role, enforced in CI', async () => {
    const result = await evaluateFixture(OPS_02, fixture('full-toolchain'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: '.pre-commit-config.yaml',
        line: 6,
        message: 'black role: pre-commit hook ruff-format',
      }),
    );
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: '.github/workflows/ci.yml',
        line: 9,
        snippet: 'pre-commit run --all-files',
      }),
    );
  });

  it('fails when no linter is configured (pre-commit with unrelated hooks only)', async () => {
    const result = await evaluateFixture(OPS_02, fixture('no-linters'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toContain('pre-commit runs other hooks only');
  });

  it('scores the share of roles covered: flake8 alone is 1 of 5', async () => {
    const result = await evaluateFiles(OPS_02, {
      'train.py': 'x = 1\n',
      '.flake8': '[flake8]\nmax-line-length = 100\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(20);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: '.flake8',
      message: 'pylint role: flake8 configuration',
    });
  });

  it('does not let ruff stand in for isort and bandit unless the I and S rules are selected', async () => {
    const result = await evaluateFiles(OPS_02, {
      'train.py': 'x = 1\n',
      'ruff.toml': 'line-length = 100\n[lint]\nselect = ["E", "F"]\n',
    });
    expect(result.score).toBe(20);
    expect(result.summary).toContain('missing: mypy, black, isort, bandit');
  });

  it('reads setup.cfg sections and dev requirements', async () => {
    const result = await evaluateFiles(OPS_02, {
      'train.py': 'x = 1\n',
      'setup.cfg': '[metadata]\nname = x\n\n[mypy]\nstrict = True\n',
      'requirements-dev.txt':
        'black==24.4.2\nisort==5.13.2\nbandit==1.7.9\npylint==3.2.5\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path: 'setup.cfg', line: 4 }),
    );
  });

  it('is not applicable without Python code', async () => {
    const result = await evaluateFiles(OPS_02, { 'main.go': 'package main\n' });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(OPS_02, fixture('no-linters'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
