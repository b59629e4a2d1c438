import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MDL_01 } from './MDL-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MDL-01', name);

describe('MDL-01 trained model is never persisted', () => {
  it('fails when a model is fitted and never saved; the preprocessor fit and commented-out dump do not count', async () => {
    const result = await evaluateFixture(MDL_01, fixture('fit-never-saved'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 11,
      snippet: 'clf.fit(X, df["is_fraud"])',
    });
  });

  it('passes when another module persists the model the training function returns', async () => {
    const result = await evaluateFixture(MDL_01, fixture('saved-by-caller'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'churn/pipeline.py',
      line: 9,
    });
  });

  it('passes a PyTorch training loop that saves its state_dict', async () => {
    const result = await evaluateFixture(MDL_01, fixture('torch-loop-saved'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 12 });
    expect(result.evidence[1]).toMatchObject({ path: 'train.py', line: 11 });
  });

  it('passes when a DVC stage outputs the model file', async () => {
    const result = await evaluateFixture(MDL_01, fixture('dvc-model-out'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'dvc.yaml',
      snippet: 'models/booster.ubj',
    });
  });

  it('is not applicable when only exploration notebooks, tests and preprocessors fit (guards)', async () => {
    const result = await evaluateFixture(MDL_01, fixture('exploration-only'));
    expect(result.status).toBe('not-applicable');
  });

  it('counts a root-level training notebook as training', async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          source: [
            'from xgboost import XGBClassifier\n',
            'model = XGBClassifier()\n',
            'model.fit(X, y)\n',
          ],
          outputs: [],
          execution_count: 1,
        },
      ],
      nbformat: 4,
    });
    const result = await evaluateFiles(MDL_01, { 'train.ipynb': notebook });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({ path: 'train.ipynb', line: 3 });
  });

  it('accepts registry logging (mlflow log_model) as persistence', async () => {
    const result = await evaluateFiles(MDL_01, {
      'train.py':
        'import mlflow\nfrom lightgbm import LGBMRegressor\nmodel = LGBMRegressor()\nmodel.fit(X, y)\nmlflow.lightgbm.log_model(model, artifact_path="model")\n',
    });
    expect(result.status).toBe('pass');
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(MDL_01, fixture('fit-never-saved'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
