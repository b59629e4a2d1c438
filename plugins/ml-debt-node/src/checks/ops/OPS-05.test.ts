import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { OPS_05 } from './OPS-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/OPS-05', name);

const SERVE =
  'import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\nmodel = joblib.load("model.joblib")\n';

describe('OPS-05 training/serving skew risk', () => {
  it('fails when serving re-implements a training transform, pointing at both copies', async () => {
    const result = await evaluateFixture(
      OPS_05,
      fixture('duplicated-transform'),
    );
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toEqual([
      expect.objectContaining({ path: 'serving/app.py', line: 10 }),
      expect.objectContaining({ path: 'training/features.py', line: 5 }),
    ]);
  });

  it('passes when serving imports the feature module that training uses', async () => {
    const result = await evaluateFixture(
      OPS_05,
      fixture('shared-feature-module'),
    );
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'churn/features.py',
      line: 5,
      message:
        'Training and serving both import the feature code in churn/features.py',
    });
  });

  it('passes when training persists an sklearn Pipeline with the model', async () => {
    const result = await evaluateFiles(OPS_05, {
      'serve.py': SERVE,
      'train.py':
        'import joblib\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.linear_model import LogisticRegression\n\npipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(x, y)\njoblib.dump(pipe, "model.joblib")\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 6 });
  });

  it('passes with Feast features read both historically (training) and online (serving)', async () => {
    const result = await evaluateFiles(OPS_05, {
      'feature_store.yaml':
        'project: churn\nregistry: data/registry.db\nprovider: local\n',
      'train.py':
        'from feast import FeatureStore\n\nstore = FeatureStore(".")\nframe = store.get_historical_features(entity_df=e, features=f).to_df()\nmodel.fit(frame)\n',
      'serve.py': `${SERVE}features = store.get_online_features(features=f, entity_rows=r)\n`,
    });
    expect(result.status).toBe('pass');
  });

  it('does not flag a transform that serving imports from the training module (guard: "without importing them")', async () => {
    const result = await evaluateFiles(OPS_05, {
      'pkg/train.py':
        'from sklearn.linear_model import Ridge\n\ndef clean_frame(df):\n    return df\n\nRidge().fit(clean_frame(x), y)\n',
      'pkg/serve.py': `${SERVE}from pkg.train import clean_frame\n`,
    });
    expect(result.status).toBe('pass');
  });

  it('passes when features come from a declared upstream feature service (guard: precomputed features)', async () => {
    const upstream: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'customer-feature-api' },
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'group:data',
        definition: '',
      },
    };
    const result = await evaluateFiles(
      OPS_05,
      {
        'serve.py': SERVE,
        'train.py':
          'from sklearn.linear_model import Ridge\n\nRidge().fit(x, y)\n',
      },
      { entity: mlServiceEntity(), relatedEntities: [upstream] },
    );
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('api:customer-feature-api');
  });

  it('warns when nothing links training and serving features', async () => {
    const result = await evaluateFiles(OPS_05, {
      'serve.py': SERVE,
      'train.py':
        'from sklearn.linear_model import Ridge\n\nRidge().fit(x, y)\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
  });

  it('is not applicable without serving code', async () => {
    const result = await evaluateFiles(OPS_05, {
      'train.py':
        'from sklearn.linear_model import Ridge\n\nRidge().fit(x, y)\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable when the repository holds serving code only', async () => {
    const result = await evaluateFiles(OPS_05, { 'serve.py': SERVE });
    expect(result.status).toBe('not-applicable');
  });

  it('is low confidence (advisory) and gated out of experimental services', async () => {
    expect(OPS_05.confidence).toBe('low');
    const result = await evaluateFixture(
      OPS_05,
      fixture('duplicated-transform'),
      {
        entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
      },
    );
    expect(result.status).toBe('not-applicable');
  });
});
