import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MON_02 } from './MON-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MON-02', name);

const API =
  'from fastapi import FastAPI\nimport joblib\n\napp = FastAPI()\nmodel = joblib.load("m.joblib")\n';

describe('MON-02 no serving performance metrics / SLO', () => {
  it('passes with instrumentation and a PrometheusRule, as automated', async () => {
    const result = await evaluateFixture(
      MON_02,
      fixture('instrumented-with-alerts'),
    );
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/alerts.yaml',
      line: 9,
      snippet: '- alert: SentimentApiHighLatency',
    });
    expect(result.evidence[1]).toMatchObject({
      path: 'app/main.py',
      line: 4,
      snippet: 'from prometheus_fastapi_instrumentator import Instrumentator',
    });
  });

  it('passes as manual for a hand-written /metrics route without alert rules', async () => {
    const result = await evaluateFixture(
      MON_02,
      fixture('metrics-route-no-alerts'),
    );
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.summary).toContain('no alert rule or SLO');
    expect(result.evidence[0]).toMatchObject({
      path: 'app.py',
      line: 21,
      snippet: '@app.route("/metrics")',
    });
  });

  it('fails when prometheus-client is only declared and "/metrics" only appears in comments and docstrings', async () => {
    const result = await evaluateFixture(MON_02, fixture('no-metrics'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toContain('serving/api.py');
  });

  it('is not applicable to a batch-only pipeline', async () => {
    const result = await evaluateFixture(MON_02, fixture('batch-only'));
    expect(result.status).toBe('not-applicable');
    expect(result.score).toBeNull();
  });

  it('applies to a repository with only a deployment manifest', async () => {
    const result = await evaluateFiles(MON_02, {
      'deploy/seldon.yaml':
        'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata:\n  name: fraud\n',
    });
    expect(result.status).toBe('fail');
  });

  it('accepts platform metrics and alerting declared on the catalog entity (guard)', async () => {
    const alerting = await evaluateFixture(MON_02, fixture('no-metrics'), {
      entity: mlServiceEntity({
        metadata: {
          annotations: { 'pagerduty.com/service-id': 'P123ABC' },
        },
      }),
    });
    expect(alerting.status).toBe('pass');
    expect(alerting.automation).toBe('automated');
    expect(alerting.evidence[0].path).toBe(
      'metadata.annotations.pagerduty.com/service-id',
    );

    const dashboard = await evaluateFixture(MON_02, fixture('no-metrics'), {
      entity: mlServiceEntity({
        metadata: {
          links: [
            {
              url: 'https://grafana.acme.example/d/recs',
              title: 'Recommendations dashboard',
              type: 'dashboard',
            },
          ],
        },
      }),
    });
    expect(dashboard.status).toBe('pass');
    expect(dashboard.automation).toBe('manual');
    expect(dashboard.evidence[0].path).toBe('metadata.links[0]');
  });

  it('counts KServe scraping and ServiceMonitors as metrics, not as alerting', async () => {
    const result = await evaluateFiles(MON_02, {
      'serve.py': API,
      'deploy/isvc.yaml':
        'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  annotations:\n    serving.kserve.io/enable-prometheus-scraping: "true"\n',
      'deploy/monitor.yaml':
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence.map(e => [e.path, e.line])).toEqual([
      ['deploy/monitor.yaml', 2],
      ['deploy/isvc.yaml', 6],
    ]);
  });

  it('passes for an OpenSLO objective and for a Helm-templated PrometheusRule that does not parse as YAML', async () => {
    const slo = await evaluateFiles(MON_02, {
      'serve.py': API,
      'slo/latency.yaml':
        'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: predict-latency\nspec:\n  objectives:\n    - target: 0.99\n',
    });
    expect(slo.status).toBe('pass');
    expect(slo.evidence[0]).toMatchObject({
      path: 'slo/latency.yaml',
      line: 2,
    });

    const helm = await evaluateFiles(MON_02, {
      'serve.py': API,
      'chart/templates/rules.yaml':
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  groups:\n    - name: {{ .Release.Name }}.rules\n      rules:\n        - alert: HighErrorRate\n          expr: rate(errors_total[5m]) > 1\n',
    });
    expect(helm.status).toBe('pass');
    expect(helm.evidence[0]).toMatchObject({
      path: 'chart/templates/rules.yaml',
      line: 9,
    });
  });

  it('counts auto-instrumentation in the container command', async () => {
    const result = await evaluateFiles(MON_02, {
      'serve.py': API,
      Dockerfile:
        'FROM python:3.11-slim\nCOPY . /app\nCMD ["opentelemetry-instrument", "uvicorn", "serve:app"]\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 3 });
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(MON_02, fixture('no-metrics'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
