import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { VER_03 } from './VER-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/VER-03', name);

const TRAIN = 'from sklearn.linear_model import LogisticRegression\n';

describe('VER-03 no model registry', () => {
  it('fails when the model is only dumped to disk (a commented-out register_model does not count)', async () => {
    const result = await evaluateFixture(VER_03, fixture('no-registry'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toEqual([]);
  });

  it('passes with mlflow.register_model, automated by the retraining workflow', async () => {
    const result = await evaluateFixture(VER_03, fixture('mlflow-register'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 13,
      snippet:
        'mlflow.register_model(f"runs:/{run.info.run_id}/model", "churn")',
    });
  });

  it('fails when the model is only logged with the run, naming the near miss', async () => {
    const result = await evaluateFixture(VER_03, fixture('logged-only'));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({
      path: 'forecast/train.py',
      line: 13,
      message: 'Logs the model with the run but never registers it',
    });
  });

  it('passes with an MLmodel file', async () => {
    const result = await evaluateFiles(VER_03, {
      'model/MLmodel': 'flavors:\n  python_function: {}\nrun_id: abc\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('model/MLmodel');
    expect(result.automation).toBe('manual');
  });

  it('passes with a dvc.yaml model artifact', async () => {
    const result = await evaluateFiles(VER_03, {
      'dvc.yaml':
        'artifacts:\n  churn:\n    path: models/model.pkl\n    type: model\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('dvc.yaml');
  });

  it('passes when serving loads a models:/ URI from the registry', async () => {
    const result = await evaluateFiles(VER_03, {
      'serve.py': `${TRAIN}import mlflow\nmodel = mlflow.pyfunc.load_model("models:/churn/7")\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'serve.py', line: 3 });
  });

  it.each([
    ['wandb.Artifact', 'art = wandb.Artifact("ranker", type="model")'],
    ['push_to_hub', 'model.push_to_hub("acme/sentiment", revision="v3")'],
    [
      'MlflowClient instance',
      'client.set_registered_model_alias("churn", "champion", 7)',
    ],
    ['SageMaker', 'step = RegisterModel(model_package_group_name="churn")'],
  ])('passes with %s', async (_name, line) => {
    const result = await evaluateFiles(VER_03, {
      'train.py': `${TRAIN}${line}\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 2 });
  });

  it('passes with a registry link on the entity, but not with an experiment link', async () => {
    const withRegistry = await evaluateFiles(
      VER_03,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity({
          metadata: {
            links: [
              {
                url: 'https://mlflow.acme.example/#/experiments/3',
                title: 'MLflow experiment',
              },
              {
                url: 'https://mlflow.acme.example/#/models/churn',
                title: 'Churn model',
              },
            ],
          },
        }),
      },
    );
    expect(withRegistry.status).toBe('pass');
    expect(withRegistry.evidence).toHaveLength(1);
    expect(withRegistry.evidence[0].path).toBe('metadata.links[1]');

    const experimentOnly = await evaluateFiles(
      VER_03,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity({
          metadata: {
            links: [
              {
                url: 'https://mlflow.acme.example/#/experiments/3',
                title: 'MLflow experiment',
              },
            ],
          },
        }),
      },
    );
    expect(experimentOnly.status).toBe('fail');
  });

  it('passes with a registered-model annotation', async () => {
    const result = await evaluateFiles(
      VER_03,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity({
          metadata: {
            annotations: {
              'ml.acme.example/registered-model': 'models:/churn',
            },
          },
        }),
      },
    );
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe(
      'metadata.annotations["ml.acme.example/registered-model"]',
    );
  });

  it('follows dependsOn to the pipeline component that registers the model (guard)', async () => {
    const pipeline = mlServiceEntity({
      metadata: {
        name: 'churn-training',
        annotations: {
          'ml.acme.example/model-registry': 'https://mlflow.acme.example',
        },
      },
      spec: { type: 'ml-pipeline' },
    });
    const entity = mlServiceEntity({
      spec: { dependsOn: ['component:churn-training'] },
    });
    const result = await evaluateFiles(
      VER_03,
      { 'serve.py': `${TRAIN}model = load()\n` },
      { entity, relatedEntities: [pipeline] },
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('churn-training');

    const unregistered = await evaluateFiles(
      VER_03,
      { 'serve.py': `${TRAIN}model = load()\n` },
      {
        entity,
        relatedEntities: [
          mlServiceEntity({
            metadata: { name: 'churn-training' },
            spec: { type: 'ml-pipeline' },
          }),
        ],
      },
    );
    expect(unregistered.status).toBe('fail');
    expect(unregistered.evidence[0].message).toContain('churn-training');
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(VER_03, { 'app.py': 'import flask\n' });
    expect(result.status).toBe('not-applicable');
  });
});
