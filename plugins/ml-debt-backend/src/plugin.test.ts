import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mlDebtPlugin } from './plugin';

function component(
  name: string,
  type: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type,
      owner: 'group:default/fraud-ml',
      lifecycle: 'production',
      system: 'fraud-prevention',
    },
  };
}

const entities: Entity[] = [
  component('fraud-detection', 'ml-model'),
  component('churn-prototype', 'ml-model'),
  component('demand-forecast', 'ml-pipeline'),
  component('recommendation-service', 'ml-service'),
  component('rules-engine', 'service', { 'ml-debt.io/enabled': 'true' }),
  component('legacy-scorer', 'ml-model', { 'ml-debt.io/enabled': 'false' }),
  component('payments-gateway', 'service'),
  component('marketing-website', 'website'),
];

describe('ml-debt backend plugin', () => {
  it('lists exactly the ML services of the catalog', async () => {
    const { server } = await startTestBackend({
      features: [mlDebtPlugin, catalogServiceMock.factory({ entities })],
    });

    const res = await request(server).get('/api/ml-debt/services');

    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual([
      'component:default/churn-prototype',
      'component:default/demand-forecast',
      'component:default/fraud-detection',
      'component:default/recommendation-service',
      'component:default/rules-engine',
    ]);
    expect(res.body.items[2]).toEqual({
      entityRef: 'component:default/fraud-detection',
      title: 'fraud-detection',
      type: 'ml-model',
      owner: 'group:default/fraud-ml',
      system: 'fraud-prevention',
      lifecycle: 'production',
    });
  });

  it('uses the configured discovery rules', async () => {
    const { server } = await startTestBackend({
      features: [
        mlDebtPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { mlDebt: { discovery: { types: ['ml-pipeline'] } } },
        }),
      ],
    });

    const res = await request(server).get('/api/ml-debt/services');

    expect(
      res.body.items.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual([
      'component:default/demand-forecast',
      'component:default/rules-engine',
    ]);
  });

  it('refuses unauthenticated requests', async () => {
    const { server } = await startTestBackend({
      features: [mlDebtPlugin, catalogServiceMock.factory({ entities })],
    });

    const res = await request(server)
      .get('/api/ml-debt/services')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });
});
