import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { DBT_02, looksLikeCode } from './DBT-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/DBT-02', name);

describe('DBT-02 dead experimental codepaths', () => {
  it('fails on dead branches, commented-out code and leftover copies', async () => {
    const result = await evaluateFixture(DBT_02, fixture('dead-code'));
    expect(result.status).toBe('fail');
    // 5 findings: max(0, 100 − 25·5) = 0
    expect(result.score).toBe(0);
    expect(result.summary).toBe(
      'Dead experimental code: 2 dead branches, 1 commented-out code block, 2 old/experimental copies.',
    );
    expect(result.evidence.map(e => [e.path, e.line, e.message])).toEqual([
      [
        'src/fraud/model_v2.py',
        undefined,
        'File named as an old, backup or experimental copy',
      ],
      [
        'src/fraud/train.py',
        14,
        'Branch behind USE_NEW_SAMPLER, a module-level flag hard-wired to False (2 dead lines)',
      ],
      ['src/fraud/train.py', 17, 'Branch that never runs (1 dead lines)'],
      ['src/fraud/train.py', 21, '6 lines of commented-out code'],
      [
        'src/fraud/train.py',
        31,
        'Function train_old is named as an old or experimental variant',
      ],
    ]);
    expect(result.evidence[3].snippet).toBe('# model = xgb.XGBClassifier(');
  });

  it('passes clean code (guards: docstring examples, config-gated flags, prose comments)', async () => {
    const result = await evaluateFixture(DBT_02, fixture('clean'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.evidence).toEqual([]);
  });

  it('does not count commented examples inside docstrings', async () => {
    const result = await evaluateFiles(DBT_02, {
      'features.py': [
        'def scale(x):',
        '    """Scale x.',
        '',
        '    # x = load()',
        '    # y = scale(x)',
        '    # print(y)',
        '    """',
        '    return x / 2',
        '',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('treats a literal-False flag reassigned elsewhere as config-gated', async () => {
    const result = await evaluateFiles(DBT_02, {
      'serve.py': [
        'import os',
        'SHADOW = False',
        'if os.getenv("SHADOW"):',
        '    SHADOW = True',
        'def predict(x):',
        '    if SHADOW:',
        '        log(x)',
        '    return x',
        '',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('ignores dead code in tests and warns on a single finding', async () => {
    const result = await evaluateFiles(DBT_02, {
      'tests/test_a.py': 'if False:\n    pass\n',
      'predict.py':
        'def predict(x):\n    if 0:\n        return None\n    return x\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({ path: 'predict.py', line: 2 });
  });

  it('finds commented-out code in notebook cells, naming the cell', async () => {
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
          source: ['%matplotlib inline\n', 'import pandas as pd'],
        },
        {
          cell_type: 'code',
          execution_count: 2,
          metadata: {},
          outputs: [],
          source: [
            '# df = pd.read_csv("old.csv")\n',
            '# df = df.dropna()\n',
            '# df.head()\n',
            'df = pd.read_parquet("new.parquet")',
          ],
        },
      ],
    });
    const result = await evaluateFiles(DBT_02, { 'analysis.ipynb': notebook });
    expect(result.status).toBe('warn');
    expect(result.evidence[0]).toMatchObject({
      path: 'analysis.ipynb',
      line: 3,
      message: '3 lines of commented-out code (analysis.ipynb cell 2, line 1)',
    });
  });

  it('tells commented-out code from prose', () => {
    expect(looksLikeCode('model = RandomForestClassifier()')).toBe(true);
    expect(looksLikeCode('for row in rows:')).toBe(true);
    expect(looksLikeCode('return model')).toBe(true);
    expect(looksLikeCode('import numpy as np')).toBe(true);
    expect(looksLikeCode('for each merchant we keep the latest rows')).toBe(
      false,
    );
    expect(looksLikeCode('if the model is stale, retrain it.')).toBe(false);
    expect(looksLikeCode('return the best model found so far.')).toBe(false);
    expect(looksLikeCode('Compute features (scaled)')).toBe(false);
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(DBT_02, fixture('dead-code'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
