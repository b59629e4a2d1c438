import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { CFG_04 } from './CFG-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CFG-04', name);

describe('CFG-04 hard-coded absolute paths', () => {
  it('fails with user-home and Windows paths in code, and reports the notebook cell', async () => {
    const result = await evaluateFixture(CFG_04, fixture('absolute'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toBe('3 hard-coded absolute paths in 2 files.');
    expect(result.evidence[0]).toMatchObject({
      path: 'pipeline/prepare.py',
      line: 3,
      snippet: 'RAW = "/home/alice/projects/churn/data/raw.csv"',
    });
    expect(result.evidence[1]).toMatchObject({
      path: 'pipeline/prepare.py',
      line: 8,
    });
    expect(result.evidence[2]).toMatchObject({
      path: 'notebooks/explore.ipynb',
      line: 2,
    });
    expect(result.evidence[2].message).toMatch(/in cell 2/);
  });

  it('passes with relative paths, container paths, env fallbacks, docstrings, comments and tests (guards)', async () => {
    const result = await evaluateFixture(CFG_04, fixture('relative'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('fails on a path in a notebook code cell too', async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          source: ["df = pd.read_csv('~/Downloads/churn.csv')"],
          outputs: [],
        },
      ],
      nbformat: 4,
    });
    const result = await evaluateFiles(CFG_04, { 'eda.ipynb': notebook });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      '1 hard-coded absolute path in 1 file (notebooks only).',
    );
    expect(result.evidence[0]).toMatchObject({ path: 'eda.ipynb', line: 1 });
  });
});
