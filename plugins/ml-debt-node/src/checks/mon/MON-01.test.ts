import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MON_01 } from './MON-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MON-01', name);

const TRAIN = 'from sklearn.linear_model import LogisticRegression\n';

describe('MON-01 no drift / data-quality monitoring', () => {
  it('passes when a CronJob runs the Evidently drift report, as automated', async () => {
    const result = await evaluateFixture(
      MON_01,
      fixture('scheduled-evidently'),
    );
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/drift-cronjob.yaml',
      line: 7,
      snippet: 'schedule: "15 3 * * *"',
    });
    expect(result.evidence[1]).toMatchObject({
      path: 'src/churn/drift.py',
      line: 5,
    });
  });

  it('passes when a scheduled Airflow DAG imports the drift module (one import hop)', async () => {
    const result = await evaluateFixture(MON_01, fixture('airflow-dag'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'dags/weekly_monitoring.py',
      line: 11,
    });
    expect(result.summary).toContain('forecast/monitoring.py');
  });

  it('passes as manual when drift code exists but nothing schedules it', async () => {
    const result = await evaluateFixture(
      MON_01,
      fixture('manual-drift-report'),
    );
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.summary).toContain('runs only by hand');
    expect(result.evidence[0]).toMatchObject({
      path: 'monitoring/profile_inputs.py',
      line: 8,
      snippet: 'import whylogs as why',
    });
  });

  it('fails when evidently is only declared, mentioned in comments and docstrings, or used in tests', async () => {
    const result = await evaluateFixture(MON_01, fixture('no-monitoring'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
    expect(result.evidence).toEqual([]);
  });

  it('stays manual when CI runs the drift code on push but no schedule does', async () => {
    const result = await evaluateFiles(MON_01, {
      'train.py': TRAIN,
      'monitoring/drift_check.py':
        'from alibi_detect.cd import KSDrift\n\ndef check(ref, cur):\n    return KSDrift(ref).predict(cur)\n',
      '.github/workflows/ci.yml':
        'on: [push]\njobs:\n  drift:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python monitoring/drift_check.py\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.summary).toContain(
      'CI or a pipeline runs it, but no schedule does',
    );
  });

  it('passes when a GitHub cron workflow reaches the drift code through a Make target', async () => {
    const result = await evaluateFiles(MON_01, {
      'svc/__init__.py': '',
      'svc/train.py': TRAIN,
      'svc/monitoring/drift.py':
        'import whylogs as why\n\ndef profile(df):\n    return why.log(df)\n',
      Makefile: 'drift:\n\tpython -m svc.monitoring.drift --window 1d\n',
      '.github/workflows/nightly.yml':
        'on:\n  schedule:\n    - cron: "0 2 * * *"\njobs:\n  drift:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make drift\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: '.github/workflows/nightly.yml',
      line: 3,
    });
  });

  it('passes for a SageMaker monitoring schedule declared in CloudFormation', async () => {
    const result = await evaluateFiles(MON_01, {
      'train.py': TRAIN,
      'infra/monitoring.yaml':
        'Resources:\n  DataQualitySchedule:\n    Type: AWS::SageMaker::MonitoringSchedule\n    Properties:\n      MonitoringScheduleName: churn-data-quality\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'infra/monitoring.yaml',
      line: 3,
    });
  });

  it('passes for a SageMaker DefaultModelMonitor created in code, but not for the name in a comment', async () => {
    const inCode = await evaluateFiles(MON_01, {
      'monitor.py':
        'import sklearn\nfrom sagemaker.model_monitor import DefaultModelMonitor\n\nmonitor = DefaultModelMonitor(role="x")\n',
    });
    expect(inCode.status).toBe('pass');
    expect(inCode.automation).toBe('manual');
    expect(inCode.evidence[0]).toMatchObject({ path: 'monitor.py', line: 2 });

    const inComment = await evaluateFiles(MON_01, {
      'monitor.py':
        'import sklearn\n# later: DefaultModelMonitor\nnote = "ModelQualityMonitor"\n',
    });
    expect(inComment.status).toBe('fail');
  });

  it('passes when monitoring lives in a central platform linked from the catalog (guard)', async () => {
    const result = await evaluateFixture(MON_01, fixture('no-monitoring'), {
      entity: mlServiceEntity({
        metadata: {
          links: [
            {
              url: 'https://arize.acme.example/models/churn',
              title: 'Model monitoring (platform team)',
              type: 'monitoring',
            },
          ],
        },
      }),
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'metadata.links[0]',
      url: 'https://arize.acme.example/models/churn',
    });
  });

  it('does not count a generic service dashboard, but reports it', async () => {
    const result = await evaluateFixture(MON_01, fixture('no-monitoring'), {
      entity: mlServiceEntity({
        metadata: {
          links: [
            {
              url: 'https://grafana.acme.example/d/churn',
              title: 'Churn service dashboard',
              type: 'dashboard',
            },
          ],
        },
      }),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].path).toBe('metadata.links[0]');
    expect(result.evidence[0].message).toContain('not counted');
  });

  it('counts a dashboard whose title names drift or data quality', async () => {
    const result = await evaluateFixture(MON_01, fixture('no-monitoring'), {
      entity: mlServiceEntity({
        metadata: {
          links: [
            {
              url: 'https://grafana.acme.example/d/churn-drift',
              title: 'Drift and data-quality dashboard',
              type: 'dashboard',
            },
          ],
        },
      }),
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable to a repository without ML code', async () => {
    const result = await evaluateFiles(MON_01, {
      'src/main.js': 'console.log("hello")\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(MON_01, fixture('no-monitoring'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
