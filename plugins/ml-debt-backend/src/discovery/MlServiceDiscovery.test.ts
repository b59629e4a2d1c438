import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_ML_SERVICE_RULES } from '@ml-debt/plugin-ml-debt-common';
import { MlServiceDiscovery } from './MlServiceDiscovery';

function model(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'ml-model',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

describe('MlServiceDiscovery', () => {
  it('pages through the catalog with cursors until every service is found', async () => {
    const catalog = catalogServiceMock({
      entities: Array.from({ length: 23 }, (_, i) =>
        model(`model-${String(i).padStart(2, '0')}`),
      ),
    });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const discovery = new MlServiceDiscovery({
      catalog,
      auth: mockServices.auth(),
      rules: DEFAULT_ML_SERVICE_RULES,
      pageSize: 5,
    });

    const services = await discovery.listServices();

    expect(services).toHaveLength(23);
    expect(new Set(services.map(s => s.entityRef)).size).toBe(23);
    expect(queryEntities).toHaveBeenCalledTimes(5);
    for (const [request] of queryEntities.mock.calls) {
      expect(request).toHaveProperty('limit', 5);
    }
  });
});
