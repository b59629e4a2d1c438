import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { NB_02 } from './NB-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/NB-02', name);

/** A notebook whose one code cell carries `bytes` of output. */
function bigNotebook(bytes: number): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        source: ['df.plot()'],
        outputs: [
          {
            output_type: 'display_data',
            data: { 'image/png': 'A'.repeat(bytes) },
          },
        ],
      },
    ],
  });
}

describe('NB-02 notebook hygiene', () => {
  it('fails on untitled and out-of-order notebooks without output stripping', async () => {
    const result = await evaluateFixture(NB_02, fixture('messy'));
    expect(result.status).toBe('fail');
    // 1 of 3 notebooks clean, no hook: 75·1/3 = 25
    expect(result.score).toBe(25);
    expect(result.summary).toBe(
      '2 of 3 notebooks with hygiene problems; no output stripping.',
    );
    expect(result.evidence.map(e => [e.path, e.message])).toEqual([
      ['notebooks/Untitled1.ipynb', 'Untitled notebook: name it or delete it'],
      [
        'notebooks/train.ipynb',
        'Cells ran out of order: cell 2 has execution count 1 after cell 1 with 3',
      ],
      [
        undefined,
        'No nbstripout, nbqa or jupytext hook in .pre-commit-config.yaml and no nbstripout Git filter',
      ],
    ]);
    expect(result.automation).toBe('none');
  });

  it('passes clean notebooks with an nbstripout pre-commit hook run in CI', async () => {
    const result = await evaluateFixture(NB_02, fixture('clean'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence).toEqual([
      {
        message: 'Notebook stripping hook: nbstripout',
        path: '.pre-commit-config.yaml',
      },
    ]);
  });

  it('accepts an nbstripout Git filter, as manual when CI does not enforce it', async () => {
    const result = await evaluateFiles(NB_02, {
      '.gitattributes': '*.ipynb filter=nbstripout\n',
      'nb/a.ipynb': bigNotebook(10),
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
  });

  it('flags a notebook over 1 MB with committed outputs', async () => {
    const result = await evaluateFiles(NB_02, {
      'analysis/churn.ipynb': bigNotebook(1_100_000),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'analysis/churn.ipynb',
      unknown: true,
    });
    expect(result.evidence[0].message).toMatch(
      /^Notebook of 1\.0 MB, too large to read: almost certainly committed outputs$/,
    );
  });

  it('does not flag report notebooks that keep their outputs on purpose', async () => {
    const result = await evaluateFiles(NB_02, {
      'reports/q3-model-review.ipynb': bigNotebook(1_100_000),
    });
    // Only the missing stripping hook remains.
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
  });

  it('is not applicable without notebooks', async () => {
    const result = await evaluateFiles(NB_02, { 'train.py': 'x = 1\n' });
    expect(result.status).toBe('not-applicable');
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(NB_02, fixture('messy'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
