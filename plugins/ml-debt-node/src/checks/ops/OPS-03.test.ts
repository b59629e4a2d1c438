import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { OPS_03 } from './OPS-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/OPS-03', name);

const SERVE = 'from fastapi import FastAPI\n\napp = FastAPI()\n';

describe('OPS-03 serving without canary or shadow', () => {
  it('passes with an Argo Rollouts canary that the deploy workflow applies, as automated', async () => {
    const result = await evaluateFixture(OPS_03, fixture('argo-canary'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/rollout.yaml',
      line: 19,
      message: 'Argo Rollouts canary',
    });
  });

  it('fails for a plain Deployment that switches all traffic at once', async () => {
    const result = await evaluateFixture(OPS_03, fixture('plain-deployment'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/deployment.yaml',
      line: 2,
    });
  });

  it('passes with a KServe canaryTrafficPercent below 100', async () => {
    const result = await evaluateFiles(OPS_03, {
      'deploy/isvc.yaml':
        'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  predictor:\n    canaryTrafficPercent: 10\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/isvc.yaml',
      line: 7,
    });
  });

  it('does not count an Istio VirtualService with a single weighted route (it is not a split)', async () => {
    const result = await evaluateFiles(OPS_03, {
      'serve.py': SERVE,
      'deploy/vs.yaml':
        'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: m\nspec:\n  http:\n    - route:\n        - destination: {host: m}\n          weight: 100\n',
    });
    expect(result.status).toBe('fail');
  });

  it('passes with an Istio VirtualService splitting traffic over two weighted routes', async () => {
    const result = await evaluateFiles(OPS_03, {
      'serve.py': SERVE,
      'deploy/vs.yaml':
        'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: m\nspec:\n  http:\n    - route:\n        - destination: {host: m, subset: v1}\n          weight: 90\n        - destination: {host: m, subset: v2}\n          weight: 10\n',
    });
    expect(result.status).toBe('pass');
  });

  it('passes with a Flagger Canary', async () => {
    const result = await evaluateFiles(OPS_03, {
      'serve.py': SERVE,
      'deploy/canary.yaml':
        'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata:\n  name: m\nspec: {}\n',
    });
    expect(result.status).toBe('pass');
  });

  it('passes with SageMaker deployment guardrails in Python (CanarySize in a dict key)', async () => {
    const result = await evaluateFiles(OPS_03, {
      'deploy.py':
        'import boto3\n\nsm = boto3.client("sagemaker")\nsm.create_endpoint_config(EndpointConfigName="m", ProductionVariants=[v])\nsm.update_endpoint(EndpointName="m", DeploymentConfig={"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}}}})\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'deploy.py', line: 5 });
  });

  it('passes when the entity declares platform-managed rollouts (guard: platform-managed rollouts)', async () => {
    const result = await evaluateFixture(OPS_03, fixture('plain-deployment'), {
      entity: mlServiceEntity({
        metadata: {
          annotations: { 'acme.io/progressive-delivery': 'platform-flagger' },
        },
      }),
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe(
      'metadata.annotations.acme.io/progressive-delivery',
    );
  });

  it('is not applicable without serving', async () => {
    const result = await evaluateFiles(OPS_03, {
      'train.py': 'from sklearn.linear_model import Ridge\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(OPS_03, fixture('plain-deployment'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
