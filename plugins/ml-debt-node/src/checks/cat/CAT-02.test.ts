import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { CAT_02 } from './CAT-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CAT-02', name);
const descriptor = (name: string): Entity =>
  parse(fs.readFileSync(path.join(fixture(name), 'catalog-info.yaml'), 'utf8'));
const run = (name: string) =>
  evaluateFixture(CAT_02, fixture(name), { entity: descriptor(name) });

describe('CAT-02 lifecycle vs production signals', () => {
  it('fails an experimental service with serving code and a container image', async () => {
    const result = await run('experimental-serving');
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toMatch(/serving code, a container image/);
    expect(result.evidence.map(e => e.path)).toEqual(
      expect.arrayContaining(['spec.lifecycle', 'app.py', 'Dockerfile']),
    );
  });

  it('fails an experimental service with a production deployment manifest', async () => {
    const result = await run('experimental-k8s');
    expect(result.status).toBe('fail');
    expect(result.evidence[1]).toMatchObject({
      path: 'deploy/inferenceservice.yaml',
      line: 2,
      snippet: 'kind: InferenceService',
    });
  });

  it('passes an experimental research repository without production signals', async () => {
    const result = await run('experimental-research');
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('ignores staging-only deployments (guard)', async () => {
    const result = await run('experimental-staging-only');
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/staging\/dev-only/);
    expect(result.evidence[1].path).toBe('deploy/staging/deployment.yaml');
  });

  it('warns when serving code is the only signal', async () => {
    const result = await evaluateFiles(
      CAT_02,
      {
        'serve.py':
          'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/predict")\ndef predict(x: dict) -> dict:\n    return {}\n',
      },
      { entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }) },
    );
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
  });

  it('fails an experimental service that a production component consumes', async () => {
    const entity = mlServiceEntity({
      spec: { lifecycle: 'experimental', providesApis: ['churn-api'] },
    });
    const consumer: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'crm', namespace: 'default' },
      spec: { lifecycle: 'production', consumesApis: ['churn-api'] },
    };
    const result = await evaluateFiles(
      CAT_02,
      { 'train.py': 'print("train")\n' },
      { entity, relatedEntities: [consumer] },
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/1 production consumer/);
  });

  it('fails a production service that is untested notebooks (reverse case)', async () => {
    const result = await run('production-notebooks-untested');
    expect(result.status).toBe('fail');
    expect(result.evidence[1].path).toBe('train_and_score.ipynb');
  });

  it('fails a production service whose Makefile executes its notebooks and that has no tests', async () => {
    const script = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`).join(
      '\n',
    );
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['import pandas as pd\n'], outputs: [] },
      ],
      nbformat: 4,
    });
    const result = await evaluateFiles(
      CAT_02,
      {
        'train.py': `${script}\n`,
        'eda.ipynb': notebook,
        Makefile:
          'retrain:\n\tjupyter nbconvert --to notebook --execute --inplace eda.ipynb\n\tpython train.py\n',
      },
      { entity: mlServiceEntity() },
    );
    expect(result.status).toBe('fail');
    expect(result.evidence[2]).toMatchObject({ path: 'Makefile', line: 2 });
  });

  it('passes a production notebook service once it has tests', async () => {
    const result = await run('production-notebooks-tested');
    expect(result.status).toBe('pass');
  });

  it('applies to experimental services despite lifecycle gating', () => {
    expect(CAT_02.appliesToExperimental).toBe(true);
  });
});
