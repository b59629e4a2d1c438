import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_07 } from './TST-07';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-07', name);

const TRAIN =
  'from sklearn.linear_model import LogisticRegression\n\nmodel = LogisticRegression().fit(x, y)\n';

describe('TST-07 no sliced or fairness evaluation', () => {
  it('passes with a fairlearn MetricFrame per-slice gate that the DVC pipeline runs', async () => {
    const result = await evaluateFixture(
      TST_07,
      fixture('fairlearn-metricframe'),
    );
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'credit/evaluate.py',
      line: 9,
      message: 'Sliced evaluation',
    });
  });

  it('fails with aggregate metrics only (a TODO naming fairlearn does not count)', async () => {
    const result = await evaluateFixture(TST_07, fixture('aggregate-only'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('passes with a metric computed in a loop over groupby slices, as manual when nothing runs it', async () => {
    const result = await evaluateFiles(TST_07, {
      'train.py': TRAIN,
      'report.py':
        'from sklearn.metrics import roc_auc_score\n\nfor region, part in test.groupby("region"):\n    print(region, roc_auc_score(part.y, part.p))\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'report.py',
      line: 3,
      message: 'Metric computed per group',
    });
  });

  it('passes with groupby(...).apply(metric)', async () => {
    const result = await evaluateFiles(TST_07, {
      'train.py': TRAIN,
      'evaluate.py':
        'per_region = test.groupby("region").apply(lambda g: roc_auc_score(g.y, g.p))\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'evaluate.py', line: 1 });
  });

  it('warns when per-group results exist only in the model card', async () => {
    const result = await evaluateFiles(TST_07, {
      'train.py': TRAIN,
      'MODEL_CARD.md':
        '# Churn model\n\n## Per-group results\n\n| plan | AUC |\n|---|---|\n| basic | 0.81 |\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[0]).toMatchObject({
      path: 'MODEL_CARD.md',
      line: 3,
    });
  });

  it('warns when slicing lives in a linked BI dashboard (guard: slicing in dashboards)', async () => {
    const result = await evaluateFiles(
      TST_07,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity({
          metadata: {
            links: [
              {
                url: 'https://bi.example/d/churn',
                title: 'Churn AUC by segment',
                type: 'dashboard',
              },
            ],
          },
        }),
      },
    );
    expect(result.status).toBe('warn');
    expect(result.evidence[0]).toMatchObject({
      path: 'metadata.links',
      snippet: 'https://bi.example/d/churn',
    });
  });

  it('is not applicable without ML modules', async () => {
    const result = await evaluateFiles(TST_07, {
      'rules.py': 'def price(x):\n    return x\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(TST_07, fixture('aggregate-only'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
