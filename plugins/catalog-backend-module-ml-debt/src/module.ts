import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlDebtEntityProcessor } from './processor/MlDebtEntityProcessor';

/**
 * Catalog module that applies the ML Debt Scorecards ingestion rules.
 *
 * @public
 */
export const catalogModuleMlDebt = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ml-debt',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(MlDebtEntityProcessor.fromConfig(config));
      },
    });
  },
});
