import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_06 } from './TST-06';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-06', name);

const TRAIN =
  'from sklearn.linear_model import LogisticRegression\n\nmodel = LogisticRegression().fit(x, y)\n';

describe('TST-06 no pre-release model quality gate or baseline', () => {
  it('passes with an evaluation step that gates on an AUC floor and a dummy baseline, run by the DVC pipeline', async () => {
    const result = await evaluateFixture(TST_06, fixture('gated-evaluation'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'churn/evaluate.py',
      line: 20,
      message: 'Metric threshold that stops the release',
    });
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path: 'churn/evaluate.py', line: 6 }),
    );
  });

  it('fails without gate or baseline, and flags threshold-dependent metrics only (Zhang #19)', async () => {
    const result = await evaluateFixture(TST_06, fixture('no-gate'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toContain('threshold-dependent');
    // The commented-out assertion on line 15 is not a gate.
    expect(result.evidence).toEqual([
      expect.objectContaining({
        path: 'train.py',
        line: 13,
        message: expect.stringContaining('Zhang #19'),
      }),
    ]);
  });

  it('warns on a gated baseline comparison that reports accuracy only (Zhang #19 sub-flag)', async () => {
    const result = await evaluateFiles(TST_06, {
      'train.py': TRAIN,
      'tests/test_quality.py':
        'from sklearn.dummy import DummyClassifier\nfrom sklearn.metrics import accuracy_score\n\n\ndef test_beats_baseline():\n    baseline_acc = 0.5\n    acc = 0.9\n    assert acc > baseline_acc\n',
      'evaluate.py':
        'from sklearn.metrics import accuracy_score\n\nprint(accuracy_score(y, model.predict(x)))\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence[0]).toMatchObject({
      path: 'tests/test_quality.py',
      line: 8,
    });
  });

  it('accepts a threshold-free scoring string such as scoring="roc_auc" (strings are read, not blanked, for this)', async () => {
    const result = await evaluateFiles(TST_06, {
      'train.py':
        'from sklearn.metrics import f1_score\nfrom sklearn.model_selection import GridSearchCV\n\nsearch = GridSearchCV(est, grid, scoring="roc_auc")\nprint(f1_score(y, p))\n',
    });
    expect(result.summary).not.toContain('threshold-dependent');
  });

  it('does not count a training-loss assertion in a unit test as a release gate (that is TST-03)', async () => {
    const result = await evaluateFiles(TST_06, {
      'train.py': TRAIN,
      'tests/test_model.py':
        'def test_loss_decreases():\n    loss, initial_loss = 0.1, 1.0\n    assert loss < initial_loss\n',
    });
    expect(result.status).toBe('fail');
  });

  it('passes with a CI gate (dvc metrics diff) and a baseline', async () => {
    const result = await evaluateFiles(TST_06, {
      'train.py': `${TRAIN}baseline_auc = 0.5\n`,
      '.github/workflows/ci.yml':
        'on: [pull_request]\njobs:\n  m:\n    steps:\n      - run: dvc metrics diff main\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
  });

  it('is not applicable without ML modules', async () => {
    const result = await evaluateFiles(TST_06, {
      'rules.py': 'def price(x):\n    return x\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(TST_06, fixture('no-gate'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});

describe('TST-06 partial practice', () => {
  it('passes with a baseline comparison alone (any of gate or baseline, §7.2), naming the missing gate', async () => {
    const result = await evaluateFiles(TST_06, {
      'train.py':
        'from sklearn.linear_model import LogisticRegression\n\nmodel = LogisticRegression().fit(x, y)\n',
      'evaluate.py':
        'from sklearn.metrics import roc_auc_score\n\n\ndef bm25_baseline(frame):\n    return roc_auc_score(frame.y, frame.bm25)\n',
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('no metric threshold gates the release');
    expect(result.evidence[0]).toMatchObject({ path: 'evaluate.py', line: 4 });
  });
});
