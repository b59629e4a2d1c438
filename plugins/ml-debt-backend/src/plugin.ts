import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readMlServiceRules } from '@ml-debt/plugin-ml-debt-node';
import { MlServiceDiscovery } from './discovery/MlServiceDiscovery';
import { createRouter } from './router';

/**
 * The ml-debt backend plugin: finds ML services in the catalog, scans and scores
 * them, and serves the results under `/api/ml-debt`.
 *
 * @public
 */
export const mlDebtPlugin = createBackendPlugin({
  pluginId: 'ml-debt',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ auth, config, httpAuth, httpRouter, catalog }) {
        const discovery = new MlServiceDiscovery({
          auth,
          catalog,
          rules: readMlServiceRules(config),
        });
        httpRouter.use(await createRouter({ httpAuth, discovery }));
      },
    });
  },
});
