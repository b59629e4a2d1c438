import fs from 'node:fs';
import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { DBT_03 } from './DBT-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/DBT-03', name);

/** A 30+ line function whose names and numbers vary with `seed` (deterministic). */
function reportFunction(name: string, seed: number): string {
  let state = seed + 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % 1000;
  };
  const lines = [`def ${name}(rows):`, '    total = 0'];
  for (let i = 0; i < 32; i++) {
    lines.push(`    total += rows[${next()}] * w${next()} - f${next()}(rows)`);
  }
  lines.push('    return total', '');
  return lines.join('\n');
}

describe('DBT-03 duplicated model / feature code', () => {
  it('fails on a copied training function and an x.py / x_new.py pair, both weighted ×2', async () => {
    const result = await evaluateFixture(DBT_03, fixture('duplicated'));
    expect(result.status).toBe('fail');
    // two pairs in model/feature paths: 2·2 = 4 → max(0, 100 − 25·4) = 0
    expect(result.score).toBe(0);
    expect(result.summary).toBe(
      '2 duplicated code pairs, 2 in model, training or feature code.',
    );
    expect(result.evidence).toEqual([
      {
        message:
          'src/churn/features_new.py is a variant copy of src/churn/features.py',
        path: 'src/churn/features_new.py',
      },
      {
        message:
          'train_fraud_model() duplicates train_churn_model() at src/churn/train_churn.py:11 (91% similar, 37 LoC)',
        path: 'src/fraud/train_fraud.py',
        line: 11,
        snippet:
          'def train_fraud_model(df: pd.DataFrame, target: str = "is_fraud") -> Pipeline:',
      },
    ]);
  });

  it('passes distinct code, ignoring identical helpers under 30 lines', async () => {
    const result = await evaluateFixture(DBT_03, fixture('distinct'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(fs.readFileSync(fixture('distinct/src/ranking/io.py'), 'utf8')).toBe(
      fs.readFileSync(fixture('distinct/src/ranking/storage.py'), 'utf8'),
    );
  });

  it('weights duplication outside model, training and feature paths ×1 (warn)', async () => {
    const result = await evaluateFiles(DBT_03, {
      'reports/weekly.py': reportFunction('weekly_total', 1),
      'reports/monthly.py': `import os\n\n\n${reportFunction(
        'monthly_total',
        1,
      )}`,
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0].message).toMatch(
      /^reports\/(weekly|monthly)\.py duplicates reports\/(weekly|monthly)\.py \(\d+% similar, 35 LoC\)$/,
    );
  });

  it('ignores test code', async () => {
    const result = await evaluateFiles(DBT_03, {
      'tests/test_a.py': reportFunction('check_a', 3),
      'tests/test_b.py': reportFunction('check_b', 3),
    });
    expect(result.status).toBe('pass');
  });

  it('stays fast on thousands of functions (MinHash/LSH, no all-pairs)', async () => {
    const files: Record<string, string> = {};
    // 300 functions here (jest runs without a JIT in CI sandboxes); 3,000
    // functions in 150 files take about 1 s of CPU under plain node.
    for (let f = 0; f < 30; f++) {
      const fns: string[] = [];
      for (let g = 0; g < 10; g++) {
        fns.push(reportFunction(`fn_${f}_${g}`, f * 10 + g));
      }
      files[`pkg/mod_${f}.py`] = fns.join('\n');
    }
    const started = Date.now();
    const result = await evaluateFiles(DBT_03, files);
    expect(Date.now() - started).toBeLessThan(60_000);
    // All the functions share their structure but not their names.
    expect(result.status).toBe('pass');
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(DBT_03, fixture('duplicated'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
