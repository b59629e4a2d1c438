import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { OPS_04 } from './OPS-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/OPS-04', name);

const serve = (uri: string) =>
  `import mlflow\nfrom fastapi import FastAPI\n\napp = FastAPI()\nmodel = mlflow.pyfunc.load_model("${uri}")\n`;
const RUNBOOK =
  '# Runbook\n\n## Rollback\n\nPoint the service at the previous version.\n';

describe('OPS-04 no rollback path', () => {
  it('passes with a versioned model reference and a documented rollback, as manual', async () => {
    const result = await evaluateFixture(
      OPS_04,
      fixture('versioned-with-runbook'),
    );
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/deployment.yaml',
      line: 13,
      message: 'Versioned model reference',
    });
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path: 'docs/runbook.md', line: 7 }),
    );
  });

  it('fails when the service loads the Production stage and nothing documents a rollback', async () => {
    const result = await evaluateFixture(OPS_04, fixture('production-stage'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/deployment.yaml',
      line: 13,
      snippet: 'models:/churn/Production',
      message: 'Mutable model reference',
    });
  });

  it('warns at 50 for a versioned reference without any rollback runbook or workflow', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': serve('models:/churn/7'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[0]).toMatchObject({ path: 'serve.py', line: 5 });
  });

  it('accepts an MLflow alias when the rollback is documented (guard: alias-based serving)', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': serve('models:/churn@champion'),
      'RUNBOOK.md': RUNBOOK,
    });
    expect(result.status).toBe('pass');
  });

  it('warns for an MLflow alias without a documented rollback', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': serve('models:/churn@champion'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(25);
  });

  it('treats @latest as mutable, and a scripted rollback workflow as automated', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': serve('models:/churn@latest'),
      '.github/workflows/rollback.yml':
        'on: workflow_dispatch\njobs:\n  r:\n    steps:\n      - run: ./scripts/deploy.sh --rollback "$PREVIOUS"\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'serve.py',
      message: 'Mutable model reference',
    });
  });

  it('flags an untagged or :latest serving image when the model is baked into it', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'deploy/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/m:latest\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/deployment.yaml',
      line: 10,
      message: 'Mutable image tag',
    });
  });

  it('does not read model references in comments', async () => {
    const result = await evaluateFiles(OPS_04, {
      'serve.py': `${serve(
        'models:/churn/7',
      )}# was: models:/churn/Production\n`,
      'RUNBOOK.md': RUNBOOK,
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable without serving', async () => {
    const result = await evaluateFiles(OPS_04, {
      'train.py': 'from sklearn.linear_model import Ridge\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(OPS_04, fixture('production-stage'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
