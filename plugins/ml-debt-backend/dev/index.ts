// `yarn start` in this package: the plugin alone, with a mock catalog holding a
// few ML services, so the API can be tried without the whole portal.
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: ['fraud-detection', 'sentiment-api'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'ml-service',
        owner: 'group:default/ml-platform',
        lifecycle: 'production',
      },
    })),
  }),
);
backend.add(import('../src'));

backend.start();
