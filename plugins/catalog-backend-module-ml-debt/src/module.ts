import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ML_DEBT_SCORECARD_CHANGED_TOPIC,
  MlDebtScorecardChangedEvent,
} from '@ml-debt/plugin-ml-debt-common';
import {
  readLabelReaderDurations,
  ScorecardLabelReader,
} from './labels/ScorecardLabelReader';
import { MlDebtEntityProcessor } from './processor/MlDebtEntityProcessor';

/**
 * Catalog module that applies the ML Debt Scorecards ingestion rules
 * (`mlDebt.catalogRules`) and labels every scanned ML service with its grade
 * and score. Invalid rule configuration stops the backend at start-up. The
 * cached labels of a service are dropped when the ml-debt backend announces
 * a new scorecard for it ({@link ML_DEBT_SCORECARD_CHANGED_TOPIC}).
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
        events: eventsServiceRef,
      },
      async init({ catalog, config, auth, discovery, logger, events }) {
        const labels = new ScorecardLabelReader({
          auth,
          discovery,
          logger,
          ...readLabelReaderDurations(config),
        });
        await events.subscribe({
          id: 'ml-debt-labels',
          topics: [ML_DEBT_SCORECARD_CHANGED_TOPIC],
          async onEvent({ eventPayload }) {
            const { entityRef } = (eventPayload ??
              {}) as Partial<MlDebtScorecardChangedEvent>;
            if (typeof entityRef !== 'string') return;
            try {
              labels.invalidate(parseEntityRef(entityRef));
            } catch (error) {
              logger.debug(
                `Ignored ${ML_DEBT_SCORECARD_CHANGED_TOPIC} event for ${entityRef}: ${error}`,
              );
            }
          },
        });
        catalog.addProcessor(
          MlDebtEntityProcessor.fromConfig(config, { labels }),
        );
      },
    });
  },
});
