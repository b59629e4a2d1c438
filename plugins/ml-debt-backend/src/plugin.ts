import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ML_DEBT_SCORECARD_CHANGED_TOPIC,
  MlDebtScorecardChangedEvent,
} from '@ml-debt/plugin-ml-debt-common';
import {
  MlDebtCheck,
  MlDebtChecksExtensionPoint,
  mlDebtChecksExtensionPoint,
  readMlServiceRules,
} from '@ml-debt/plugin-ml-debt-node';
import { DatabaseMlDebtStore } from './database';
import { MlServiceDiscovery } from './discovery/MlServiceDiscovery';
import { registerMlDebtPermissions } from './permissions';
import { createRouter } from './router';
import {
  buildCheckCatalogue,
  readScanOptions,
  ScanCoordinator,
  Scanner,
} from './scan';
import { createSourceReader } from './source';

/**
 * Options of {@link createMlDebtPlugin}, for tests that need to control time
 * or tell replicas apart.
 *
 * @internal
 */
export interface MlDebtPluginOptions {
  /** The plugin's clock: scan times, cycle slots, leases, waiver expiry. */
  clock?: () => Date;
  /** Name of this replica in the scan queue's claims. */
  workerId?: string;
}

/**
 * Creates the ml-debt backend plugin; {@link mlDebtPlugin} is the one a
 * backend installs.
 *
 * @internal
 */
export function createMlDebtPlugin(options: MlDebtPluginOptions = {}) {
  return createBackendPlugin({
    pluginId: 'ml-debt',
    register(env) {
      // Modules add their checks during their own init, which runs before
      // this plugin's; the list is read, and validated, in init below.
      const moduleChecks: MlDebtCheck[] = [];
      const extension: MlDebtChecksExtensionPoint = {
        addChecks(...checks) {
          moduleChecks.push(...checks.flat());
        },
      };
      env.registerExtensionPoint(mlDebtChecksExtensionPoint, extension);

      env.registerInit({
        deps: {
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          database: coreServices.database,
          scheduler: coreServices.scheduler,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          urlReader: coreServices.urlReader,
          lifecycle: coreServices.lifecycle,
          catalog: catalogServiceRef,
          events: eventsServiceRef,
        },
        async init({
          logger,
          config,
          database,
          scheduler,
          httpRouter,
          httpAuth,
          auth,
          permissions,
          permissionsRegistry,
          urlReader,
          lifecycle,
          catalog,
          events,
        }) {
          // Configuration is validated before anything is scheduled: a bad
          // custom check or schedule stops the backend with its message.
          const catalogue = buildCheckCatalogue({ config, moduleChecks });
          const scanOptions = readScanOptions(config);
          const rules = readMlServiceRules(config);
          const store = await DatabaseMlDebtStore.create({ database });
          const discovery = new MlServiceDiscovery({ auth, catalog, rules });

          registerMlDebtPermissions(permissionsRegistry, {
            async getResources(entityRefs) {
              const credentials = await auth.getOwnServiceCredentials();
              return Promise.all(
                entityRefs.map(async entityRef => {
                  const stored = await store.getScorecard(entityRef);
                  if (stored) return { entityRef, owner: stored.owner };
                  // Not scanned yet: the owner comes from the catalog, so
                  // that owners can waive before the first scan finishes.
                  const entity = await catalog.getEntityByRef(entityRef, {
                    credentials,
                  });
                  if (!entity) return undefined;
                  const owner = entity.spec?.owner;
                  return {
                    entityRef,
                    owner: typeof owner === 'string' ? owner : undefined,
                  };
                }),
              );
            },
          });

          const scanner = new Scanner({
            store,
            sourceReader: createSourceReader({ urlReader, config }),
            catalog,
            auth,
            logger,
            catalogue,
            timeoutMs: scanOptions.serviceTimeoutMs,
            clock: options.clock,
            // Lets the catalog module re-stamp the entity's grade label soon:
            // first the event, on which the module drops the labels it has
            // cached for the service, then the refresh, whose processing
            // asks the backend again.
            onGradeChanged: async (entityRef, { grade, score }) => {
              const eventPayload: MlDebtScorecardChangedEvent = {
                entityRef,
                grade,
                score,
              };
              await events
                .publish({
                  topic: ML_DEBT_SCORECARD_CHANGED_TOPIC,
                  eventPayload,
                })
                .catch(error =>
                  logger.warn(
                    `Could not publish ${ML_DEBT_SCORECARD_CHANGED_TOPIC} for ${entityRef}; its catalog labels may lag one processing cycle: ${error}`,
                  ),
                );
              await catalog.refreshEntity(entityRef, {
                credentials: await auth.getOwnServiceCredentials(),
              });
            },
          });
          const coordinator = new ScanCoordinator({
            store,
            scanner,
            discovery,
            logger,
            options: scanOptions,
            clock: options.clock,
            workerId: options.workerId,
          });
          lifecycle.addShutdownHook(() => coordinator.stop());
          await coordinator.start(scheduler);

          httpRouter.use(
            await createRouter({
              httpAuth,
              auth,
              permissions,
              catalog,
              discovery,
              rules,
              store,
              catalogue,
              coordinator,
              clock: options.clock,
            }),
          );
          logger.info(
            `ml-debt: ${
              catalogue.checks.length
            } checks, scans every ${JSON.stringify(
              scanOptions.schedule.frequency,
            )} with concurrency ${scanOptions.concurrency}`,
          );
        },
      });
    },
  });
}

/**
 * The ml-debt backend plugin: finds ML services in the catalog, scans and
 * scores them on a schedule shared by the backend's replicas, and serves
 * scorecards, history, rollups, waivers and exports under `/api/ml-debt`.
 *
 * @public
 */
export const mlDebtPlugin = createMlDebtPlugin();
