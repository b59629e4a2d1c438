import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  readLabelReaderDurations,
  ScorecardLabelReader,
} from './labels/ScorecardLabelReader';
import { MlDebtEntityProcessor } from './processor/MlDebtEntityProcessor';

/**
 * Catalog module that applies the ML Debt Scorecards ingestion rules
 * (`mlDebt.catalogRules`) and labels every scanned ML service with its grade
 * and score. Invalid rule configuration stops the backend at start-up.
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
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({ catalog, config, auth, discovery, logger }) {
        const labels = new ScorecardLabelReader({
          auth,
          discovery,
          logger,
          ...readLabelReaderDurations(config),
        });
        catalog.addProcessor(
          MlDebtEntityProcessor.fromConfig(config, { labels }),
        );
      },
    });
  },
});
