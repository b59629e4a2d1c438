import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { SML_04 } from './SML-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-04', name);

describe('SML-04 DataFrame/NumPy API misuse', () => {
  it('fails on a dense cluster of misuses', async () => {
    const result = await evaluateFixture(SML_04, fixture('misuse'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(
      result.evidence.map(e => [e.line, e.message.split(' (')[0]]),
    ).toEqual([
      [6, 'pd.read_csv without dtype='],
      [8, 'orders.dropna(…) result is discarded; assign it'],
      [9, 'Comparison with np.nan is always False; use pd.isna / np.isnan'],
      [10, 'merge without how, on, validate'],
      [11, 'Row-wise iteration over a DataFrame; vectorise'],
      [13, '.values on a DataFrame; use .to_numpy()'],
    ]);
    expect(result.evidence[0].path).toBe('features.py');
  });

  it('passes with typed reads, validated merges and assigned results; dict values, os.rename and dict keys are not flagged (guards)', async () => {
    const result = await evaluateFixture(SML_04, fixture('clean'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('scores by the mllint density formula (k = 10)', async () => {
    const result = await evaluateFiles(SML_04, {
      'a.py': [
        'import numpy as np',
        'def f(x):',
        '    return x != np.nan',
        ...Array.from({ length: 37 }, (_, i) => `y${i} = ${i}`),
      ].join('\n'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence[0]).toMatchObject({ path: 'a.py', line: 3 });
  });

  it('passes Python code without pandas or NumPy, and is not applicable without Python', async () => {
    const result = await evaluateFiles(SML_04, { 'a.py': 'import json\n' });
    expect(result.status).toBe('pass');
    const none = await evaluateFiles(SML_04, { 'README.md': '# docs\n' });
    expect(none.status).toBe('not-applicable');
  });
});
