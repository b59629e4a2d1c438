import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { CAT_04 } from './CAT-04';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CAT-04', name);
const descriptor = (name: string): Entity =>
  parse(fs.readFileSync(path.join(fixture(name), 'catalog-info.yaml'), 'utf8'));
const resource = (name: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type, owner: 'group:data-engineering' },
});

describe('CAT-04 undeclared data dependencies', () => {
  it('fails when code reads a warehouse and a bucket but dependsOn has no Resource', async () => {
    const result = await evaluateFixture(
      CAT_04,
      fixture('undeclared-warehouse'),
      {
        entity: descriptor('undeclared-warehouse'),
      },
    );
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toMatch(/2 place/);
    expect(result.evidence[1]).toMatchObject({
      path: 'forecast/sources.py',
      line: 7,
      snippet: 'EVENTS = "s3://acme-events/promotions/2026/"',
    });
    expect(result.evidence[2]).toMatchObject({
      path: 'forecast/sources.py',
      line: 11,
    });
  });

  it('ignores URIs in comments and docstrings', async () => {
    const result = await evaluateFixture(
      CAT_04,
      fixture('undeclared-warehouse'),
      {
        entity: descriptor('undeclared-warehouse'),
      },
    );
    expect(result.evidence.map(e => e.line)).not.toContain(1);
    expect(result.evidence.map(e => e.line)).not.toContain(6);
  });

  it('passes when the data sources are declared as Resources', async () => {
    const result = await evaluateFixture(
      CAT_04,
      fixture('declared-resources'),
      {
        entity: descriptor('declared-resources'),
        relatedEntities: [
          resource('sales-daily', 'table'),
          resource('promotion-events', 'bucket'),
        ],
      },
    );
    expect(result.status).toBe('pass');
    expect(result.evidence[0].snippet).toBe('resource:default/sales-daily');
  });

  it('warns when the declared Resources are none of a data type (stricter variant)', async () => {
    const result = await evaluateFixture(
      CAT_04,
      fixture('declared-resources'),
      {
        entity: descriptor('declared-resources'),
        relatedEntities: [resource('sales-daily', 'kubernetes-cluster')],
      },
    );
    expect(result.status).toBe('warn');
  });

  it('does not count local sample CSVs, model artefact URIs or test fixtures (guards)', async () => {
    const result = await evaluateFixture(CAT_04, fixture('local-data-only'), {
      entity: descriptor('local-data-only'),
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/No read of an external data source/);
  });

  it('warns when the data may come through a declared upstream service (guard)', async () => {
    const result = await evaluateFixture(
      CAT_04,
      fixture('undeclared-warehouse'),
      {
        entity: mlServiceEntity({
          spec: { dependsOn: ['component:feature-service'] },
        }),
      },
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/component:default\/feature-service/);
  });

  it('reports a correction cascade: depending on another model component', async () => {
    const upstreamModel: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'base-churn-model', namespace: 'default' },
      spec: {
        type: 'ml-model',
        lifecycle: 'production',
        owner: 'group:growth-ml',
      },
    };
    const result = await evaluateFiles(
      CAT_04,
      {
        'train.py': 'import pandas as pd\nframe = pd.read_csv("data/x.csv")\n',
      },
      {
        entity: mlServiceEntity({
          spec: { dependsOn: ['component:base-churn-model'] },
        }),
        relatedEntities: [upstreamModel],
      },
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/correction cascade/);
  });
});
