import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { REP_03 } from './REP-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/REP-03', name);

describe('REP-03 dependency-manager hygiene', () => {
  it('fails with two dev tools in the runtime requirements, matching names exactly', async () => {
    const result = await evaluateFixture(
      REP_03,
      fixture('dev-tools-in-runtime'),
    );
    expect(result.status).toBe('fail');
    // single = 100, use-dev = 100 − 2·50 = 0 → 50
    expect(result.score).toBe(50);
    expect(result.evidence.map(e => [e.path, e.line, e.snippet])).toEqual([
      ['requirements.txt', 4, 'pytest==8.2.0'],
      ['requirements.txt', 5, 'black==24.4.2'],
    ]);
    // blackcellmagic is not black (mllint's prefix match would say it is)
    expect(result.summary).not.toContain('blackcellmagic');
  });

  it('passes with Poetry and a dev group', async () => {
    const result = await evaluateFixture(REP_03, fixture('poetry-dev-group'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('pyproject.toml');
  });

  it('fails with Pipenv and Poetry in the same folder', async () => {
    const result = await evaluateFixture(REP_03, fixture('pipenv-and-poetry'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('Pipenv and Poetry');
    expect(result.evidence.map(e => e.path).sort()).toEqual([
      'Pipfile',
      'pyproject.toml',
    ]);
  });

  it('downgrades setup.py plus requirements.txt to advisory (guard)', async () => {
    const result = await evaluateFiles(REP_03, {
      'setup.py':
        'from setuptools import setup\nsetup(name="churn", install_requires=["pandas>=2"])\n',
      'requirements.txt': 'pandas==2.2.2\n',
      'churn/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.summary).toContain('advisory');
  });

  it('does not count a requirements.txt exported from Poetry with hashes as a second manager', async () => {
    const result = await evaluateFiles(REP_03, {
      'pyproject.toml':
        '[tool.poetry]\nname = "x"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "2.2.2"\n',
      'requirements.txt':
        'pandas==2.2.2 ; python_version >= "3.11" \\\n    --hash=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'x/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('pass');
  });

  it('does not count `-e .` as a requirements manager', async () => {
    const result = await evaluateFiles(REP_03, {
      'pyproject.toml':
        '[tool.poetry]\nname = "x"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "2.2.2"\n',
      'requirements.txt': '-e .\n',
      'x/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('pass');
  });

  it('assesses monorepo folders separately', async () => {
    const result = await evaluateFiles(REP_03, {
      'services/a/requirements.txt': 'pandas==2.2.2\n',
      'services/b/Pipfile': '[packages]\npandas = "==2.2.2"\n',
      'services/a/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('pass');
  });

  it('treats [dependency-groups] dev as proper separation', async () => {
    const result = await evaluateFiles(REP_03, {
      'pyproject.toml':
        '[project]\nname = "x"\nversion = "0.1.0"\ndependencies = ["pandas==2.2.2"]\n\n[dependency-groups]\ndev = ["pytest==8.2.0", "mypy==1.10.0"]\n',
      'x/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('pass');
  });

  it('warns for one dev tool among Poetry runtime dependencies', async () => {
    const result = await evaluateFiles(REP_03, {
      'pyproject.toml':
        '[tool.poetry]\nname = "x"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "2.2.2"\nPre_Commit = "3.7.1"\n',
      'x/train.py': 'import pandas\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence[0]).toMatchObject({
      path: 'pyproject.toml',
      line: 8,
      snippet: 'Pre_Commit = "3.7.1"',
    });
  });

  it('accepts a "dev tool" that production code imports, e.g. dvc.api (guard)', async () => {
    const result = await evaluateFiles(REP_03, {
      'requirements.txt': 'pandas==2.2.2\ndvc==3.51.2\n',
      'pipeline/load.py':
        'import dvc.api\n\ndata = dvc.api.read("data/x.csv")\n',
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable without a manifest', async () => {
    const result = await evaluateFiles(REP_03, {
      'train.py': 'import torch\n',
    });
    expect(result.status).toBe('not-applicable');
  });
});
