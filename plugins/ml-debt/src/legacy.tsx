/*
 * The plugin for apps on the legacy frontend system (`createApp` from
 * `@backstage/app-defaults`, routes and entity pages written in `App.tsx`).
 * Apps on the new frontend system use the default export of this package.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MlDebtClient, mlDebtApiRef } from './api/MlDebtApi';

/** Route of the org-wide page in a legacy app. */
const legacyRootRouteRef = createRouteRef({ id: 'ml-debt' });
/** Route of the entity tab in a legacy app. */
const legacyEntityContentRouteRef = createRouteRef({
  id: 'ml-debt:entity-content',
});

/**
 * The ML Debt Scorecards plugin for the legacy frontend system, with the API
 * client factory.
 *
 * @public
 */
export const mlDebtLegacyPlugin = createPlugin({
  id: 'ml-debt',
  apis: [
    createApiFactory({
      api: mlDebtApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlDebtClient(deps),
    }),
  ],
  routes: {
    root: legacyRootRouteRef,
    entityContent: legacyEntityContentRouteRef,
  },
});

/**
 * The org-wide ML debt page, for a `<Route path="/ml-debt">` of a legacy app.
 *
 * @public
 */
export const MlDebtPage = mlDebtLegacyPlugin.provide(
  createRoutableExtension({
    name: 'MlDebtPage',
    component: () => import('./components/MlDebtPage').then(m => m.MlDebtPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The "ML Debt" tab of an ML service's entity page, for an
 * `<EntityLayout.Route path="/ml-debt" if={isMlService}>` of a legacy app.
 *
 * @public
 */
export const EntityMlDebtContent = mlDebtLegacyPlugin.provide(
  createRoutableExtension({
    name: 'EntityMlDebtContent',
    component: () =>
      import('./components/EntityMlDebtContent').then(
        m => m.EntityMlDebtContent,
      ),
    mountPoint: legacyEntityContentRouteRef,
  }),
);

/**
 * The ML debt card for an ML service's overview tab in a legacy app.
 *
 * @public
 */
export const EntityMlDebtCard = mlDebtLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityMlDebtCard',
    component: {
      lazy: () =>
        import('./components/EntityMlDebtCard').then(m => m.EntityMlDebtCard),
    },
  }),
);
