import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_05 } from './TST-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-05', name);

const TRAIN =
  'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\nLogisticRegression().fit([[0]], [0])\n';

describe('TST-05 no data schema or validation', () => {
  it('passes with a Great Expectations (≤0.18) project whose checkpoint CI runs, as automated', async () => {
    const result = await evaluateFixture(
      TST_05,
      fixture('great-expectations-ci'),
    );
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence.map(e => e.path)).toContain(
      'great_expectations/great_expectations.yml',
    );
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: '.github/workflows/ci.yml',
        line: 10,
        snippet: 'great_expectations checkpoint run customers',
      }),
    );
  });

  it('passes with a GX 1.x project (gx/) that nothing runs, as manual', async () => {
    const result = await evaluateFixture(TST_05, fixture('gx-manual'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('manual');
    expect(result.evidence[0].path).toBe('gx/great_expectations.yml');
    expect(result.summary).toContain('nothing in CI or a pipeline runs it');
  });

  it('passes with a pandera schema used by the training module the DVC pipeline runs, as automated', async () => {
    const result = await evaluateFixture(TST_05, fixture('pandera-pipeline'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'churn/schemas.py',
      line: 3,
    });
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path: 'dvc.yaml', line: 3 }),
    );
  });

  it('fails without any validation (a TODO comment naming pandera does not count)', async () => {
    const result = await evaluateFixture(TST_05, fixture('no-validation'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('passes, naming the gap, when only the serving API has typed pydantic request models', async () => {
    const result = await evaluateFiles(TST_05, {
      'train.py': TRAIN,
      'app/schemas.py':
        'from pydantic import BaseModel, Field\n\n\nclass ScoreRequest(BaseModel):\n    tenure_months: int = Field(ge=0)\n',
      'app/main.py':
        'from fastapi import FastAPI\n\nfrom app.schemas import ScoreRequest\n\napp = FastAPI()\n',
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('training data itself has no schema');
    expect(result.evidence[0]).toMatchObject({
      path: 'app/schemas.py',
      line: 4,
    });
  });

  it('ignores pydantic models outside serving code (a training config is not a schema)', async () => {
    const result = await evaluateFiles(TST_05, {
      'train.py': TRAIN,
      'config.py':
        'from pydantic import BaseModel\n\n\nclass TrainConfig(BaseModel):\n    lr: float = 0.1\n',
    });
    expect(result.status).toBe('fail');
  });

  it.each([
    [
      'TFDV schema',
      { 'schema/schema.pbtxt': 'feature { name: "age" type: INT }\n' },
      'schema/schema.pbtxt',
    ],
    [
      'Soda checks',
      { 'soda/checks.yml': 'checks for customers:\n  - row_count > 0\n' },
      'soda/checks.yml',
    ],
    [
      'dbt schema tests',
      {
        'models/schema.yml':
          'version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: id\n        tests: [unique, not_null]\n',
      },
      'models/schema.yml',
    ],
    [
      'deepchecks',
      {
        'validate.py':
          'from deepchecks.tabular.suites import data_integrity\n\ndata_integrity().run(ds)\n',
      },
      'validate.py',
    ],
  ])('passes with %s', async (_, files, evidencePath) => {
    const result = await evaluateFiles(TST_05, { 'train.py': TRAIN, ...files });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe(evidencePath);
  });

  it('passes when a declared upstream data resource carries a quality annotation (guard: upstream validation)', async () => {
    const resource: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'customer-features',
        annotations: { 'acme.io/data-quality-suite': 'customers' },
      },
      spec: { type: 'dataset', owner: 'group:data-platform' },
    };
    const result = await evaluateFiles(
      TST_05,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity(),
        relatedEntities: [resource],
      },
    );
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('resource:default/customer-features');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(TST_05, fixture('no-validation'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
