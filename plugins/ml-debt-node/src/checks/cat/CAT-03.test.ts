import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { evaluateFixture } from '../../testUtils';
import { CAT_03 } from './CAT-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CAT-03', name);
const descriptor = (name: string): Entity =>
  parse(fs.readFileSync(path.join(fixture(name), 'catalog-info.yaml'), 'utf8'));

const api = (relations: Entity['relations'], tags: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'churn-score-api', namespace: 'default', tags },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'group:growth-ml' },
  relations,
});

describe('CAT-03 undeclared consumers', () => {
  it('fails a serving component that provides no API', async () => {
    const result = await evaluateFixture(CAT_03, fixture('undeclared-api'), {
      entity: descriptor('undeclared-api'),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].path).toBe('spec.providesApis');
    expect(result.evidence[1]).toMatchObject({
      path: 'serving/api.py',
      line: 5,
      snippet: 'app = FastAPI(title="churn-api")',
    });
  });

  it('passes when the provided API has declared consumers', async () => {
    const result = await evaluateFixture(CAT_03, fixture('declared-api'), {
      entity: descriptor('declared-api'),
      relatedEntities: [
        api([{ type: 'apiConsumedBy', targetRef: 'component:default/crm' }]),
      ],
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].message).toMatch(
      /consumed by component:default\/crm/,
    );
  });

  it('fails when the provided API has no apiConsumedBy relation', async () => {
    const result = await evaluateFixture(CAT_03, fixture('declared-api'), {
      entity: descriptor('declared-api'),
      relatedEntities: [api([])],
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0].snippet).toBe('api:default/churn-score-api');
  });

  it('accepts a public API whose consumers live outside the catalog (guard)', async () => {
    const result = await evaluateFixture(CAT_03, fixture('declared-api'), {
      entity: descriptor('declared-api'),
      relatedEntities: [api([], ['public'])],
    });
    expect(result.status).toBe('pass');
  });

  it('does not judge consumers when the API entity was not supplied (CLI mode)', async () => {
    const result = await evaluateFixture(CAT_03, fixture('declared-api'), {
      entity: descriptor('declared-api'),
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/not checked/);
  });

  it('passes batch scoring that writes to a Resource with declared readers (guard)', async () => {
    const scores: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'churn-scores', namespace: 'default' },
      spec: { type: 'table', owner: 'group:growth-ml' },
      relations: [
        { type: 'dependencyOf', targetRef: 'component:default/churn-batch' },
        { type: 'dependencyOf', targetRef: 'component:default/crm' },
      ],
    };
    const result = await evaluateFixture(CAT_03, fixture('batch-scoring'), {
      entity: descriptor('batch-scoring'),
      relatedEntities: [scores],
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'batch_score.py',
      line: 10,
    });
  });

  it('fails batch scoring whose output table has no declared readers', async () => {
    const result = await evaluateFixture(CAT_03, fixture('batch-scoring'), {
      entity: descriptor('batch-scoring'),
    });
    expect(result.status).toBe('fail');
  });

  it('is not applicable without serving code', async () => {
    const result = await evaluateFixture(CAT_03, fixture('batch-only'), {
      entity: descriptor('batch-only'),
    });
    expect(result.status).toBe('not-applicable');
  });
});
