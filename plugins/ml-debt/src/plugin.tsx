import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { MlDebtClient, mlDebtApiRef } from './api/MlDebtApi';
import { mlDebtGradeCatalogFilter } from './components/GradeFilter/extension';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** The API client, installed in the app. */
export const mlDebtApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlDebtApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlDebtClient(deps),
    }),
});

/** The org-wide page at `/ml-debt`, with its nav entry. */
export const mlDebtPage = PageBlueprint.make({
  params: {
    path: '/ml-debt',
    routeRef: rootRouteRef,
    title: 'ML Debt',
    icon: <AssessmentIcon />,
    loader: () => import('./components/MlDebtPage').then(m => <m.MlDebtPage />),
  },
});

/** The "ML Debt" tab of the entity page, on ML services only. */
export const mlDebtEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'ml-debt',
    title: 'ML Debt',
    routeRef: entityContentRouteRef,
    filter: entity => isMlService(entity),
    loader: () =>
      import('./components/EntityMlDebtContent').then(m => (
        <m.EntityMlDebtContent />
      )),
  },
});

/** The ML debt card of the entity overview, on ML services only. */
export const mlDebtEntityCard = EntityCardBlueprint.make({
  params: {
    filter: entity => isMlService(entity),
    loader: () =>
      import('./components/EntityMlDebtCard').then(m => <m.EntityMlDebtCard />),
  },
});

/**
 * The ML Debt Scorecards frontend plugin for the new frontend system.
 *
 * @public
 */
export const mlDebtPlugin = createFrontendPlugin({
  pluginId: 'ml-debt',
  title: 'ML Debt',
  icon: <AssessmentIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    mlDebtApi,
    mlDebtPage,
    mlDebtEntityContent,
    mlDebtEntityCard,
    mlDebtGradeCatalogFilter,
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});
