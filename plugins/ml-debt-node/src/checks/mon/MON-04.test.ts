import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MON_04 } from './MON-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MON-04', name);

const TRAIN =
  'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n\ndef main():\n    LogisticRegression().fit(pd.DataFrame(), [])\n';

describe('MON-04 no retraining schedule / staleness tracking', () => {
  it('passes when a cron workflow runs the training module, as automated', async () => {
    const result = await evaluateFixture(MON_04, fixture('scheduled-retrain'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/workflows/retrain.yml',
      line: 4,
      snippet: '- cron: "0 4 * * 1"',
    });
    expect(result.summary).toContain('churn/train.py');
  });

  it('warns when training is a DVC stage that nothing schedules', async () => {
    const result = await evaluateFixture(MON_04, fixture('dvc-unscheduled'));
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0].path).toBe('dvc.yaml');
  });

  it('fails when training runs by hand and CI only runs the tests', async () => {
    const result = await evaluateFixture(MON_04, fixture('manual-training'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
    expect(result.evidence[0].path).toBe('train.py');
  });

  it('passes when a scheduled `dvc repro` reaches the training stage', async () => {
    const result = await evaluateFiles(MON_04, {
      'src/fit_model.py': TRAIN,
      'dvc.yaml':
        'stages:\n  fit:\n    cmd: python src/fit_model.py\n    outs: [model.pkl]\n',
      '.gitlab-ci.yml':
        'retrain:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"\n  script:\n    - dvc repro\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: '.gitlab-ci.yml',
      line: 3,
    });
  });

  it('passes for a scheduled Airflow DAG with a train task, but only warns for schedule=None', async () => {
    const dag = (schedule: string) =>
      `from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n\nwith DAG(dag_id="forecast", schedule=${schedule}) as dag:\n    BashOperator(task_id="train", bash_command="python -m forecast.step")\n`;
    const scheduled = await evaluateFiles(MON_04, {
      'forecast/step.py': TRAIN,
      'dags/forecast.py': dag('"@weekly"'),
    });
    expect(scheduled.status).toBe('pass');
    expect(scheduled.evidence[0]).toMatchObject({
      path: 'dags/forecast.py',
      line: 4,
    });

    const manual = await evaluateFiles(MON_04, {
      'forecast/step.py': TRAIN,
      'dags/forecast.py': dag('None'),
    });
    expect(manual.status).toBe('warn');
  });

  it('accepts event-driven retraining on data arrival (guard)', async () => {
    const sensor = await evaluateFiles(MON_04, {
      'train.py': TRAIN,
      'dags/retrain_on_new_data.py':
        'from airflow import DAG\nfrom airflow.providers.amazon.aws.sensors.s3 import S3KeySensor\nfrom airflow.operators.bash import BashOperator\n\nwith DAG(dag_id="retrain", schedule=None) as dag:\n    wait = S3KeySensor(task_id="wait", bucket_key="s3://b/new/*.parquet")\n    wait >> BashOperator(task_id="fit", bash_command="python train.py")\n',
    });
    expect(sensor.status).toBe('pass');
    expect(sensor.summary).toContain('triggered by new data');
    expect(sensor.evidence[0]).toMatchObject({
      path: 'dags/retrain_on_new_data.py',
      line: 6,
    });

    const dataPush = await evaluateFiles(MON_04, {
      'train.py': TRAIN,
      '.github/workflows/retrain.yml':
        'on:\n  push:\n    paths: ["data/**", "*.dvc"]\njobs:\n  fit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n',
    });
    expect(dataPush.status).toBe('pass');
    expect(dataPush.evidence[0]).toMatchObject({
      path: '.github/workflows/retrain.yml',
      line: 3,
    });
  });

  it('passes for an exported model-age metric and for a model-age alert rule', async () => {
    const metric = await evaluateFiles(MON_04, {
      'train.py': TRAIN,
      'serve.py':
        'from prometheus_client import Gauge\nfrom fastapi import FastAPI\n\napp = FastAPI()\nMODEL_AGE = Gauge(\n    "churn_model_age_seconds", "Age of the serving model"\n)\n',
    });
    expect(metric.status).toBe('pass');
    expect(metric.evidence[0]).toMatchObject({ path: 'serve.py', line: 5 });

    const alert = await evaluateFiles(MON_04, {
      'train.py': TRAIN,
      'deploy/rules.yaml':
        'groups:\n  - name: churn\n    rules:\n      - alert: ChurnModelStale\n        expr: time() - churn_model_trained_at_timestamp > 45 * 86400\n',
    });
    expect(alert.status).toBe('pass');
    expect(alert.evidence[0]).toMatchObject({
      path: 'deploy/rules.yaml',
      line: 5,
    });
  });

  it('does not count trained_at stored as model metadata, nor a nightly test run that mentions test_train.py', async () => {
    const result = await evaluateFiles(MON_04, {
      'train.py': `${TRAIN}    meta = {"trained_at": "now"}\n`,
      'tests/test_train.py': 'def test_x():\n    pass\n',
      '.github/workflows/nightly.yml':
        'on:\n  schedule:\n    - cron: "0 1 * * *"\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/test_train.py\n',
    });
    expect(result.status).toBe('fail');
  });

  it('does not take a Dependabot schedule, or a drift CronJob next to a one-off training Job, for a retraining schedule', async () => {
    const result = await evaluateFiles(MON_04, {
      'train.py': TRAIN,
      '.github/dependabot.yml':
        'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n',
      'deploy/jobs.yaml':
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: drift\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: drift\n              command: ["python", "-m", "monitoring.drift"]\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train-once\nspec:\n  template:\n    spec:\n      containers:\n        - name: train\n          command: ["python", "train.py"]\n',
    });
    expect(result.status).toBe('warn');
    expect(result.evidence[0].path).toBe('deploy/jobs.yaml');
    expect(result.summary).toContain('nothing schedules it');
  });

  it('is not applicable to a repository without ML code', async () => {
    const result = await evaluateFiles(MON_04, { 'main.go': 'package main\n' });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(MON_04, fixture('manual-training'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
