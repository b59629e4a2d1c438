import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { REP_05 } from './REP-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/REP-05', name);

describe('REP-05 no automated dependency-change notification', () => {
  it('fails without a bot or an audit step (a commented-out audit does not count)', async () => {
    const result = await evaluateFixture(REP_05, fixture('no-bot'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
  });

  it('passes with Dependabot watching pip, as automated', async () => {
    const result = await evaluateFixture(REP_05, fixture('dependabot-pip'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/dependabot.yml',
      message: 'Dependabot configuration (pip, docker)',
    });
  });

  it('warns when Dependabot watches only GitHub Actions', async () => {
    const result = await evaluateFixture(
      REP_05,
      fixture('dependabot-actions-only'),
    );
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('github-actions');
    expect(result.evidence[0].path).toBe('.github/dependabot.yml');
  });

  it('passes with Renovate defaults', async () => {
    const result = await evaluateFiles(REP_05, {
      'renovate.json':
        '{\n  // shared preset\n  "extends": ["config:recommended"]\n}\n',
      'requirements.txt': 'pandas==2.2.2\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('renovate.json');
  });

  it('warns when Renovate enables only non-Python managers', async () => {
    const result = await evaluateFiles(REP_05, {
      '.github/renovate.json':
        '{"enabledManagers": ["dockerfile", "github-actions"]}',
      'requirements.txt': 'pandas==2.2.2\n',
    });
    expect(result.status).toBe('warn');
  });

  it('fails when Renovate is disabled', async () => {
    const result = await evaluateFiles(REP_05, {
      'renovate.json': '{"enabled": false}',
      'requirements.txt': 'pandas==2.2.2\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0].path).toBe('renovate.json');
  });

  it('passes with pip-audit in CI', async () => {
    const result = await evaluateFiles(REP_05, {
      '.gitlab-ci.yml':
        'audit:\n  script:\n    - pip install pip-audit\n    - pip-audit -r requirements.txt\n',
      'requirements.txt': 'pandas==2.2.2\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.gitlab-ci.yml',
      line: 3,
    });
  });

  it('is not applicable without Python', async () => {
    const result = await evaluateFiles(REP_05, { 'main.go': 'package main\n' });
    expect(result.status).toBe('not-applicable');
  });
});
