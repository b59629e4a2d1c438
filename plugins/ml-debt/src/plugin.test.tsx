import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { mlDebtPlugin } from './plugin';

describe('mlDebtPlugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('mounts the org page at /ml-debt with its API client', async () => {
    server.use(
      http.get('*/api/ml-debt/services', () =>
        HttpResponse.json({
          items: [
            {
              entityRef: 'component:default/sentiment-api',
              title: 'Sentiment API',
              type: 'ml-service',
            },
          ],
        }),
      ),
    );

    renderTestApp({
      features: [mlDebtPlugin],
      initialRouteEntries: ['/ml-debt'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(await screen.findByText('Sentiment API')).toBeInTheDocument();
  });
});
