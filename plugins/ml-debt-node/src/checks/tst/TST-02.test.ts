import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { moduleNames, TST_02 } from './TST-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-02', name);

describe('TST-02 feature code not unit-tested', () => {
  it('passes when every feature module is imported by a test, run in CI', async () => {
    const result = await evaluateFixture(TST_02, fixture('tested-features'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.summary).toBe('2 of 2 feature modules unit-tested.');
    expect(result.evidence.map(e => [e.message, e.path, e.line])).toEqual([
      [
        'src/churn/features.py: Tested by tests/test_features.py',
        'tests/test_features.py',
        3,
      ],
      [
        'src/churn/preprocess.py: Tested by tests/test_preprocess.py',
        'tests/test_preprocess.py',
        3,
      ],
    ]);
  });

  it('fails when no test touches the feature modules', async () => {
    const result = await evaluateFixture(TST_02, fixture('untested-features'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
    expect(result.evidence.map(e => e.path)).toEqual([
      'src/churn/dataset.py',
      'src/churn/features.py',
    ]);
  });

  it('counts a module tested through its public function names', async () => {
    const result = await evaluateFiles(TST_02, {
      'pipeline/transforms.py': 'def add_ratios(df):\n    return df\n',
      'pipeline/etl.py': 'def load(df):\n    return df\n',
      'tests/test_all.py':
        'from pipeline.api import *\n\n\ndef test_ratios():\n    assert add_ratios(1) == 1\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[1].message).toBe(
      'pipeline/transforms.py: Tested through add_ratios()',
    );
  });

  it('accepts an end-to-end pipeline test at 50% (guard: integration-only coverage)', async () => {
    const result = await evaluateFiles(TST_02, {
      'src/shop/features.py': 'def build_features(df):\n    return df\n',
      'tests/integration/test_pipeline.py':
        'import subprocess\n\n\ndef test_pipeline():\n    subprocess.run(["python", "-m", "shop.train"], check=True)\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toBe(
      '0 of 1 feature module unit-tested; the other 1 only through an end-to-end pipeline test.',
    );
    expect(result.evidence[1].path).toBe('tests/integration/test_pipeline.py');
  });

  it('finds feature code by function name too', async () => {
    const result = await evaluateFiles(TST_02, {
      'shop/signals.py': 'def compute_basket_features(df):\n    return df\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0].path).toBe('shop/signals.py');
  });

  it('is not applicable without feature or data-processing modules', async () => {
    const result = await evaluateFiles(TST_02, {
      'serve.py': 'def predict(x):\n    return x\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('resolves the dotted names a file can be imported by', () => {
    expect(moduleNames('src/churn/features/__init__.py')).toEqual([
      'src.churn.features',
      'churn.features',
      'features',
    ]);
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(TST_02, fixture('untested-features'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
