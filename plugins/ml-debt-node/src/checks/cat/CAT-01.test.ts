import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { evaluateFixture, mlServiceEntity } from '../../testUtils';
import { CAT_01 } from './CAT-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CAT-01', name);
const descriptor = (name: string): Entity =>
  parse(fs.readFileSync(path.join(fixture(name), 'catalog-info.yaml'), 'utf8'));

const growthMl: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'growth-ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('CAT-01 owner missing or not a team', () => {
  it('passes for a group owner that resolves in the catalog', async () => {
    const entity = {
      ...descriptor('team-owner'),
      relations: [{ type: 'ownedBy', targetRef: 'group:default/growth-ml' }],
    };
    const result = await evaluateFixture(CAT_01, fixture('team-owner'), {
      entity,
      relatedEntities: [growthMl],
    });
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.evidence[0]).toMatchObject({
      path: 'spec.owner',
      snippet: 'owner: group:growth-ml',
    });
  });

  it('fails when spec.owner is missing', async () => {
    const result = await evaluateFixture(CAT_01, fixture('no-owner'), {
      entity: descriptor('no-owner'),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].path).toBe('spec.owner');
    expect(result.summary).toMatch(/no owner/);
  });

  it('fails when the owner is a person rather than a team', async () => {
    const result = await evaluateFixture(CAT_01, fixture('user-owner'), {
      entity: descriptor('user-owner'),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].snippet).toBe('owner: user:jdoe');
    expect(result.summary).toContain('user:default/jdoe');
  });

  it('fails when the owning group does not resolve in the catalog', async () => {
    const entity = {
      ...descriptor('team-owner'),
      relations: [{ type: 'ownedBy', targetRef: 'group:default/growth-ml' }],
    };
    const result = await evaluateFixture(CAT_01, fixture('team-owner'), {
      entity,
      relatedEntities: [],
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/does not resolve/);
  });

  it('does not judge resolution without catalog relations (CLI mode), and says so', async () => {
    const result = await evaluateFixture(CAT_01, fixture('team-owner'), {
      entity: descriptor('team-owner'),
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/not checked/);
  });

  it('reads the owner from the ownedBy relation when spec.owner is absent', async () => {
    const entity = mlServiceEntity({
      relations: [{ type: 'ownedBy', targetRef: 'group:default/growth-ml' }],
    });
    delete entity.spec!.owner;
    const result = await evaluateFixture(CAT_01, fixture('no-owner'), {
      entity,
      relatedEntities: [growthMl],
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable without an entity, and for experimental prototypes (guard: solo research)', async () => {
    expect((await evaluateFixture(CAT_01, fixture('no-owner'))).status).toBe(
      'not-applicable',
    );
    const result = await evaluateFixture(CAT_01, fixture('user-owner'), {
      entity: mlServiceEntity({
        spec: { owner: 'user:jdoe', lifecycle: 'experimental' },
      }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
