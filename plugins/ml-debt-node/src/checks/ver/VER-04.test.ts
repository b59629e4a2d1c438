import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { VER_04 } from './VER-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/VER-04', name);

const TRAIN = 'from sklearn.linear_model import LogisticRegression\n';

describe('VER-04 no experiment tracking', () => {
  it('fails when the training script only prints its metrics', async () => {
    const result = await evaluateFixture(VER_04, fixture('no-tracking'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('passes with Weights & Biases, automated by a workflow', async () => {
    const result = await evaluateFixture(VER_04, fixture('wandb'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'ranker/train.py',
      line: 2,
      snippet: 'import wandb',
    });
  });

  it('warns when only a notebook tracks experiments and the training script does not', async () => {
    const result = await evaluateFixture(VER_04, fixture('notebook-only'));
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence.map(e => e.path)).toEqual([
      'notebooks/experiments.ipynb',
      'churn/train.py',
    ]);
  });

  it('does not count an MLflow import that only loads a model', async () => {
    const result = await evaluateFiles(VER_04, {
      'serve.py': `${TRAIN}import mlflow\nmodel = mlflow.pyfunc.load_model("models:/churn/3")\n`,
    });
    expect(result.status).toBe('fail');
  });

  it('does not count tracking code in comments or strings', async () => {
    const result = await evaluateFiles(VER_04, {
      'train.py': `${TRAIN}# import mlflow\nprint("mlflow.log_metric( is next")\n`,
    });
    expect(result.status).toBe('fail');
  });

  it('passes with mlflow.autolog', async () => {
    const result = await evaluateFiles(VER_04, {
      'train.py': `${TRAIN}import mlflow\n\nmlflow.sklearn.autolog()\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 4 });
  });

  it('passes with report_to="wandb" but not report_to="none"', async () => {
    const tracked = await evaluateFiles(VER_04, {
      'finetune.py':
        'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="out", report_to="wandb")\n',
    });
    expect(tracked.status).toBe('pass');
    expect(tracked.evidence[0]).toMatchObject({ path: 'finetune.py', line: 2 });
    const untracked = await evaluateFiles(VER_04, {
      'finetune.py':
        'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="out", report_to="none")\n',
    });
    expect(untracked.status).toBe('fail');
  });

  it('passes with DVC metrics', async () => {
    const result = await evaluateFiles(VER_04, {
      'dvc.yaml':
        'stages:\n  eval:\n    cmd: python eval.py\n    metrics:\n      - metrics.json:\n          cache: false\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('dvc.yaml');
    expect(result.automation).toBe('automated');
  });

  it('accepts platform auto-tracking, e.g. a SageMaker experiment_config (guard)', async () => {
    const result = await evaluateFiles(VER_04, {
      'pipeline/launch.py': `${TRAIN}estimator.fit(inputs, experiment_config={"ExperimentName": "churn"})\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'pipeline/launch.py',
      line: 2,
    });
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(VER_04, { 'app.py': 'import flask\n' });
    expect(result.status).toBe('not-applicable');
  });
});
