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
    // A portal whose one ML service has not been scanned yet: the page lists
    // it under "No scorecards yet".
    const grades = { A: 0, B: 0, C: 0, D: 0, F: 0 };
    server.use(
      http.get('*/api/ml-debt/scorecards', () =>
        HttpResponse.json({ items: [], totalCount: 0, limit: 50, offset: 0 }),
      ),
      http.get('*/api/ml-debt/overview', () =>
        HttpResponse.json({
          count: 0,
          averageScore: null,
          grades,
          topFailingChecks: [],
        }),
      ),
      http.get('*/api/ml-debt/rollups', ({ request }) =>
        HttpResponse.json({
          groupBy: new URL(request.url).searchParams.get('groupBy'),
          groups: [],
        }),
      ),
      http.get('*/api/ml-debt/checks', () => HttpResponse.json({ items: [] })),
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

    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
    expect(screen.getByText('Sentiment API')).toBeInTheDocument();
  });
});
