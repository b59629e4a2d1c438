import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { NB_01 } from './NB-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/NB-01', name);

const notebook = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      outputs: [],
      source: ['import pandas as pd'],
    },
  ],
});

describe('NB-01 notebooks used as production code', () => {
  it('fails on a notebook inside the package and a scheduled papermill run', async () => {
    const result = await evaluateFixture(NB_01, fixture('production-notebook'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toBe(
      'Notebook-centric code: 1 notebook in production paths; pipelines execute notebooks.',
    );
    expect(result.evidence.map(e => [e.path, e.line, e.message])).toEqual([
      [
        'src/churn/train.ipynb',
        undefined,
        'Notebook inside a production path or package',
      ],
      ['.github/workflows/retrain.yml', 11, 'Runs a notebook'],
    ]);
  });

  it('passes a package whose notebooks live in notebooks/ and docs/ (guard: exploratory folders)', async () => {
    const result = await evaluateFixture(
      NB_01,
      fixture('package-with-exploratory'),
    );
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    // The docstring and comment mentioning papermill run nothing.
    expect(result.evidence).toEqual([]);
  });

  it('passes nbdev projects, whose notebooks are the source by design', async () => {
    const result = await evaluateFiles(NB_01, {
      'settings.ini': '[DEFAULT]\nlib_name = churnlib\nnbdev_version = 2.3\n',
      'src/churnlib/__init__.py': '',
      'src/churnlib/core.ipynb': notebook,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('settings.ini');
  });

  it('gives Databricks repositories partial credit', async () => {
    const result = await evaluateFiles(NB_01, {
      'databricks.yml': 'bundle:\n  name: churn\n',
      'jobs/train.ipynb': notebook,
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('Databricks');
  });

  it('warns on a prototype repository: mostly notebooks and no package manifest', async () => {
    const result = await evaluateFiles(NB_01, {
      'requirements.txt': 'pandas\n',
      'notebooks/explore.ipynb': notebook,
      'notebooks/train.ipynb': notebook,
      'helpers.py': 'def f():\n    return 1\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toBe(
      'Notebook-centric code: 67% of the code is notebooks with no package.',
    );
  });

  it('finds notebook execution in Python code but not in comments', async () => {
    const result = await evaluateFiles(NB_01, {
      'pyproject.toml': '[project]\nname = "x"\n',
      'pipeline/run.py':
        '# papermill used to run here\nimport papermill as pm\n\npm.execute_notebook("nb/a.ipynb", "out.ipynb")\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.map(e => e.line)).toEqual([2, 4]);
  });

  it('passes a repository without notebooks', async () => {
    const result = await evaluateFiles(NB_01, { 'train.py': 'x = 1\n' });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'No notebooks, and no pipeline executes notebooks.',
    );
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(
      NB_01,
      fixture('production-notebook'),
      {
        entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
      },
    );
    expect(result.status).toBe('fail');
  });
});
