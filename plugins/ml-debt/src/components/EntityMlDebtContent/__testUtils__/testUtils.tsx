import { ReactElement } from 'react';
import { HttpResponse } from 'msw';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { MlDebtClient, mlDebtApiRef } from '../../../api/MlDebtApi';
import { fraudDetection } from './testFixtures';

/** The real client, against msw handlers on the backend's URL. */
export const testClient = new MlDebtClient({
  discoveryApi: {
    getBaseUrl: async (pluginId: string) =>
      `http://localhost:7007/api/${pluginId}`,
  } as typeof discoveryApiRef.T,
  fetchApi: { fetch: (...args) => fetch(...args) } as typeof fetchApiRef.T,
});

/** A Backstage error body with its status, as the backend writes it. */
export function errorBody(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/** recharts' ResponsiveContainer measures its parent; jsdom has no layout. */
export function installNoLayoutResizeObserver() {
  (globalThis as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/** Renders an entity view for an entity, with the client and a permission policy. */
export function renderForEntity(
  element: ReactElement,
  options: {
    entity?: Entity;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? fraudDetection}>
      {element}
    </EntityProvider>,
    {
      apis: [
        [mlDebtApiRef, testClient],
        mockApis.permission({
          authorize: options.authorize ?? AuthorizeResult.ALLOW,
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
