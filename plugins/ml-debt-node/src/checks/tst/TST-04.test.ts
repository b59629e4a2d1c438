import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_04 } from './TST-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-04', name);

const TRAIN =
  'from sklearn.linear_model import LogisticRegression\n\nLogisticRegression().fit([[0]], [0])\n';

describe('TST-04 no end-to-end pipeline integration test', () => {
  it('passes when CI reproduces the DVC pipeline, as automated', async () => {
    const result = await evaluateFixture(TST_04, fixture('ci-dvc-repro'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 10,
      snippet: 'dvc repro --pull',
    });
  });

  it('passes with a tests/integration test that runs training, when CI runs pytest', async () => {
    const result = await evaluateFixture(TST_04, fixture('integration-test'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'tests/integration/test_pipeline.py',
      line: 7,
    });
  });

  it('fails when CI runs only unit tests (a commented-out `dvc repro` does not count)', async () => {
    const result = await evaluateFixture(TST_04, fixture('unit-tests-only'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
  });

  it('warns when the end-to-end test exists but CI deselects it with -m "not integration"', async () => {
    const result = await evaluateFiles(TST_04, {
      'train.py': TRAIN,
      'tests/test_pipeline_e2e.py':
        'import pytest\n\n@pytest.mark.integration\ndef test_pipeline():\n    assert True\n',
      '.github/workflows/ci.yml':
        'on: [push]\njobs:\n  t:\n    steps:\n      - run: pytest -m "not integration"\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('deselects');
    expect(result.evidence[0]).toMatchObject({
      path: 'tests/test_pipeline_e2e.py',
      line: 3,
    });
  });

  it('warns when the end-to-end test exists but there is no CI to run it', async () => {
    const result = await evaluateFiles(TST_04, {
      'train.py': TRAIN,
      'tests/e2e/test_run.py': 'def test_run():\n    assert True\n',
    });
    expect(result.status).toBe('warn');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'tests/e2e/test_run.py',
      line: 1,
    });
  });

  it('passes for a nightly scheduled CI workflow that runs training (guard: validated by a separate nightly run)', async () => {
    const result = await evaluateFiles(TST_04, {
      'train.py': TRAIN,
      '.github/workflows/nightly.yml':
        'on:\n  schedule:\n    - cron: "0 2 * * *"\njobs:\n  train:\n    steps:\n      - run: python train.py --sample\n',
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('scheduled');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/workflows/nightly.yml',
      line: 7,
    });
  });

  it('fails, with the DAG as evidence, when only the scheduled production DAG runs the pipeline (guard: orchestrator)', async () => {
    const result = await evaluateFiles(TST_04, {
      'forecast/train.py': TRAIN,
      'dags/forecast.py':
        'from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n\nwith DAG("f", schedule="0 3 * * 1") as dag:\n    BashOperator(task_id="train", bash_command="python -m forecast.train")\n',
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('production pipeline');
    expect(result.evidence[0]).toMatchObject({
      path: 'dags/forecast.py',
      line: 5,
    });
  });

  it('does not count a subprocess call in a test that runs something other than the pipeline', async () => {
    const result = await evaluateFiles(TST_04, {
      'train.py': TRAIN,
      'tests/test_cli.py':
        'import subprocess\n\ndef test_version():\n    subprocess.run(["git", "--version"])\n',
    });
    expect(result.status).toBe('fail');
  });

  it('is not applicable without ML training code or a pipeline definition', async () => {
    const result = await evaluateFiles(TST_04, {
      'app/rules.py': 'def price(x):\n    return x * 0.9\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(TST_04, fixture('unit-tests-only'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
