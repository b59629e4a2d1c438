import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { SML_03 } from './SML-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-03', name);

describe('SML-03 pandas chain indexing', () => {
  it('fails on a chained assignment and a chained read on inferred DataFrames, scored by density', async () => {
    const result = await evaluateFixture(SML_03, fixture('chained'));
    expect(result.status).toBe('fail');
    // 1 assignment + 0.25 read over 7 LoC: 100 − 100·min(1, 10·1.25/7) = 0.
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'features.py',
      line: 7,
      snippet: 'recent["amount"][recent["amount"] < 0] = 0',
    });
    expect(result.evidence[0].message).toMatch(
      /Chained assignment on DataFrame recent/,
    );
    expect(result.evidence[1]).toMatchObject({ path: 'features.py', line: 8 });
  });

  it('passes with .loc indexing; chained subscripts on a dict are not DataFrames (guard)', async () => {
    const result = await evaluateFixture(SML_03, fixture('loc'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('infers DataFrames from type annotations and ignores strings', async () => {
    const result = await evaluateFiles(SML_03, {
      'transform.py': [
        'import pandas as pd',
        ...Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`),
        'def clean(frame: pd.DataFrame) -> pd.DataFrame:',
        '    print("frame[a][b] = 1")',
        '    frame["a"]["b"] = 1',
        '    return frame',
      ].join('\n'),
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      path: 'transform.py',
      line: 34,
    });
    expect(result.score).toBeCloseTo(100 - (100 * 10) / 35, 1);
  });

  it('only warns on read chains', async () => {
    const result = await evaluateFiles(SML_03, {
      'report.py': [
        'import pandas as pd',
        'sales = pd.read_parquet("sales.parquet")',
        'top = sales[sales["units"] > 10]["store"]',
        ...Array.from({ length: 37 }, (_, i) => `x${i} = ${i}`),
      ].join('\n'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBeCloseTo(100 - (100 * 10 * 0.25) / 40, 1);
    expect(result.evidence[0]).toMatchObject({ path: 'report.py', line: 3 });
  });

  it('passes Python code without pandas, and is not applicable without Python', async () => {
    const result = await evaluateFiles(SML_03, { 'a.py': 'x = {}\n' });
    expect(result.status).toBe('pass');
    const none = await evaluateFiles(SML_03, { 'README.md': '# docs\n' });
    expect(none.status).toBe('not-applicable');
  });
});
