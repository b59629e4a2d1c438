import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { REP_01 } from './REP-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/REP-01', name);

describe('REP-01 no dependency manifest', () => {
  it('fails without any manifest and points at the undeclared ML import', async () => {
    const result = await evaluateFixture(REP_01, fixture('no-manifest'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 2,
      snippet: 'from sklearn.ensemble import RandomForestClassifier',
    });
  });

  it('passes with a pyproject.toml that declares [project] dependencies', async () => {
    const result = await evaluateFixture(REP_01, fixture('pyproject-uv'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('pyproject.toml');
  });

  it('finds a manifest in a monorepo service folder, not only at the root (guard)', async () => {
    const result = await evaluateFixture(REP_01, fixture('monorepo-service'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('services/churn/requirements.txt');
  });

  it('does not accept a documentation manifest as the service manifest', async () => {
    const result = await evaluateFixture(REP_01, fixture('docs-manifest-only'));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('docs/requirements.txt');
    expect(result.evidence[0].path).toBe('docs/requirements.txt');
  });

  it('does not count a pyproject.toml that only configures tools', async () => {
    const result = await evaluateFiles(REP_01, {
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({
      path: 'pyproject.toml',
      message: 'Manifest declares no dependencies',
    });
  });

  it('does not count an empty requirements.txt', async () => {
    const result = await evaluateFiles(REP_01, {
      'requirements.txt': '# to do\n',
      'train.py': 'import torch\n',
    });
    expect(result.status).toBe('fail');
  });

  it.each([
    ['setup.cfg', '[options]\ninstall_requires =\n    pandas>=2\n'],
    ['environment.yml', 'name: churn\ndependencies:\n  - numpy=1.26.4\n'],
    ['Pipfile', '[packages]\npandas = "==2.2.2"\n'],
    ['setup.py', 'from setuptools import setup\nsetup(name="x")\n'],
    ['pixi.toml', '[dependencies]\nnumpy = "1.26.4"\n'],
  ])('passes with %s', async (file, content) => {
    const result = await evaluateFiles(REP_01, {
      [file]: content,
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe(file);
  });

  it('accepts requirements declared through Bazel (guard: build-system manifests)', async () => {
    const result = await evaluateFiles(REP_01, {
      'MODULE.bazel':
        'pip = use_extension("@rules_python//python/extensions:pip.bzl", "pip")\npip.parse(hub_name = "pypi", requirements_lock = "//:requirements_lock.txt")\n',
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'MODULE.bazel', line: 2 });
  });

  it('is not applicable to a repository without Python', async () => {
    const result = await evaluateFiles(REP_01, {
      'go.mod': 'module example.com/gateway\n',
      'main.go': 'package main\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('applies to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(REP_01, fixture('no-manifest'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
